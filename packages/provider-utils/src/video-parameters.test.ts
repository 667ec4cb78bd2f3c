import { InvalidArgumentError, type VideoModelV3File } from '@videogen/provider-spec';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_PROMPT_LENGTH,
  DEFAULT_MAX_VIDEOS,
  aspectRatioOfSize,
  describeDurations,
  formatVideoSize,
  getResolutionShortSide,
  isAllowedDuration,
  matchAspectRatio,
  matchResolutionName,
  nearestDuration,
  parseAspectRatio,
  parseResolution,
  parseVideoSize,
  sameAspectRatio,
  sizesForResolutionNames,
  validateVideoCallOptions,
  validateVideoCallSettings,
  validateVideoCount,
  validateVideoInputFile,
  validateVideoPrompt,
} from './video-parameters';

const model = { provider: 'test.video', modelId: 'm1' };
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);
const PDF = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj');
const MP4 = new Uint8Array([0, 0, 0, 0x18, ...new TextEncoder().encode('ftypisom'), 0, 0, 2, 0]);
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const file = (data: Uint8Array, mediaType: string): VideoModelV3File => ({ type: 'file', data, mediaType });
const url = (value: string, mediaType?: string): VideoModelV3File => ({ type: 'url', url: value, mediaType });

function invalid(run: () => unknown, argument: string, message?: RegExp | string) {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(InvalidArgumentError.isInstance(thrown), String(thrown)).toBe(true);
  expect((thrown as InvalidArgumentError).argument).toBe(argument);
  if (message !== undefined) expect((thrown as Error).message).toMatch(message);
}

describe('sizes and resolution names', () => {
  it('parses WxH and formats it back', () => {
    expect(parseVideoSize('1280x720')).toStrictEqual({ width: 1280, height: 720 });
    expect(parseVideoSize(' 1920 × 1080 ')).toStrictEqual({ width: 1920, height: 1080 });
    expect(parseVideoSize('0x720')).toBeUndefined();
    expect(parseVideoSize('720p')).toBeUndefined();
    expect(formatVideoSize({ width: 720, height: 1280 })).toBe('720x1280');
  });

  it('reads the short side of names and sizes', () => {
    expect(getResolutionShortSide('720p')).toBe(720);
    expect(getResolutionShortSide('768P')).toBe(768);
    expect(getResolutionShortSide('4k')).toBe(2160);
    expect(getResolutionShortSide('2K')).toBe(1440);
    expect(getResolutionShortSide('1080x1920')).toBe(1080);
    expect(getResolutionShortSide('1K')).toBeUndefined();
    expect(getResolutionShortSide('big')).toBeUndefined();
  });

  it('turns a name into a size in the orientation of the aspect ratio', () => {
    expect(parseResolution('720p')).toStrictEqual({ width: 1280, height: 720 });
    expect(parseResolution('720p', '9:16')).toStrictEqual({ width: 720, height: 1280 });
    expect(parseResolution('480p')).toStrictEqual({ width: 854, height: 480 });
    expect(parseResolution('4k', '16:9')).toStrictEqual({ width: 3840, height: 2160 });
    expect(parseResolution('1080p', '1:1')).toStrictEqual({ width: 1080, height: 1080 });
    expect(parseResolution('1792x1024', '9:16')).toStrictEqual({ width: 1792, height: 1024 });
    expect(parseResolution('1280*720')).toBeUndefined();
  });

  it('matches a size to a provider label by its short side', () => {
    expect(matchResolutionName({ width: 1920, height: 1080 }, ['720p', '1080p'])).toBe('1080p');
    expect(matchResolutionName('768x1360', ['512P', '768P'])).toBe('768P');
    expect(matchResolutionName('3840x2160', ['720p', '4k'])).toBe('4k');
    expect(matchResolutionName('1024x1024', ['720p', '1080p'])).toBeUndefined();
  });

  it('lists the sizes of names and aspect ratios', () => {
    expect(sizesForResolutionNames(['720p', '1080p'], ['16:9', '9:16'])).toStrictEqual([
      '1280x720',
      '720x1280',
      '1920x1080',
      '1080x1920',
    ]);
    expect(sizesForResolutionNames(['1K', '720p'], ['auto', '1:1'])).toStrictEqual(['720x720']);
  });
});

describe('aspect ratios', () => {
  it('parses, reduces and compares within 2%', () => {
    expect(parseAspectRatio('16:9')).toBeCloseTo(16 / 9);
    expect(parseAspectRatio('auto')).toBeUndefined();
    expect(parseAspectRatio('0:9')).toBeUndefined();
    expect(aspectRatioOfSize({ width: 1280, height: 720 })).toBe('16:9');
    expect(sameAspectRatio({ width: 854, height: 480 }, '16:9')).toBe(true);
    expect(sameAspectRatio('4:3', '16:9')).toBe(false);
    // 7:4 (1792x1024, Sora) is 1.6% from 16:9: a different ratio, not a rounding.
    expect(sameAspectRatio({ width: 1792, height: 1024 }, '16:9')).toBe(false);
  });

  it('matches a size or ratio to a supported one', () => {
    expect(matchAspectRatio({ width: 854, height: 480 }, ['auto', '9:16', '16:9'])).toBe('16:9');
    expect(matchAspectRatio('32:18', ['16:9'])).toBe('16:9');
    expect(matchAspectRatio({ width: 1000, height: 1000 }, ['16:9', '9:16'])).toBeUndefined();
  });
});

describe('durations', () => {
  it('snaps to the nearest allowed duration, ties to the longer one', () => {
    expect(nearestDuration([4, 8, 12], 7)).toBe(8);
    expect(nearestDuration([4, 8, 12], 6)).toBe(8);
    expect(nearestDuration([4, 8, 12], 100)).toBe(12);
    expect(nearestDuration({ min: 2, max: 10, step: 2 }, 5.2)).toBe(6);
    expect(nearestDuration({ min: 1, max: 5 }, 0.2)).toBe(1);
    expect(nearestDuration(undefined, 7)).toBe(7);
    expect(nearestDuration([], 7)).toBe(7);
  });

  it('tells allowed durations and describes them', () => {
    expect(isAllowedDuration([4, 8], 8)).toBe(true);
    expect(isAllowedDuration([4, 8], 6)).toBe(false);
    expect(isAllowedDuration({ min: 2, max: 10, step: 2 }, 6)).toBe(true);
    expect(isAllowedDuration({ min: 2, max: 10, step: 2 }, 5)).toBe(false);
    expect(isAllowedDuration({ min: 0.5, max: 2, step: 0.1 }, 1.3)).toBe(true);
    expect(isAllowedDuration(undefined, 5)).toBe(true);
    expect(describeDurations([4, 8])).toBe('4, 8');
    expect(describeDurations({ min: 2, max: 10, step: 2 })).toBe('2..10 in steps of 2');
  });
});

describe('validateVideoCallSettings', () => {
  it.each([
    ['n', { n: 0 }],
    ['n', { n: 1.5 }],
    ['maxVideosPerCall', { maxVideosPerCall: 0 }],
    ['maxRetries', { maxRetries: -1 }],
    ['duration', { duration: Number.NaN }],
    ['aspectRatio', { aspectRatio: 'wide' }],
    ['aspectRatio', { aspectRatio: ' 16:9' }],
    ['resolution', { resolution: '720p' }],
    ['resolution', { resolution: '0x720' }],
    ['fps', { fps: -1 }],
    ['seed', { seed: 0.5 }],
  ])('rejects a malformed %s', (argument, settings) => {
    invalid(() => validateVideoCallSettings(settings), argument);
  });

  it('accepts well-formed values, seed 0 and adaptive included', () => {
    expect(() =>
      validateVideoCallSettings({
        n: 2,
        aspectRatio: 'adaptive',
        resolution: '1280x720',
        duration: 2.5,
        fps: 24,
        seed: 0,
        maxRetries: 0,
      }),
    ).not.toThrow();
  });
});

describe('validateVideoCount', () => {
  it('bounds n per generation and per request, with one wording', () => {
    invalid(
      () => validateVideoCount({ n: 1e9, max: DEFAULT_MAX_VIDEOS, model, per: 'generation' }),
      'n',
      'test.video model m1 makes at most 100 videos per generateVideo call; got n = 1000000000.',
    );
    invalid(() => validateVideoCount({ n: 2, max: 1, model, per: 'request' }), 'n', /at most 1 video\(s\) per request/);
    expect(() => validateVideoCount({ n: 100, max: 100, model, per: 'generation' })).not.toThrow();
  });
});

describe('validateVideoPrompt', () => {
  it('refuses a prompt longer than the model takes, or than the default', () => {
    const huge = 'a'.repeat(5 * 1024 * 1024);
    invalid(
      () => validateVideoPrompt({ prompt: huge, hasInputs: false, capabilities: undefined, model }),
      'prompt',
      `at most ${DEFAULT_MAX_PROMPT_LENGTH} characters; got ${huge.length}`,
    );
    invalid(
      () => validateVideoPrompt({ prompt: 'abcdef', hasInputs: false, capabilities: { maxPromptLength: 5 }, model }),
      'prompt',
      /at most 5 characters; got 6/,
    );
  });

  it('refuses an empty prompt where there is nothing else, or the model needs one', () => {
    invalid(() => validateVideoPrompt({ prompt: '', hasInputs: false, capabilities: undefined, model }), 'prompt');
    invalid(() => validateVideoPrompt({ prompt: '  \n', hasInputs: false, capabilities: {}, model }), 'prompt');
    invalid(
      () => validateVideoPrompt({ prompt: ' ', hasInputs: true, capabilities: { requiresPrompt: true }, model }),
      'prompt',
      'test.video model m1 needs a text prompt',
    );
    expect(() => validateVideoPrompt({ prompt: '', hasInputs: true, capabilities: {}, model })).not.toThrow();
  });
});

describe('validateVideoInputFile', () => {
  const image = { argument: 'image', role: 'image' as const };

  it('accepts images by their bytes and returns the media type', () => {
    expect(validateVideoInputFile(file(PNG, 'image/png'), image)).toBe('image/png');
    expect(validateVideoInputFile(file(JPEG, 'image/jpg'), image)).toBe('image/jpeg');
    expect(validateVideoInputFile({ type: 'file', data: base64(JPEG), mediaType: 'image/jpeg' }, image)).toBe(
      'image/jpeg',
    );
    expect(validateVideoInputFile(file(PNG, 'application/octet-stream'), image)).toBe('image/png');
    expect(validateVideoInputFile(url(`data:image/png;base64,${base64(PNG)}`), image)).toBe('image/png');
    expect(validateVideoInputFile(url(`data:;base64,${base64(JPEG)}`), image)).toBe('image/jpeg');
    expect(validateVideoInputFile(url('https://img.example/a'), image)).toBeUndefined();
    expect(validateVideoInputFile(url('HTTP://img.example/a.png', 'image/png'), image)).toBe('image/png');
  });

  it('refuses bytes that are not an image, whatever their label says', () => {
    invalid(() => validateVideoInputFile(file(PDF, 'image/png'), image), 'image', /its bytes are application\/pdf/);
    invalid(() => validateVideoInputFile(file(MP4, 'image/png'), image), 'image', /its bytes are video\/mp4/);
    invalid(
      () => validateVideoInputFile(file(new Uint8Array([1, 2, 3, 4]), 'image/png'), image),
      'image',
      /no recognised image format/,
    );
    invalid(
      () => validateVideoInputFile({ type: 'file', data: base64(PDF), mediaType: 'image/png' }, image),
      'image',
      /application\/pdf/,
    );
  });

  it('refuses a label that contradicts the bytes', () => {
    invalid(
      () => validateVideoInputFile(file(JPEG, 'image/png'), image),
      'image',
      'image is labelled image/png, but its bytes are image/jpeg.',
    );
  });

  it('refuses data URLs without an image type and URLs of other schemes', () => {
    const text = `data:text/plain;base64,${Buffer.from('hello').toString('base64')}`;
    invalid(() => validateVideoInputFile(url(text), image), 'image', /data: URL of text\/plain/);
    invalid(() => validateVideoInputFile(url('data:text/plain,hello'), image), 'image', /text\/plain/);
    invalid(() => validateVideoInputFile(url('data:image/png;base64,aGVsbG8='), image), 'image', /not an image/);
    invalid(() => validateVideoInputFile(url('ftp://files.example/a.png'), image), 'image', /got a ftp: URL/);
    invalid(() => validateVideoInputFile(url('file:///etc/passwd'), image), 'image', /got a file: URL/);
    invalid(() => validateVideoInputFile(url('gs://bucket/a.png'), image), 'image');
    invalid(() => validateVideoInputFile(url('https://x.example/a.mp4', 'video/mp4'), image), 'image', /labelled/);
    expect(
      validateVideoInputFile(url('gs://bucket/a.png', 'image/png'), {
        ...image,
        capabilities: { inputUrlSchemes: ['https', 'gs'] },
      }),
    ).toBe('image/png');
  });

  it('takes references of every kind, their labels checked against their bytes', () => {
    const reference = { argument: 'inputReferences', role: 'reference' as const };
    expect(validateVideoInputFile(file(MP4, 'video/mp4'), reference)).toBe('video/mp4');
    expect(validateVideoInputFile(file(new Uint8Array([1, 2, 3]), 'audio/x-unknown'), reference)).toBe(
      'audio/x-unknown',
    );
    expect(validateVideoInputFile(file(PNG, 'image/png'), reference)).toBe('image/png');
    invalid(() => validateVideoInputFile(file(PNG, 'video/mp4'), reference), 'inputReferences', /labelled video\/mp4/);
    invalid(() => validateVideoInputFile(file(PDF, 'image/png'), reference), 'inputReferences', /not an image/);
  });

  it('checks image formats the model lists', () => {
    const capabilities = { imageMediaTypes: ['image/jpeg', 'image/png'] };
    expect(validateVideoInputFile(file(PNG, 'image/png'), { ...image, capabilities })).toBe('image/png');
    const gif = new TextEncoder().encode('GIF89a\0\0\0\0');
    invalid(() => validateVideoInputFile(file(gif, 'image/gif'), { ...image, capabilities }), 'image', /image\/gif/);
  });
});

describe('validateVideoCallOptions', () => {
  const none = {
    prompt: 'x',
    aspectRatio: undefined,
    resolution: undefined,
    duration: undefined,
    fps: undefined,
    seed: undefined,
    image: undefined,
    frameImages: undefined,
    inputReferences: undefined,
    generateAudio: undefined,
  };
  const capabilities = {
    durations: [4, 8, 12],
    resolutions: ['1280x720'],
    aspectRatios: ['16:9'],
    imageRoles: ['first_frame' as const],
    referenceKinds: [],
    maxReferences: 0,
    audio: false,
    seed: false,
  };

  it('checks each option with one wording', () => {
    invalid(
      () => validateVideoCallOptions(capabilities, { ...none, duration: 7 }, model),
      'duration',
      'test.video model m1 does not accept a duration of 7 s. Allowed: 4, 8, 12. Nearest allowed: 8 s.',
    );
    invalid(
      () => validateVideoCallOptions(capabilities, { ...none, resolution: '1920x1080' }, model),
      'resolution',
      'test.video model m1 does not accept resolution "1920x1080". Allowed: 1280x720.',
    );
    invalid(() => validateVideoCallOptions(capabilities, { ...none, aspectRatio: '9:16' }, model), 'aspectRatio');
    invalid(
      () =>
        validateVideoCallOptions(
          capabilities,
          { ...none, frameImages: [{ frameType: 'last_frame', image: file(PNG, 'image/png') }] },
          model,
        ),
      'frameImages',
    );
    invalid(
      () => validateVideoCallOptions(capabilities, { ...none, inputReferences: [file(MP4, 'video/mp4')] }, model),
      'inputReferences',
      /does not take video references/,
    );
    invalid(() => validateVideoCallOptions(capabilities, { ...none, generateAudio: true }, model), 'generateAudio');
    invalid(() => validateVideoCallOptions(capabilities, { ...none, image: file(PDF, 'image/png') }, model), 'image');
    invalid(() => validateVideoCallOptions(undefined, { ...none, prompt: '' }, model), 'prompt');
    invalid(
      () => validateVideoCallOptions(undefined, { ...none, resolution: '720x1280', aspectRatio: '16:9' }, model),
      'aspectRatio',
      'aspectRatio 16:9 does not match resolution 720x1280 (9:16); give one of them, or matching values.',
    );
    expect(validateVideoCallOptions(undefined, { ...none, resolution: '854x480', aspectRatio: '16:9' }, model)).toEqual(
      [],
    );
  });

  it('passes what the model takes and warns about what it ignores', () => {
    expect(
      validateVideoCallOptions(
        capabilities,
        {
          ...none,
          duration: 8,
          resolution: '1280x720',
          aspectRatio: 'adaptive',
          seed: 1,
          image: file(PNG, 'image/png'),
        },
        model,
      ),
    ).toStrictEqual([
      { type: 'unsupported', feature: 'seed', details: 'test.video model m1 takes no seed; it was not sent.' },
    ]);
    expect(validateVideoCallOptions(undefined, { ...none, duration: 7, resolution: '5x5' }, model)).toStrictEqual([]);
  });
});
