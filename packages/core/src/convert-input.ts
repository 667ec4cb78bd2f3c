import { InvalidArgumentError, type VideoModelV3File } from '@videogen/provider-spec';
import { convertBase64ToUint8Array } from '@ai-sdk/provider-utils';
import type { VideoInput } from './types';
import { detectMediaType } from './util/media-type';

/**
 * Converts a {@link VideoInput} to the spec's `VideoModelV3File`: URLs stay
 * URLs, data URLs and base64 become bytes, bytes get a sniffed media type
 * (`image/png` when unknown).
 */
export function convertToVideoModelFile(input: VideoInput, argument = 'image'): VideoModelV3File {
  if (input instanceof URL) return { type: 'url', url: input.toString() };
  if (input instanceof ArrayBuffer) input = new Uint8Array(input);
  if (input instanceof Uint8Array) {
    return { type: 'file', mediaType: detectMediaType(input) ?? 'image/png', data: input };
  }
  if (typeof input === 'string') {
    if (/^https?:\/\//i.test(input)) return { type: 'url', url: input };
    if (input.startsWith('data:')) {
      const match = /^data:([^;,]*)((?:;[^;,]*)*?);base64,(.*)$/s.exec(input);
      if (!match) {
        throw new InvalidArgumentError({ argument, message: `${argument} is a data: URL that is not base64-encoded.` });
      }
      const data = decodeBase64(match[3], argument);
      return { type: 'file', mediaType: match[1] || detectMediaType(data) || 'image/png', data };
    }
    const data = decodeBase64(input, argument);
    return { type: 'file', mediaType: detectMediaType(data) ?? 'image/png', data };
  }
  if (typeof input === 'object' && input !== null && (input.type === 'file' || input.type === 'url')) {
    return input;
  }
  throw new InvalidArgumentError({
    argument,
    message: `${argument} must be bytes, a base64 string, a URL, a data: URL or a VideoModelV3File.`,
  });
}

function decodeBase64(text: string, argument: string): Uint8Array {
  const trimmed = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(trimmed) || trimmed.length === 0) {
    throw new InvalidArgumentError({
      argument,
      message: `${argument} is a string that is neither an http(s) URL, a data: URL nor base64.`,
    });
  }
  return convertBase64ToUint8Array(trimmed);
}
