import { readFile } from 'node:fs/promises';
import { InvalidArgumentError } from 'commander';
import {
  formatVideoSize,
  getResolutionShortSide,
  parseAspectRatio as parseVideoAspectRatio,
  parseResolution as parseVideoResolution,
  parseVideoSize,
  sniffMediaType,
} from '@videogen/provider-utils';
import { CliError, EXIT_CODES } from './errors';

/** `--duration 8` / `8s`: seconds, a number > 0. */
export function parseDuration(value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*s?\s*$/i.exec(value);
  const seconds = match ? Number(match[1]) : Number.NaN;
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new InvalidArgumentError('Expected a duration in seconds greater than 0, e.g. 8.');
  }
  return seconds;
}

/** `--aspect-ratio 16:9` (or `adaptive`). */
export function parseAspectRatio(value: string): `${number}:${number}` | 'adaptive' {
  const trimmed = value.trim();
  if (trimmed === 'adaptive' || trimmed === 'auto') return 'adaptive';
  if (!/^\d+(?:\.\d+)?:\d+(?:\.\d+)?$/.test(trimmed) || parseVideoAspectRatio(trimmed) === undefined) {
    throw new InvalidArgumentError('Expected W:H, e.g. 16:9 or 9:16 (or "adaptive").');
  }
  return trimmed as `${number}:${number}`;
}

/**
 * `--resolution 1280x720`, or a name (`720p`, `1080p`, `4k` …) that becomes
 * `WxH` in the orientation of the aspect ratio (see {@link resolveResolution}).
 */
export function parseResolution(value: string): string {
  const size = parseVideoSize(value);
  if (size) return formatVideoSize(size);
  const name = value.trim().toLowerCase();
  if (!/x/.test(name) && getResolutionShortSide(name) !== undefined) return name;
  throw new InvalidArgumentError('Expected WxH in pixels (e.g. 1280x720) or a name such as 480p, 720p, 1080p, 4k.');
}

/** Turns a named resolution into `WxH` for the aspect ratio (landscape unless it is taller than wide). */
export function resolveResolution(
  resolution: string | undefined,
  aspectRatio: string | undefined,
): `${number}x${number}` | undefined {
  if (resolution === undefined) return undefined;
  const size = parseVideoResolution(resolution, aspectRatio);
  return size ? formatVideoSize(size) : (resolution as `${number}x${number}`);
}

/** `--n 2`: a whole number ≥ 1. */
export function parseCount(value: string): number {
  const number = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(number) || number < 1) {
    throw new InvalidArgumentError('Expected a whole number of at least 1.');
  }
  return number;
}

/** `--seed 42`: an integer (0 is a value). */
export function parseSeed(value: string): number {
  const number = Number(value);
  if (!/^\s*-?\d+\s*$/.test(value) || !Number.isSafeInteger(number)) {
    throw new InvalidArgumentError('Expected an integer, e.g. 42.');
  }
  return number;
}

/** `--timeout 90`, `90s`, `10m`, `1h`, `500ms`: milliseconds. */
export function parseTimeout(value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/i.exec(value);
  if (!match || Number(match[1]) <= 0) {
    throw new InvalidArgumentError('Expected a time greater than 0: seconds (e.g. 600) or with a unit (90s, 10m, 1h).');
  }
  const unit = (match[2] ?? 's').toLowerCase();
  const factor = unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 3_600_000;
  return Math.round(Number(match[1]) * factor);
}

/** `--poll-interval 2s`: like --timeout. */
export const parseInterval = parseTimeout;

/**
 * An image given as a path or an http(s)/data URL. URLs are passed on as they
 * are (the provider or core fetches them); files are read here and must be an
 * image (PNG, JPEG, WebP, GIF …, recognised by their first bytes), so that a
 * wrong file (`--image job.json`) is refused before a job is paid for.
 */
export async function readImageInput(value: string, flag: string): Promise<string | Uint8Array> {
  if (/^(https?:|data:)/i.test(value)) return value;
  let data: Uint8Array;
  try {
    data = new Uint8Array(await readFile(value));
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    // thrown from an action, so not a commander error (commander prints only its own)
    throw new CliError(`${flag}: cannot read "${value}" (${reason}).`, EXIT_CODES.usage);
  }
  const mediaType = sniffMediaType(data);
  if (!mediaType?.startsWith('image/')) {
    const found = data.length === 0 ? 'an empty file' : mediaType ? `a ${mediaType} file` : 'not an image';
    throw new CliError(
      `${flag}: "${value}" is ${found}; expected an image file (PNG, JPEG, WebP, GIF …) or an http(s) URL.`,
      EXIT_CODES.usage,
    );
  }
  return data;
}
