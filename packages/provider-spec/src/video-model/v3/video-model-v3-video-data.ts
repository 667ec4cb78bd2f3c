/**
 * A generated video as the provider hands it over. Identical to
 * `Experimental_VideoModelV3VideoData` of `@ai-sdk/provider`.
 *
 * A `url` that needs the provider's credentials (OpenAI's content endpoint,
 * OpenRouter's content proxy, Gemini file URIs) must be fetched through the
 * model's `doDownload`, never by putting the key into the URL.
 */
export type VideoModelV3VideoData =
  | {
      /** The video is at a URL (most providers). */
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
