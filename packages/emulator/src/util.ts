import { randomBytes, randomUUID } from 'node:crypto';

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const text = JSON.stringify(body);
  return new Response(text, {
    status,
    headers: {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(text)),
      ...headers,
    },
  });
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomAlphanumeric(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[bytes[i] % ALPHANUMERIC.length];
  return out;
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

export function uuid(): string {
  return randomUUID();
}

export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export type ParsedBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; value: Record<string, unknown> }
  | { kind: 'empty' }
  | { kind: 'invalid'; message: string };

/**
 * Reads a JSON or multipart/urlencoded body. Multipart fields flattened as `key[sub]` (how the
 * OpenAI SDK sends nested objects) are rebuilt into nested objects; files become
 * `{ file: true, name, type, size }`.
 */
export async function readBody(request: Request): Promise<ParsedBody> {
  const contentType = request.headers.get('content-type') ?? '';
  if (contentType.includes('multipart/form-data') || contentType.includes('application/x-www-form-urlencoded')) {
    let form: FormData;
    try {
      form = await request.formData();
    } catch (error) {
      return { kind: 'invalid', message: `Could not parse form data: ${(error as Error).message}` };
    }
    const value: Record<string, unknown> = {};
    for (const [key, entry] of form.entries()) {
      const item: unknown =
        typeof entry === 'string'
          ? entry
          : { file: true, name: (entry as File).name, type: (entry as File).type, size: (entry as File).size };
      setFormValue(value, key, item);
    }
    return { kind: 'form', value };
  }
  const text = await request.text();
  if (text.trim() === '') return { kind: 'empty' };
  try {
    return { kind: 'json', value: JSON.parse(text) };
  } catch (error) {
    return {
      kind: 'invalid',
      message: `We could not parse the JSON body of your request. (${(error as Error).message})`,
    };
  }
}

function setFormValue(target: Record<string, unknown>, key: string, item: unknown) {
  const match = /^([^[]+)((?:\[[^\]]*\])+)$/.exec(key);
  if (!match) {
    target[key] = item;
    return;
  }
  const path = [match[1], ...[...match[2].matchAll(/\[([^\]]*)\]/g)].map((m) => m[1])];
  let node: Record<string, unknown> | unknown[] = target;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    const nextIsArray = !last && path[i + 1] === '';
    if (Array.isArray(node)) {
      if (last) node.push(item);
      else {
        const child = nextIsArray ? [] : {};
        node.push(child);
        node = child;
      }
      continue;
    }
    if (last) {
      node[segment] = item;
    } else {
      if (typeof node[segment] !== 'object' || node[segment] === null) node[segment] = nextIsArray ? [] : {};
      node = node[segment] as Record<string, unknown>;
    }
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `[emulator:…]` directives in a prompt. */
export interface PromptMagic {
  outcome?: 'completed' | 'failed' | 'filtered' | 'stuck';
  durationMs?: number;
  queueMs?: number;
  progressSteps?: number;
  videoBytes?: number;
}

/** Parses prompt magic: `[emulator:fail]`, `[emulator:filtered]`, `[emulator:stuck]`, `[emulator:duration=3000]`, … */
export function parsePromptMagic(prompt: unknown): PromptMagic {
  const magic: PromptMagic = {};
  if (typeof prompt !== 'string') return magic;
  for (const match of prompt.matchAll(/\[emulator:([a-z-]+)(?:=([^\]]*))?\]/gi)) {
    const name = match[1].toLowerCase();
    const value = match[2];
    const number = value === undefined ? Number.NaN : Number(value);
    switch (name) {
      case 'fail':
      case 'failed':
        magic.outcome = 'failed';
        break;
      case 'filtered':
      case 'filter':
      case 'moderated':
        magic.outcome = 'filtered';
        break;
      case 'stuck':
        magic.outcome = 'stuck';
        break;
      case 'complete':
      case 'completed':
        magic.outcome = 'completed';
        break;
      case 'duration':
        if (Number.isFinite(number) && number >= 0) magic.durationMs = number;
        break;
      case 'queue':
        if (Number.isFinite(number) && number >= 0) magic.queueMs = number;
        break;
      case 'steps':
        if (Number.isInteger(number) && number >= 1) magic.progressSteps = number;
        break;
      case 'bytes':
        if (Number.isFinite(number) && number >= 0) magic.videoBytes = number;
        break;
    }
  }
  return magic;
}
