/**
 * A generated video as the provider hands it over. Identical to
 * `Experimental_VideoModelV4VideoData` of `@ai-sdk/provider` 4.
 *
 * A `url` must be readable without credentials: the Vercel AI SDK 7 downloads
 * it with a plain `fetch`. A video behind the provider's key is returned as
 * bytes, or fetched by the caller through the model's `doDownload`.
 */
export type VideoModelV4VideoData =
  | {
      /**
       * The provider delivered the video to storage the caller manages (an
       * upload URL given in the provider options); there is nothing to download.
       */
      type: 'uploaded';
      /** IANA media type. */
      mediaType: string;
    }
  | {
      /** The video is at a URL readable without credentials. */
      type: 'url';
      /** Where the video can be fetched. */
      url: string;
      /** IANA media type, usually `'video/mp4'`. */
      mediaType: string;
    }
  | {
      /** The video as a base64 string. */
      type: 'base64';
      /** Base64 without a `data:` prefix. */
      data: string;
      /** IANA media type. */
      mediaType: string;
    }
  | {
      /** The video as bytes. */
      type: 'binary';
      /** The bytes. */
      data: Uint8Array;
      /** IANA media type. */
      mediaType: string;
    };
