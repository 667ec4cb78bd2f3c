export {
  createVideoRouteHandler,
  parseVideoRouteInput,
  type VideoRouteAction,
  type VideoRouteCallSettings,
  type VideoRouteContext,
  type VideoRouteHandler,
  type VideoRouteHandlerSettings,
} from './create-video-route-handler';
export { signVideoRouteJob, type SignedVideoJob } from './video-job-signature';
export { getVideoContentUrl, type VideoRouteInput, type VideoRouteRequestBody } from '../video-route-protocol';
