export {
  saveVideo,
  saveVideoFromJob,
  type SaveVideoOptions,
  type SaveVideoPath,
  type SaveVideoResult,
} from './save-video';
export { writeVideoStream, type WrittenVideo } from './write-video-stream';
