export type {
  VideoModelV3,
  VideoModelV3GenerateResult,
  GetMaxVideosPerCallFunction,
} from './video-model-v3';
export type { VideoModelV3CallOptions } from './video-model-v3-call-options';
export type {
  VideoModelV3File,
  VideoModelV3FrameImage,
  VideoModelV3FrameType,
} from './video-model-v3-file';
export type { VideoModelV3VideoData } from './video-model-v3-video-data';
export type { VideoModelV3ResponseMetadata } from './video-model-v3-response';
export type {
  VideoModelV3Capabilities,
  GetVideoModelV3CapabilitiesFunction,
} from './video-model-v3-capabilities';
export type {
  VideoJob,
  VideoModelV3Operation,
  VideoModelV3StartOptions,
  VideoModelV3StartResult,
  VideoModelV3OperationOptions,
  VideoModelV3PendingStatus,
  VideoModelV3CompletedStatus,
  VideoModelV3FailedStatus,
  VideoModelV3StatusResult,
  VideoModelV3JobError,
  VideoModelV3DownloadOptions,
} from './video-model-v3-job';
export type { VideoModelV3Usage, VideoModelV3BilledUnits } from './video-model-v3-usage';
export type {
  VideoModelV3SourceVideo,
  VideoModelV3SourceVideoOperation,
  VideoModelV3SourceVideoOrigin,
  VideoModelV3SourceVideoCapability,
} from './video-model-v3-source-video';
export type {
  VideoModelV3ListedJobStatus,
  VideoModelV3ListJobsOptions,
  VideoModelV3ListedJob,
  VideoModelV3ListJobsResult,
  VideoModelV3DownloadUrlOptions,
  VideoModelV3DownloadUrl,
} from './video-model-v3-jobs-list';
