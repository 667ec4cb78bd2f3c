import {
  InvalidArgumentError,
  type VideoModelV3ListedJob,
  type VideoModelV3ResponseMetadata,
  type VideoModelV3StatusResult,
  type VideoModelV3Usage,
  type VideoModelV3VideoData,
} from '@videogen/provider-spec';
import type { JSONObject } from '@ai-sdk/provider';
// `zod/v4/mini`: tree-shakable (see replicate-error.ts).
import * as z from 'zod/v4/mini';

/**
 * The job reference of a Replicate prediction: its id (26 lowercase
 * characters, e.g. `gm3qorzdhgbfurvjtvhg6dckhu`). Plain JSON; never holds the
 * key. Status and cancel requests are built from the configured base URL, never
 * from a URL in a response.
 */
export type ReplicateVideoOperation = { id: string };

const storedOperationSchema = z.object({ id: z.string().check(z.regex(/^[a-zA-Z0-9]+$/)) });

/** Reads a stored job reference; an `InvalidArgumentError` for anything else. */
export function parseReplicateOperation(operation: unknown): ReplicateVideoOperation {
  const parsed = storedOperationSchema.safeParse(operation);
  if (!parsed.success) {
    throw new InvalidArgumentError({
      argument: 'operation',
      message: 'Not a Replicate prediction: expected { id: "<prediction id>" }.',
    });
  }
  return { id: parsed.data.id };
}

/** A prediction as create, get, cancel, list and webhooks return it (only the fields read). */
export const replicatePredictionSchema = z.object({
  id: z.string(),
  model: z.nullish(z.string()),
  version: z.nullish(z.string()),
  status: z.string(),
  output: z.optional(z.unknown()),
  error: z.optional(z.unknown()),
  logs: z.nullish(z.string()),
  metrics: z.nullish(z.record(z.string(), z.unknown())),
  created_at: z.nullish(z.string()),
  started_at: z.nullish(z.string()),
  completed_at: z.nullish(z.string()),
  data_removed: z.nullish(z.boolean()),
  urls: z.nullish(z.record(z.string(), z.unknown())),
});

/** A Replicate prediction object. */
export type ReplicatePrediction = z.infer<typeof replicatePredictionSchema>;

/** The answer of `POST /v1/files`: the uploaded file, served to models at `urls.get`. */
export const replicateFileSchema = z.object({
  id: z.string(),
  urls: z.object({ get: z.string() }),
});

/** A page of `GET /v1/predictions`: cursor URLs and the predictions, newest first. */
export const replicatePredictionPageSchema = z.object({
  next: z.nullish(z.string()),
  previous: z.nullish(z.string()),
  results: z.array(replicatePredictionSchema),
});

const VIDEO_EXTENSIONS: Record<string, string> = {
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  mkv: 'video/x-matroska',
  gif: 'image/gif',
};

const NON_VIDEO_EXTENSION = /\.(png|jpe?g|webp|txt|json|wav|mp3|m4a|flac|ogg)$/i;

/**
 * The video URLs of an output: a URL string, an array of them, or an object
 * whose values are URLs (`{ video: "https://…" }`); URLs that are plainly not
 * videos (images, audio, text) are left out. The media type is read from the
 * file extension (`video/mp4` when there is none).
 */
export function readReplicateOutputVideos(output: unknown): Array<{ url: string; mediaType: string }> {
  const candidates: unknown[] =
    typeof output === 'string'
      ? [output]
      : Array.isArray(output)
        ? output
        : output && typeof output === 'object'
          ? Object.values(output)
          : [];
  const videos: Array<{ url: string; mediaType: string }> = [];
  for (const candidate of candidates) {
    if (typeof candidate !== 'string' || !/^(https?:|data:video\/)/i.test(candidate)) continue;
    const path = candidate.startsWith('data:') ? '' : new URL(candidate).pathname;
    if (NON_VIDEO_EXTENSION.test(path)) continue;
    const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
    const dataType = /^data:([^;,]+)/i.exec(candidate)?.[1];
    videos.push({ url: candidate, mediaType: dataType ?? (extension && VIDEO_EXTENSIONS[extension]) ?? 'video/mp4' });
  }
  return videos;
}

/**
 * Progress 0..100 from the logs, as Replicate's SDK reads it: the last tqdm
 * line (`" 45%|████▌     | 9/20 [00:04<00:05, 2.1it/s]"`). `undefined` when
 * the logs report none.
 */
export function readReplicateProgress(logs: string | null | undefined): number | undefined {
  if (!logs) return undefined;
  const lines = logs.split(/[\r\n]+/).reverse();
  for (const line of lines) {
    const match = /^\s*(\d{1,3})%\s*\|/.exec(line);
    if (match) {
      const value = Number(match[1]);
      if (value >= 0 && value <= 100) return value;
    }
  }
  return undefined;
}

/** Model-side moderation as Replicate reports it (`ContentModerationError: Content flagged for: …`, NSFW checks). */
const CONTENT_FILTERED = /ContentModeration|content flagged|NSFW|sensitive content|safety (checker|filter)/i;

function errorText(error: unknown): string | undefined {
  if (error == null || error === '') return undefined;
  return typeof error === 'string' ? error : JSON.stringify(error);
}

/** `usage`: Replicate reports only `metrics` (seconds of `predict_time`, `total_time`), kept verbatim. */
function mapUsage(prediction: ReplicatePrediction): VideoModelV3Usage | undefined {
  const metrics = prediction.metrics;
  if (!metrics || Object.keys(metrics).length === 0) return undefined;
  return { raw: metrics as JSONObject };
}

function metadata(prediction: ReplicatePrediction) {
  return {
    predictionId: prediction.id,
    ...(prediction.model ? { model: prediction.model } : {}),
    ...(prediction.version ? { version: prediction.version } : {}),
    ...(prediction.created_at ? { createdAt: prediction.created_at } : {}),
    ...(prediction.started_at ? { startedAt: prediction.started_at } : {}),
    ...(prediction.completed_at ? { completedAt: prediction.completed_at } : {}),
    ...(prediction.metrics ? { metrics: prediction.metrics as JSONObject } : {}),
  };
}

/**
 * Maps a prediction to a status: `starting` / `processing` pending (progress
 * only from the logs' percentage); `succeeded` completed with the output URLs
 * (`replicate.delivery`, public, kept 1 hour) and `metrics` as `usage.raw`;
 * `failed` with Replicate's error string (its `…Error:` prefix as the code;
 * moderation is content filtered); `canceled` and `aborted` failed with that
 * word as the code. A status added later keeps polling.
 */
export function mapReplicatePrediction(
  prediction: ReplicatePrediction,
  response: VideoModelV3ResponseMetadata,
): VideoModelV3StatusResult {
  const providerMetadata = { replicate: metadata(prediction) };
  const usage = mapUsage(prediction);
  switch (prediction.status) {
    case 'succeeded': {
      const videos: VideoModelV3VideoData[] = readReplicateOutputVideos(prediction.output).map((video) => ({
        type: 'url',
        ...video,
      }));
      if (videos.length === 0) {
        return {
          status: 'failed',
          error: prediction.data_removed
            ? {
                code: 'data_removed',
                message: 'The prediction succeeded, but its output was removed (data retention).',
              }
            : { code: 'NO_VIDEO', message: 'The prediction succeeded without a video URL in its output.' },
          ...(usage ? { usage } : {}),
          providerMetadata,
        };
      }
      return {
        status: 'completed',
        videos,
        warnings: [],
        ...(usage ? { usage } : {}),
        providerMetadata: {
          replicate: {
            ...providerMetadata.replicate,
            videoUrls: videos.map((video) => (video as { url: string }).url),
          },
        },
        response,
      };
    }
    case 'failed': {
      const message = errorText(prediction.error) ?? 'The prediction failed without an error message.';
      const code = /^([A-Z]\w*(Error|Exception)):/.exec(message)?.[1];
      return {
        status: 'failed',
        error: {
          ...(code ? { code } : {}),
          message,
          ...(CONTENT_FILTERED.test(message) ? { contentFiltered: true } : {}),
        },
        ...(usage ? { usage } : {}),
        providerMetadata,
      };
    }
    case 'canceled':
    case 'aborted':
      return {
        status: 'failed',
        error: {
          code: prediction.status,
          message:
            errorText(prediction.error) ??
            (prediction.status === 'canceled'
              ? 'The prediction was canceled.'
              : 'The prediction was aborted: its deadline (Cancel-After) passed before it started.'),
        },
        ...(usage ? { usage } : {}),
        providerMetadata,
      };
    default: {
      const progress = prediction.status === 'processing' ? readReplicateProgress(prediction.logs) : undefined;
      return { status: 'pending', providerStatus: prediction.status, ...(progress !== undefined ? { progress } : {}) };
    }
  }
}

/** A prediction as a listed job (its `operation` resumes it with `doStatus`). */
export function toListedJob(prediction: ReplicatePrediction): VideoModelV3ListedJob {
  const status: VideoModelV3ListedJob['status'] =
    prediction.status === 'succeeded'
      ? 'completed'
      : prediction.status === 'failed'
        ? 'failed'
        : prediction.status === 'canceled' || prediction.status === 'aborted'
          ? 'canceled'
          : 'pending';
  const createdAt = prediction.created_at ? new Date(prediction.created_at) : undefined;
  const message = errorText(prediction.error);
  const progress = prediction.status === 'processing' ? readReplicateProgress(prediction.logs) : undefined;
  return {
    operation: { id: prediction.id },
    ...(prediction.model ? { modelId: prediction.model } : {}),
    status,
    providerStatus: prediction.status,
    ...(createdAt && !Number.isNaN(createdAt.getTime()) ? { createdAt } : {}),
    ...(progress !== undefined ? { progress } : {}),
    ...(status === 'failed' && message
      ? { error: { message, ...(CONTENT_FILTERED.test(message) ? { contentFiltered: true } : {}) } }
      : {}),
    providerMetadata: { replicate: metadata(prediction) },
  };
}
