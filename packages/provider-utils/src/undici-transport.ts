/**
 * The fast path of {@link defaultFetch} on Node: undici's public `request`
 * through the process's global dispatcher (`getGlobalDispatcher()`, the one
 * Node's own `fetch` uses), so a `ProxyAgent` or any other dispatcher, TLS
 * and connection setting applies exactly as to `fetch`. It serves the calls
 * of this package's HTTP layer (`redirect: 'manual'`, a string or byte body,
 * no `accept-encoding` asked for) and answers with a standard `Response`
 * whose body is read from undici's stream (a web stream is made only when
 * `body` is asked for): about a third of `fetch`'s CPU per request
 * (bench/NOTES.md). Everything else goes to the runtime's `fetch`.
 */

/** What reads a body chunk by chunk (as `BodyReader` in http-fetch.ts). */
type BodyReader = {
  read(): Promise<ReadableStreamReadResult<Uint8Array>>;
  cancel(reason?: unknown): Promise<void>;
};

type UndiciBody = AsyncIterable<Uint8Array> & {
  text(): Promise<string>;
  json(): Promise<unknown>;
  arrayBuffer(): Promise<ArrayBuffer>;
  destroy(error?: Error): void;
  on(event: 'error', listener: (error: Error) => void): void;
};
type UndiciModule = {
  request(
    url: string,
    options: { method: string; headers: Record<string, string>; body?: string | Uint8Array; signal?: AbortSignal },
  ): Promise<{ statusCode: number; headers: Record<string, string | string[] | undefined>; body: UndiciBody }>;
};

const UNDICI = 'undici';
let undici: UndiciModule | null | undefined;
let loading: Promise<void> | undefined;

/** undici, once loaded (Node only, not when `NODE_USE_ENV_PROXY` asks the runtime's fetch to pick a proxy). */
function loadUndici(): UndiciModule | null | undefined {
  if (undici !== undefined) return undici;
  const process = (globalThis as { process?: { versions?: { node?: string }; env?: Record<string, string> } }).process;
  if (!process?.versions?.node || process.env?.NODE_USE_ENV_PROXY) {
    undici = null;
    return undici;
  }
  // Not a literal: bundlers leave undici out (browsers never get here; a Node bundle loads it from
  // node_modules at run time, or falls back to the runtime's fetch without it).
  loading ??= import(/* webpackIgnore: true */ /* @vite-ignore */ UNDICI).then(
    (module) => {
      undici = module as unknown as UndiciModule;
    },
    () => {
      undici = null;
    },
  );
  return undefined;
}

/** Whether the fast path can serve this call as `fetch` would. */
function isServable(input: unknown, init: RequestInit | undefined): init is RequestInit {
  if (init?.redirect !== 'manual') return false;
  if (typeof input !== 'string' && !(input instanceof URL)) return false;
  const body = init.body;
  if (body != null && typeof body !== 'string' && !(body instanceof Uint8Array)) return false;
  const headers = init.headers;
  if (headers != null && (Array.isArray(headers) || headers instanceof Headers)) return false;
  return !(headers && 'accept-encoding' in headers);
}

/**
 * Serves the call through undici's `request` when it can (see the module
 * comment), else `undefined` (the caller uses the runtime's `fetch`).
 */
export function undiciFetch(input: RequestInfo | URL, init: RequestInit | undefined): Promise<Response> | undefined {
  const module = loadUndici();
  if (module === null || !isServable(input, init)) return undefined;
  if (module === undefined) return loading!.then(() => undiciFetch(input, init) ?? globalThis.fetch(input, init));
  return send(module, String(input), init);
}

async function send(module: UndiciModule, url: string, init: RequestInit): Promise<Response> {
  const signal = init.signal ?? undefined;
  signal?.throwIfAborted();
  const headers: Record<string, string> = { accept: '*/*' };
  for (const [name, value] of Object.entries((init.headers ?? {}) as Record<string, string>)) {
    headers[name.toLowerCase()] = value;
  }
  const method = (init.method ?? 'GET').toUpperCase();
  if (typeof init.body === 'string') headers['content-type'] ??= 'text/plain;charset=UTF-8';
  let answer: Awaited<ReturnType<UndiciModule['request']>>;
  try {
    answer = await module.request(url, {
      method,
      headers,
      body: (init.body ?? undefined) as string | Uint8Array | undefined,
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw new TypeError('fetch failed', { cause: error });
  }
  // An error before anyone reads (abort, reset) must not be uncaught; the reader sees it.
  answer.body.on('error', () => {});
  const responseHeaders = new Headers();
  for (const name in answer.headers) {
    const value = answer.headers[name];
    if (Array.isArray(value)) for (const item of value) responseHeaders.append(name, item);
    else if (value !== undefined) responseHeaders.append(name, value);
  }
  const hasBody = method !== 'HEAD' && answer.statusCode !== 204 && answer.statusCode !== 304;
  if (!hasBody) answer.body.destroy();
  return new UndiciResponse(hasBody ? answer.body : null, url, signal, {
    status: answer.statusCode,
    headers: responseHeaders,
  });
}

function readError(error: unknown, signal: AbortSignal | undefined): unknown {
  return signal?.aborted ? signal.reason : new TypeError('terminated', { cause: error });
}

/** A standard `Response` whose body is undici's stream, read directly by `json`/`text`/`arrayBuffer`. */
export class UndiciResponse extends Response {
  #source: UndiciBody | null;
  #stream: ReadableStream<Uint8Array<ArrayBuffer>> | null | undefined;
  #used = false;
  #url: string;
  #signal: AbortSignal | undefined;

  constructor(source: UndiciBody | null, url: string, signal: AbortSignal | undefined, init: ResponseInit) {
    super(null, init);
    this.#source = source;
    this.#stream = source === null ? null : undefined;
    this.#url = url;
    this.#signal = signal;
  }

  override get url(): string {
    return this.#url;
  }

  override get bodyUsed(): boolean {
    return this.#used;
  }

  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    if (this.#stream === undefined) {
      const source = this.#source!;
      const iterator = source[Symbol.asyncIterator]();
      const signal = this.#signal;
      this.#stream = new ReadableStream<Uint8Array<ArrayBuffer>>({
        async pull(controller) {
          try {
            const { done, value } = await iterator.next();
            if (done) controller.close();
            else controller.enqueue(new Uint8Array(value.buffer as ArrayBuffer, value.byteOffset, value.byteLength));
          } catch (error) {
            throw readError(error, signal);
          }
        },
        cancel(reason) {
          source.destroy(reason instanceof Error ? reason : undefined);
        },
      });
    }
    return this.#stream;
  }

  /**
   * A reader straight on undici's stream (no web stream), while the body is
   * untouched; else `undefined`. What `getBodyReader` uses for downloads and
   * SSE.
   */
  takeDirectReader(): BodyReader | undefined {
    if (this.#used || this.#stream !== undefined) return undefined;
    this.#used = true;
    const source = this.#source!;
    const iterator = source[Symbol.asyncIterator]();
    const signal = this.#signal;
    return {
      async read() {
        try {
          const { done, value } = await iterator.next();
          return done
            ? { done: true, value: undefined }
            : { done: false, value: new Uint8Array(value.buffer, value.byteOffset, value.byteLength) };
        } catch (error) {
          throw readError(error, signal);
        }
      },
      async cancel(reason) {
        source.destroy(reason instanceof Error ? reason : undefined);
      },
    };
  }

  /** The undici body for a one-shot read, when no web stream was made; else `undefined`. */
  #take(): UndiciBody | undefined {
    if (this.#used) throw new TypeError('Body is unusable: Body has already been read');
    this.#used = true;
    return this.#stream === undefined ? this.#source! : undefined;
  }

  override async text(): Promise<string> {
    const source = this.#take();
    if (!source) return new TextDecoder().decode(await this.#readStream());
    try {
      return await source.text();
    } catch (error) {
      throw readError(error, this.#signal);
    }
  }

  override async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    const source = this.#take();
    if (!source) return (await this.#readStream()).slice().buffer as ArrayBuffer;
    try {
      return await source.arrayBuffer();
    } catch (error) {
      throw readError(error, this.#signal);
    }
  }

  override async blob(): Promise<Blob> {
    return new Blob([await this.arrayBuffer()], { type: this.headers.get('content-type') ?? '' });
  }

  override clone(): Response {
    if (this.#used) throw new TypeError('Response.clone: Body has already been consumed.');
    const body = this.body;
    const init = { status: this.status, statusText: this.statusText, headers: this.headers };
    if (body === null) return new Response(null, init);
    const [mine, theirs] = body.tee();
    this.#stream = mine;
    return new Response(theirs, init);
  }

  async #readStream(): Promise<Uint8Array> {
    const stream = this.#stream;
    if (!stream) return new Uint8Array(0);
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }
}
