import { InvalidArgumentError, type VideoModelV3File } from '@videogen/provider-spec';
import { convertBase64ToUint8Array } from '@ai-sdk/provider-utils';
import { sniffMediaType } from '@videogen/provider-utils';
import type { VideoInput } from './types';

/**
 * Converts a {@link VideoInput} to the spec's `VideoModelV3File`: URLs stay
 * URLs, data URLs and base64 become bytes, bytes get the media type read
 * from their content (`application/octet-stream` when it is no known
 * format; such bytes are then refused as an image). Whether the content is
 * what its role needs, and whether a URL's scheme is one the model takes,
 * is checked afterwards (`validateVideoInputFile` of `@videogen/provider-utils`).
 */
export function convertToVideoModelFile(input: VideoInput, argument = 'image'): VideoModelV3File {
  if (input instanceof URL) return { type: 'url', url: input.toString() };
  if (input instanceof ArrayBuffer) input = new Uint8Array(input);
  if (input instanceof Uint8Array) {
    return { type: 'file', mediaType: sniffMediaType(input) ?? GENERIC_MEDIA_TYPE, data: input };
  }
  if (typeof input === 'string') {
    if (input.startsWith('data:')) {
      const match = /^data:([^;,]*)((?:;[^;,]*)*?);base64,(.*)$/s.exec(input);
      if (!match) {
        throw new InvalidArgumentError({ argument, message: `${argument} is a data: URL that is not base64-encoded.` });
      }
      const data = decodeBase64(match[3], argument);
      const label = match[1];
      const generic = label === '' || /^(application|binary)\/octet-stream$/i.test(label);
      return { type: 'file', mediaType: generic ? (sniffMediaType(data) ?? GENERIC_MEDIA_TYPE) : label, data };
    }
    // Any `scheme://` string is a URL; its scheme is checked against what the model takes.
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) return { type: 'url', url: input };
    const data = decodeBase64(input, argument);
    return { type: 'file', mediaType: sniffMediaType(data) ?? GENERIC_MEDIA_TYPE, data };
  }
  if (typeof input === 'object' && input !== null && (input.type === 'file' || input.type === 'url')) {
    return input;
  }
  throw new InvalidArgumentError({
    argument,
    message: `${argument} must be bytes, a base64 string, a URL, a data: URL or a VideoModelV3File.`,
  });
}

const GENERIC_MEDIA_TYPE = 'application/octet-stream';

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
