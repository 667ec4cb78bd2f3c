export { createRunway, runway, RUNWAY_API_KEY_ENVIRONMENT_VARIABLES } from './runway-provider';
export type { RunwayProvider, RunwayProviderSettings } from './runway-provider';
export { RunwayVideoModel } from './runway-video-model';
export type { RunwayVideoOperation } from './runway-operation';
export {
  getRunwayVideoModelCapabilities,
  runwayVideoModelCapabilities,
  RUNWAY_VIDEO_MODEL_IDS,
  RUNWAY_API_VERSION,
  RUNWAY_DEFAULT_POLL_INTERVAL_MS,
} from './runway-video-model-options';
export type {
  RunwayVideoModelId,
  RunwayVideoModelOptions,
  RunwayVideoModelCapabilities,
  RunwayEndpoint,
} from './runway-video-model-options';
export { RUNWAY_SENDS_WEBHOOKS } from './runway-webhook';
export type { RunwayErrorData } from './runway-error';
export { VERSION } from './version';
