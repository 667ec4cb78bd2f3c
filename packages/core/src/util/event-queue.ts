/**
 * A single-consumer async queue: `push` never blocks; iteration waits for
 * the next item and ends after `close`.
 */
export function createEventQueue<T>(): {
  push: (item: T) => void;
  close: () => void;
  iterable: AsyncIterable<T>;
} {
  const buffer: T[] = [];
  let closed = false;
  let waiting: ((result: IteratorResult<T>) => void) | undefined;
  let iterated = false;
  return {
    push(item) {
      if (closed) return;
      if (waiting) {
        const resolve = waiting;
        waiting = undefined;
        resolve({ value: item, done: false });
      } else {
        buffer.push(item);
      }
    },
    close() {
      closed = true;
      if (waiting) {
        const resolve = waiting;
        waiting = undefined;
        resolve({ value: undefined, done: true });
      }
    },
    iterable: {
      [Symbol.asyncIterator]() {
        if (iterated) throw new Error('The events of a streamVideo call can be read once.');
        iterated = true;
        return {
          next() {
            if (buffer.length > 0) return Promise.resolve({ value: buffer.shift()!, done: false });
            if (closed) return Promise.resolve({ value: undefined, done: true });
            return new Promise<IteratorResult<T>>((resolve) => {
              waiting = resolve;
            });
          },
          return() {
            // The reader stopped: drop what is left; the generation goes on.
            buffer.length = 0;
            closed = true;
            return Promise.resolve({ value: undefined, done: true });
          },
        };
      },
    },
  };
}
