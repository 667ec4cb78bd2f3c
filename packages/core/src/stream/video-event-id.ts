import type { VideoJob } from '@videogen/provider-spec';
import { fromBase64Url, toBase64Url } from '@videogen/provider-utils';
import type { VideoEvent } from '../types';

const EVENT_ID_PREFIX = 'v1.';
/** Longest event id written and read (it travels back as a request header). */
export const MAX_EVENT_ID_LENGTH = 8_192;

/**
 * Where a video event stream stands, as its SSE event ids carry it: the
 * number of the last event sent and the jobs it follows (by `callIndex`). A
 * client sends the last id back as `Last-Event-ID` when it reconnects, so
 * that any server instance can re-attach to the jobs (`streamVideo({ model,
 * job })`) without state of its own and without submitting a new job.
 */
export type VideoStreamPosition = {
  /** The number of the last event the client received (events are numbered from 1). */
  eventNumber: number;
  /** The jobs the stream follows, by `callIndex` (`undefined` where that call has no job yet). */
  jobs: Array<VideoJob | undefined>;
};

/**
 * Reads the position of a reconnecting client: the `Last-Event-ID` header of
 * the request (or the id itself). `undefined` when there is none or it is not
 * a videogen event id, i.e. a first request.
 *
 * The jobs come from the client: check that the caller may see them before
 * resuming them (as for any job a request names).
 *
 * @example
 * export async function POST(request: Request) {
 *   const position = readVideoStreamPosition(request);
 *   if (position) {
 *     const job = position.jobs[0];
 *     if (!job) return new Response(null, { status: 409 }); // never generate again on a reconnect
 *     return streamVideo({ model, job }).toServerSentEventsResponse({ resumeFrom: position });
 *   }
 *   const { prompt } = await request.json();
 *   return streamVideo({ model, prompt }).toServerSentEventsResponse();
 * }
 */
export function readVideoStreamPosition(
  request: Request | Headers | string | null | undefined,
): VideoStreamPosition | undefined {
  const id =
    typeof request === 'string' || request == null
      ? request
      : (request instanceof Headers ? request : request.headers).get('last-event-id');
  if (!id?.startsWith(EVENT_ID_PREFIX) || id.length > MAX_EVENT_ID_LENGTH) return undefined;
  try {
    const value = JSON.parse(decodeBase64UrlText(id.slice(EVENT_ID_PREFIX.length))) as { n?: unknown; jobs?: unknown };
    if (!Number.isSafeInteger(value.n) || (value.n as number) < 0 || !Array.isArray(value.jobs)) return undefined;
    const jobs = value.jobs.map((job) => (isJob(job) ? job : undefined));
    return { eventNumber: value.n as number, jobs };
  } catch {
    return undefined;
  }
}

/** The SSE id of an event: its number and the jobs so far. */
export function formatVideoEventId(position: VideoStreamPosition): string {
  return (
    EVENT_ID_PREFIX +
    toBase64Url(JSON.stringify({ n: position.eventNumber, jobs: position.jobs.map((job) => job ?? null) }))
  );
}

/** Records the job an event names (job-created, status, completed, or an error that carries its job). */
export function recordEventJob(jobs: Array<VideoJob | undefined>, event: VideoEvent): void {
  const job = event.type === 'error' ? event.error.job : 'job' in event ? event.job : undefined;
  const callIndex = ('callIndex' in event ? event.callIndex : undefined) ?? 0;
  if (job !== undefined && Number.isSafeInteger(callIndex) && callIndex >= 0 && callIndex < 1000) {
    while (jobs.length < callIndex) jobs.push(undefined);
    jobs[callIndex] = job;
  }
}

function isJob(value: unknown): value is VideoJob {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as VideoJob).specificationVersion === 'v3' &&
    typeof (value as VideoJob).provider === 'string' &&
    typeof (value as VideoJob).modelId === 'string' &&
    'operation' in value
  );
}

function decodeBase64UrlText(text: string): string {
  const bytes = fromBase64Url(text);
  if (bytes === undefined) throw new Error('not base64url');
  return new TextDecoder().decode(bytes);
}
