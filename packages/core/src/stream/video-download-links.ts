import type { VideoJob } from '@videogen/provider-spec';
import { getVideoDownloadUrl } from '../gateway/get-video-download-url';
import type { VideoDownloadLinkSigner } from '../gateway/video-download-link';
import type { VideoModelArgument } from '../model/as-video-model';
import type { VideoEvent } from '../types';

/** Links instead of proxied bytes: `streamVideo`'s `downloadLinks` option. */
export type VideoDownloadLinksOptions = {
  /**
   * Signs links to your content endpoint for videos that need the provider's
   * key (`createVideoDownloadLinkSigner`). Default: none (only the
   * provider's own public links are given).
   */
  signer?: VideoDownloadLinkSigner;
  /** The user the signed links are for (the content endpoint verifies with the same). Default: none. */
  subject?: string;
  /** Lifetime of a link in seconds. Default: 900. */
  expiresIn?: number;
};

/**
 * Gives each video of a `completed` event without a `url` a link a browser can
 * fetch (see `getVideoDownloadUrl`): the provider's public link, or a signed
 * link to your content endpoint. A video no link can be made for keeps no
 * `url` (the page then uses your proxying route), so the stream never fails
 * for a link.
 */
export async function* withVideoDownloadLinks(
  events: AsyncIterable<VideoEvent>,
  { model, job: fallbackJob, ...options }: VideoDownloadLinksOptions & { model: VideoModelArgument; job?: VideoJob },
): AsyncGenerator<VideoEvent> {
  for await (const event of events) {
    if (event.type !== 'completed' || event.videos.every((video) => video.url !== undefined)) {
      yield event;
      continue;
    }
    const job = event.job ?? fallbackJob;
    const videos = await Promise.all(
      event.videos.map(async (video) => {
        if (video.url !== undefined || job === undefined) return video;
        try {
          const link = await getVideoDownloadUrl({ model, job, index: video.index, ...options });
          return {
            ...video,
            url: link.url,
            urlSource: link.source,
            ...(link.expiresAt !== undefined ? { urlExpiresAt: link.expiresAt.toISOString() } : {}),
          };
        } catch {
          return video;
        }
      }),
    );
    yield { ...event, videos };
  }
}
