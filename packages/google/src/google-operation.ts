import type { SharedV3Warning, VideoModelV3StatusResult, VideoModelV3VideoData } from '@videogen/provider-spec';

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
 * status: `done` absent or false is pending; `error` is failed with Google's
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
