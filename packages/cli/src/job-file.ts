import { readFile } from 'node:fs/promises';
import type { VideoJob } from '@videogen/provider-spec';
import { CliError, EXIT_CODES } from './errors';

/** Reads all of a stream (stdin) as text. */
async function readAll(stream: AsyncIterable<unknown>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads a job from a file (or `-` for stdin): the JSON that `videogen
 * generate --json` prints, i.e. a `VideoJob`. The first line that parses as a
 * job wins, so a log with more lines works too.
 */
export async function readJobFile(path: string, stdin: AsyncIterable<unknown> | undefined): Promise<VideoJob> {
  let text: string;
  if (path === '-') {
    if (!stdin) throw new CliError('Cannot read the job from stdin here.', EXIT_CODES.usage);
    text = await readAll(stdin);
  } else {
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new CliError(
        `Cannot read job file "${path}": ${code === 'ENOENT' ? 'no such file' : (error as Error).message}.`,
        EXIT_CODES.usage,
      );
    }
  }
  const candidates = [text, ...text.split(/\r?\n/)];
  for (const candidate of candidates) {
    const trimmed = candidate.trim();
    if (!trimmed.startsWith('{')) continue;
    try {
      const value = JSON.parse(trimmed) as unknown;
      const job = asJob(value);
      if (job) return job;
    } catch {
      // try the next line
    }
  }
  throw new CliError(
    `"${path === '-' ? 'stdin' : path}" holds no videogen job: expected the JSON printed by \`videogen generate --json\` ({"specificationVersion":"v3","provider":…,"modelId":…,"operation":…}).`,
    EXIT_CODES.usage,
  );
}

function asJob(value: unknown): VideoJob | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  // `{ job: {...} }` wrappers are accepted too.
  if (typeof record.job === 'object' && record.job !== null) return asJob(record.job);
  if (typeof record.provider !== 'string' || typeof record.modelId !== 'string' || !('operation' in record)) {
    return undefined;
  }
  return {
    specificationVersion: 'v3',
    provider: record.provider,
    modelId: record.modelId,
    operation: record.operation as VideoJob['operation'],
  };
}
