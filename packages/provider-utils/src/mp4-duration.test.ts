import { describe, expect, it } from 'vitest';
import { readMp4DurationSeconds } from './mp4-duration';

function box(type: string, ...contents: Uint8Array[]): Uint8Array {
  const size = 8 + contents.reduce((total, part) => total + part.byteLength, 0);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, size);
  for (let index = 0; index < 4; index++) bytes[4 + index] = type.charCodeAt(index);
  let offset = 8;
  for (const part of contents) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}

function mvhd(version: 0 | 1, timescale: number, duration: number): Uint8Array {
  const bytes = new Uint8Array(version === 1 ? 32 : 20);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, version);
  if (version === 1) {
    view.setUint32(20, timescale);
    view.setBigUint64(24, BigInt(duration));
  } else {
    view.setUint32(12, timescale);
    view.setUint32(16, duration);
  }
  return box('mvhd', bytes);
}

describe('readMp4DurationSeconds', () => {
  it('reads the movie header of version 0 and 1, after other boxes', () => {
    const ftyp = box('ftyp', new Uint8Array(8));
    expect(readMp4DurationSeconds(new Uint8Array([...ftyp, ...box('moov', mvhd(0, 1000, 6000))]))).toBe(6);
    expect(readMp4DurationSeconds(new Uint8Array([...ftyp, ...box('moov', mvhd(1, 90_000, 720_000))]))).toBe(8);
    expect(readMp4DurationSeconds(box('moov', box('trak'), mvhd(0, 24, 100)))).toBe(4.167);
  });

  it('says nothing for bytes that are not an MP4 or have no usable header', () => {
    expect(readMp4DurationSeconds(new Uint8Array([1, 2, 3]))).toBeUndefined();
    expect(readMp4DurationSeconds(box('ftyp', new Uint8Array(8)))).toBeUndefined();
    expect(readMp4DurationSeconds(box('moov', mvhd(0, 0, 100)))).toBeUndefined();
    // A box that claims more bytes than there are.
    const truncated = box('moov', mvhd(0, 1000, 6000)).slice(0, 20);
    expect(readMp4DurationSeconds(truncated)).toBeUndefined();
  });
});
