import RunwayML, { toFile } from '@runwayml/sdk';
import { type EmulatorServer, startEmulator } from '@videogen/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The emulator's Runway API driven by Runway's own SDK (`@runwayml/sdk` 4.20.1, unmodified), over
 * HTTP on 127.0.0.1: the emulator is proven against a client nobody here wrote.
 */
describe('@runwayml/sdk against the emulator', () => {
  let server: EmulatorServer;
  let client: RunwayML;

  beforeAll(async () => {
    server = await startEmulator({ jobDurationMs: 2000, queueMs: 500 });
    client = new RunwayML({ apiKey: `key_${'0'.repeat(128)}`, baseURL: server.baseURLs.runway, maxRetries: 0 });
  });
  afterAll(() => server.close());

  it('creates a text-to-video task, retrieves it to SUCCEEDED and downloads a real MP4', async () => {
    const created = await client.textToVideo.create({
      model: 'gen4.5',
      promptText: 'A lighthouse at dusk',
      ratio: '1280:720',
      duration: 2,
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    const pending = await client.tasks.retrieve(created.id);
    expect(pending.status).toBe('PENDING');
    await server.emulator.advance(1200);
    const running = await client.tasks.retrieve(created.id);
    expect(running).toMatchObject({ status: 'RUNNING', progress: expect.any(Number) });
    await server.emulator.advance(1000);
    const done = await client.tasks.retrieve(created.id);
    expect(done.status).toBe('SUCCEEDED');
    const output = (done as { output: string[] }).output[0];
    const video = new Uint8Array(await (await fetch(output)).arrayBuffer());
    expect(new TextDecoder().decode(video.subarray(4, 8))).toBe('ftyp');
    // Every SDK request carried the version header the emulator insists on.
    expect(server.emulator.requests.filter((entry) => entry.api === 'runway' && entry.status >= 400)).toStrictEqual([]);
  });

  it('edits a finished task’s output with videoToVideo.create (aleph2): the result follows the source; tasks.delete removes it', async () => {
    const source = await client.textToVideo.create({
      model: 'gen4.5',
      promptText: 'A lighthouse at dusk',
      ratio: '720:1280',
      duration: 3,
    });
    await server.emulator.advance(2200);
    const done = await client.tasks.retrieve(source.id);
    const sourceUrl = (done as { output: string[] }).output[0];
    const edit = await client.videoToVideo.create({ model: 'aleph2', videoUri: sourceUrl, promptText: 'Add snow' });
    expect(edit).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), estimatedCost: { credits: 45 } });
    await server.emulator.advance(2200);
    const edited = await client.tasks.retrieve(edit.id);
    expect(edited.status).toBe('SUCCEEDED');
    const video = new Uint8Array(await (await fetch((edited as { output: string[] }).output[0])).arrayBuffer());
    expect(new TextDecoder().decode(video.subarray(4, 8))).toBe('ftyp');
    expect(server.emulator.jobs.get(edit.id)).toMatchObject({ width: 720, height: 1280, seconds: 3 });

    // Deleting the finished source: gone for the SDK (NotFoundError), and no longer a usable input.
    await client.tasks.delete(source.id);
    await expect(client.tasks.retrieve(source.id)).rejects.toBeInstanceOf(RunwayML.NotFoundError);
    const refused = await client.videoToVideo
      .create({ model: 'aleph2', videoUri: sourceUrl })
      .catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(RunwayML.BadRequestError);
  });

  it('uploads a file with uploads.createEphemeral and uses the runway:// URI for image-to-video', async () => {
    const png = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13]);
    const { uri } = await client.uploads.createEphemeral({
      file: await toFile(png, 'frame.png', { type: 'image/png' }),
    });
    expect(uri).toMatch(/^runway:\/\/uploads\/.+\/frame\.png$/);
    const task = await client.imageToVideo.create({ model: 'gen4_turbo', promptImage: uri, ratio: '960:960' });
    expect(server.emulator.jobs.get(task.id)).toMatchObject({ width: 960, height: 960 });
  });

  it('waits with waitForTaskOutput (the SDK polls every ~6 s) until the output is there', async () => {
    const task = await client.imageToVideo
      .create({
        model: 'veo3.1_fast',
        promptImage: [{ uri: 'https://cdn.example.com/first.png', position: 'first' }],
        ratio: '720:1280',
        duration: 4,
      })
      .waitForTaskOutput({ timeout: 60_000 });
    expect(task.status).toBe('SUCCEEDED');
  }, 30_000);

  it('cancels with tasks.delete and reads the SDK error of a validation failure', async () => {
    const task = await client.textToVideo.create({ model: 'veo3.1', promptText: 'A cat', ratio: '1920:1080' });
    await client.tasks.delete(task.id);
    expect((await client.tasks.retrieve(task.id)).status).toBe('CANCELLED');
    const error = await client.textToVideo
      .create({ model: 'gen4.5', promptText: 'A cat', ratio: '1104:832' as '1280:720', duration: 5 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RunwayML.BadRequestError);
    expect((error as InstanceType<typeof RunwayML.BadRequestError>).error).toMatchObject({
      error: 'Validation of body failed',
    });
  });
});
