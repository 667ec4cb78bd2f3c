import type { VideoModelV3StatusResult, VideoModelV3VideoData } from '@videogen/provider-spec';
import { invalidVideoArgument } from './video-parameters';

/**
 * Video `index` of a completed status, for `doGetDownloadUrl` and for a source
 * job's video: the one check, with one wording, that the job has finished and
 * has that video. Throws an `InvalidArgumentError` (`operation` while the job
 * runs or after it failed, `index` past its videos), naming the job as `job`
 * says (e.g. `'The Luma generation 123'`).
 */
export function getCompletedVideo(
  status: VideoModelV3StatusResult,
  { index = 0, job }: { index?: number; job: string },
): VideoModelV3VideoData {
  if (status.status !== 'completed') {
    throw invalidVideoArgument(
      'operation',
      `${job} has no video yet: ${status.status === 'pending' ? 'it is still running' : 'it failed'}.`,
    );
  }
  const video = status.videos[index];
  if (video === undefined) {
    throw invalidVideoArgument('index', `${job} has ${status.videos.length} video(s); index ${index} does not exist.`);
  }
  return video;
}
