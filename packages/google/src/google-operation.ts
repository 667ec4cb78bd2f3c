import {
  InvalidArgumentError,
  type SharedV3Warning,
  type VideoModelV3StatusResult,
  type VideoModelV3VideoData,
} from '@videogen/provider-spec';
// `zod/v4/mini`: tree-shakable (see google-error.ts).
import * as z from 'zod/v4/mini';

/**
 * The job reference of a Veo operation on the Gemini API: the operation's
 * `name` (`models/{model}/operations/{id}`). Plain JSON; never holds the key.
 */
export type GoogleVideoOperation = { name: string };

/** The job reference of a Vertex Veo operation: its full name (`projects/…/operations/{id}`). */
export type VertexVideoOperation = { name: string };

/** What a stored operation must look like (made once: building a schema costs more than using it). */
const storedGoogleOperationSchema = z.object({ name: z.string().check(z.regex(/^[\w.\-/]+$/)) });
const storedVertexOperationSchema = z.object({ name: z.string().check(z.regex(/^projects\/[\w.\-/]+$/)) });

/** Reads a stored Gemini API job reference; an `InvalidArgumentError` for anything else. */
export function parseGoogleOperation(operation: unknown): GoogleVideoOperation {
  return parseStoredOperation(operation, storedGoogleOperationSchema, 'Google Veo', 'models/{model}/operations/{id}');
}

/** Reads a stored Vertex AI job reference; an `InvalidArgumentError` for anything else. */
export function parseVertexOperation(operation: unknown): VertexVideoOperation {
  return parseStoredOperation(operation, storedVertexOperationSchema, 'Vertex Veo', 'projects/…/operations/{id}');
}

function parseStoredOperation(
  operation: unknown,
  schema: typeof storedGoogleOperationSchema,
  kind: string,
  shape: string,
): { name: string } {
  const parsed = schema.safeParse(operation);
  if (!parsed.success || parsed.data.name.split('/').includes('..')) {
    throw new InvalidArgumentError({
      argument: 'operation',
      message: `Not a ${kind} operation: expected { name: "${shape}" }.`,
    });
  }
  return { name: parsed.data.name };
}

/** The answer of `:predictLongRunning` (Gemini API and Vertex AI): the new operation's name. */
export const startedOperationSchema = z.object({ name: z.string() });

const operationErrorSchema = z.nullish(
  z.object({
    code: z.nullish(z.union([z.number(), z.string()])),
    message: z.nullish(z.string()),
  }),
);

const sampleVideoSchema = z.nullish(
  z.object({
    uri: z.nullish(z.string()),
    video: z.nullish(z.string()),
    encodedVideo: z.nullish(z.string()),
    encoding: z.nullish(z.string()),
    mimeType: z.nullish(z.string()),
  }),
);

/** A `google.longrunning.Operation` as the Gemini API returns it (only the fields read). */
export const googleOperationSchema = z.object({
  name: z.string(),
  done: z.nullish(z.boolean()),
  metadata: z.optional(z.unknown()),
  error: operationErrorSchema,
  response: z.nullish(
    z.object({
      generateVideoResponse: z.nullish(
        z.object({
          generatedSamples: z.nullish(z.array(z.nullish(z.object({ video: sampleVideoSchema })))),
          raiMediaFilteredCount: z.nullish(z.number()),
          raiMediaFilteredReasons: z.nullish(z.array(z.string())),
        }),
      ),
    }),
  ),
});

/** A Vertex AI `:fetchPredictOperation` answer (videos and filtering directly under `response`). */
export const vertexOperationSchema = z.object({
  name: z.nullish(z.string()),
  done: z.nullish(z.boolean()),
  metadata: z.optional(z.unknown()),
  error: operationErrorSchema,
  response: z.nullish(
    z.object({
      videos: z.nullish(
        z.array(
          z.nullish(
            z.object({
              gcsUri: z.nullish(z.string()),
              bytesBase64Encoded: z.nullish(z.string()),
              mimeType: z.nullish(z.string()),
            }),
          ),
        ),
      ),
      raiMediaFilteredCount: z.nullish(z.number()),
      raiMediaFilteredReasons: z.nullish(z.array(z.string())),
    }),
  ),
});

/** A Gemini API operation as a status. */
export function mapGoogleOperation(
  operation: z.infer<typeof googleOperationSchema>,
  { name, response }: { name: string; response: StatusResponse },
): VideoModelV3StatusResult {
  const videoResponse = operation.response?.generateVideoResponse;
  return mapOperationToStatus({
    operation,
    name,
    response,
    samples: (videoResponse?.generatedSamples ?? []).map((sample) => sample?.video),
    filtered: videoResponse,
    providerKey: 'google',
  });
}

/** A Vertex AI operation as a status. */
export function mapVertexOperation(
  operation: z.infer<typeof vertexOperationSchema>,
  { name, response }: { name: string; response: StatusResponse },
): VideoModelV3StatusResult {
  return mapOperationToStatus({
    operation,
    name,
    response,
    samples: operation.response?.videos ?? [],
    filtered: operation.response,
    providerKey: 'vertex',
  });
}

/** The fields of a `google.longrunning.Operation` the status mapping reads. */
export type GoogleOperationFields = {
  done?: boolean | null;
  metadata?: unknown;
  error?: { code?: number | string | null; message?: string | null } | null;
};

type StatusResponse = { timestamp: Date; modelId: string; headers: Record<string, string> | undefined };

type SampleVideo =
  | {
      uri?: string | null;
      gcsUri?: string | null;
      video?: string | null;
      encodedVideo?: string | null;
      bytesBase64Encoded?: string | null;
      encoding?: string | null;
      mimeType?: string | null;
    }
  | null
  | undefined;

/**
 * Maps a finished or running operation (Gemini API or Vertex AI) to a
 * status (no `usage`: Veo reports none): `done` absent or false is pending; `error` is failed with Google's
 * code and message; no videos but a filter count is failed and content
 * filtered; some videos filtered is completed with a warning.
 */
export function mapOperationToStatus({
  operation,
  name,
  response,
  samples,
  filtered,
  providerKey,
}: {
  operation: GoogleOperationFields;
  name: string;
  response: StatusResponse;
  samples: SampleVideo[];
  filtered:
    | { raiMediaFilteredCount?: number | null; raiMediaFilteredReasons?: Array<string> | null }
    | null
    | undefined;
  providerKey: string;
}): VideoModelV3StatusResult {
  if (!operation.done) {
    const progress = readProgress(operation.metadata);
    return { status: 'pending', providerStatus: 'running', ...(progress !== undefined ? { progress } : {}) };
  }

  const filteredCount = filtered?.raiMediaFilteredCount ?? 0;
  const filteredReasons = filtered?.raiMediaFilteredReasons ?? [];
  const metadataBase = {
    operationName: name,
    ...(filteredCount > 0 || filteredReasons.length > 0
      ? { raiMediaFilteredCount: filteredCount, raiMediaFilteredReasons: filteredReasons }
      : {}),
  };

  if (operation.error) {
    return {
      status: 'failed',
      error: {
        ...(operation.error.code != null ? { code: operation.error.code } : {}),
        message: operation.error.message ?? 'The Veo operation failed without a message.',
      },
      providerMetadata: { [providerKey]: metadataBase },
    };
  }

  const videos: VideoModelV3VideoData[] = [];
  const videoUris: string[] = [];
  for (const sample of samples) {
    if (!sample) continue;
    const mediaType = sample.encoding ?? sample.mimeType ?? 'video/mp4';
    const uri = sample.uri ?? sample.gcsUri;
    const bytes = sample.encodedVideo ?? sample.video ?? sample.bytesBase64Encoded;
    if (uri) {
      videos.push({ type: 'url', url: uri, mediaType });
      videoUris.push(uri);
    } else if (bytes) {
      videos.push({ type: 'base64', data: bytes, mediaType });
    }
  }

  if (videos.length === 0) {
    if (filteredCount > 0 || filteredReasons.length > 0) {
      return {
        status: 'failed',
        error: {
          code: 'RAI_MEDIA_FILTERED',
          message:
            filteredReasons.length > 0
              ? filteredReasons.join(' ')
              : `Google's safety filters blocked ${filteredCount} video(s).`,
          contentFiltered: true,
        },
        providerMetadata: { [providerKey]: metadataBase },
      };
    }
    return {
      status: 'failed',
      error: { code: 'NO_VIDEO', message: 'The Veo operation finished without videos and without a reason.' },
      providerMetadata: { [providerKey]: metadataBase },
    };
  }

  const warnings: SharedV3Warning[] = [];
  if (filteredCount > 0 || filteredReasons.length > 0) {
    warnings.push({
      type: 'other',
      message:
        `Google's safety filters removed ${filteredCount || 'some'} video(s)` +
        (filteredReasons.length > 0 ? `: ${filteredReasons.join(' ')}` : '.'),
    });
  }
  return {
    status: 'completed',
    videos,
    warnings,
    providerMetadata: { [providerKey]: { ...metadataBase, videoUris } },
    response,
  };
}

function readProgress(metadata: unknown): number | undefined {
  if (!metadata || typeof metadata !== 'object') return undefined;
  const record = metadata as Record<string, unknown>;
  const value = record.progressPercent ?? record.progressPercentage ?? record.progress;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100 ? value : undefined;
}
