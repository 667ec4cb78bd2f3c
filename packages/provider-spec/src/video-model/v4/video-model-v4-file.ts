import type { SharedV4ProviderMetadata } from '../../shared/v4/shared-v4-provider-metadata';

/**
 * An image or video given to a model: a first or last frame, a reference, or
 * a video to extend. Identical to `Experimental_VideoModelV4File` of
 * `@ai-sdk/provider` 4.
 */
export type VideoModelV4File =
  | {
      type: 'file';
      /**
       * IANA media type, e.g. `'image/png'`, `'image/jpeg'`, `'image/webp'`,
       * `'video/mp4'`.
       */
      mediaType: string;
      /** The bytes, or the bytes as a base64 string (no `data:` prefix). */
      data: string | Uint8Array;
      /** Provider-specific options for this file. */
      providerOptions?: SharedV4ProviderMetadata;
    }
  | {
      type: 'url';
      /** An `https:` URL or a `data:` URL. */
      url: string;
      /** IANA media type when known. */
      mediaType?: string;
      /** Provider-specific options for this file. */
      providerOptions?: SharedV4ProviderMetadata;
    };

/**
 * The role of a frame image: `first_frame` is animated from,
 * `last_frame` is animated towards.
 */
export type VideoModelV4FrameType = 'first_frame' | 'last_frame';

/** A role-tagged image for image-to-video and first/last-frame generation. */
export type VideoModelV4FrameImage = {
  /** The image used for this frame. */
  image: VideoModelV4File;
  /** Which frame the image is. */
  frameType: VideoModelV4FrameType;
};
