import type { VideoJob } from '@videogen/provider-spec';

/** `1.2 MB`, `845 KB`, `12 B`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

/** `4.2s`, `2m05s`. */
export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.floor(seconds % 60);
  return `${minutes}m${String(rest).padStart(2, '0')}s`;
}

/**
 * The provider's id of a job, read from its operation: OpenAI `videoId`,
 * Gemini operation `name` (its last segment), fal `requestId`, OpenRouter `id`.
 */
export function getJobId(job: VideoJob): string {
  const operation = job.operation;
  if (typeof operation === 'string' || typeof operation === 'number') return String(operation);
  if (operation && typeof operation === 'object' && !Array.isArray(operation)) {
    const record = operation as Record<string, unknown>;
    for (const key of ['videoId', 'requestId', 'request_id', 'id', 'jobId', 'generationId', 'taskId']) {
      const value = record[key];
      if (typeof value === 'string' && value !== '') return value;
    }
    if (typeof record.name === 'string' && record.name !== '') {
      const segments = record.name.split('/');
      return segments[segments.length - 1];
    }
  }
  return 'job';
}

/** A string safe as part of a file name. */
export function safeFileNamePart(value: string): string {
  return (
    value
      .replace(/[^\w.-]+/g, '_')
      .replace(/^[._]+/, '')
      .slice(0, 80) || 'video'
  );
}
