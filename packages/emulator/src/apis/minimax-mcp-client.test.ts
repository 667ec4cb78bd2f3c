import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// MiniMax's own published Node client (v1 video API), unmodified: create → query → files/retrieve → download.
// @ts-expect-error: the package ships JavaScript without type declarations.
import { VideoAPI } from 'minimax-mcp-js/build/api/video.js';
// @ts-expect-error: as above.
import { MiniMaxAPI } from 'minimax-mcp-js/build/utils/api.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readMp4Info } from '../__fixtures__/mp4-info';
import { startEmulator, type EmulatorServer } from '../server';

let server: EmulatorServer;
let outputDirectory: string;

beforeAll(async () => {
  server = await startEmulator({ host: '127.0.0.1', port: 0, apiKeys: { minimax: ['mm-client-key'] } });
  outputDirectory = await mkdtemp(join(tmpdir(), 'minimax-mcp-'));
  // The client writes downloads below its base path (read from the environment when it saves).
  vi.stubEnv('MINIMAX_MCP_BASE_PATH', outputDirectory);
});

afterAll(async () => {
  await server.close();
  await rm(outputDirectory, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

function client(resourceMode: 'url' | 'local', apiKey = 'mm-client-key') {
  return new VideoAPI(new MiniMaxAPI({ apiKey, apiHost: server.baseURLs.minimax, resourceMode }));
}

describe('minimax-mcp-js 0.0.18 against the emulator', () => {
  it('creates a task, queries it to Success and gets the download URL through files/retrieve', async () => {
    const video = client('url');
    const { task_id } = await video.generateVideo({ prompt: 'A fox in the snow', model: 'T2V-01', asyncMode: true });
    expect(task_id).toMatch(/^\d{15}$/);
    expect(await video.queryVideoGeneration({ taskId: task_id })).toStrictEqual({ status: 'Queueing' });
    server.emulator.jobs.complete(task_id);
    const done = await video.queryVideoGeneration({ taskId: task_id });
    expect(done).toStrictEqual({ status: 'Success', video_url: expect.any(String), task_id });
    expect(done.video_url.startsWith(server.baseURLs.minimaxStorage)).toBe(true);
    const routes = server.emulator.requests.filter((entry) => entry.api === 'minimax').map((entry) => entry.route);
    expect(routes).toStrictEqual(['create', 'status', 'status', 'retrieve']);
  });

  it('downloads the MP4 (local mode) at the requested resolution and length', async () => {
    const video = client('local');
    const { task_id } = await video.generateVideo({
      prompt: 'A lighthouse',
      model: 'MiniMax-Hailuo-02',
      duration: 10,
      resolution: '768P',
      asyncMode: true,
    });
    server.emulator.jobs.complete(task_id);
    const { video_path } = await video.queryVideoGeneration({ taskId: task_id, outputDirectory: 'videos' });
    expect(video_path.startsWith(join(outputDirectory, 'videos'))).toBe(true);
    const info = readMp4Info(new Uint8Array(await readFile(video_path)));
    expect([info.trackWidth, info.trackHeight]).toEqual([1366, 768]);
    expect(info.sttsSamples).toBe(10 * 24);
  });

  it('reads errors inside HTTP 200: a bad key (1004) and a failed task', async () => {
    await expect(
      client('url', 'wrong').generateVideo({ prompt: 'x', model: 'T2V-01', asyncMode: true }),
    ).rejects.toThrow(/API Error: login fail/);
    const video = client('url');
    const { task_id } = await video.generateVideo({ prompt: 'x', model: 'T2V-01', asyncMode: true });
    server.emulator.jobs.filter(task_id);
    await expect(video.queryVideoGeneration({ taskId: task_id })).rejects.toThrow(/API Error: output new_sensitive/);
  });
});
