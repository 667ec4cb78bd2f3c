import { readToEnd, toWebStream, type BodyReader } from '@videogen/provider-utils';
import type { VideoStream } from '../types';

/** How {@link readVideoBytes} takes a download's reader before anyone made its stream. */
const takeReader = Symbol('takeReader');

/**
 * A download as a {@link VideoStream} whose `stream` is made only when asked
 * for: read into memory by {@link readVideoBytes}, it needs none.
 */
export function toLazyVideoStream(
  reader: BodyReader,
  mediaType: string,
  contentLength: number | undefined,
): VideoStream {
  let stream: ReadableStream<Uint8Array> | undefined;
  let taken = false;
  return {
    get stream() {
      return (stream ??= taken
        ? new ReadableStream({ start: (controller) => controller.error(new TypeError('The video was already read.')) })
        : toWebStream(reader));
    },
    mediaType,
    contentLength,
    [takeReader]: (): BodyReader | undefined => {
      if (stream !== undefined || taken) return undefined;
      taken = true;
      return reader;
    },
  } as VideoStream;
}

/** Reads a video to its end into one array (without a web stream where the download has none yet). */
export async function readVideoBytes(video: VideoStream): Promise<Uint8Array> {
  const reader = (video as { [takeReader]?: () => BodyReader | undefined })[takeReader]?.();
  return await readToEnd(reader ?? video.stream.getReader());
}
