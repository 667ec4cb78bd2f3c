// Proof against a client nobody here wrote: OpenAI's official SDK (`openai`, pinned at the root at
// 6.49.0, the last line that runs on Node 20), unmodified, drives the emulator's Videos API over
// real HTTP: create, retrieve, content, remix, edits and extensions (by id and by upload, in the
// SDK's multipart form), list with cursor pagination, and delete.
import OpenAI, { NotFoundError, toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMp4Info } from '../__fixtures__/mp4-info';
import { type EmulatorServer, startEmulator } from '../server';

const KEY = 'sk-openai-sdk-proof';
let time = Date.UTC(2026, 4, 1);
let server: EmulatorServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startEmulator({ now: () => time, apiKeys: { openai: [KEY] } });
  client = new OpenAI({ apiKey: KEY, baseURL: server.baseURLs.openai, maxRetries: 0 });
});
afterAll(() => server.close());

async function contentSeconds(id: string): Promise<number> {
  const response = await client.videos.downloadContent(id);
  expect(response.headers.get('content-type')).toBe('video/mp4');
  return readMp4Info(new Uint8Array(await response.arrayBuffer())).seconds;
}

describe('openai@6.49.0 against the emulator', () => {
  it('creates, polls to completed, remixes, edits and extends by id; the extension is a longer MP4', async () => {
    const created = await client.videos.create({
      model: 'sora-2',
      prompt: 'A paper boat',
      seconds: '4',
      size: '1280x720',
    });
    expect(created.status).toBe('queued');
    time += 2000;
    expect(await client.videos.retrieve(created.id)).toMatchObject({ status: 'completed', progress: 100 });
    expect(await contentSeconds(created.id)).toBe(4);

    const remixed = await client.videos.remix(created.id, { prompt: 'Teal and rust' });
    expect(remixed.remixed_from_video_id).toBe(created.id);
    const edited = await client.videos.edit({ video: { id: created.id }, prompt: 'Make it night' });
    const extended = await client.videos.extend({ video: { id: created.id }, prompt: 'It sails on', seconds: '8' });
    expect(edited).toMatchObject({ object: 'video', status: 'queued', seconds: '4', size: '1280x720' });
    expect(extended).toMatchObject({ object: 'video', status: 'queued', seconds: '12', size: '1280x720' });
    time += 2000;
    expect(await contentSeconds(edited.id)).toBe(4);
    expect(await contentSeconds(extended.id)).toBe(12);
  });

  it('edits and extends an uploaded MP4 (multipart file `video`)', async () => {
    const created = await client.videos.create({ prompt: 'A lighthouse', seconds: '8', size: '720x1280' });
    time += 2000;
    const bytes = new Uint8Array(await (await client.videos.downloadContent(created.id)).arrayBuffer());
    const upload = () => toFile(bytes, 'source.mp4', { type: 'video/mp4' });
    const edited = await client.videos.edit({ video: await upload(), prompt: 'Fog rolls in' });
    const extended = await client.videos.extend({ video: await upload(), prompt: 'Night falls', seconds: '4' });
    expect(edited).toMatchObject({ seconds: '8', size: '720x1280' });
    expect(extended).toMatchObject({ seconds: '12', size: '720x1280' });
    time += 2000;
    expect(await contentSeconds(extended.id)).toBe(12);
  });

  it('answers an unknown source id with the API 404 (NotFoundError)', async () => {
    const error = await client.videos.edit({ video: { id: 'video_missing' }, prompt: 'x' }).catch((caught) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.error).toMatchObject({ code: 'video_not_found', param: 'video_id' });
  });

  it('lists page by page (after = last id while has_more) and deletes', async () => {
    const firstPage = await client.videos.list({ limit: 2, order: 'desc' });
    expect(firstPage.data).toHaveLength(2);
    expect(firstPage.has_more).toBe(true);
    const ids: string[] = [];
    for await (const video of client.videos.list({ limit: 2 })) ids.push(video.id);
    expect(ids.length).toBeGreaterThan(4);
    expect(new Set(ids).size).toBe(ids.length);

    const deleted = await client.videos.delete(ids[0]);
    expect(deleted).toStrictEqual({ id: ids[0], object: 'video.deleted', deleted: true });
    await expect(client.videos.retrieve(ids[0])).rejects.toBeInstanceOf(NotFoundError);
  });
});
