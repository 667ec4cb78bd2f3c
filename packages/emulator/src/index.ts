export { VERSION } from './version';
export {
  createEmulator,
  DEFAULT_BASE_URLS,
  DEFAULT_JOB_DURATION_MS,
  DEFAULT_PROGRESS_STEPS,
  DEFAULT_QUEUE_MS,
  type Emulator,
  type EmulatorJobs,
  type EmulatorOptions,
} from './emulator';
export {
  startEmulator,
  serveNode,
  type EmulatorServer,
  type EmulatorServerBaseURLs,
  type StartEmulatorOptions,
} from './server';
export { createMswHandlers, type MswRequestHandler } from './msw';
export type {
  EmulatorApi,
  EmulatorBaseURLs,
  EmulatorFault,
  EmulatorJobInfo,
  EmulatorJobStatus,
  EmulatorRequestLogEntry,
  EmulatorRoute,
  FaultHandle,
  FaultMatcher,
  InjectFaultOptions,
  JobBehavior,
  JobOutcome,
  WebhookDelivery,
} from './types';
export type { EmulatorWebhookKeys } from './webhooks';
export { OPENAI_MODELS } from './apis/openai';
export { GOOGLE_MODELS } from './apis/google';
export { BYTEDANCE_MODELS, type ByteDanceSeedanceModel } from './apis/bytedance';
export { KLING_MODELS } from './apis/kling';
export { XAI_MODELS } from './apis/xai';
export { FAL_ENDPOINTS, falAppId } from './apis/fal';
export { OPENROUTER_MODELS, type OpenRouterVideoModel } from './apis/openrouter';
export { ALIBABA_MODELS, type AlibabaWanModel } from './apis/alibaba';
export { MINIMAX_V1_MODELS, MINIMAX_V2_MODELS } from './apis/minimax';
export { RUNWAY_MODELS, RUNWAY_API_VERSIONS, type RunwayEmulatedModel } from './apis/runway';
export { LUMA_MODELS } from './apis/luma';
export { REPLICATE_MODELS, type ReplicateEmulatedModel } from './apis/replicate';
export { parsePromptMagic, type PromptMagic } from './util';
export { readMp4Boxes, type Mp4Box } from './mp4-boxes';
