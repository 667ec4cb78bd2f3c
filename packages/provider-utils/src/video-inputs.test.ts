import { DownloadTooLargeError, InvalidArgumentError } from '@videogen/provider-spec';
import { describe, expect, it } from 'vitest';
import { createTestServer } from './test/test-server';
import { fileToBytes, fileToUrl, getFileKind, getFrameImages, sniffMediaType } from './video-inputs';

const png = { type: 'file' as const, mediaType: 'image/png', data: new Uint8Array([137, 80, 78, 71]) };
const last = { type: 'url' as const, url: 'https://img.example/last.jpg' };

const server = createTestServer({
  'https://img.example/first.png': {
    response: { type: 'binary', body: new Uint8Array([1, 2, 3, 4]), headers: { 'content-type': 'image/png' } },
  },
  'https://img.example/untyped': {
    response: {
      type: 'binary',
      body: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0]),
      headers: { 'content-type': 'application/octet-stream' },
    },
  },
  'https://img.example/huge.png': {
    response: { type: 'binary', body: new Uint8Array(2048), headers: { 'content-type': 'image/png' } },
  },
});

describe('getFrameImages', () => {
  it('merges image and frameImages', () => {
    expect(getFrameImages({ image: png, frameImages: [{ frameType: 'last_frame', image: last }] })).toStrictEqual({
      firstFrame: png,
      lastFrame: last,
    });
    expect(getFrameImages({ image: undefined, frameImages: undefined })).toStrictEqual({
      firstFrame: undefined,
      lastFrame: undefined,
    });
  });

  it('rejects two first frames', () => {
    expect(() => getFrameImages({ image: png, frameImages: [{ frameType: 'first_frame', image: last }] })).toThrow(
      InvalidArgumentError,
    );
  });
});

describe('file conversions', () => {
  it('turns bytes into a data URL and keeps URLs', () => {
    expect(fileToUrl(png)).toBe('data:image/png;base64,iVBORw==');
    expect(fileToUrl(last)).toBe('https://img.example/last.jpg');
  });

  it('tells images, videos and audio apart', () => {
    expect(getFileKind({ type: 'url', url: 'https://x.example/a.mp4' })).toBe('video');
    expect(getFileKind({ type: 'file', mediaType: 'audio/mpeg', data: '' })).toBe('audio');
    expect(getFileKind(last)).toBe('image');
  });

  it('fetches a URL input without credentials and decodes data URLs', async () => {
    await expect(fileToBytes({ type: 'url', url: 'https://img.example/first.png' })).resolves.toStrictEqual({
      data: new Uint8Array([1, 2, 3, 4]),
      mediaType: 'image/png',
    });
    expect(server.calls[0].requestHeaders.authorization).toBeUndefined();
    await expect(fileToBytes({ type: 'url', url: 'data:image/png;base64,iVBORw==' })).resolves.toStrictEqual({
      data: new Uint8Array([137, 80, 78, 71]),
      mediaType: 'image/png',
    });
  });

  it('refuses a URL input over the size limit', async () => {
    await expect(
      fileToBytes({ type: 'url', url: 'https://img.example/huge.png' }, { maxBytes: 1024 }),
    ).rejects.toSatisfy((error) => DownloadTooLargeError.isInstance(error));
  });
});

describe('sniffMediaType', () => {
  const bytes = (text: string, prefix: number[] = []) => new Uint8Array([...prefix, ...new TextEncoder().encode(text)]);

  it('reads image and video types from magic bytes', () => {
    expect(sniffMediaType(bytes('PNG\r\n\x1a\n', [0x89]))).toBe('image/png');
    expect(sniffMediaType(new Uint8Array([0xff, 0xd8, 0xff, 0xdb]))).toBe('image/jpeg');
    expect(sniffMediaType(bytes('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffMediaType(bytes('GIF89a'))).toBe('image/gif');
    expect(sniffMediaType(bytes('\0\0\0\x18ftypisom'))).toBe('video/mp4');
    expect(sniffMediaType(bytes('\0\0\0\x14ftypqt  '))).toBe('video/quicktime');
    expect(sniffMediaType(new Uint8Array([0x1a, 0x45, 0xdf, 0xa3]))).toBe('video/webm');
  });

  it('reads the other image, video, audio and document types providers see', () => {
    expect(sniffMediaType(bytes('\0\0\0\x1cftypavif\0\0\0\0avifmif1'))).toBe('image/avif');
    expect(sniffMediaType(bytes('\0\0\0\x1cftypmif1\0\0\0\0mif1avif'))).toBe('image/avif');
    expect(sniffMediaType(bytes('\0\0\0\x18ftypheic\0\0\0\0'))).toBe('image/heic');
    expect(sniffMediaType(bytes('\0\0\0\x18ftypM4A \0\0\0\0'))).toBe('audio/mp4');
    expect(sniffMediaType(bytes('\0\0\0\x18ftyp3gp5\0\0\0\0'))).toBe('video/3gpp');
    expect(sniffMediaType(bytes('BM\x36\0\x0c\0\0\0\0\0\x36\0\0\0'))).toBe('image/bmp');
    expect(sniffMediaType(new Uint8Array([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]))).toBe('image/tiff');
    expect(sniffMediaType(bytes('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffMediaType(bytes('RIFF\0\0\0\0WAVEfmt '))).toBe('audio/wav');
    expect(sniffMediaType(bytes('ID3\x04\0'))).toBe('audio/mpeg');
    expect(sniffMediaType(new Uint8Array([0xff, 0xfb, 0x90, 0x64]))).toBe('audio/mpeg');
    expect(sniffMediaType(bytes('OggS\0\x02'))).toBe('audio/ogg');
    expect(sniffMediaType(bytes('fLaC\0\0\0\x22'))).toBe('audio/flac');
  });

  it('returns undefined for unknown or too short data', () => {
    expect(sniffMediaType(bytes('hello world!'))).toBeUndefined();
    expect(sniffMediaType(new Uint8Array([0x89, 0x50]))).toBeUndefined();
    expect(sniffMediaType(new Uint8Array())).toBeUndefined();
  });

  it('gives fileToBytes the type when neither the file nor the response names one', async () => {
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0]);
    await expect(fileToBytes({ type: 'url', url: 'https://img.example/untyped' })).resolves.toStrictEqual({
      data: jpeg,
      mediaType: 'image/jpeg',
    });
    await expect(fileToBytes({ type: 'url', url: 'data:;base64,/9j/4AAA' })).resolves.toStrictEqual({
      data: jpeg,
      mediaType: 'image/jpeg',
    });
    await expect(
      fileToBytes({ type: 'file', mediaType: 'application/octet-stream', data: jpeg }),
    ).resolves.toStrictEqual({ data: jpeg, mediaType: 'image/jpeg' });
    // a declared type wins over the bytes; unknown bytes keep the generic type
    await expect(fileToBytes({ type: 'file', mediaType: 'image/png', data: jpeg })).resolves.toMatchObject({
      mediaType: 'image/png',
    });
    await expect(
      fileToBytes({ type: 'file', mediaType: 'application/octet-stream', data: new Uint8Array([1, 2, 3]) }),
    ).resolves.toMatchObject({ mediaType: 'application/octet-stream' });
  });
});
