import { convertBase64ToUint8Array, convertUint8ArrayToBase64 } from '@ai-sdk/provider-utils';

/** A generated video held in memory. */
export interface GeneratedVideo {
  /** The video as bytes (converted from base64 on first access). */
  readonly uint8Array: Uint8Array;
  /** The video as base64 (converted from the bytes on first access, then cached). */
  readonly base64: string;
  /** IANA media type, e.g. `'video/mp4'`. */
  readonly mediaType: string;
}

/**
 * The {@link GeneratedVideo} implementation (like the Vercel AI SDK's
 * `DefaultGeneratedFile`): holds bytes or base64 and converts lazily.
 */
export class DefaultGeneratedVideo implements GeneratedVideo {
  private bytesData: Uint8Array | undefined;
  private base64Data: string | undefined;

  /** IANA media type. */
  readonly mediaType: string;

  constructor({ data, mediaType }: { data: Uint8Array | string; mediaType: string }) {
    if (typeof data === 'string') this.base64Data = data;
    else this.bytesData = data;
    this.mediaType = mediaType;
  }

  get uint8Array(): Uint8Array {
    this.bytesData ??= convertBase64ToUint8Array(this.base64Data!);
    return this.bytesData;
  }

  get base64(): string {
    this.base64Data ??= convertUint8ArrayToBase64(this.bytesData!);
    return this.base64Data;
  }
}
