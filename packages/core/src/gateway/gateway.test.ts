import {
  InvalidArgumentError,
  NoSuchModelError,
  UnsupportedFunctionalityError,
  getDefaultVideoProviders,
  type VideoJob,
  type VideoModelV3CatalogEntry,
  type VideoModelV3ListJobsOptions,
  type VideoModelV3ListJobsResult,
} from '@videogen/provider-spec';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { waitForVideo } from '../jobs/wait-for-video';
import { createVideoProviderRegistry } from '../registry/video-provider-registry';
import { createMockJobModel, mockCompletedStatus } from '../test';
import { deleteVideo } from './delete-video';
import { getVideoDownloadUrl } from './get-video-download-url';
import { listVideoModels } from './list-video-models';
import { listVideos } from './list-videos';
import { createVideoDownloadLinkSigner } from './video-download-link';

const SECRET = 'a-test-secret-of-at-least-32-characters!';

function jobOf(model: { provider: string; modelId: string }, id: string): VideoJob {
  return { specificationVersion: 'v3', provider: model.provider, modelId: model.modelId, operation: { id } };
}

function catalogEntry(provider: string, modelId: string, extra: Partial<VideoModelV3CatalogEntry> = {}) {
  return { modelId, provider, capabilities: { durations: [4, 8] }, source: 'static' as const, ...extra };
}

describe('listVideoModels', () => {
  const registered = getDefaultVideoProviders();
  afterEach(() => {
    registered.delete('alpha');
    registered.delete('plain');
  });

  it('lists the registered providers by default, ids prefixed with the provider name, prices kept', async () => {
    const listVideoModelsOfAlpha = vi.fn(async () => [
      catalogEntry('alpha.video', 'a-1', { pricing: { perSecond: 0.1, currency: 'USD' }, source: 'live' }),
    ]);
    registered.set('alpha', {
      videoModel: () => createMockJobModel(),
      listVideoModels: listVideoModelsOfAlpha,
    } as never);
    const result = await listVideoModels({ refresh: true });
    const alpha = result.models.filter((model) => model.providerName === 'alpha');
    expect(alpha).toStrictEqual([
      {
        id: 'alpha:a-1',
        providerName: 'alpha',
        modelId: 'a-1',
        provider: 'alpha.video',
        capabilities: { durations: [4, 8] },
        pricing: { perSecond: 0.1, currency: 'USD' },
        source: 'live',
      },
    ]);
    expect(listVideoModelsOfAlpha).toHaveBeenCalledWith({ refresh: true, abortSignal: undefined });
  });

  it('skips a provider without listVideoModels, and one whose list failed, with a warning each, keeping the rest', async () => {
    const result = await listVideoModels({
      providers: {
        plain: { videoModel: () => createMockJobModel() },
        broken: {
          videoModel: () => createMockJobModel(),
          listVideoModels: async () => {
            throw new Error('HTTP 503');
          },
        },
        good: {
          videoModel: () => createMockJobModel(),
          listVideoModels: async () => [catalogEntry('good.video', 'g')],
        },
      },
    });
    expect(result.models.map((model) => model.id)).toStrictEqual(['good:g']);
    expect(result.warnings).toStrictEqual([
      {
        type: 'other',
        message: 'Provider "plain" cannot list its models (it has no listVideoModels); it is left out of the catalog.',
      },
      { type: 'other', message: 'Provider "broken" could not list its models: HTTP 503' },
    ]);
  });

  it("lists a registry's providers with its separator", async () => {
    const registry = createVideoProviderRegistry(
      {
        fal: {
          videoModel: (modelId: string) => createMockJobModel({ modelId }),
          listVideoModels: async () => [catalogEntry('fal.video', 'fal-ai/veo3.1')],
        },
      },
      { separator: ' > ' },
    );
    const { models } = await listVideoModels({ registry });
    expect(models.map((model) => model.id)).toStrictEqual(['fal > fal-ai/veo3.1']);
    expect(registry.videoModel(models[0].id as 'fal > x').modelId).toBe('fal-ai/veo3.1');
  });

  it('rejects on abort instead of warning', async () => {
    const controller = new AbortController();
    const promise = listVideoModels({
      abortSignal: controller.signal,
      providers: {
        slow: {
          videoModel: () => createMockJobModel(),
          listVideoModels: ({ abortSignal } = {}) =>
            new Promise((_resolve, reject) => abortSignal?.addEventListener('abort', () => reject(abortSignal.reason))),
        },
      },
    });
    controller.abort();
    await expect(promise).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('listVideos', () => {
  function listingModel(pages: VideoModelV3ListJobsResult[]) {
    const model = createMockJobModel({ provider: 'openai.video', modelId: 'sora-2' });
    const calls: VideoModelV3ListJobsOptions[] = [];
    Object.assign(model, {
      doListJobs: async (options: VideoModelV3ListJobsOptions) => {
        calls.push(options);
        return pages[calls.length - 1];
      },
    });
    return { model, calls };
  }

  it('returns resumable jobs page by page, passing status, limit and cursor', async () => {
    const createdAt = new Date('2026-01-02T03:04:05Z');
    const { model, calls } = listingModel([
      {
        jobs: [
          { operation: { id: 'v1' }, status: 'completed', providerStatus: 'completed', createdAt, modelId: 'sora-2' },
          { operation: { id: 'v2' }, status: 'completed', progress: 100 },
        ],
        nextCursor: 'v2',
      },
      { jobs: [{ operation: { id: 'v3' }, status: 'completed' }] },
    ]);
    const first = await listVideos({ model, status: 'completed', limit: 2 });
    expect(first).toStrictEqual({
      videos: [
        { job: jobOf(model, 'v1'), status: 'completed', providerStatus: 'completed', createdAt },
        { job: jobOf(model, 'v2'), status: 'completed', progress: 100 },
      ],
      nextCursor: 'v2',
      warnings: [],
    });
    const second = await listVideos({ model, status: 'completed', limit: 2, after: first.nextCursor });
    expect(second.nextCursor).toBeUndefined();
    expect(calls.map(({ abortSignal: _signal, headers: _headers, ...rest }) => rest)).toStrictEqual([
      { status: 'completed', limit: 2 },
      { status: 'completed', limit: 2, after: 'v2' },
    ]);
    // A listed job resumes like any other.
    const result = await waitForVideo({ model, job: second.videos[0].job });
    expect(result.videos).toHaveLength(1);
    expect(model.statusCalls.at(-1)?.operation).toStrictEqual({ id: 'v3' });
  });

  it('filters a page the provider could not filter by status', async () => {
    const { model } = listingModel([
      {
        jobs: [
          { operation: { id: 'a' }, status: 'failed', error: { message: 'moderation' } },
          { operation: { id: 'b' }, status: 'pending' },
        ],
      },
    ]);
    const { videos } = await listVideos({ model, status: 'failed' });
    expect(videos).toStrictEqual([{ job: jobOf(model, 'a'), status: 'failed', error: { message: 'moderation' } }]);
  });

  it("lists a provider's jobs across models, naming each job's model; a job without a model is left out with a warning", async () => {
    const provider = {
      videoModel: (modelId: string) => createMockJobModel({ provider: 'runway.video', modelId }),
      listJobs: async () => ({
        jobs: [
          { operation: { id: 't1' }, status: 'pending' as const, modelId: 'gen4_turbo' },
          { operation: { id: 't2' }, status: 'completed' as const },
        ],
      }),
    };
    const result = await listVideos({ provider });
    const unknown = await listVideos({
      provider: {
        videoModel: () => {
          throw new NoSuchModelError({ modelId: 'x', modelType: 'videoModel' });
        },
        listJobs: async () => ({ jobs: [{ operation: { id: 't3' }, status: 'pending' as const, modelId: 'gone' }] }),
      },
    });
    expect(unknown.videos).toStrictEqual([]);
    expect(unknown.warnings[0]).toMatchObject({ message: expect.stringContaining('the provider has no model "gone"') });
    expect(result.videos).toStrictEqual([
      {
        job: { specificationVersion: 'v3', provider: 'runway.video', modelId: 'gen4_turbo', operation: { id: 't1' } },
        status: 'pending',
      },
    ]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({
      type: 'other',
      message: expect.stringContaining('did not name its model'),
    });
  });

  it('is a clear UnsupportedFunctionalityError where the model or provider cannot list', async () => {
    const model = createMockJobModel({ provider: 'fal.video', modelId: 'm' });
    const error = await listVideos({ model }).catch((caught: unknown) => caught);
    expect(UnsupportedFunctionalityError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      'fal.video model m cannot list jobs (its API has no job list, or the provider does not implement it).',
    );
    const providerError = await listVideos({ provider: { videoModel: () => model } }).catch(
      (caught: unknown) => caught,
    );
    expect(UnsupportedFunctionalityError.isInstance(providerError)).toBe(true);
    await expect(listVideos({ provider: 'nope' })).rejects.toSatisfy(NoSuchModelError.isInstance);
  });

  it('refuses a bad limit, status or cursor before asking the provider', async () => {
    const { model, calls } = listingModel([{ jobs: [] }]);
    for (const options of [{ limit: 0 }, { limit: 1.5 }, { status: 'done' as never }, { after: '' }]) {
      await expect(listVideos({ model, ...options })).rejects.toSatisfy(InvalidArgumentError.isInstance);
    }
    expect(calls).toHaveLength(0);
  });
});

describe('deleteVideo', () => {
  it('deletes through doDelete with the operation, after checking the job is the model’s', async () => {
    const model = createMockJobModel({ provider: 'openai.video', modelId: 'sora-2' });
    const doDelete = vi.fn(async () => {});
    Object.assign(model, { doDelete });
    await deleteVideo({ model, job: JSON.stringify(jobOf(model, 'v1')) });
    expect(doDelete).toHaveBeenCalledWith({ operation: { id: 'v1' }, abortSignal: undefined, headers: undefined });
    await expect(
      deleteVideo({ model, job: jobOf({ provider: 'openai.video', modelId: 'other' }, 'v1') }),
    ).rejects.toSatisfy(InvalidArgumentError.isInstance);
    expect(doDelete).toHaveBeenCalledTimes(1);
  });

  it('is an UnsupportedFunctionalityError without doDelete', async () => {
    const model = createMockJobModel({ provider: 'google.video', modelId: 'veo' });
    const error = await deleteVideo({ model, job: jobOf(model, 'x') }).catch((caught: unknown) => caught);
    expect(UnsupportedFunctionalityError.isInstance(error)).toBe(true);
    expect((error as UnsupportedFunctionalityError).functionality).toBe('deleteVideo');
  });
});

describe('getVideoDownloadUrl', () => {
  const now = () => new Date('2026-12-04T00:00:00Z');

  it("returns the provider's public link with its expiry, passing index and expiresIn", async () => {
    const model = createMockJobModel({ provider: 'fal.video', modelId: 'veo' });
    const expiresAt = new Date('2026-12-05T00:00:00Z');
    const doGetDownloadUrl = vi.fn(async () => ({
      url: 'https://cdn.fal.media/v.mp4',
      expiresAt,
      mediaType: 'video/mp4',
    }));
    Object.assign(model, { doGetDownloadUrl });
    const signer = createVideoDownloadLinkSigner({ secret: SECRET, baseUrl: '/api/video' });
    const link = await getVideoDownloadUrl({ model, job: jobOf(model, 'r1'), index: 1, expiresIn: 60, signer });
    expect(link).toStrictEqual({
      url: 'https://cdn.fal.media/v.mp4',
      expiresAt,
      mediaType: 'video/mp4',
      source: 'provider',
    });
    expect(doGetDownloadUrl).toHaveBeenCalledWith(
      expect.objectContaining({ operation: { id: 'r1' }, index: 1, expiresIn: 60 }),
    );
  });

  it('signs a link to the content endpoint when the video needs credentials', async () => {
    const model = createMockJobModel({ provider: 'openai.video', modelId: 'sora-2' });
    Object.assign(model, { doGetDownloadUrl: async () => undefined });
    const signer = createVideoDownloadLinkSigner({ secret: SECRET, baseUrl: 'https://app.example/api/video?x=1' });
    const job = jobOf(model, 'video_1');
    const link = await getVideoDownloadUrl({ model, job, index: 0, expiresIn: 120, signer, subject: 'user-1', now });
    expect(link.source).toBe('signed');
    expect(link.expiresAt).toStrictEqual(new Date('2026-12-04T00:02:00Z'));
    const url = new URL(link.url);
    expect(url.origin + url.pathname).toBe('https://app.example/api/video');
    expect(url.searchParams.get('x')).toBe('1');
    expect(JSON.parse(url.searchParams.get('job')!)).toStrictEqual(job);
    const verified = await signer.verify(link.url, { subject: 'user-1', now: now() });
    expect(verified).toStrictEqual({ valid: true, job, index: 0, expiresAt: link.expiresAt });
  });

  it('signs for a model without doGetDownloadUrl, and without a signer it is an UnsupportedFunctionalityError', async () => {
    const model = createMockJobModel({ provider: 'google.video', modelId: 'veo' });
    const signer = createVideoDownloadLinkSigner({ secret: SECRET, baseUrl: '/api/video' });
    const link = await getVideoDownloadUrl({ model, job: jobOf(model, 'op'), signer, now });
    expect(link.url.startsWith('/api/video?job=')).toBe(true);
    // Default lifetime: 15 minutes.
    expect(link.expiresAt).toStrictEqual(new Date('2026-12-04T00:15:00Z'));
    const error = await getVideoDownloadUrl({ model, job: jobOf(model, 'op') }).catch((caught: unknown) => caught);
    expect(UnsupportedFunctionalityError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('Pass a `signer`');
  });

  it('refuses a bad index or expiresIn, and a job of another model', async () => {
    const model = createMockJobModel({ statuses: [mockCompletedStatus()] });
    const signer = createVideoDownloadLinkSigner({ secret: SECRET, baseUrl: '/v' });
    for (const options of [
      { index: -1 },
      { index: 0.5 },
      { expiresIn: 0 },
      { expiresIn: 8 * 24 * 3600 },
      { expiresIn: Number.NaN },
    ]) {
      await expect(getVideoDownloadUrl({ model, job: jobOf(model, 'j'), signer, ...options })).rejects.toSatisfy(
        InvalidArgumentError.isInstance,
      );
    }
    await expect(
      getVideoDownloadUrl({ model, job: jobOf({ provider: 'x', modelId: 'y' }, 'j'), signer }),
    ).rejects.toSatisfy(InvalidArgumentError.isInstance);
  });
});
