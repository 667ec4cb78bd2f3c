import { convertBase64ToUint8Array, convertUint8ArrayToBase64 } from '@ai-sdk/provider-utils';
import type { SharedV3ProviderMetadata, VideoJob } from '@videogen/provider-spec';

/** A generated video held in memory. */
export interface GeneratedVideo {
  /** The video as bytes (converted from base64 on first access). */
  readonly uint8Array: Uint8Array;
  /** The video as base64 (converted from the bytes on first access, then cached). */
  readonly base64: string;
  /** IANA media type, e.g. `'video/mp4'`. */
  readonly mediaType: string;
  /**
   * The job that produced the video, when the model ran one (every videogen
   * provider does). Pass the video as `sourceVideo.video` to extend or edit it:
   * a model of the same provider then gets the provider's own id, and nothing
   * is uploaded again.
   */
  readonly job?: VideoJob;
  /** Which of the job's videos this is, 0-based (with `job`). */
  readonly index?: number;
  /** The provider metadata of the job's result (e.g. the provider's own video id), when it reported any. */
  readonly providerMetadata?: SharedV3ProviderMetadata;
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
  /** The job that produced the video, when there was one. */
  readonly job?: VideoJob;
  /** Which of the job's videos this is, 0-based. */
  readonly index?: number;
  /** The provider metadata of the job's result. */
  readonly providerMetadata?: SharedV3ProviderMetadata;

  constructor({
    data,
    mediaType,
    job,
    index,
    providerMetadata,
  }: {
    data: Uint8Array | string;
    mediaType: string;
    job?: VideoJob;
    index?: number;
    providerMetadata?: SharedV3ProviderMetadata;
  }) {
    if (typeof data === 'string') this.base64Data = data;
    else this.bytesData = data;
    this.mediaType = mediaType;
    if (job !== undefined) {
      this.job = job;
      this.index = index ?? 0;
    }
    if (providerMetadata !== undefined) this.providerMetadata = providerMetadata;
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
