import { afterEach, describe, expect, it } from 'vitest';
import { raceAbort } from './abort';

describe('raceAbort', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
    unhandled.length = 0;
  });

  it('rejects at once on an aborted signal, and leaves no unhandled rejection of the raced promise', async () => {
    process.on('unhandledRejection', onUnhandled);
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    let rejectLater!: (error: Error) => void;
    const pending = new Promise<never>((_resolve, reject) => {
      rejectLater = reject;
    });
    await expect(raceAbort(pending, controller.signal)).rejects.toThrow('stopped');
    // The request behind the promise fails afterwards, as an aborted fetch does.
    rejectLater(new Error('aborted request'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(unhandled).toStrictEqual([]);
  });

  it('settles with the promise while the signal stays quiet', async () => {
    await expect(raceAbort(Promise.resolve(7), new AbortController().signal)).resolves.toBe(7);
  });
});
