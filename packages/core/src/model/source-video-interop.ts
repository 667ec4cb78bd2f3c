import {
  InvalidArgumentError,
  type SharedV3Warning,
  type VideoModelV3CallOptions,
  type VideoModelV3Capabilities,
  type VideoModelV3File,
  type VideoModelV3SourceVideoCapability,
  type VideoModelV3SourceVideoOperation,
  type VideoModelV4Capabilities,
} from '@videogen/provider-spec';
import { sniffMediaType } from '@videogen/provider-utils';

// The Vercel AI SDK 7's V4 call options have no source video; a video in
// `inputReferences` is the closest thing they can express: a reference the
// model works from (ByteDance's and Alibaba's reference videos, for example).
// That carries an edit or a restyle of the video, never an extension or a
// remix (the operation is lost), and never a job id (V4 has none).

/** The operations a source video keeps when it travels as a V4 reference video. */
export const V4_REFERENCE_OPERATIONS: readonly VideoModelV3SourceVideoOperation[] = ['video-to-video', 'edit'];

/**
 * The source-video operations of a V4 model as core sees it: its own
 * `sourceVideo` entries where it lists some (a videogen-aware V4 model), else
 * edit and restyle from a file or URL, sent as a reference video, unless the
 * model says it takes no video references.
 */
export function withV4SourceVideoCapabilities(
  capabilities: VideoModelV4Capabilities | undefined,
): VideoModelV3Capabilities {
  const own = capabilities as VideoModelV3Capabilities | undefined;
  if (own?.sourceVideo !== undefined) return own;
  const takesVideos = capabilities?.referenceKinds === undefined || capabilities.referenceKinds.includes('video');
  const sourceVideo: VideoModelV3SourceVideoCapability[] = takesVideos
    ? V4_REFERENCE_OPERATIONS.map((operation) => ({ operation, origins: ['url', 'data'] }))
    : [];
  return { ...own, sourceVideo };
}

/**
 * videogen → V4: a `sourceVideo` to edit or restyle becomes the last entry of
 * `inputReferences` (with its media type, which V4 providers route by), with
 * an `other` warning saying so. An extension, a remix, or a job without its
 * video cannot be expressed: InvalidArgumentError, before anything is sent.
 */
export async function sourceVideoToInputReferences<OPTIONS extends Pick<VideoModelV3CallOptions, 'inputReferences'>>(
  options: OPTIONS & { sourceVideo?: VideoModelV3CallOptions['sourceVideo'] },
  model: { provider: string; modelId: string; capabilities?: unknown },
): Promise<{ options: Omit<OPTIONS, 'sourceVideo'>; warnings: SharedV3Warning[] }> {
  const { sourceVideo, ...rest } = options;
  if (sourceVideo === undefined) return { options: rest, warnings: [] };
  // A V4 model that lists its own source-video operations reads the option itself (e.g. a videogen
  // model wrapped by toVercelVideoModel): it gets it as it is.
  if (await listsSourceVideo(model.capabilities)) return { options, warnings: [] };
  const name = `${model.provider} model ${model.modelId}`;
  if (!V4_REFERENCE_OPERATIONS.includes(sourceVideo.operation)) {
    throw new InvalidArgumentError({
      argument: 'sourceVideo',
      message: `${name} is a Vercel AI SDK 7 (V4) model, whose call options can carry a source video only as a reference video (edit or video-to-video); '${sourceVideo.operation}' would be lost.`,
    });
  }
  if (sourceVideo.video === undefined) {
    throw new InvalidArgumentError({
      argument: 'sourceVideo',
      message: `${name} is a Vercel AI SDK 7 (V4) model, which takes no job id; pass the video itself.`,
    });
  }
  const reference: VideoModelV3File = {
    ...sourceVideo.video,
    mediaType: detectMediaType(sourceVideo.video) ?? 'video/mp4',
  };
  return {
    options: { ...rest, inputReferences: [...(rest.inputReferences ?? []), reference] },
    warnings: [
      {
        type: 'other',
        message: `sourceVideo (${sourceVideo.operation}) was sent to ${name} as a reference video in inputReferences, the only way the Vercel AI SDK 7's call options carry a video; what the model does with it is its own.`,
      },
    ],
  };
}

async function listsSourceVideo(capabilities: unknown): Promise<boolean> {
  const resolved =
    typeof capabilities === 'function' ? await (capabilities as () => PromiseLike<unknown>)() : capabilities;
  return Array.isArray((resolved as VideoModelV3Capabilities | undefined)?.sourceVideo);
}

/** The videogen option that names the operation of a V4 reference video: `providerOptions.videogen.sourceVideoOperation`. */
const OPERATION_OPTION = 'sourceVideoOperation';

/**
 * V4 → videogen: for a videogen model that takes a source video but no video
 * references, the first video in `inputReferences` becomes `sourceVideo`,
 * with the operation named in `providerOptions.videogen.sourceVideoOperation`,
 * else the first of video-to-video and edit that the model supports. Without
 * such a model or video, the options are returned as they are. An operation
 * named without a video reference, or one the model lacks, is an
 * InvalidArgumentError.
 */
export function inputReferencesToSourceVideo<
  OPTIONS extends Pick<VideoModelV3CallOptions, 'inputReferences' | 'providerOptions'>,
>(
  options: OPTIONS,
  capabilities: VideoModelV3Capabilities | undefined,
): OPTIONS & { sourceVideo?: VideoModelV3CallOptions['sourceVideo'] } {
  // A caller that speaks videogen's options already said what the source is.
  if ((options as { sourceVideo?: unknown }).sourceVideo !== undefined) return options;
  const named = options.providerOptions?.videogen?.[OPERATION_OPTION] as VideoModelV3SourceVideoOperation | undefined;
  const references = options.inputReferences ?? [];
  const videoIndex = references.findIndex(isVideoFile);
  if (named !== undefined && videoIndex < 0) {
    throw new InvalidArgumentError({
      argument: 'providerOptions.videogen.sourceVideoOperation',
      message: `providerOptions.videogen.sourceVideoOperation is '${String(named)}', but inputReferences hold no video (give the video with its mediaType, e.g. { data, mediaType: 'video/mp4' }).`,
    });
  }
  if (videoIndex < 0) return options;
  const supported = capabilities?.sourceVideo?.map((entry) => entry.operation) ?? [];
  const takesVideoReferences = capabilities?.referenceKinds?.includes('video') === true;
  const operation =
    named ?? (takesVideoReferences ? undefined : V4_REFERENCE_OPERATIONS.find((entry) => supported.includes(entry)));
  if (operation === undefined) return options;
  // The model's own check (resolveSourceVideo) words a missing operation; nothing more to do here.
  return {
    ...options,
    inputReferences: references.length > 1 ? references.filter((_, index) => index !== videoIndex) : undefined,
    sourceVideo: { operation, video: references[videoIndex] },
  };
}

function isVideoFile(file: VideoModelV3File): boolean {
  return detectMediaType(file)?.startsWith('video/') === true;
}

/** A file's media type: its label, else its bytes, else its URL's extension; `undefined` when none tells. */
function detectMediaType(file: VideoModelV3File): string | undefined {
  if (file.mediaType) return file.mediaType;
  if (file.type === 'file') {
    const head =
      typeof file.data === 'string'
        ? Uint8Array.from(atob(file.data.slice(0, 44)), (char) => char.charCodeAt(0))
        : file.data.subarray(0, 32);
    return sniffMediaType(head);
  }
  const dataUrl = /^data:([^;,]+)/i.exec(file.url);
  if (dataUrl) return dataUrl[1];
  if (/\.(mp4|m4v)([?#]|$)/i.test(file.url)) return 'video/mp4';
  if (/\.mov([?#]|$)/i.test(file.url)) return 'video/quicktime';
  if (/\.webm([?#]|$)/i.test(file.url)) return 'video/webm';
  return undefined;
}
