/**
 * Runs the tasks with at most `concurrency` at a time, in order. When one
 * fails, `onFailure` is called once (to abort the others) and tasks not yet
 * started are skipped; the first failure is thrown after all started tasks
 * settled.
 */
export async function runWithConcurrency<T>(
  tasks: Array<() => Promise<T>>,
  { concurrency, onFailure }: { concurrency: number; onFailure: (error: unknown) => void },
): Promise<T[]> {
  if (tasks.length === 1) {
    // The usual call (one provider call per generation): no worker in between.
    try {
      return [await tasks[0]!()];
    } catch (error) {
      onFailure(error);
      throw error;
    }
  }
  const results: T[] = new Array(tasks.length);
  let next = 0;
  let failed = false;
  let firstError: unknown;

  const worker = async () => {
    while (!failed && next < tasks.length) {
      const index = next++;
      try {
        results[index] = await tasks[index]();
      } catch (error) {
        if (!failed) {
          failed = true;
          firstError = error;
          onFailure(error);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
  if (failed) throw firstError;
  return results;
}
