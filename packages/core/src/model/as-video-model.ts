import type {
  SharedV3Warning,
  SharedV4Warning,
  VideoModelV3,
  VideoModelV3GenerateResult,
  VideoModelV3StartOptions,
  VideoModelV3StartResult,
  VideoModelV3StatusResult,
  VideoModelV3VideoData,
  GetVideoModelV4CapabilitiesFunction,
  VideoModelV4,
  VideoModelV4StatusResult,
  VideoModelV4VideoData,
} from '@videogen/provider-spec';
import { generateVideoFromJob } from '@videogen/provider-utils';
import { resolveDefaultVideoModel } from '../registry/default-video-registry';
import { sourceVideoToInputReferences, withV4SourceVideoCapabilities } from './source-video-interop';

/**
 * What a caller may pass as `model`: a videogen or Vercel AI SDK video model
 * of spec V3 (`ai` 6, `@ai-sdk/provider` 3) or V4 (`ai` 7, `@ai-sdk/provider`
 * 4), or a `'provider:modelId'` string resolved through the default registry.
 */
export type VideoModelArgument = VideoModelV3 | VideoModelV4 | string;

const adaptedModels = new WeakMap<VideoModelV4, VideoModelV3>();

/**
 * Returns the model core works with: a V3 model as it is, a V4 model adapted
 * (once per model object), a string id through the default registry. Core
 * speaks V3 inside because V3 is the richer job contract (cancel, download,
 * progress); V4 adds nothing V3 cannot carry except `'uploaded'` videos.
 * Anything else is returned unchanged, for the caller's own validation.
 */
export function resolveVideoModel(model: VideoModelArgument): VideoModelV3 {
  if (typeof model === 'string') return resolveDefaultVideoModel(model);
  if (isVideoModelV4(model)) {
    let adapted = adaptedModels.get(model);
    if (adapted === undefined) {
      adapted = adaptVideoModelV4(model);
      adaptedModels.set(model, adapted);
    }
    return adapted;
  }
  return model;
}

/** Tells a V4 model from a V3 one by `specificationVersion`, as the Vercel AI SDK does. */
export function isVideoModelV4(model: unknown): model is VideoModelV4 {
  return (
    typeof model === 'object' &&
    model !== null &&
    (model as { specificationVersion?: unknown }).specificationVersion === 'v4'
  );
}

function adaptVideoModelV4(model: VideoModelV4): VideoModelV3 {
  const { doStart, doStatus, doWatch, doCancel, doDownload, doGenerate } = model;
  const hasJobMethods = typeof doStart === 'function' && typeof doStatus === 'function';
  const adapted: VideoModelV3 = {
    specificationVersion: 'v3',
    provider: model.provider,
    modelId: model.modelId,
    maxVideosPerCall: model.maxVideosPerCall,
    // A source video travels to a V4 model as a reference video (edit, restyle); see source-video-interop.ts.
    capabilities:
      typeof model.capabilities === 'function'
        ? async (options) =>
            withV4SourceVideoCapabilities(await (model.capabilities as GetVideoModelV4CapabilitiesFunction)(options))
        : withV4SourceVideoCapabilities(model.capabilities),
    async doGenerate(callOptions) {
      if (typeof doGenerate !== 'function') {
        // A V4 model may have only the job methods; build doGenerate from them.
        return await generateVideoFromJob({
          model: adapted as Parameters<typeof generateVideoFromJob>[0]['model'],
          options: callOptions,
        });
      }
      const { options: v4Options, warnings: sourceWarnings } = await sourceVideoToInputReferences(callOptions, model);
      const result = await doGenerate.call(model, v4Options);
      const { videos, warnings } = toV3Videos(result.videos);
      return retypeJson<VideoModelV3GenerateResult>({
        ...result,
        videos,
        warnings: [...sourceWarnings, ...toV3Warnings(result.warnings), ...warnings],
      });
    },
    ...(hasJobMethods
      ? {
          async doStart(options: VideoModelV3StartOptions) {
            const { options: v4Options, warnings: sourceWarnings } = await sourceVideoToInputReferences(options, model);
            const result = await doStart.call(model, withIdempotencyHeader(v4Options));
            return retypeJson<VideoModelV3StartResult>({
              ...result,
              warnings: [...sourceWarnings, ...toV3Warnings(result.warnings)],
            });
          },
          async doStatus(options) {
            return toV3Status(await doStatus.call(model, options));
          },
        }
      : {}),
    ...(typeof doWatch === 'function'
      ? {
          async *doWatch(options) {
            for await (const status of doWatch.call(model, options)) yield toV3Status(status);
          },
        }
      : {}),
    ...(typeof doCancel === 'function' ? { doCancel: (options) => doCancel.call(model, options) } : {}),
    ...(typeof doDownload === 'function' ? { doDownload: (options) => doDownload.call(model, options) } : {}),
  };
  return adapted;
}

/**
 * V3 passes the idempotency key as an option; the Vercel AI SDK 7 sends it to
 * V4 models as the `idempotency-key` header, so a V4 model reads it there.
 */
function withIdempotencyHeader(options: VideoModelV3StartOptions): VideoModelV3StartOptions {
  const { idempotencyKey, ...rest } = options;
  if (idempotencyKey === undefined) return rest;
  const hasHeader = Object.keys(options.headers ?? {}).some((name) => name.toLowerCase() === 'idempotency-key');
  return {
    ...rest,
    idempotencyKey,
    headers: hasHeader ? options.headers : { ...options.headers, 'idempotency-key': idempotencyKey },
  };
}

function toV3Status(status: VideoModelV4StatusResult): VideoModelV3StatusResult {
  switch (status.status) {
    case 'pending': {
      const { response: _response, warnings: _warnings, providerMetadata: _metadata, ...pending } = status;
      return retypeJson<VideoModelV3StatusResult>(pending);
    }
    case 'completed': {
      const { videos, warnings } = toV3Videos(status.videos);
      return retypeJson<VideoModelV3StatusResult>({
        ...status,
        videos,
        warnings: [...toV3Warnings(status.warnings), ...warnings],
      });
    }
    case 'error':
      return retypeJson<VideoModelV3StatusResult>({
        status: 'failed',
        error: {
          message: status.error,
          ...(status.code !== undefined ? { code: status.code } : {}),
          ...(status.contentFiltered !== undefined ? { contentFiltered: status.contentFiltered } : {}),
        },
        ...(status.usage !== undefined ? { usage: status.usage } : {}),
        ...(status.providerMetadata !== undefined ? { providerMetadata: status.providerMetadata } : {}),
      });
    default:
      // A status this version does not know: keep waiting, as for pending.
      return { status: 'pending', providerStatus: String((status as { status?: unknown }).status) };
  }
}

/**
 * V4 types JSON (operations, metadata, options) as possibly readonly, V3 as
 * mutable: the same values at runtime, retyped where one spec hands them to the other.
 */
export function retypeJson<T>(value: unknown): T {
  return value as T;
}

/** V3 has no `'uploaded'` video: such videos are left out, with a warning. */
function toV3Videos(videos: VideoModelV4VideoData[]): { videos: VideoModelV3VideoData[]; warnings: SharedV3Warning[] } {
  const kept = videos.filter((video): video is VideoModelV3VideoData => video.type !== 'uploaded');
  const uploaded = videos.length - kept.length;
  return {
    videos: kept,
    warnings:
      uploaded > 0
        ? [
            {
              type: 'other',
              message: `${uploaded} video(s) were delivered to caller-managed storage and are not returned.`,
            },
          ]
        : [],
  };
}

/** V4 adds `'deprecated'` warnings; V3 carries them as `'other'`. */
function toV3Warnings(warnings: SharedV4Warning[]): SharedV3Warning[] {
  return warnings.map((warning) =>
    warning.type === 'deprecated'
      ? { type: 'other', message: `${warning.setting} is deprecated: ${warning.message}` }
      : warning,
  );
}
