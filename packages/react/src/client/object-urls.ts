import { VideoGenerationError } from '../video-generation-error';
import type { GeneratedVideoLink, VideoFetcherVideo } from './video-generation-types';

/** The object URLs a client made for bytes it received; released together. */
export class ObjectUrlRegistry {
  #urls: string[] = [];

  /** A playable link for a fetcher's video: its URL, or an object URL for its bytes. */
  toLink(video: VideoFetcherVideo, index: number): GeneratedVideoLink {
    const mediaType = video.mediaType ?? 'video/mp4';
    if ('url' in video) return { index, url: video.url, mediaType, source: 'server' };
    let part: Blob | ArrayBuffer | Uint8Array;
    if ('data' in video) part = video.data;
    else if ('uint8Array' in video) part = video.uint8Array;
    else part = base64ToBytes(video.base64);
    if (typeof URL.createObjectURL !== 'function') {
      throw new VideoGenerationError({
        name: 'ObjectUrlUnavailable',
        message: 'URL.createObjectURL is not available here.',
      });
    }
    const blob = part instanceof Blob ? part : new Blob([part as BlobPart], { type: mediaType });
    const url = URL.createObjectURL(blob);
    this.#urls.push(url);
    return { index, url, mediaType: blob.type || mediaType, source: 'object-url' };
  }

  revokeAll(): void {
    for (const url of this.#urls.splice(0)) URL.revokeObjectURL(url);
  }
}

function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64.replace(/^data:[^,]*,/, ''));
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
