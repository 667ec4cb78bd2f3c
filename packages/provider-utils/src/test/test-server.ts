import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

/** One scripted response of a {@link createTestServer} route. */
export type TestServerResponse =
  | { type: 'json-value'; body: unknown; status?: number; headers?: Record<string, string> }
  | { type: 'text'; body: string; status?: number; headers?: Record<string, string> }
  | { type: 'binary'; body: Uint8Array; status?: number; headers?: Record<string, string> }
  /** A streamed body (e.g. SSE) sent chunk by chunk, `delayMs` apart. */
  | { type: 'stream-chunks'; chunks: string[]; delayMs?: number; status?: number; headers?: Record<string, string> }
  /** An error status with an optional JSON or text body. */
  | { type: 'error'; status: number; body?: unknown; headers?: Record<string, string> }
  | { type: 'redirect'; location: string; status?: number; headers?: Record<string, string> }
  | { type: 'empty'; status?: number; headers?: Record<string, string> }
  /** The connection fails (fetch rejects with a TypeError). */
  | { type: 'network-error' }
  /** Never answers; the request ends only when the client aborts it. */
  | { type: 'hang' };

/** Context given to a response function. */
export type TestServerResponseContext = {
  /** 0-based number of this call on this route. */
  callNumber: number;
  /** The request. */
  request: Request;
  /** Path parameters of the route pattern (`:id`). */
  params: Record<string, string | readonly string[] | undefined>;
};

/** A route's scripted answers: one value, one per call (the last repeats), or a function. */
export type TestServerRoute = {
  response?:
    | TestServerResponse
    | TestServerResponse[]
    | ((context: TestServerResponseContext) => TestServerResponse | Promise<TestServerResponse>);
};

/** A request the test server received. */
export class TestServerCall {
  constructor(
    /** The route pattern it matched. */
    readonly route: string,
    /** HTTP method. */
    readonly requestMethod: string,
    /** Full URL including the query string. */
    readonly requestUrl: string,
    /** Headers with lower-case names. */
    readonly requestHeaders: Record<string, string>,
    /** The raw body bytes. */
    readonly requestBodyBytes: Uint8Array,
  ) {}

  /** The body as text. */
  get requestBodyText(): string {
    return new TextDecoder().decode(this.requestBodyBytes);
  }

  /** The body parsed as JSON (`undefined` when empty). */
  get requestBodyJson(): any {
    const text = this.requestBodyText;
    return text === '' ? undefined : JSON.parse(text);
  }

  /** The multipart body as a record of field names to strings or Files. */
  async requestBodyMultipart(): Promise<Record<string, string | File>> {
    const form = await new Response(this.requestBodyBytes as BodyInit, {
      headers: { 'content-type': this.requestHeaders['content-type'] ?? '' },
    }).formData();
    const result: Record<string, string | File> = {};
    form.forEach((value, key) => {
      result[key] = value as string | File;
    });
    return result;
  }

  /** The query parameters. */
  get requestQuery(): Record<string, string> {
    return Object.fromEntries(new URL(this.requestUrl).searchParams.entries());
  }
}

/** What {@link createTestServer} returns. */
export type TestServer = {
  /** Every request received since the current test began, in order. */
  readonly calls: TestServerCall[];
  /** The routes; assign `urls[pattern].response` inside a test to script it. */
  readonly urls: Record<string, TestServerRoute>;
  /** The underlying msw server. */
  readonly server: ReturnType<typeof setupServer>;
};

/**
 * An msw server for provider tests that records each request (method, URL,
 * headers, body) and answers with scripted responses per call, so that a
 * test can pin the exact wire format and script polling sequences. Route
 * keys are msw URL patterns (`https://api.example.com/v1/videos/:id`).
 * Registers `beforeAll` / `beforeEach` / `afterAll` itself; unmatched
 * requests fail the test.
 */
export function createTestServer(routes: Record<string, TestServerRoute>): TestServer {
  const initialResponses = Object.fromEntries(Object.entries(routes).map(([url, route]) => [url, route.response]));
  const urls: Record<string, TestServerRoute> = routes;
  const calls: TestServerCall[] = [];
  const callCounts = new Map<string, number>();

  const handlers = Object.keys(routes).map((pattern) =>
    http.all(pattern, async ({ request, params }) => {
      const callNumber = callCounts.get(pattern) ?? 0;
      callCounts.set(pattern, callNumber + 1);
      const body = new Uint8Array(await request.clone().arrayBuffer());
      const headers: Record<string, string> = {};
      request.headers.forEach((value, key) => {
        headers[key.toLowerCase()] = value;
      });
      calls.push(new TestServerCall(pattern, request.method, request.url, headers, body));

      const scripted = urls[pattern]?.response;
      const response =
        typeof scripted === 'function'
          ? await scripted({ callNumber, request, params })
          : Array.isArray(scripted)
            ? scripted[Math.min(callNumber, scripted.length - 1)]
            : scripted;
      if (response === undefined) return new HttpResponse(null, { status: 404 });
      return toResponse(response, request);
    }),
  );
  const server = setupServer(...handlers);

  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    calls.length = 0;
    callCounts.clear();
    for (const [url, response] of Object.entries(initialResponses)) {
      urls[url] = { ...urls[url], response };
    }
  });
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  return { calls, urls, server };
}

function toResponse(response: TestServerResponse, request: Request): Response | Promise<Response> {
  switch (response.type) {
    case 'json-value':
      return HttpResponse.json(response.body as any, { status: response.status ?? 200, headers: response.headers });
    case 'text':
      return new HttpResponse(response.body, { status: response.status ?? 200, headers: response.headers });
    case 'binary':
      return new HttpResponse(response.body as BodyInit, {
        status: response.status ?? 200,
        headers: { 'content-length': String(response.body.byteLength), ...response.headers },
      });
    case 'stream-chunks': {
      const encoder = new TextEncoder();
      const { chunks, delayMs = 0 } = response;
      const stream = new ReadableStream<Uint8Array>({
        async start(controller) {
          for (const chunk of chunks) {
            if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
            controller.enqueue(encoder.encode(chunk));
          }
          controller.close();
        },
      });
      return new HttpResponse(stream, {
        status: response.status ?? 200,
        headers: { 'content-type': 'text/event-stream', ...response.headers },
      });
    }
    case 'error': {
      const isText = typeof response.body === 'string';
      return new HttpResponse(
        response.body === undefined ? null : isText ? (response.body as string) : JSON.stringify(response.body),
        {
          status: response.status,
          headers: {
            ...(response.body !== undefined && !isText ? { 'content-type': 'application/json' } : {}),
            ...response.headers,
          },
        },
      );
    }
    case 'redirect':
      return new HttpResponse(null, {
        status: response.status ?? 302,
        headers: { location: response.location, ...response.headers },
      });
    case 'empty':
      return new HttpResponse(null, { status: response.status ?? 204, headers: response.headers });
    case 'network-error':
      return HttpResponse.error();
    case 'hang':
      // Settles only when the client aborts (as a network error, which msw does not log).
      return new Promise<Response>((resolve) => {
        request.signal.addEventListener('abort', () => resolve(HttpResponse.error()), { once: true });
      });
  }
}
