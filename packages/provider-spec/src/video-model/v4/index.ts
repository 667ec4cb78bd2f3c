export type {
  VideoModelV4,
  VideoModelV4GenerateResult,
  VideoModelV4WebhookFactory,
  GetMaxVideosPerCallFunctionV4,
} from './video-model-v4';
export type { VideoModelV4CallOptions } from './video-model-v4-call-options';
export type { VideoModelV4File, VideoModelV4FrameImage, VideoModelV4FrameType } from './video-model-v4-file';
export type { VideoModelV4VideoData } from './video-model-v4-video-data';
export type { VideoModelV4ResponseMetadata } from './video-model-v4-response';
export type { VideoModelV4Usage, VideoModelV4BilledUnits } from './video-model-v4-usage';
export type {
  VideoModelV4Capabilities,
  GetVideoModelV4CapabilitiesFunction,
} from './video-model-v4-capabilities';
export type {
  VideoModelV4Operation,
  VideoModelV4StartOptions,
  VideoModelV4StartResult,
  VideoModelV4OperationOptions,
  VideoModelV4PendingStatus,
  VideoModelV4CompletedStatus,
  VideoModelV4ErrorStatus,
  VideoModelV4StatusResult,
  VideoModelV4OperationWebhook,
  VideoModelV4DownloadOptions,
} from './video-model-v4-job';
