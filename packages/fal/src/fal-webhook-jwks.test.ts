import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { WebhookVerificationError } from '@videogen/provider-spec';
import { sha256, toHex } from '@videogen/provider-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFalWebhookVerifier, FAL_WEBHOOK_JWKS_MAX_BYTES } from './fal-webhook';

// Key sets served by real HTTP servers on loopback (no msw), through the verifier's default fetch.

const NOW_SECONDS = 1_780_000_000;
const now = () => NOW_SECONDS * 1000;
const REQUEST_ID = '123e4567-e89b-12d3-a456-426614174000';
const USER_ID = 'user_42';
const body = JSON.stringify({ request_id: REQUEST_ID, status: 'OK', payload: { video: { url: 'https://x/v.mp4' } } });

type KeyPair = { privateKey: CryptoKey; publicJwk: { kty: string; crv: string; x: string; kid: string } };
let signer: KeyPair;

async function sign(userId = USER_ID): Promise<Record<string, string>> {
  const message = `${REQUEST_ID}\n${userId}\n${NOW_SECONDS}\n${toHex(await sha256(body))}`;
  const signature = new Uint8Array(
    await crypto.subtle.sign({ name: 'Ed25519' }, signer.privateKey, new TextEncoder().encode(message)),
  );
  return {
    'x-fal-webhook-request-id': REQUEST_ID,
    'x-fal-webhook-user-id': userId,
    'x-fal-webhook-timestamp': String(NOW_SECONDS),
    'x-fal-webhook-signature': toHex(signature),
  };
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;
type LoopbackServer = {
  url: string;
  requests: string[];
  handle: (handler: Handler) => void;
  close: () => Promise<void>;
};

async function startServer(): Promise<LoopbackServer> {
  const requests: string[] = [];
  let handler: Handler = (_request, response) => response.writeHead(404).end();
  const server: Server = createServer((request, response) => {
    requests.push(request.url ?? '');
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    requests,
    handle: (next) => {
      handler = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const rejection = (reason: string) => (error: unknown) =>
  WebhookVerificationError.isInstance(error) && error.reason === reason;

describe('fal webhook key set (JWKS) fetching', () => {
  let keys: LoopbackServer;
  let elsewhere: LoopbackServer;
  beforeAll(async () => {
    const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    signer = { privateKey: pair.privateKey, publicJwk: { kty: jwk.kty!, crv: jwk.crv!, x: jwk.x!, kid: 'k1' } };
    keys = await startServer();
    elsewhere = await startServer();
  });
  afterEach(() => {
    keys.requests.length = 0;
    elsewhere.requests.length = 0;
  });
  afterAll(async () => {
    await keys.close();
    await elsewhere.close();
  });

  const serveJwks: Handler = (_request, response) =>
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [signer.publicJwk] }));

  it('refuses a key set reached through a redirect to another origin', async () => {
    elsewhere.handle(serveJwks);
    keys.handle((_request, response) => response.writeHead(302, { location: `${elsewhere.url}/jwks.json` }).end());
    const verifier = createFalWebhookVerifier({ jwksUrl: `${keys.url}/jwks.json`, now });
    await expect(verifier.verify({ body, headers: await sign() })).rejects.toSatisfy(rejection('unknown-key'));
    expect(elsewhere.requests).toStrictEqual([]);
  });

  it('refuses a key set from another origin when a custom fetch followed the redirect itself', async () => {
    elsewhere.handle(serveJwks);
    keys.handle((_request, response) => response.writeHead(302, { location: `${elsewhere.url}/jwks.json` }).end());
    const followingFetch: typeof fetch = (input, init) => fetch(input, { ...init, redirect: 'follow' });
    const verifier = createFalWebhookVerifier({ jwksUrl: `${keys.url}/jwks.json`, fetch: followingFetch, now });
    await expect(verifier.verify({ body, headers: await sign() })).rejects.toSatisfy(rejection('unknown-key'));
  });

  it('follows a redirect within the key set’s origin', async () => {
    keys.handle((request, response) => {
      if (request.url === '/old/jwks.json') response.writeHead(301, { location: '/jwks.json' }).end();
      else serveJwks(request, response);
    });
    const verifier = createFalWebhookVerifier({ jwksUrl: `${keys.url}/old/jwks.json`, now });
    await expect(verifier.verify({ body, headers: await sign() })).resolves.toMatchObject({ request_id: REQUEST_ID });
    expect(keys.requests).toStrictEqual(['/old/jwks.json', '/jwks.json']);
  });

  it('does not refetch on every delivery while the key set endpoint fails (backoff)', async () => {
    keys.handle((_request, response) => response.writeHead(500).end('down'));
    let clock = now();
    const verifier = createFalWebhookVerifier({
      jwksUrl: `${keys.url}/jwks.json`,
      now: () => clock,
      toleranceSeconds: 10 ** 9,
    });
    const forged = { ...(await sign()), 'x-fal-webhook-signature': '00'.repeat(64) };
    for (let delivery = 0; delivery < 50; delivery++) {
      await expect(verifier.verify({ body, headers: forged })).rejects.toSatisfy(rejection('unknown-key'));
    }
    expect(keys.requests).toHaveLength(1);

    // After the backoff one new attempt; once the endpoint is back, deliveries verify again.
    clock += 60_000;
    keys.handle(serveJwks);
    await expect(verifier.verify({ body, headers: await sign() })).resolves.toMatchObject({ request_id: REQUEST_ID });
    expect(keys.requests).toHaveLength(2);
  });

  it('refuses a key set larger than the limit, while reading it', async () => {
    let bytesWritten = 0;
    let closed!: Promise<number>;
    keys.handle((_request, response) => {
      // No Content-Length: a 200 MB body that only the reader's limit can stop.
      response.writeHead(200, { 'content-type': 'application/json' });
      closed = new Promise((resolve) => response.on('close', () => resolve(bytesWritten)));
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const write = () => {
        while (bytesWritten < 200 * 1024 * 1024 && !response.destroyed) {
          bytesWritten += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', write);
        }
        response.end();
      };
      response.write('{"keys":[');
      write();
    });
    const verifier = createFalWebhookVerifier({ jwksUrl: `${keys.url}/jwks.json`, now });
    await expect(verifier.verify({ body, headers: await sign() })).rejects.toSatisfy(
      (error: unknown) => rejection('unknown-key')(error) && /limit/.test((error as Error).message),
    );
    // The client closed the connection long before the server got through the 200 MB.
    expect(await closed).toBeLessThan(200 * 1024 * 1024);
    expect(FAL_WEBHOOK_JWKS_MAX_BYTES).toBe(64 * 1024);
  });

  it('refuses a key set whose Content-Length is over the limit without reading it', async () => {
    keys.handle((_request, response) =>
      response.writeHead(200, { 'content-length': String(10 * 1024 * 1024) }).write('{"keys":['),
    );
    const verifier = createFalWebhookVerifier({ jwksUrl: `${keys.url}/jwks.json`, now });
    await expect(verifier.verify({ body, headers: await sign() })).rejects.toSatisfy(rejection('unknown-key'));
  });
});

describe('fal webhook user pinning', () => {
  beforeAll(async () => {
    const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    signer = { privateKey: pair.privateKey, publicJwk: { kty: jwk.kty!, crv: jwk.crv!, x: jwk.x!, kid: 'k1' } };
  });

  it('accepts only deliveries signed for the expected fal user id', async () => {
    const verifier = createFalWebhookVerifier({
      publicKeys: () => Promise.resolve([signer.publicJwk]),
      userId: USER_ID,
      now,
    });
    await expect(verifier.verify({ body, headers: await sign(USER_ID) })).resolves.toMatchObject({
      request_id: REQUEST_ID,
    });
    // Validly signed by fal, but for another fal account (someone else's request pointed at our URL).
    await expect(verifier.verify({ body, headers: await sign('user_other') })).rejects.toSatisfy(
      rejection('unexpected-sender'),
    );
    const several = createFalWebhookVerifier({ publicKeys: [signer.publicJwk], userId: ['user_a', USER_ID], now });
    await expect(several.verify({ body, headers: await sign(USER_ID) })).resolves.toBeDefined();
  });
});
