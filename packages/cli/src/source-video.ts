import { readFile } from 'node:fs/promises';
import type { SourceVideoOperation, VideoJob } from '@videogen/core';
import { sniffMediaType } from '@videogen/provider-utils';
import { CliError, EXIT_CODES } from './errors';
import { readJobFile } from './job-file';

/** The commands that work on a video the user has, and the operation each one asks for. */
export const SOURCE_VIDEO_COMMANDS = {
  extend: { operation: 'extend', description: 'continue a video from its end' },
  edit: { operation: 'edit', description: 'change what happens in a video, as the prompt says' },
  remix: { operation: 'remix', description: "re-render a video with the prompt's changes" },
  restyle: { operation: 'video-to-video', description: 'restyle a video, keeping its motion (video-to-video)' },
} as const satisfies Record<string, { operation: SourceVideoOperation; description: string }>;

/** What `<video.mp4|job.json>` turned out to be. */
export type SourceInput = { kind: 'job'; job: VideoJob } | { kind: 'video'; video: Uint8Array | string };

/**
 * Reads the source argument of `extend` / `edit` / `remix` / `restyle`: an
 * http(s) or `data:` URL (passed on as it is), a video file (MP4, MOV, WebM,
 * recognised by its first bytes), or a job file (`generate --json`, `-` for
 * stdin), so that a video made here is worked on by its job, not uploaded
 * again. Anything else is a usage error before anything is sent.
 */
export async function readSourceInput(value: string, stdin: AsyncIterable<unknown> | undefined): Promise<SourceInput> {
  if (/^(https?:|data:)/i.test(value)) return { kind: 'video', video: value };
  if (value === '-') return { kind: 'job', job: await readJobFile(value, stdin) };
  let data: Uint8Array;
  try {
    data = new Uint8Array(await readFile(value));
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new CliError(`Cannot read the source video "${value}" (${reason}).`, EXIT_CODES.usage);
  }
  const mediaType = sniffMediaType(data);
  if (mediaType?.startsWith('video/')) return { kind: 'video', video: data };
  if (mediaType === undefined && new TextDecoder().decode(data.subarray(0, 64)).trimStart().startsWith('{')) {
    return { kind: 'job', job: await readJobFile(value, undefined) };
  }
  const found = data.length === 0 ? 'an empty file' : mediaType ? `a ${mediaType} file` : 'no video';
  throw new CliError(
    `"${value}" is ${found}; expected a video file (MP4, MOV, WebM), a job file from \`videogen generate --json\`, or an http(s) URL.`,
    EXIT_CODES.usage,
  );
}
