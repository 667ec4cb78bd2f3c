import type { DownloadProgress } from '../types';

const MIN_STEP_BYTES = 1024 * 1024;

/**
 * Thins out download progress so that a large download reports about once
 * per percent (or per MiB when the size is unknown), plus its final count.
 */
export function createProgressThrottle(report: (progress: DownloadProgress) => void): {
  update: (progress: DownloadProgress) => void;
  flush: () => void;
} {
  let last: DownloadProgress | undefined;
  let reportedBytes = -1;
  return {
    update(progress) {
      last = progress;
      const step = progress.totalBytes ? Math.max(progress.totalBytes / 100, 1) : MIN_STEP_BYTES;
      if (reportedBytes < 0 || progress.bytes - reportedBytes >= step || progress.bytes === progress.totalBytes) {
        reportedBytes = progress.bytes;
        report(progress);
      }
    },
    flush() {
      if (last && last.bytes !== reportedBytes) {
        reportedBytes = last.bytes;
        report(last);
      }
    },
  };
}
