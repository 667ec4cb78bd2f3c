/**
 * End-to-end: the example server (with the emulator in-process) driven in
 * Debian's headless Chromium through playwright-core. Run from the repository
 * root: `npx vitest run examples/web-progress`.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startWebProgressServer } from '../src/server.js';

const CHROMIUM = process.env.VIDEOGEN_CHROMIUM ?? '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const IN_CI = Boolean(process.env.CI);
/** Generous: waits end as soon as the condition holds; nothing asserts on durations. */
const WAIT_MS = 60_000;
const TEST_TIMEOUT_MS = 120_000;
/** Screenshots of what a person sees, kept by CI: `test-artifacts/web-progress/` at the repository root (git-ignored). */
const ARTIFACTS_DIR = fileURLToPath(new URL('../../../test-artifacts/web-progress/', import.meta.url));
/** A phone held upright and a laptop screen (CSS pixels). */
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

if (!HAS_CHROMIUM && !IN_CI) {
  console.warn(
    `[web-progress] Skipping the browser test: ${CHROMIUM} is missing. ` +
      "Install Debian's Chromium with `bash scripts/install-chromium.sh` (as root), then run it again.",
  );
}

type Server = Awaited<ReturnType<typeof startWebProgressServer>>;

if (!HAS_CHROMIUM && IN_CI) {
  // In CI a missing browser is a failure, counted as one, never a silent skip.
  it('web-progress example: Chromium is installed (CI)', () => {
    throw new Error(
      `The browser test needs Debian's Chromium at ${CHROMIUM}, and CI is set, so it is not skipped. ` +
        'Run `bash scripts/install-chromium.sh` (as root) before `npm test` in CI.',
    );
  });
}

describe.skipIf(!HAS_CHROMIUM)('web-progress example in headless Chromium', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    // Shorter jobs than the demo's 6 s, still several progress steps apart from the 250 ms polls.
    server = await startWebProgressServer({
      port: 0,
      emulator: { jobDurationMs: 3000, queueMs: 600, progressSteps: 5 },
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // No autoplay flag: the page must play under Chromium's default policy, as in a person's browser.
      ],
    });
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: DESKTOP });
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    // Record every value the progress bar takes (null = indeterminate) and every status text.
    await page.evaluate(() => {
      const record = { progress: [] as Array<string | null>, status: [] as string[] };
      (window as unknown as { record: typeof record }).record = record;
      const progress = document.querySelector('#progress')!;
      const status = document.querySelector('#status')!;
      new MutationObserver(() => record.progress.push(progress.getAttribute('value'))).observe(progress, {
        attributes: true,
        attributeFilter: ['value'],
      });
      new MutationObserver(() => record.status.push(status.textContent ?? '')).observe(status, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
  });

  afterEach(async () => {
    await page?.close();
    expect(pageErrors).toStrictEqual([]);
  });

  const recorded = () =>
    page.evaluate(() => (window as unknown as { record: { progress: Array<string | null>; status: string[] } }).record);

  async function generate(
    prompt: string,
    provider: 'fal' | 'openai' | 'google' | 'openrouter',
    aspectRatio: '16:9' | '9:16' = '16:9',
  ) {
    await page.selectOption('#provider', provider);
    await page.selectOption('#aspect-ratio', aspectRatio);
    await page.fill('#prompt', prompt);
    await page.click('#generate');
  }

  /** Waits until the <video> has loaded its metadata (a decodable source) and returns what it knows. */
  async function waitForPlayableVideo() {
    await page.waitForFunction(
      () => {
        const video = document.querySelector('video')!;
        if (video.error) throw new Error(`video error ${video.error.code}: ${video.error.message}`);
        return video.readyState >= 1 && video.duration > 0;
      },
      undefined,
      { timeout: WAIT_MS },
    );
    return page.evaluate(() => {
      const video = document.querySelector('video')!;
      return {
        src: video.currentSrc,
        source: video.dataset.source,
        readyState: video.readyState,
        duration: video.duration,
        width: video.videoWidth,
        height: video.videoHeight,
        hidden: video.hidden,
      };
    });
  }

  /** Saves what the page shows now under test-artifacts/web-progress/<name>.png. */
  async function screenshot(name: string) {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS_DIR}${name}.png` });
  }

  /**
   * Waits until the <video> is playing as a person sees it: not paused, and its
   * `currentTime` moves on between two animation frames' checks (no timing asserted).
   */
  async function waitForPlayingVideo() {
    const state = () =>
      page.evaluate(() => {
        const video = document.querySelector('video');
        return video && { paused: video.paused, currentTime: video.currentTime, readyState: video.readyState };
      });
    try {
      await waitUntilPlaying();
    } catch (error) {
      throw new Error(`The <video> is not playing: ${JSON.stringify(await state())}`, { cause: error });
    }
    return page.evaluate(() => {
      const video = document.querySelector('video')!;
      return {
        paused: video.paused,
        muted: video.muted,
        playsInline: video.playsInline,
        width: video.videoWidth,
        height: video.videoHeight,
      };
    });
  }

  async function waitUntilPlaying() {
    await page.waitForFunction(
      () => {
        const video = document.querySelector('video')!;
        if (video.error) throw new Error(`video error ${video.error.code}: ${video.error.message}`);
        return !video.paused && video.currentTime > 0;
      },
      undefined,
      { timeout: WAIT_MS },
    );
    const first = await page.evaluate(() => document.querySelector('video')!.currentTime);
    await page.waitForFunction(
      (start) => {
        const video = document.querySelector('video')!;
        return !video.paused && video.currentTime !== start;
      },
      first,
      { timeout: WAIT_MS },
    );
  }

  /** What the progress bar shows: busy (indeterminate, animated) or a value. */
  const progressBar = () =>
    page.evaluate(() => {
      const progress = document.querySelector<HTMLProgressElement>('#progress')!;
      return { busy: progress.matches(':indeterminate'), value: progress.position === -1 ? null : progress.value };
    });

  /**
   * The <video>'s box, controls included, lies inside the viewport (nothing to scroll to reach them),
   * give or take the one CSS pixel of sub-pixel layout and scroll rounding.
   */
  async function expectVideoInsideViewport(viewport: { width: number; height: number }) {
    const box = await page.locator('video').boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(-1);
    expect(box!.y).toBeGreaterThanOrEqual(-1);
    expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width + 1);
    expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height + 1);
    expect(box!.height).toBeGreaterThan(viewport.height / 3); // shown at a useful size, not shrunk away
  }

  it('shows an idle bar (not a busy one) before anything runs', async () => {
    expect(await page.getAttribute('#status', 'data-state')).toBe('idle');
    expect(await progressBar()).toStrictEqual({ busy: false, value: 0 });
    expect(await page.isVisible('video')).toBe(false);
    await screenshot('idle');
  });

  for (const [device, viewport] of Object.entries({ phone: PHONE, desktop: DESKTOP })) {
    it(
      `plays a portrait video with its controls inside the viewport (${device}, ${viewport.width}x${viewport.height})`,
      async () => {
        await page.setViewportSize(viewport);
        await generate(`A lighthouse, upright (${device})`, 'fal', '9:16');
        await page.waitForSelector('#status[data-state="completed"]', { timeout: WAIT_MS });
        const video = await waitForPlayingVideo();
        expect(video.height).toBeGreaterThan(video.width); // the emulator served the portrait clip
        await expectVideoInsideViewport(viewport);
        await screenshot(`portrait-${device}`);
      },
      TEST_TIMEOUT_MS,
    );
  }

  it(
    "moves the progress bar with the provider's progress and plays the credentialed video through /api/video (OpenAI)",
    async () => {
      await generate('A red kite over the dunes', 'openai');
      await page.waitForSelector('#status[data-state="completed"]', { timeout: WAIT_MS });

      const { progress } = await recorded();
      const values = progress.filter((value): value is string => value !== null).map(Number);
      const distinct = [...new Set(values)];
      expect(distinct.length).toBeGreaterThanOrEqual(3);
      // at least one real intermediate step from the provider, then full
      expect(values.some((value) => value > 0 && value < 100)).toBe(true);
      expect(values.at(-1)).toBe(100);
      // the bar only moves forward
      expect(values).toStrictEqual([...values].sort((a, b) => a - b));

      const video = await waitForPlayableVideo();
      expect(video).toMatchObject({ source: 'proxy', hidden: false });
      expect(video.src.startsWith(`${server.url}/api/video?`)).toBe(true);
      expect(video.readyState).toBeGreaterThanOrEqual(1);
      expect(video.duration).toBeGreaterThan(0);
      expect(video.width).toBeGreaterThan(0);
      // It plays by itself, muted and inline, as the README says, and fits the screen.
      expect(await waitForPlayingVideo()).toMatchObject({ paused: false, muted: true, playsInline: true });
      await expectVideoInsideViewport(DESKTOP);
      await screenshot('openai-playing');

      // The content was fetched with the key (by core's own download, then by the /api/video proxy for
      // the browser); the browser itself never talked to the API.
      const job = server.emulator.emulator.jobs
        .list({ api: 'openai' })
        .find((entry) => entry.prompt === 'A red kite over the dunes');
      const contentRequests = server.emulator.emulator.requests.filter(
        (request) => request.route === 'content' && request.jobId === job!.id && request.status === 200,
      );
      expect(contentRequests.length).toBeGreaterThanOrEqual(2);
      expect(
        contentRequests.every((request) => request.auth.includes('authorization') && request.authScheme === 'Bearer'),
      ).toBe(true);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "shows fal's queue status and plays the public media URL (fal, the default provider)",
    async () => {
      await generate('A lighthouse at dusk', 'fal');
      await page.waitForSelector('#status[data-state="completed"]', { timeout: WAIT_MS });

      const { progress, status } = await recorded();
      expect(status.some((text) => text.includes('IN_QUEUE') || text.includes('IN_PROGRESS'))).toBe(true);
      expect(progress.at(-1)).toBe('100');

      const video = await waitForPlayableVideo();
      expect(video.source).toBe('public');
      expect(video.src.startsWith(server.emulator.baseURLs.falMedia)).toBe(true);
      expect(video.duration).toBeGreaterThan(0);
      expect(await waitForPlayingVideo()).toMatchObject({ paused: false, muted: true });
      expect(await progressBar()).toStrictEqual({ busy: false, value: 100 });
      await screenshot('fal-playing');

      // fal's media host is public: no credentials went there (neither from core nor from the page).
      const media = server.emulator.emulator.requests.filter(
        (request) => request.api === 'fal' && request.route === 'media',
      );
      expect(media.length).toBeGreaterThanOrEqual(1);
      expect(media.some((request) => request.credentialLeak)).toBe(false);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "plays Gemini's video (key-only download with a redirect) through /api/video",
    async () => {
      await generate('A paper boat on a stream', 'google');
      await page.waitForSelector('#status[data-state="completed"]', { timeout: WAIT_MS });
      const video = await waitForPlayableVideo();
      expect(video.source).toBe('proxy');
      expect(video.duration).toBeGreaterThan(0);
      // The storage host behind Gemini's download redirect never saw the key.
      const storage = server.emulator.emulator.requests.filter((request) => request.route === 'storage');
      expect(storage.length).toBeGreaterThanOrEqual(1);
      expect(storage.some((request) => request.credentialLeak)).toBe(false);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'says so when the provider cannot cancel, and the job runs to its end (OpenAI)',
    async () => {
      await generate('A slow sunrise [emulator:duration=8000]', 'openai');
      await page.waitForFunction(
        () => document.querySelector('#status')!.textContent!.startsWith('in_progress'),
        undefined,
        {
          timeout: WAIT_MS,
        },
      );
      await page.click('#cancel');
      await page.waitForSelector('#status[data-state="completed"]', { timeout: WAIT_MS });
      const { status } = await recorded();
      expect(status.some((text) => text.startsWith('Could not cancel:') && text.includes('cannot cancel'))).toBe(true);
      expect((await waitForPlayableVideo()).source).toBe('proxy');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'stops the busy bar when the job fails (fal reports no percentage, so the bar was busy)',
    async () => {
      await generate('A storm that never ends [emulator:fail]', 'fal');
      await page.waitForSelector('#status[data-state="failed"]', { timeout: WAIT_MS });
      expect((await recorded()).progress).toContain(null); // it was busy while the job ran
      expect(await progressBar()).toMatchObject({ busy: false });
      await screenshot('failed');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'cancels a running fal job from the Cancel button',
    async () => {
      const prompt = 'A very slow glacier [emulator:duration=120000]';
      await generate(prompt, 'fal');
      // mid-job: the provider says it is running
      await page.waitForFunction(
        () => document.querySelector('#status')!.textContent!.includes('IN_PROGRESS'),
        undefined,
        {
          timeout: WAIT_MS,
        },
      );
      expect(await page.isEnabled('#cancel')).toBe(true);
      await page.click('#cancel');
      await page.waitForSelector('#status[data-state="cancelled"]', { timeout: WAIT_MS });

      expect(await page.textContent('#status')).toContain('Cancelled');
      // nothing runs any more: the bar is not busy, and no empty video frame is shown
      expect(await progressBar()).toMatchObject({ busy: false });
      expect(await page.isVisible('video')).toBe(false);
      await screenshot('cancelled');
      expect(await page.isEnabled('#generate')).toBe(true);
      expect(await page.isDisabled('#cancel')).toBe(true);
      expect(
        await page.evaluate(() => ({
          hidden: document.querySelector('video')!.hidden,
          src: document.querySelector('video')!.getAttribute('src'),
        })),
      ).toStrictEqual({
        hidden: true,
        src: null,
      });

      const job = server.emulator.emulator.jobs.list({ api: 'fal' }).find((entry) => entry.prompt === prompt);
      expect(job?.status).toBe('cancelled');
      const cancels = server.emulator.emulator.requests.filter(
        (request) => request.api === 'fal' && request.route === 'cancel' && request.jobId === job!.id,
      );
      expect(cancels.map((request) => request.status)).toStrictEqual([202]);
    },
    TEST_TIMEOUT_MS,
  );
});
