/**
 * Runs `task` every `everyMs` until the returned stop is called. A run still going when the next one is due is
 * not overlapped (that tick is skipped); a failed run is reported to `onError` and the next one runs. The timer is
 * unref'd so it never keeps the process alive on its own.
 */
export function runEvery(task: () => Promise<unknown>, everyMs: number, onError: (err: unknown) => void): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    task()
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
