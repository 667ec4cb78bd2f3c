import type { SharedV3ProviderMetadata } from '../../shared/v3/shared-v3-provider-metadata';

/**
 * An image or video given to a model: a first or last frame, a reference, or
 * a video to extend. Identical to `Experimental_VideoModelV3File` of
 * `@ai-sdk/provider`.
 */
export type VideoModelV3File =
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
      providerOptions?: SharedV3ProviderMetadata;
    }
  | {
      type: 'url';
      /** An `https:` URL or a `data:` URL. */
      url: string;
      /** IANA media type when known. */
      mediaType?: string;
      /** Provider-specific options for this file. */
      providerOptions?: SharedV3ProviderMetadata;
    };

/**
 * The role of a frame image: `first_frame` is animated from,
 * `last_frame` is animated towards.
 */
export type VideoModelV3FrameType = 'first_frame' | 'last_frame';

/** A role-tagged image for image-to-video and first/last-frame generation. */
export type VideoModelV3FrameImage = {
  /** The image used for this frame. */
  image: VideoModelV3File;
  /** Which frame the image is. */
  frameType: VideoModelV3FrameType;
};
