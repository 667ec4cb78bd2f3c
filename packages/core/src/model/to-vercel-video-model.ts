import type {
  VideoModelV3,
  VideoModelV3CallOptions,
  VideoModelV3OperationOptions,
  VideoModelV3StartOptions,
  VideoModelV3JobError,
  VideoModelV3StatusResult,
  VideoModelV3VideoData,
  VideoModelV4,
  VideoModelV4StartOptions,
  VideoModelV4StartResult,
  VideoModelV4StatusResult,
  VideoModelV4VideoData,
} from '@videogen/provider-spec';
import { generateVideoFromJob, type PollSettings } from '@videogen/provider-utils';
import { createDownload } from '../download/create-download';
import { readVideoBytes } from '../download/video-stream';
import type { VideoDownloadFunction } from '../types';
import { resolveCapabilities } from '../validate-options';
import { isVideoModelV4, retypeJson } from './as-video-model';
import { inputReferencesToSourceVideo } from './source-video-interop';

/** Settings of {@link toVercelVideoModel}. */
export type ToVercelVideoModelSettings = {
  /**
   * Downloads a finished `url` video through the model's `doDownload` (the
   * provider's key, sent only to its own origin), so that the Vercel AI SDK
   * receives the bytes. Default: `createDownload()` (2 GiB limit).
   */
  download?: VideoDownloadFunction;
  /**
   * Polling of `doGenerate` (the path `experimental_generateVideo` takes
   * without `poll`/`webhook`): built from `doStart`/`doStatus` with these
   * settings. Default: the model's own `doGenerate` and its polling interval.
   */
  poll?: PollSettings;
  /**
   * Whether the model's API calls webhooks for `webhookUrl` (fal, OpenRouter,
   * Gemini do; OpenAI does not). When `true`, the returned model has
   * `handleWebhookOption`, so the SDK's `webhook` option is used; otherwise
   * the SDK polls. Default: `false`.
   */
  webhooks?: boolean;
};

/**
 * Wraps a videogen (V3) model for the Vercel AI SDK 7 (`ai` 7, spec V4), for
 * both of its paths:
 * - `experimental_generateVideo({ model })` calls `doGenerate`;
 * - with `poll` or `webhook`, the SDK drives `doStart`/`doStatus` itself and
 *   downloads `url` videos with a plain fetch. The wrapper's completed status
 *   therefore carries videos behind credentials as bytes, fetched through the
 *   model's `doDownload`, so the key never leaves the provider's origin; and
 *   a failed, content-filtered, cancelled or expired job becomes V4's
 *   `{ status: 'error', error }` with the provider's reason in the message.
 *
 * A V4 model is returned as it is. `ai` 6 takes videogen V3 models directly.
 *
 * @example
 * import { experimental_generateVideo } from 'ai';
 * const { video } = await experimental_generateVideo({
 *   model: toVercelVideoModel(openai.video('sora-2')),
 *   prompt: 'A lighthouse at dusk',
 *   poll: { intervalMs: 2000 },
 * });
 */
export function toVercelVideoModel(
  model: VideoModelV3 | VideoModelV4,
  settings: ToVercelVideoModelSettings = {},
): VideoModelV4 {
  if (isVideoModelV4(model)) return model;
  const download = settings.download ?? createDownload();
  const hasJobMethods = typeof model.doStart === 'function' && typeof model.doStatus === 'function';
  const response = () => ({ timestamp: new Date(), modelId: model.modelId, headers: undefined });

  /** Turns videos that need the model's credentials into bytes. */
  const toReadableVideos = async (
    videos: VideoModelV3VideoData[],
    abortSignal: AbortSignal | undefined,
    headers: Record<string, string | undefined> | undefined,
  ): Promise<VideoModelV4VideoData[]> =>
    await Promise.all(
      videos.map(async (video): Promise<VideoModelV4VideoData> => {
        if (video.type !== 'url' || typeof model.doDownload !== 'function') return video;
        const stream = await download({ video, model, abortSignal, headers });
        return { type: 'binary', data: await readVideoBytes(stream), mediaType: stream.mediaType };
      }),
    );

  const wrapped: VideoModelV4 = {
    specificationVersion: 'v4',
    provider: model.provider,
    modelId: model.modelId,
    maxVideosPerCall: model.maxVideosPerCall,
    ...(model.capabilities !== undefined ? { capabilities: model.capabilities } : {}),
    async doGenerate(v4Options) {
      const options = await withSourceVideo(retypeJson<VideoModelV3CallOptions>(v4Options));
      const result =
        settings.poll !== undefined && hasJobMethods
          ? await generateVideoFromJob({
              // Without doDownload: videos behind credentials are read below, through this wrapper's `download`.
              model: {
                provider: model.provider,
                modelId: model.modelId,
                pollIntervalMs: model.pollIntervalMs,
                doStart: model.doStart!.bind(model),
                doStatus: model.doStatus!.bind(model),
                doCancel: model.doCancel?.bind(model),
                doWatch: model.doWatch?.bind(model),
              },
              options,
              poll: settings.poll,
            })
          : await model.doGenerate(options);
      return { ...result, videos: await toReadableVideos(result.videos, options.abortSignal, options.headers) };
    },
    ...(hasJobMethods
      ? {
          async doStart(options: VideoModelV4StartOptions) {
            const result = await model.doStart!({
              ...(await withSourceVideo(retypeJson<VideoModelV3StartOptions>(options))),
              idempotencyKey: options.idempotencyKey ?? idempotencyKeyFromHeaders(options.headers),
            });
            return retypeJson<VideoModelV4StartResult>(result);
          },
          async doStatus(options) {
            return await toV4Status(await model.doStatus!(retypeJson<VideoModelV3OperationOptions>(options)), options);
          },
        }
      : {}),
    ...(hasJobMethods && settings.webhooks
      ? {
          async handleWebhookOption({ webhook }) {
            const { url, received } = await webhook();
            return { webhookUrl: url, received };
          },
        }
      : {}),
    ...(typeof model.doCancel === 'function'
      ? { doCancel: (options) => model.doCancel!(retypeJson<VideoModelV3OperationOptions>(options)) }
      : {}),
    ...(typeof model.doDownload === 'function' ? { doDownload: (options) => model.doDownload!(options) } : {}),
  };

  /**
   * A video in V4's `inputReferences` becomes the V3 `sourceVideo` where the model takes a
   * source video but no video references (see `inputReferencesToSourceVideo`), checked by the
   * model like any source video.
   */
  async function withSourceVideo<OPTIONS extends VideoModelV3CallOptions>(options: OPTIONS): Promise<OPTIONS> {
    const hasVideoChoice =
      (options.inputReferences?.length ?? 0) > 0 || options.providerOptions?.videogen !== undefined;
    if (!hasVideoChoice) return options;
    const capabilities = await resolveCapabilities(model as VideoModelV3, options.abortSignal);
    return inputReferencesToSourceVideo(options, capabilities);
  }

  async function toV4Status(
    status: VideoModelV3StatusResult,
    { abortSignal, headers }: { abortSignal?: AbortSignal; headers?: Record<string, string | undefined> },
  ): Promise<VideoModelV4StatusResult> {
    switch (status.status) {
      case 'pending':
        return { ...status, response: response() };
      case 'completed':
        return { ...status, videos: await toReadableVideos(status.videos, abortSignal, headers) };
      case 'failed':
        return {
          status: 'error',
          error: describeJobError(model, status.error),
          ...(status.error.code !== undefined ? { code: status.error.code } : {}),
          ...(status.error.contentFiltered ? { contentFiltered: true } : {}),
          ...(status.usage !== undefined ? { usage: status.usage } : {}),
          ...(status.providerMetadata !== undefined ? { providerMetadata: status.providerMetadata } : {}),
          response: response(),
        };
    }
  }

  return wrapped;
}

/**
 * V4's one-line reason: what happened and the provider's words, e.g.
 * `fal.video job was blocked by a content filter (content_policy_violation): …`.
 */
export function describeJobError(model: { provider: string }, error: VideoModelV3JobError): string {
  const code = error.code !== undefined ? ` (${error.code})` : '';
  const what = error.contentFiltered
    ? 'was blocked by a content filter'
    : error.code === 'cancelled' || error.code === 'canceled'
      ? 'was cancelled'
      : error.code === 'expired'
        ? 'expired'
        : 'failed';
  return `${model.provider} job ${what}${code}: ${error.message}`;
}

function idempotencyKeyFromHeaders(headers: Record<string, string | undefined> | undefined): string | undefined {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'idempotency-key' && value !== undefined) return value;
  }
  return undefined;
}
