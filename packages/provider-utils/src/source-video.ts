import type {
  SharedV3ProviderMetadata,
  VideoJob,
  VideoModelV3Capabilities,
  VideoModelV3File,
  VideoModelV3SourceVideo,
  VideoModelV3SourceVideoCapability,
  VideoModelV3SourceVideoOperation,
  VideoModelV3SourceVideoOrigin,
} from '@videogen/provider-spec';
import { convertBase64ToUint8Array } from '@ai-sdk/provider-utils';
import { readMp4DurationSeconds } from './mp4-duration';
import { getFileMediaType, sniffMediaType } from './video-inputs';
import { describeVideoModel, invalidVideoArgument, type VideoModelReference } from './video-parameters';

// One place for the source video of an extend / edit / remix / video-to-video
// call: which operation and origin the model can serve, and the checks of the
// file before anything is paid for. Providers build their request from the
// resolved source; none re-implements these rules.

/** A source video after the checks: what to send, and from where. */
export type ResolvedSourceVideo = {
  /** The operation. */
  operation: VideoModelV3SourceVideoOperation;
  /**
   * Where the provider takes the source from: `'job'` (send `job`'s own id),
   * `'url'` (send `video.url`), `'data'` (send or upload the bytes of `video`;
   * an `http(s)` URL is fetched first with `fileToBytes`).
   */
  origin: VideoModelV3SourceVideoOrigin;
  /** The model's capability entry for the operation. */
  capability: VideoModelV3SourceVideoCapability;
  /** The job, for origin `'job'` (and whenever the caller gave one of this provider). */
  job?: VideoJob;
  /** The file, for origins `'url'` and `'data'`. */
  video?: VideoModelV3File;
  /** Which of the job's videos, 0-based. */
  index: number;
  /** The completed status's provider metadata, when known. */
  providerMetadata?: SharedV3ProviderMetadata;
};

const OPERATION_WORDS: Record<VideoModelV3SourceVideoOperation, string> = {
  extend: 'extend',
  edit: 'edit',
  remix: 'remix',
  'video-to-video': 'restyle (video-to-video)',
};

/**
 * Checks `sourceVideo` against the model's `capabilities.sourceVideo` and picks
 * the origin to send: the provider's own job id where the model takes one and
 * the job is this provider's, else the URL, else the bytes. Throws an
 * `InvalidArgumentError` naming the model when the operation, the origin, the
 * media type or the size is not accepted, before anything is paid for.
 */
export function resolveSourceVideo(
  source: VideoModelV3SourceVideo,
  capabilities: VideoModelV3Capabilities | undefined,
  model: VideoModelReference,
): ResolvedSourceVideo {
  const name = describeVideoModel(model);
  const supported = capabilities?.sourceVideo ?? [];
  const capability = supported.find((entry) => entry.operation === source.operation);
  if (capability === undefined) {
    const list = supported.map((entry) => entry.operation).join(', ');
    throw invalidVideoArgument(
      'sourceVideo',
      `${name} cannot ${OPERATION_WORDS[source.operation] ?? source.operation} a video` +
        (list ? ` (operations it supports: ${list}).` : '; it takes no source video.'),
    );
  }
  const index = source.index ?? 0;
  if (!Number.isInteger(index) || index < 0) {
    throw invalidVideoArgument('sourceVideo', `sourceVideo.index must be a whole number from 0; got ${index}.`);
  }
  const ownJob = source.job !== undefined && source.job.provider === model.provider ? source.job : undefined;
  const base = { operation: source.operation, capability, index, providerMetadata: source.providerMetadata };
  if (ownJob && capability.origins.includes('job')) {
    return { ...base, origin: 'job', job: ownJob, video: source.video };
  }
  const allowed =
    capability.origins
      .filter((origin) => origin !== 'job')
      .map(describeOrigin)
      .join(' or ') || 'no file';
  if (source.video === undefined) {
    throw invalidVideoArgument(
      'sourceVideo',
      source.job === undefined
        ? 'sourceVideo needs a video (a file or URL) or a job.'
        : ownJob
          ? `${name} cannot ${OPERATION_WORDS[source.operation]} from a job id; it takes ${allowed}. Pass the video itself.`
          : `The job is from ${source.job.provider}, not ${model.provider}; pass the video itself (${allowed}).`,
    );
  }
  const video = source.video;
  const isHttpUrl = video.type === 'url' && /^https?:/i.test(video.url);
  let origin: VideoModelV3SourceVideoOrigin;
  if (isHttpUrl && capability.origins.includes('url')) origin = 'url';
  else if (capability.origins.includes('data')) origin = 'data';
  else {
    throw invalidVideoArgument(
      'sourceVideo',
      `${name} takes the video to ${OPERATION_WORDS[source.operation]} as ${allowed}; got ${isHttpUrl ? 'a URL' : video.type === 'url' ? 'a data: URL' : 'bytes'}.`,
    );
  }
  checkSourceFile(video, capability, name);
  return { ...base, origin, video, job: ownJob };
}

function describeOrigin(origin: VideoModelV3SourceVideoOrigin): string {
  if (origin === 'job') return 'a job of its own provider';
  if (origin === 'url') return 'a public http(s) URL';
  return 'a file (bytes or a data: URL)';
}

function checkSourceFile(video: VideoModelV3File, capability: VideoModelV3SourceVideoCapability, name: string): void {
  let bytes: Uint8Array | undefined;
  if (video.type === 'file') {
    bytes = typeof video.data === 'string' ? convertBase64ToUint8Array(video.data) : video.data;
  } else {
    const dataUrl = /^data:[^,]*;base64,(.*)$/is.exec(video.url);
    if (dataUrl) bytes = convertBase64ToUint8Array(dataUrl[1]);
  }
  const labelled = getFileMediaType(video);
  const sniffed = bytes ? sniffMediaType(bytes.subarray(0, 32)) : undefined;
  if (bytes !== undefined && !sniffed?.startsWith('video/')) {
    throw invalidVideoArgument(
      'sourceVideo',
      `sourceVideo is not a video: ${sniffed ? `its bytes are ${sniffed}` : 'its bytes are no recognised video format (MP4, QuickTime, WebM)'}.`,
    );
  }
  const mediaType = sniffed ?? (labelled && !/octet-stream/i.test(labelled) ? labelled : undefined);
  if (mediaType !== undefined && !mediaType.startsWith('video/')) {
    throw invalidVideoArgument('sourceVideo', `sourceVideo is labelled ${mediaType}; a video (video/…) is needed.`);
  }
  if (mediaType !== undefined && capability.mediaTypes !== undefined && !capability.mediaTypes.includes(mediaType)) {
    throw invalidVideoArgument(
      'sourceVideo',
      `${name} takes source videos of type ${capability.mediaTypes.join(', ')}; got ${mediaType}.`,
    );
  }
  // The length of a file in hand is read from its own header; a URL's is left to the provider.
  const seconds =
    bytes !== undefined && capability.maxDuration !== undefined ? readMp4DurationSeconds(bytes) : undefined;
  if (seconds !== undefined && capability.maxDuration !== undefined && seconds > capability.maxDuration) {
    throw invalidVideoArgument(
      'sourceVideo',
      `${name} takes source videos of at most ${capability.maxDuration} s to ${OPERATION_WORDS[capability.operation]}; this one is ${seconds} s long.`,
    );
  }
  if (bytes !== undefined && capability.maxBytes !== undefined && bytes.length > capability.maxBytes) {
    throw invalidVideoArgument(
      'sourceVideo',
      `${name} takes source videos of at most ${capability.maxBytes} bytes; got ${bytes.length}.`,
    );
  }
}
