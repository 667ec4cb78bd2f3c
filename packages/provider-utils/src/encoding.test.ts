import { describe, expect, it } from 'vitest';
import { canonicalJson, fromBase64Url, toBase64Url } from './encoding';

describe('base64url', () => {
  it('encodes without padding in the URL-safe alphabet and decodes back', () => {
    const bytes = new Uint8Array([0xfb, 0xff, 0xfe, 0x3e, 0x3f]);
    expect(toBase64Url(bytes)).toBe('-__-Pj8');
    expect(toBase64Url('é?')).toBe('w6k_');
    expect(fromBase64Url('-__-Pj8')).toEqual(bytes);
    expect(fromBase64Url('w6k_')).toEqual(new TextEncoder().encode('é?'));
  });

  it('refuses characters outside the alphabet', () => {
    expect(fromBase64Url('+/+/')).toBeUndefined();
    expect(fromBase64Url('a b')).toBeUndefined();
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":0,"z":1}]},"b":1}',
    );
  });
});
