import { readFile } from 'node:fs/promises';
import { InvalidArgumentError } from 'commander';
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
  const match = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(trimmed);
  if (!match || Number(match[1]) <= 0 || Number(match[2]) <= 0) {
    throw new InvalidArgumentError('Expected W:H, e.g. 16:9 or 9:16 (or "adaptive").');
  }
  return trimmed as `${number}:${number}`;
}

const NAMED_RESOLUTIONS: Record<string, [number, number]> = {
  '480p': [854, 480],
  '540p': [960, 540],
  '720p': [1280, 720],
  '1080p': [1920, 1080],
  '1440p': [2560, 1440],
  '4k': [3840, 2160],
  '2160p': [3840, 2160],
};

/**
 * `--resolution 1280x720`, or a name (`720p`, `1080p`, `4k`) that becomes
 * `WxH` in the orientation of the aspect ratio (landscape unless it is taller
 * than wide).
 */
export function parseResolution(value: string): string {
  const trimmed = value.trim().toLowerCase();
  const match = /^(\d+)\s*[x×]\s*(\d+)$/.exec(trimmed);
  if (match && Number(match[1]) > 0 && Number(match[2]) > 0) return `${Number(match[1])}x${Number(match[2])}`;
  if (NAMED_RESOLUTIONS[trimmed]) return trimmed;
  throw new InvalidArgumentError(
    `Expected WxH in pixels (e.g. 1280x720) or one of ${Object.keys(NAMED_RESOLUTIONS).join(', ')}.`,
  );
}

/** Turns a named resolution into `WxH` for the aspect ratio. */
export function resolveResolution(
  resolution: string | undefined,
  aspectRatio: string | undefined,
): `${number}x${number}` | undefined {
  if (resolution === undefined) return undefined;
  const named = NAMED_RESOLUTIONS[resolution];
  if (!named) return resolution as `${number}x${number}`;
  const [long, short] = named;
  const ratio = aspectRatio && aspectRatio !== 'adaptive' ? aspectRatio.split(':').map(Number) : [16, 9];
  if (ratio[0] === ratio[1]) return `${short}x${short}`;
  return ratio[0] > ratio[1] ? `${long}x${short}` : `${short}x${long}`;
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
 * are (the provider or core fetches them); files are read here.
 */
export async function readImageInput(value: string, flag: string): Promise<string | Uint8Array> {
  if (/^(https?:|data:)/i.test(value)) return value;
  try {
    return new Uint8Array(await readFile(value));
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    // thrown from an action, so not a commander error (commander prints only its own)
    throw new CliError(`${flag}: cannot read "${value}" (${reason}).`, EXIT_CODES.usage);
  }
}
