import { InvalidArgumentError, type VideoJob } from '@videogen/provider-spec';
import { describe, expect, it } from 'vitest';
import { createVideoDownloadLinkSigner } from './video-download-link';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const OTHER_SECRET = 'another-secret-of-at-least-32-characters';
const job: VideoJob = {
  specificationVersion: 'v3',
  provider: 'openai.video',
  modelId: 'sora-2',
  operation: { id: 'video_1' },
};
const now = new Date('2026-12-04T00:00:00Z');
const expiresAt = new Date('2026-12-04T00:10:00Z');

describe('createVideoDownloadLinkSigner', () => {
  const signer = createVideoDownloadLinkSigner({ secret: SECRET, baseUrl: 'https://app.example/api/video' });

  it('verifies its own link until it expires', async () => {
    const url = await signer.createUrl({ job, index: 2, expiresAt, subject: 'alice' });
    expect(await signer.verify(url, { subject: 'alice', now })).toStrictEqual({
      valid: true,
      job,
      index: 2,
      expiresAt,
    });
    expect(await signer.verify(new Request(url), { subject: 'alice', now })).toMatchObject({ valid: true });
    expect(await signer.verify(url, { subject: 'alice', now: new Date('2026-12-04T00:09:59Z') })).toMatchObject({
      valid: true,
    });
    expect(await signer.verify(url, { subject: 'alice', now: expiresAt })).toStrictEqual({
      valid: false,
      reason: 'expired',
    });
  });

  it("refuses another user's link, and a link bound to a user presented without one", async () => {
    const url = await signer.createUrl({ job, index: 0, expiresAt, subject: 'alice' });
    expect(await signer.verify(url, { subject: 'bob', now })).toStrictEqual({
      valid: false,
      reason: 'invalid-signature',
    });
    expect(await signer.verify(url, { now })).toStrictEqual({ valid: false, reason: 'invalid-signature' });
    const unbound = await signer.createUrl({ job, index: 0, expiresAt });
    expect(await signer.verify(unbound, { now })).toMatchObject({ valid: true });
    expect(await signer.verify(unbound, { subject: 'alice', now })).toMatchObject({ valid: false });
    // The subject never appears in the link.
    expect(url).not.toContain('alice');
  });

  it('refuses a tampered job, index, expiry or signature, and another job with the same signature', async () => {
    const url = new URL(await signer.createUrl({ job, index: 0, expiresAt }));
    const tamper = async (name: string, value: string) => {
      const copy = new URL(url.href);
      copy.searchParams.set(name, value);
      return signer.verify(copy, { now });
    };
    const otherJob = { ...job, operation: { id: 'video_2' } };
    expect(await tamper('job', JSON.stringify(otherJob))).toStrictEqual({ valid: false, reason: 'invalid-signature' });
    expect(await tamper('job', JSON.stringify({ ...job, modelId: 'sora-2-pro' }))).toMatchObject({ valid: false });
    expect(await tamper('index', '1')).toStrictEqual({ valid: false, reason: 'invalid-signature' });
    expect(await tamper('expires', String(Number(url.searchParams.get('expires')) + 3600))).toStrictEqual({
      valid: false,
      reason: 'invalid-signature',
    });
    const signature = url.searchParams.get('signature')!;
    const flipped = signature.slice(0, -2) + (signature.at(-2) === 'A' ? 'B' : 'A') + signature.at(-1);
    expect(await tamper('signature', flipped)).toStrictEqual({ valid: false, reason: 'invalid-signature' });
    expect(await tamper('signature', `${signature}A`)).toStrictEqual({ valid: false, reason: 'invalid-signature' });
    expect(await tamper('index', '-1')).toStrictEqual({ valid: false, reason: 'malformed' });
    expect(await tamper('job', '{not json')).toStrictEqual({ valid: false, reason: 'malformed' });
    // A key order that differs (a re-serialized job) is the same job.
    const reordered = {
      operation: job.operation,
      modelId: job.modelId,
      provider: job.provider,
      specificationVersion: 'v3',
    };
    expect(await tamper('job', JSON.stringify(reordered))).toMatchObject({ valid: true });
  });

  it('refuses a link of another secret, and an unsigned URL; a rotated secret still verifies', async () => {
    const other = createVideoDownloadLinkSigner({ secret: OTHER_SECRET, baseUrl: 'https://app.example/api/video' });
    const foreign = await other.createUrl({ job, index: 0, expiresAt });
    expect(await signer.verify(foreign, { now })).toStrictEqual({ valid: false, reason: 'invalid-signature' });
    expect(await signer.verify('https://app.example/api/video?job=x&index=0', { now })).toStrictEqual({
      valid: false,
      reason: 'unsigned',
    });
    const rotated = createVideoDownloadLinkSigner({ secret: [SECRET, OTHER_SECRET], baseUrl: '/api/video' });
    expect(await rotated.verify(foreign, { now })).toMatchObject({ valid: true });
    const relative = await rotated.createUrl({ job, index: 0, expiresAt });
    expect(relative.startsWith('/api/video?job=')).toBe(true);
    expect(await signer.verify(relative, { now })).toMatchObject({ valid: true });
  });

  it('needs a secret of 32 characters or more', () => {
    expect(() => createVideoDownloadLinkSigner({ secret: 'short', baseUrl: '/' })).toThrow(InvalidArgumentError);
    expect(() => createVideoDownloadLinkSigner({ secret: [], baseUrl: '/' })).toThrow(InvalidArgumentError);
  });
});
