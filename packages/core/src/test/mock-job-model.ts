import type {
  VideoModelV3,
  VideoModelV3Capabilities,
  VideoModelV3DownloadOptions,
  VideoModelV3OperationOptions,
  VideoModelV3StartOptions,
  VideoModelV3StartResult,
  VideoModelV3StatusResult,
  VideoModelV3VideoData,
} from '@videogen/provider-spec';
import { generateVideoFromJob } from '@videogen/provider-utils';
import { MockVideoModelV3 } from './mock-video-model-v3';

/** One scripted answer of `doStatus`: a status, an error to throw, or a function of the call. */
export type MockJobStatusStep =
  | VideoModelV3StatusResult
  | Error
  | ((context: {
      operation: unknown;
      callNumber: number;
    }) => VideoModelV3StatusResult | PromiseLike<VideoModelV3StatusResult>);

/** Settings of {@link createMockJobModel}. */
export type MockJobModelSettings = {
  /** Default: `'mock-provider'`. */
  provider?: string;
  /** Default: `'mock-model-id'`. */
  modelId?: string;
  /** Default: 1. */
  maxVideosPerCall?: VideoModelV3['maxVideosPerCall'];
  /** Default: none. */
  capabilities?: VideoModelV3Capabilities;
  /**
   * The answers of `doStatus` for each job, in order; the last one repeats.
   * Default: one completed status with a 4-byte binary video.
   */
  statuses?: MockJobStatusStep[];
  /**
   * Answers `doStart` (e.g. throw an APICallError). Default: operation
   * `{ id: 'job-<n>' }` (n from 1), no warnings.
   */
  start?: (
    options: VideoModelV3StartOptions,
    callNumber: number,
  ) => VideoModelV3StartResult | PromiseLike<VideoModelV3StartResult>;
  /** Whether the model has `doCancel`. Default: true. */
  cancel?: boolean;
  /** `doDownload`, when the videos need credentials. Default: none. */
  download?: (options: VideoModelV3DownloadOptions) => Response | PromiseLike<Response>;
  /** `doWatch`, when the model streams statuses. Default: none. */
  watch?: (options: VideoModelV3OperationOptions) => AsyncIterable<VideoModelV3StatusResult>;
};

/** A scripted job model with a record of every call. */
export type MockJobModel = MockVideoModelV3 & {
  /** The options of every `doStart` call. */
  readonly startCalls: VideoModelV3StartOptions[];
  /** The options of every `doStatus` call. */
  readonly statusCalls: VideoModelV3OperationOptions[];
  /** The options of every `doCancel` call. */
  readonly cancelCalls: VideoModelV3OperationOptions[];
  /** The options of every `doDownload` call. */
  readonly downloadCalls: VideoModelV3DownloadOptions[];
};

/** A 4-byte stand-in video. */
export const MOCK_VIDEO: VideoModelV3VideoData = {
  type: 'binary',
  data: new Uint8Array([0, 1, 2, 3]),
  mediaType: 'video/mp4',
};

/** A completed status with the given videos. */
export function mockCompletedStatus(videos: VideoModelV3VideoData[] = [MOCK_VIDEO]): VideoModelV3StatusResult {
  return {
    status: 'completed',
    videos,
    warnings: [],
    response: { timestamp: new Date(0), modelId: 'mock-model-id', headers: undefined },
  };
}

/**
 * A `MockVideoModelV3` with `doStart` / `doStatus` / `doCancel` (and
 * `doGenerate` built from them) that answers from a script, for tests of
 * code that runs jobs.
 *
 * @example
 * const model = createMockJobModel({
 *   statuses: [{ status: 'pending', progress: 50 }, mockCompletedStatus()],
 * });
 */
export function createMockJobModel(settings: MockJobModelSettings = {}): MockJobModel {
  const startCalls: VideoModelV3StartOptions[] = [];
  const statusCalls: VideoModelV3OperationOptions[] = [];
  const cancelCalls: VideoModelV3OperationOptions[] = [];
  const downloadCalls: VideoModelV3DownloadOptions[] = [];
  const statuses = settings.statuses ?? [mockCompletedStatus()];
  const callNumbers = new Map<string, number>();

  const model = new MockVideoModelV3({
    provider: settings.provider,
    modelId: settings.modelId,
    maxVideosPerCall: 'maxVideosPerCall' in settings ? settings.maxVideosPerCall : 1,
    capabilities: settings.capabilities,
    doStart: async (options) => {
      startCalls.push(options);
      if (settings.start) return await settings.start(options, startCalls.length);
      return {
        operation: { id: `job-${startCalls.length}` },
        warnings: [],
        response: { timestamp: new Date(0), modelId: settings.modelId ?? 'mock-model-id', headers: undefined },
      };
    },
    doStatus: async (options) => {
      statusCalls.push(options);
      const key = JSON.stringify(options.operation);
      const callNumber = callNumbers.get(key) ?? 0;
      callNumbers.set(key, callNumber + 1);
      const step = statuses[Math.min(callNumber, statuses.length - 1)];
      if (step instanceof Error) throw step;
      if (typeof step === 'function') return await step({ operation: options.operation, callNumber });
      return step;
    },
    ...(settings.cancel === false
      ? {}
      : {
          doCancel: async (options: VideoModelV3OperationOptions) => {
            cancelCalls.push(options);
          },
        }),
    ...(settings.download
      ? {
          doDownload: async (options: VideoModelV3DownloadOptions) => {
            downloadCalls.push(options);
            return await settings.download!(options);
          },
        }
      : {}),
    ...(settings.watch ? { doWatch: settings.watch } : {}),
  });
  model.doGenerate = (options) =>
    generateVideoFromJob({ model: model as Parameters<typeof generateVideoFromJob>[0]['model'], options });
  return Object.assign(model, { startCalls, statusCalls, cancelCalls, downloadCalls });
}
