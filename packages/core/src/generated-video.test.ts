import { describe, expect, it, vi } from 'vitest';

const conversions = vi.hoisted(() => ({ toBase64: 0, fromBase64: 0 }));
vi.mock('@ai-sdk/provider-utils', async (importOriginal) => {
  const original = await importOriginal<typeof import('@ai-sdk/provider-utils')>();
  return {
    ...original,
    convertUint8ArrayToBase64: (bytes: Uint8Array) => {
      conversions.toBase64++;
      return original.convertUint8ArrayToBase64(bytes);
    },
    convertBase64ToUint8Array: (text: string) => {
      conversions.fromBase64++;
      return original.convertBase64ToUint8Array(text);
    },
  };
});

const { DefaultGeneratedVideo } = await import('./generated-video');

describe('DefaultGeneratedVideo', () => {
  it('computes base64 only when asked, once', () => {
    const video = new DefaultGeneratedVideo({ data: new Uint8Array([1, 2, 3]), mediaType: 'video/mp4' });
    expect(video.uint8Array).toStrictEqual(new Uint8Array([1, 2, 3]));
    expect(conversions.toBase64).toBe(0);
    expect(video.base64).toBe('AQID');
    expect(video.base64).toBe('AQID');
    expect(conversions.toBase64).toBe(1);
  });

  it('decodes base64 data only when the bytes are asked for', () => {
    const video = new DefaultGeneratedVideo({ data: 'AQID', mediaType: 'video/webm' });
    expect(video.base64).toBe('AQID');
    expect(conversions.fromBase64).toBe(0);
    expect(video.uint8Array).toStrictEqual(new Uint8Array([1, 2, 3]));
    expect(conversions.fromBase64).toBe(1);
    expect(video.mediaType).toBe('video/webm');
  });
});
