import { describe, expect, it } from 'vitest';
import { createDownload } from '../download/create-download';
import { INTEROP_PROVIDER_CASES, useInteropEmulator } from '../interop/emulator-cases';
import { startVideo } from '../jobs/start-video';
import { waitForVideo } from '../jobs/wait-for-video';
import { readVideoEvents } from '../stream/server-sent-events';
import { streamVideo } from '../stream/stream-video';
import { createVideoContentResponse } from '../stream/video-content-response';
import { getVideoDownloadUrl } from './get-video-download-url';
import { createVideoDownloadLinkSigner } from './video-download-link';

// A real provider (OpenAI's Sora format, whose videos need the API key) over the emulator on 127.0.0.1:
// the signed link to our own content endpoint plays the real MP4, for its user only.
const SECRET = 'emulator-test-secret-0123456789abcdefgh';
const download = createDownload({ allowPrivateNetwork: true });

describe('download links over the emulator (openai)', () => {
  const emulator = useInteropEmulator();
  const openai = INTEROP_PROVIDER_CASES.find((entry) => entry.api === 'openai')!;

  it("signs a link to the content endpoint that serves the provider's video to its user only", async () => {
    const model = openai.model(emulator.server);
    const { job } = await startVideo({ model, prompt: 'a kite', duration: 4 });
    await waitForVideo({ model, job, poll: { intervalMs: 50 }, download });
    const signer = createVideoDownloadLinkSigner({ secret: SECRET, baseUrl: 'http://app.test/api/video/content' });
    const link = await getVideoDownloadUrl({ model, job, signer, subject: 'alice', expiresIn: 60 });
    expect(link.source).toBe('signed');
    expect(link.url).not.toContain('interop-test-key');

    // The content endpoint: the link is its authorization.
    const contentEndpoint = async (request: Request, user: string) => {
      const verified = await signer.verify(request, { subject: user });
      if (!verified.valid) return new Response(verified.reason, { status: 403 });
      return createVideoContentResponse({ model, job: verified.job, index: verified.index, download });
    };
    const response = await contentEndpoint(new Request(link.url), 'alice');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(new TextDecoder().decode(bytes.subarray(4, 8))).toBe('ftyp');
    const refused = await contentEndpoint(new Request(link.url), 'bob');
    expect(refused.status).toBe(403);
    expect(await refused.text()).toBe('invalid-signature');
  });

  it('streamVideo gives the completed event a signed link that reads back through readVideoEvents', async () => {
    const model = openai.model(emulator.server);
    const signer = createVideoDownloadLinkSigner({ secret: SECRET, baseUrl: '/api/video/content' });
    const response = streamVideo({
      model,
      prompt: 'a kite',
      duration: 4,
      poll: { intervalMs: 50 },
      download,
      downloadLinks: { signer },
    }).toServerSentEventsResponse({ heartbeatMs: 0 });
    const events = [];
    for await (const event of readVideoEvents(response)) events.push(event);
    const completed = events.find((event) => event.type === 'completed');
    expect(completed).toMatchObject({ videos: [{ index: 0, mediaType: 'video/mp4', urlSource: 'signed' }] });
    const url = completed?.type === 'completed' ? completed.videos[0].url! : '';
    expect(await signer.verify(url)).toMatchObject({ valid: true, index: 0 });
  });
});
