/**
 * End-to-end: the React example (useGenerateVideo + createVideoRouteHandler,
 * the emulator in-process) driven in Debian's headless Chromium through
 * playwright-core. Run from the repository root:
 * `npx vitest run examples/react-progress`.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startReactProgressServer } from '../src/server.js';

const CHROMIUM = process.env.VIDEOGEN_CHROMIUM ?? '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const IN_CI = Boolean(process.env.CI);
/** Generous: waits end as soon as the condition holds; nothing asserts on durations. */
const WAIT_MS = 60_000;
const TEST_TIMEOUT_MS = 120_000;
const JOB_KEY = 'videogen-react-progress:job';
/** Screenshots of what a person sees, kept by CI: `test-artifacts/react-progress/` at the repository root (git-ignored). */
const ARTIFACTS_DIR = fileURLToPath(new URL('../../../test-artifacts/react-progress/', import.meta.url));
/** A phone held upright and a laptop screen (CSS pixels). */
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

if (!HAS_CHROMIUM && !IN_CI) {
  console.warn(
    `[react-progress] Skipping the browser test: ${CHROMIUM} is missing. ` +
      "Install Debian's Chromium with `bash scripts/install-chromium.sh` (as root), then run it again.",
  );
}

type Server = Awaited<ReturnType<typeof startReactProgressServer>>;
type Recorded = { progress: Array<string | null>; states: string[] };

describe.skipIf(!HAS_CHROMIUM && !IN_CI)('react-progress example in headless Chromium', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    if (!HAS_CHROMIUM) {
      throw new Error(
        `The browser test needs Debian's Chromium at ${CHROMIUM}, and CI is set, so it is not skipped. ` +
          'Run `bash scripts/install-chromium.sh` (as root) before `npm test` in CI.',
      );
    }
    server = await startReactProgressServer({ port: 0 });
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
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(server.url);
    await page.waitForSelector('#generate');
    await record();
  });

  afterEach(async () => {
    await page?.close();
    expect(pageErrors).toStrictEqual([]);
  });

  /** Records every value of the progress bar (null = indeterminate) and every data-state of #status. */
  async function record() {
    await page.evaluate(() => {
      const record = { progress: [] as Array<string | null>, states: [] as string[] };
      (window as unknown as { record: typeof record }).record = record;
      const progress = document.querySelector('#progress')!;
      const status = document.querySelector('#status')!;
      new MutationObserver(() => record.progress.push(progress.getAttribute('value'))).observe(progress, {
        attributes: true,
        attributeFilter: ['value'],
      });
      new MutationObserver(() => record.states.push(status.getAttribute('data-state') ?? '')).observe(status, {
        attributes: true,
        attributeFilter: ['data-state'],
      });
    });
  }

  const recorded = () => page.evaluate(() => (window as unknown as { record: Recorded }).record);

  async function generate(prompt: string, provider: 'fal' | 'openai' = 'fal', aspectRatio: '16:9' | '9:16' = '16:9') {
    await page.selectOption('#provider', provider);
    await page.selectOption('#aspect-ratio', aspectRatio);
    await page.fill('#prompt', prompt);
    await page.click('#generate');
  }

  /** Waits until the <video> has a decodable source and returns what it knows. */
  async function waitForPlayableVideo() {
    await page.waitForFunction(
      () => {
        const video = document.querySelector('video');
        if (!video) return false;
        if (video.error) throw new Error(`video error ${video.error.code}: ${video.error.message}`);
        return video.readyState >= 1 && video.duration > 0;
      },
      undefined,
      { timeout: WAIT_MS },
    );
    return page.evaluate(() => {
      const video = document.querySelector('video')!;
      return { src: video.currentSrc, source: video.dataset.source, duration: video.duration, width: video.videoWidth };
    });
  }

  /** Saves what the page shows now under test-artifacts/react-progress/<name>.png. */
  async function screenshot(name: string) {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS_DIR}${name}.png` });
  }

  /**
   * Waits until the <video> is playing as a person sees it: not paused, and its
   * `currentTime` moves on (checked on animation frames; no timing asserted).
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
        const video = document.querySelector('video');
        if (!video) return false;
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

  const jobsOf = (api: 'fal' | 'openai', prompt: string) =>
    server.emulator.emulator.jobs.list({ api }).filter((entry) => entry.prompt === prompt);

  it('says "Ready." next to an idle bar (not a busy one) before anything runs', async () => {
    expect(await page.textContent('#status')).toBe('Ready.');
    expect(await page.getAttribute('#status', 'data-state')).toBe('idle');
    expect(await progressBar()).toStrictEqual({ busy: false, value: 0 });
    await screenshot('ready');
  });

  for (const [device, viewport] of Object.entries({ phone: PHONE, desktop: DESKTOP })) {
    it(
      `plays a portrait video with its controls inside the viewport (${device}, ${viewport.width}x${viewport.height})`,
      async () => {
        await page.setViewportSize(viewport);
        await generate(`A lighthouse, upright (${device})`, 'fal', '9:16');
        await page.waitForSelector('#status[data-state="success"]', { timeout: WAIT_MS });
        const video = await waitForPlayingVideo();
        expect(video.height).toBeGreaterThan(video.width); // the emulator served the portrait clip
        await expectVideoInsideViewport(viewport);
        await screenshot(`portrait-${device}`);
      },
      TEST_TIMEOUT_MS,
    );
  }

  it(
    "generates: the progress bar moves forward with the provider's progress, and the video plays through the route (OpenAI)",
    async () => {
      await generate('A red kite over the dunes', 'openai');
      await page.waitForSelector('#status[data-state="success"]', { timeout: WAIT_MS });

      const { progress, states } = await recorded();
      const values = progress.filter((value): value is string => value !== null).map(Number);
      expect(new Set(values).size).toBeGreaterThanOrEqual(3);
      expect(values.some((value) => value > 0 && value < 100)).toBe(true);
      expect(values.at(-1)).toBe(100);
      expect(values).toStrictEqual([...values].sort((a, b) => a - b));
      expect(states).toStrictEqual(['generating', 'success']);

      // OpenAI's video needs the key: the page plays it from the route, which fetches it server-side.
      const video = await waitForPlayableVideo();
      expect(video.source).toBe('server');
      expect(video.src.startsWith(`${server.url}/api/video?job=`)).toBe(true);
      expect(video.duration).toBeGreaterThan(0);
      expect(video.width).toBeGreaterThan(0);
      // It plays by itself, muted and inline, and fits the screen.
      expect(await waitForPlayingVideo()).toMatchObject({ paused: false, muted: true, playsInline: true });
      await expectVideoInsideViewport(DESKTOP);
      expect(await progressBar()).toStrictEqual({ busy: false, value: 100 });
      await screenshot('openai-playing');
      // the job is over: nothing left to resume
      expect(await page.evaluate((key) => localStorage.getItem(key), JOB_KEY)).toBeNull();
      expect(jobsOf('openai', 'A red kite over the dunes')).toHaveLength(1);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "shows fal's queue status and plays the public media URL (fal reports no percentage)",
    async () => {
      const statusTexts: string[] = [];
      const poll = setInterval(() => {
        void page.textContent('#status').then(
          (text) => statusTexts.push(text ?? ''),
          () => {},
        );
      }, 100);
      try {
        await generate('A lighthouse at dusk');
        await page.waitForSelector('#status[data-state="success"]', { timeout: WAIT_MS });
      } finally {
        clearInterval(poll);
      }
      expect(statusTexts.some((text) => text.includes('IN_QUEUE') || text.includes('IN_PROGRESS'))).toBe(true);
      expect((await recorded()).progress.at(-1)).toBe('100');

      const video = await waitForPlayableVideo();
      expect(video.source).toBe('provider');
      expect(video.src.startsWith(server.emulator.baseURLs.falMedia)).toBe(true);
      expect(video.duration).toBeGreaterThan(0);
      expect(await waitForPlayingVideo()).toMatchObject({ paused: false, muted: true });
      await screenshot('fal-playing');
      expect(jobsOf('fal', 'A lighthouse at dusk')).toHaveLength(1);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'cancels a running job at the provider from the Cancel button',
    async () => {
      const prompt = 'A very slow glacier [emulator:duration=120000]';
      await generate(prompt);
      await page.waitForFunction(
        () => document.querySelector('#status')!.textContent!.includes('IN_PROGRESS'),
        undefined,
        {
          timeout: WAIT_MS,
        },
      );
      expect(await page.isEnabled('#cancel')).toBe(true);
      await page.click('#cancel');
      await page.waitForFunction(
        (key) =>
          document.querySelector('#status')!.getAttribute('data-state') === 'idle' &&
          localStorage.getItem(key) === null,
        JOB_KEY,
        { timeout: WAIT_MS },
      );
      expect(await page.textContent('#status')).toBe('Ready.');
      // "Ready." sits next to an idle bar, not a busy one
      expect(await progressBar()).toStrictEqual({ busy: false, value: 0 });
      await screenshot('cancelled');
      expect(await page.isEnabled('#generate')).toBe(true);
      expect(await page.$('video')).toBeNull();

      const [job] = jobsOf('fal', prompt);
      expect(job.status).toBe('cancelled');
      const cancels = server.emulator.emulator.requests.filter(
        (request) => request.api === 'fal' && request.route === 'cancel' && request.jobId === job.id,
      );
      expect(cancels.map((request) => request.status)).toStrictEqual([202]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'after a reload, resumes the job from localStorage and finishes it without a second submission',
    async () => {
      const prompt = 'A fox in the snow [emulator:duration=9000]';
      await generate(prompt, 'openai');
      await page.waitForFunction(
        (key) => {
          const value = document.querySelector('#progress')!.getAttribute('value');
          return localStorage.getItem(key) !== null && value !== null && Number(value) > 0;
        },
        JOB_KEY,
        { timeout: WAIT_MS },
      );
      const stored = JSON.parse((await page.evaluate((key) => localStorage.getItem(key), JOB_KEY))!);
      expect(stored).toMatchObject({
        specificationVersion: 'v3',
        provider: 'openai.video',
        modelId: 'sora-2',
        routeSignature: expect.stringMatching(/^v1\./), // signed by the route, which acts only on its own jobs
      });
      const before = Number(await page.getAttribute('#progress', 'value'));

      await page.reload();
      await page.waitForSelector('#status[data-state="generating"]', { timeout: WAIT_MS });
      await record();
      await page.waitForSelector('#status[data-state="success"]', { timeout: WAIT_MS });
      const values = (await recorded()).progress.filter((value): value is string => value !== null).map(Number);
      expect(values.at(-1)).toBe(100);
      expect(Math.min(...values)).toBeGreaterThanOrEqual(before); // continued, not restarted
      const video = await waitForPlayableVideo();
      expect(video.source).toBe('server');

      // one submission in all: the reload re-attached instead of generating again
      const jobs = jobsOf('openai', prompt);
      expect(jobs).toHaveLength(1);
      expect(jobs[0].status).toBe('completed');
    },
    TEST_TIMEOUT_MS,
  );
});
