import { DownloadTooLargeError } from '@videogen/provider-spec';
import type { FetchFunction } from '@ai-sdk/provider-utils';
import type * as NodeHttp from 'node:http';
import type * as NodeHttps from 'node:https';
import type * as NodeZlib from 'node:zlib';
import type { Readable } from 'node:stream';

/**
 * Node's `fetch` (undici) spends most of a small request's CPU on the WHATWG
 * machinery around it: Request/Response/Headers objects, web streams for
 * every body. `httpFetch` is the same contract on `node:http` with keep-alive
 * (about 0.4x the CPU and 0.6x the memory per request, see bench/NOTES.md),
 * for the requests providers make: a URL, a method, headers and a string or
 * byte body. Everything else (a `Request` input, `FormData`/stream bodies, an
 * undici `dispatcher`) goes to the global `fetch` unchanged.
 */

type Builtins = {
  http: typeof NodeHttp;
  https: typeof NodeHttps;
  zlib: typeof NodeZlib;
  httpAgent: NodeHttp.Agent;
  httpsAgent: NodeHttps.Agent;
};
type IncomingMessage = NodeHttp.IncomingMessage;

/** Socket idle time after which a request fails, as undici's header/body timeouts: 300 s. */
const IDLE_TIMEOUT_MS = 300_000;
const MAX_REDIRECTS = 20;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
const STANDARD_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);
const DEFAULT_ACCEPT_ENCODING = 'gzip, deflate, br';
/** Headers that may carry a credential: dropped on a redirect to another origin (`x-goog-api-key`, `api-key` …). */
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie)$|key|token|secret|auth/i;

/** How getBodyReader asks an httpFetch response for its node stream. */
const takeNodeBodyReader = Symbol('takeNodeBodyReader');
/** How httpFetch asks its NodeResponse for the body's node stream. */
const sourceOf = Symbol('sourceOf');
/** How {@link toHeaderRecordFast} asks NodeHeaders for its record. */
const recordOf = Symbol('recordOf');

let builtins: Builtins | null | undefined;

/**
 * Keep-alive agents like undici's pool: idle connections kept (any number,
 * not the global agent's 256) and closed after 4 s idle, or sooner when the
 * server's `Keep-Alive: timeout` says so.
 */
const AGENT_OPTIONS = {
  keepAlive: true,
  maxFreeSockets: Number.POSITIVE_INFINITY,
  timeout: 4_000,
  scheduling: 'lifo',
} as const;

/** node:http, node:https, node:zlib and our agents, on Node ≥ 20.16; otherwise `null`. */
function loadBuiltins(): Builtins | null {
  if (builtins === undefined) {
    const getBuiltinModule = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
      ?.getBuiltinModule;
    if (typeof getBuiltinModule === 'function') {
      const http = getBuiltinModule('node:http') as typeof NodeHttp;
      const https = getBuiltinModule('node:https') as typeof NodeHttps;
      const zlib = getBuiltinModule('node:zlib') as typeof NodeZlib;
      builtins = {
        http,
        https,
        zlib,
        httpAgent: new http.Agent(AGENT_OPTIONS),
        httpsAgent: new https.Agent(AGENT_OPTIONS),
      };
    } else {
      builtins = null;
    }
  }
  return builtins;
}

let checkedFetch: unknown;
let checkedIsBuiltin = false;

/** Whether `fetch` is Node's own global fetch (not msw's, not a test stub, not a polyfill). */
function isNodeBuiltinFetch(fetch: unknown): boolean {
  if (fetch !== checkedFetch) {
    checkedFetch = fetch;
    checkedIsBuiltin =
      typeof fetch === 'function' && Function.prototype.toString.call(fetch).includes('internal/deps/undici');
  }
  return checkedIsBuiltin;
}

/**
 * The `fetch` providers use when none is configured. On Node (≥ 20.16) with
 * the global `fetch` untouched, {@link httpFetch}; when the global `fetch`
 * was replaced (msw, `vi.stubGlobal`, a polyfill) or elsewhere (browsers,
 * edge runtimes, Bun, Deno), the global `fetch`. Decided on every call, so a
 * mock installed after the provider was created is still used.
 */
export const defaultFetch: FetchFunction = (input, init) => {
  // httpFetch itself hands what it cannot serve (or a runtime without node:http) to the global fetch.
  return isNodeBuiltinFetch(globalThis.fetch) ? httpFetch(input, init) : globalThis.fetch(input, init);
};

/**
 * A `fetch` on `node:http`/`node:https` with keep-alive agents of its own
 * (idle connections kept 4 s, any number of them, as undici does).
 * Follows the Fetch standard where providers depend on it: redirects
 * (`follow` up to 20, `manual` returns the 3xx, `error`), credential
 * headers (`Authorization`, `Cookie`, any `…key…`/`…token…`/`…auth…` header
 * such as `x-goog-api-key`) dropped on a cross-origin redirect, 301/302/303 turning a POST into a GET,
 * `Accept`/`Accept-Encoding` defaults with gzip/deflate/br decoded, a
 * `content-type` for string bodies, network failures as
 * `TypeError('fetch failed', { cause })`, aborts rejecting (and failing the
 * body) with `signal.reason`, 300 s idle timeout. The response is
 * Response-shaped (`status`, `ok`, read-only `headers`, `body` as a web
 * stream made only when asked for, `text`/`json`/`arrayBuffer`/`bytes`/`blob`,
 * `clone`) but not `instanceof Response`. Calls it cannot serve the same way
 * (a `Request` input, `FormData`/`Blob`/stream bodies, an undici `dispatcher`,
 * not Node) go to the global `fetch`.
 *
 * @example
 * const fal = createFal({ fetch: httpFetch }); // what `defaultFetch` picks on Node
 */
export const httpFetch: FetchFunction = async (input, init) => {
  const modules = loadBuiltins();
  if (modules === null || !isHttpFetchable(input, init)) return await globalThis.fetch(input, init);
  const signal = init?.signal ?? undefined;
  signal?.throwIfAborted();

  let url = new URL(input as string | URL);
  if (url.username || url.password)
    throw new TypeError('Request cannot be constructed from a URL that includes credentials');
  let method = normalizeMethod(init?.method ?? 'GET');
  let body = toBodyBytes(init?.body);
  if (body !== undefined && (method === 'GET' || method === 'HEAD')) {
    throw new TypeError('Request with GET/HEAD method cannot have body.');
  }
  const headers = toHeaderRecord(init?.headers);
  headers['accept'] ??= '*/*';
  headers['accept-encoding'] ??= DEFAULT_ACCEPT_ENCODING;
  headers['user-agent'] ??= 'node';
  if (typeof init?.body === 'string') headers['content-type'] ??= 'text/plain;charset=UTF-8';
  const redirect = init?.redirect ?? 'follow';

  // One abort listener for the whole call: every hop's request, then the body.
  const abort = signal ? new AbortLink(signal) : undefined;
  try {
    for (let redirects = 0; ; redirects++) {
      setContentLength(headers, method, body);
      const message = await send(modules, url, method, headers, body, abort);
      const status = message.statusCode ?? 0;
      const location = message.headers.location;
      if (redirect === 'manual' || !REDIRECT_STATUSES.has(status) || location === undefined) {
        const response = new NodeResponse({
          message,
          url: url.href,
          redirected: redirects > 0,
          signal,
          method,
          zlib: modules.zlib,
        });
        abort?.attachBody(response[sourceOf]());
        return response as unknown as Response;
      }
      message.resume();
      if (redirect === 'error') throw fetchFailed(new Error(`redirect to ${location} with redirect: "error"`));
      if (redirects >= MAX_REDIRECTS) throw fetchFailed(new Error('redirect count exceeded'));
      let next: URL;
      try {
        next = new URL(location, url);
      } catch (error) {
        throw fetchFailed(error);
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:')
        throw fetchFailed(new Error(`redirect to ${next.protocol} URL`));
      if (
        ((status === 301 || status === 302) && method === 'POST') ||
        (status === 303 && method !== 'GET' && method !== 'HEAD')
      ) {
        method = 'GET';
        body = undefined;
        for (const name of ['content-type', 'content-encoding', 'content-language', 'content-location'])
          delete headers[name];
      }
      if (next.origin !== url.origin) {
        // Stricter than fetch (which drops only Authorization): no key travels to another origin.
        for (const name of Object.keys(headers)) if (CREDENTIAL_HEADER.test(name)) delete headers[name];
      }
      url = next;
    }
  } catch (error) {
    abort?.dispose();
    throw error;
  }
};

/**
 * The one abort listener of an {@link httpFetch} call: an abort destroys the
 * request in flight (and rejects its promise) or, once the answer is there,
 * its body. Removed when the body closes, or when the call fails.
 */
class AbortLink {
  #signal: AbortSignal;
  #request: NodeHttp.ClientRequest | undefined;
  #reject: ((reason: unknown) => void) | undefined;
  #body: Readable | undefined;

  constructor(signal: AbortSignal) {
    this.#signal = signal;
    signal.addEventListener('abort', this);
  }

  get aborted(): boolean {
    return this.#signal.aborted;
  }

  get reason(): unknown {
    return this.#signal.reason;
  }

  /** A request is waiting for its answer. */
  waitFor(request: NodeHttp.ClientRequest, reject: (reason: unknown) => void): void {
    this.#request = request;
    this.#reject = reject;
  }

  /** The answer arrived: from now on an abort ends its body (none: nothing left to end). */
  attachBody(body: Readable | null): void {
    this.#request = undefined;
    this.#reject = undefined;
    if (body === null || body.destroyed) {
      this.dispose();
      return;
    }
    this.#body = body;
    body.on('close', () => this.dispose());
  }

  handleEvent(): void {
    const reason = this.#signal.reason;
    if (this.#body) {
      this.#body.destroy(reason as Error);
    } else if (this.#request) {
      this.#request.destroy();
      this.#reject?.(reason);
    }
  }

  dispose(): void {
    this.#signal.removeEventListener('abort', this);
  }
}

/** Whether {@link httpFetch} serves this call itself (else the global fetch does). */
function isHttpFetchable(input: unknown, init: RequestInit | undefined): boolean {
  if (typeof input === 'string') {
    if (!input.startsWith('http://') && !input.startsWith('https://')) return false;
  } else if (!(input instanceof URL) || (input.protocol !== 'http:' && input.protocol !== 'https:')) {
    return false;
  }
  if (init === undefined) return true;
  if ((init as { dispatcher?: unknown }).dispatcher !== undefined) return false;
  const body = init.body;
  return body == null || typeof body === 'string' || body instanceof ArrayBuffer || ArrayBuffer.isView(body);
}

function normalizeMethod(method: string): string {
  const upper = method.toUpperCase();
  return STANDARD_METHODS.has(upper) ? upper : method;
}

function toBodyBytes(body: RequestInit['body']): string | Uint8Array | undefined {
  if (body == null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  const view = body as ArrayBufferView;
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function toHeaderRecord(init: HeadersInit | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (init == null) return headers;
  const add = (name: string, value: string) => {
    const key = name.toLowerCase();
    headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
  };
  if (Array.isArray(init)) {
    for (const [name, value] of init) add(name, String(value));
  } else if (typeof (init as Headers).forEach === 'function' && typeof (init as Headers).get === 'function') {
    (init as Headers).forEach((value, name) => {
      add(name, value);
    });
  } else {
    for (const name of Object.keys(init)) add(name, String((init as Record<string, string>)[name]));
  }
  return headers;
}

function setContentLength(headers: Record<string, string>, method: string, body: string | Uint8Array | undefined) {
  if (body !== undefined) {
    headers['content-length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
  } else if (method === 'POST' || method === 'PUT') {
    headers['content-length'] = '0';
  } else {
    delete headers['content-length'];
  }
}

function send(
  modules: Builtins,
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | Uint8Array | undefined,
  abort: AbortLink | undefined,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    // Aborted between two hops of a redirect: no further request.
    if (abort?.aborted) return reject(abort.reason);
    const secure = url.protocol === 'https:';
    const hostname = url.hostname;
    // Options, not the URL: node would convert the URL into these on every request. `timeout` is
    // the idle time while the request is in use; the agent's own (4 s) applies to idle sockets.
    const request = (secure ? modules.https : modules.http).request({
      protocol: url.protocol,
      hostname: hostname.startsWith('[') ? hostname.slice(1, -1) : hostname,
      port: url.port,
      path: url.pathname + url.search,
      method,
      headers,
      agent: secure ? modules.httpsAgent : modules.httpAgent,
      timeout: IDLE_TIMEOUT_MS,
    });
    abort?.waitFor(request, reject);
    // `on`, not `once`: the request is used once, and an error after the response must still be caught.
    request.on('response', resolve);
    request.on('error', (error: Error) => {
      reject(abort?.aborted ? abort.reason : fetchFailed(error));
    });
    request.on('timeout', destroyIdleRequest);
    request.end(body);
  });
}

/** A request's socket was idle for {@link IDLE_TIMEOUT_MS}: it fails with `ETIMEDOUT`. */
function destroyIdleRequest(this: NodeHttp.ClientRequest): void {
  this.destroy(Object.assign(new Error(`no data for ${IDLE_TIMEOUT_MS} ms`), { code: 'ETIMEDOUT' }));
}

function ignoreError(): void {}

function fetchFailed(cause: unknown): TypeError {
  return new TypeError('fetch failed', { cause });
}

type NodeResponseInit = {
  message: IncomingMessage;
  url: string;
  redirected: boolean;
  signal: AbortSignal | undefined;
  method: string;
  zlib: typeof NodeZlib;
};

/** The Response-shaped answer of {@link httpFetch}. */
class NodeResponse {
  readonly type = 'basic';
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly url: string;
  readonly redirected: boolean;
  readonly headers: NodeHeaders;
  #source: Readable | null;
  #body: ReadableStream<Uint8Array> | null | undefined;
  #used = false;
  #signal: AbortSignal | undefined;

  constructor(init: NodeResponseInit | { from: NodeResponse; body: ReadableStream<Uint8Array> | null }) {
    if ('from' in init) {
      const { from } = init;
      this.status = from.status;
      this.statusText = from.statusText;
      this.ok = from.ok;
      this.url = from.url;
      this.redirected = from.redirected;
      this.headers = from.headers;
      this.#source = null;
      this.#body = init.body;
      this.#signal = from.#signal;
      return;
    }
    const { message, signal } = init;
    this.status = message.statusCode ?? 0;
    this.statusText = message.statusMessage ?? '';
    this.ok = this.status >= 200 && this.status <= 299;
    this.url = init.url;
    this.redirected = init.redirected;
    this.headers = new NodeHeaders(message.rawHeaders);
    this.#signal = signal;
    if (init.method === 'HEAD' || NULL_BODY_STATUSES.has(this.status)) {
      message.resume();
      this.#source = null;
      this.#body = null;
    } else {
      this.#source = decode(message, this.headers.get('content-encoding'), init.zlib);
      this.#body = undefined;
    }
    if (this.#source) {
      // An error before anyone reads (abort, reset) must not be an uncaught 'error' event; the reader sees it later.
      this.#source.on('error', ignoreError);
    }
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (this.#body === undefined)
      this.#body = this.#source ? toWebStream(new NodeBodyReader(this.#source, this.#signal)) : null;
    return this.#body;
  }

  /** The node stream of the body (what an abort must end), or `null`. */
  [sourceOf](): Readable | null {
    return this.#source;
  }

  get bodyUsed(): boolean {
    return this.#used;
  }

  /** A reader straight on the node stream (no web stream), while the body is untouched; else `undefined`. */
  [takeNodeBodyReader](): BodyReader | undefined {
    if (this.#used || this.#body !== undefined || !this.#source) return undefined;
    this.#used = true;
    return new NodeBodyReader(this.#source, this.#signal);
  }

  async bytes(): Promise<Uint8Array> {
    if (this.#used) throw new TypeError('Body is unusable: Body has already been read');
    const reader = this[takeNodeBodyReader]() ?? this.body?.getReader();
    this.#used = true;
    return reader ? await readToEnd(reader) : new Uint8Array(0);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.bytes();
    return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
      ? (bytes.buffer as ArrayBuffer)
      : (bytes.slice().buffer as ArrayBuffer);
  }

  async text(): Promise<string> {
    return new TextDecoder().decode(await this.bytes());
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async blob(): Promise<Blob> {
    return new Blob([(await this.bytes()) as Uint8Array<ArrayBuffer>], {
      type: this.headers.get('content-type') ?? '',
    });
  }

  async formData(): Promise<FormData> {
    const type = this.headers.get('content-type');
    return await new Response((await this.bytes()) as Uint8Array<ArrayBuffer>, {
      headers: type ? { 'content-type': type } : {},
    }).formData();
  }

  clone(): NodeResponse {
    if (this.#used) throw new TypeError('Response.clone: Body has already been consumed.');
    const body = this.body;
    if (body === null) return new NodeResponse({ from: this, body: null });
    const [mine, theirs] = body.tee();
    this.#body = mine;
    return new NodeResponse({ from: this, body: theirs });
  }
}

/** The decoded body: gzip, deflate and br undone in reverse order, as fetch does. */
function decode(message: IncomingMessage, encoding: string | null, zlib: typeof NodeZlib): Readable {
  if (!encoding) return message;
  let stream: Readable = message;
  for (const coding of encoding
    .toLowerCase()
    .split(',')
    .map((part) => part.trim())
    .reverse()) {
    const decoder =
      coding === 'gzip' || coding === 'x-gzip'
        ? zlib.createGunzip({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH })
        : coding === 'deflate'
          ? zlib.createInflate({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH })
          : coding === 'br'
            ? zlib.createBrotliDecompress()
            : undefined;
    if (!decoder) return stream; // an unknown coding: the bytes as they are, as fetch does
    const upstream = stream;
    upstream.once('error', (error) => decoder.destroy(error));
    decoder.once('close', () => upstream.destroy());
    stream = upstream.pipe(decoder);
  }
  return stream;
}

/** How a body read fails: the abort reason, or `TypeError('terminated')` as undici says. */
function readError(error: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted) return signal.reason;
  return new TypeError('terminated', { cause: error });
}

/**
 * Reads and drops what is left of a body (a redirect's, an ignored answer's)
 * so that the connection can be used again; a body over `maxBytes` is
 * cancelled instead (its connection is closed). Never throws.
 */
export async function discardBody(response: Response, maxBytes = 64 * 1024): Promise<void> {
  const reader = getBodyReader(response);
  // Over the limit readToEnd cancels the rest; a broken body has nothing left to drop.
  if (reader) await readToEnd(reader, { maxBytes }).catch(() => {});
}

/** What reads a body chunk by chunk: a web stream's reader, or {@link NodeBodyReader}. */
export type BodyReader = {
  read(): Promise<ReadableStreamReadResult<Uint8Array>>;
  cancel(reason?: unknown): Promise<void>;
};

/**
 * Reads a node stream in paused mode, one `read()` per chunk asked for:
 * what a web stream reader does, without the web stream.
 */
class NodeBodyReader implements BodyReader {
  #source: Readable;
  #signal: AbortSignal | undefined;
  #ended = false;
  #error: unknown;
  #wake: (() => void) | undefined;

  constructor(source: Readable, signal: AbortSignal | undefined) {
    this.#source = source;
    this.#signal = signal;
    // What happened before this reader existed.
    if (source.errored) this.#error = readError(source.errored, signal);
    else if (source.readableEnded) this.#ended = true;
    else if (source.destroyed) this.#error = readError(new Error('premature close'), signal);
    const wake = () => {
      const resume = this.#wake;
      this.#wake = undefined;
      resume?.();
    };
    // `on`, not `once`: each of these comes at most once, and `once` wraps every listener.
    source.on('readable', wake);
    source.on('end', () => {
      this.#ended = true;
      wake();
    });
    source.on('error', (error) => {
      this.#error ??= readError(error, this.#signal);
      wake();
    });
    source.on('close', () => {
      if (!this.#ended) this.#error ??= readError(new Error('premature close'), this.#signal);
      wake();
    });
  }

  read(): Promise<ReadableStreamReadResult<Uint8Array>> {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        if (this.#error !== undefined) return reject(this.#error);
        const chunk = this.#source.read() as Uint8Array | null;
        if (chunk !== null)
          return resolve({ done: false, value: new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength) });
        if (this.#ended) return resolve({ done: true, value: undefined });
        this.#wake = attempt;
      };
      attempt();
    });
  }

  async cancel(): Promise<void> {
    this.#ended = true;
    this.#source.destroy();
  }
}

/** A web stream pulling from the reader (for a response: made only when someone asks for `body`). */
export function toWebStream(reader: BodyReader): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/**
 * A reader of a response's body: for {@link httpFetch}'s responses one on the
 * node stream itself (no web stream is made), for others `body.getReader()`;
 * `null` without a body. Takes the body (as `getReader()` does).
 */
export function getBodyReader(response: Response): BodyReader | null {
  const direct = (response as { [takeNodeBodyReader]?: () => BodyReader | undefined })[takeNodeBodyReader]?.();
  return direct ?? response.body?.getReader() ?? null;
}

/**
 * Reads a body to its end into one array. Over `maxBytes` (default: no
 * limit) it cancels the rest and throws a `DownloadTooLargeError`.
 */
export async function readToEnd(
  reader: BodyReader,
  { maxBytes = Number.POSITIVE_INFINITY, url }: { maxBytes?: number; url?: string } = {},
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      const error = new DownloadTooLargeError({ maxBytes, url });
      reader.cancel(error).catch(() => {});
      throw error;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Read-only response headers, as fetch's (names lower-case, repeated fields
 * joined with ", ", `set-cookie` kept apart, iterated in name order). Built
 * from node's raw header list on first use, as one plain record.
 */
class NodeHeaders {
  #raw: string[];
  #values: Record<string, string> | undefined;
  #sortedNames: string[] | undefined;

  constructor(raw: string[]) {
    this.#raw = raw;
  }

  /** name → value, with `set-cookie` joined like any other field. */
  [recordOf](): Record<string, string> {
    if (this.#values === undefined) {
      const values: Record<string, string> = Object.create(null);
      const raw = this.#raw;
      for (let index = 0; index < raw.length; index += 2) {
        const name = raw[index]!.toLowerCase();
        const existing = values[name];
        values[name] = existing === undefined ? raw[index + 1]! : `${existing}, ${raw[index + 1]!}`;
      }
      this.#values = values;
    }
    return this.#values;
  }

  get(name: string): string | null {
    return this[recordOf]()[name.toLowerCase()] ?? null;
  }

  has(name: string): boolean {
    return this[recordOf]()[name.toLowerCase()] !== undefined;
  }

  getSetCookie(): string[] {
    const cookies: string[] = [];
    for (let index = 0; index < this.#raw.length; index += 2) {
      if (this.#raw[index]!.toLowerCase() === 'set-cookie') cookies.push(this.#raw[index + 1]!);
    }
    return cookies;
  }

  forEach(callback: (value: string, name: string, parent: NodeHeaders) => void, thisArg?: unknown): void {
    const values = this[recordOf]();
    for (const name of this.#names()) callback.call(thisArg, values[name]!, name, this);
  }

  entries(): IterableIterator<[string, string]> {
    const values = this[recordOf]();
    return this.#names()
      .map((name): [string, string] => [name, values[name]!])
      [Symbol.iterator]();
  }

  keys(): IterableIterator<string> {
    return [...this.#names()][Symbol.iterator]();
  }

  values(): IterableIterator<string> {
    const values = this[recordOf]();
    return this.#names()
      .map((name) => values[name]!)
      [Symbol.iterator]();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  #names(): string[] {
    return (this.#sortedNames ??= Object.keys(this[recordOf]()).sort());
  }

  append(): never {
    throw new TypeError('immutable');
  }

  set(): never {
    throw new TypeError('immutable');
  }

  delete(): never {
    throw new TypeError('immutable');
  }
}

/**
 * Headers as a plain record (names lower-case), as `Object.fromEntries(headers)`
 * gives for fetch's (but in the order received); for {@link httpFetch}'s answers
 * without building entry arrays.
 */
export function toHeaderRecordFast(headers: Headers | NodeHeaders): Record<string, string> {
  const record: Record<string, string> = {};
  if (headers instanceof NodeHeaders) {
    const values = headers[recordOf]();
    for (const name in values) record[name] = values[name]!;
  } else {
    headers.forEach((value, name) => {
      record[name] = value;
    });
  }
  return record;
}
