import { AISDKError } from '@ai-sdk/provider';
import type { VideoModelV3ResponseMetadata } from '../video-model/v3/video-model-v3-response';

const name = 'VideoGen_NoVideoGeneratedError';
const marker = `videogen.error.${name}`;
const symbol = Symbol.for(marker);

/** The calls succeeded but returned no video. */
export class NoVideoGeneratedError extends AISDKError {
  private readonly [symbol] = true;

  /** The responses of the calls, for debugging. */
  readonly responses: VideoModelV3ResponseMetadata[] | undefined;

  constructor({
    message = 'No video was generated.',
    responses,
    cause,
  }: {
    message?: string;
    responses?: VideoModelV3ResponseMetadata[];
    cause?: unknown;
  }) {
    super({ name, message, cause });
    this.responses = responses;
  }

  static isInstance(error: unknown): error is NoVideoGeneratedError {
    return AISDKError.hasMarker(error, marker);
  }
}
