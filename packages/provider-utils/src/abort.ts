/** An AbortController that also aborts when any of the given signals does. */
export function createLinkedAbortController(...signals: Array<AbortSignal | undefined>): {
  controller: AbortController;
  dispose: () => void;
} {
  const controller = new AbortController();
  const cleanups: Array<() => void> = [];
  for (const signal of signals) {
    if (!signal) continue;
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    const onAbort = () => controller.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    cleanups.push(() => signal.removeEventListener('abort', onAbort));
  }
  return {
    controller,
    dispose: () => {
      for (const cleanup of cleanups) cleanup();
    },
  };
}

/**
 * Settles with `promise`, or rejects with the signal's reason as soon as the
 * signal aborts, so that a model method that ignores its signal cannot delay
 * an abort.
 */
export function raceAbort<T>(promise: PromiseLike<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return Promise.resolve(promise);
  if (signal.aborted) {
    // The promise was already started: its later rejection (e.g. the aborted request) is not ours to report.
    Promise.resolve(promise).catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    Promise.resolve(promise).then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** A DOMException-style AbortError. */
export function createAbortError(message: string): Error {
  if (typeof DOMException !== 'undefined') return new DOMException(message, 'AbortError');
  const error = new Error(message);
  error.name = 'AbortError';
  return error;
}

const detachMarker = Symbol.for('videogen.abort.detach');

/**
 * An abort reason that only stops watching a job (the client of a route went
 * away): the job is not cancelled at the provider, keeps running and can be
 * resumed with its reference. `waitOrCancel` sees it and sends no cancel
 * request; the abort error's `cancellation` is `'not-requested'`.
 */
export function createDetachError(message = 'Stopped watching the job; it keeps running at the provider.'): Error {
  const error = createAbortError(message);
  Object.defineProperty(error, detachMarker, { value: true });
  return error;
}

/** Whether an abort reason came from {@link createDetachError}. */
export function isDetachError(reason: unknown): boolean {
  return typeof reason === 'object' && reason !== null && (reason as Record<symbol, unknown>)[detachMarker] === true;
}
