/** Sniffs the media type of common image and video formats from their first bytes. */
export function detectMediaType(bytes: Uint8Array): string | undefined {
  const startsWith = (signature: number[], offset = 0) =>
    bytes.length >= offset + signature.length && signature.every((byte, index) => bytes[offset + index] === byte);
  if (startsWith([0x89, 0x50, 0x4e, 0x47])) return 'image/png';
  if (startsWith([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith([0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  if (startsWith([0x52, 0x49, 0x46, 0x46]) && startsWith([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  if (startsWith([0x66, 0x74, 0x79, 0x70], 4)) {
    return startsWith([0x71, 0x74], 8) ? 'video/quicktime' : 'video/mp4'; // ftyp box; "qt  " brand
  }
  if (startsWith([0x1a, 0x45, 0xdf, 0xa3])) return 'video/webm';
  if (startsWith([0x49, 0x44, 0x33]) || startsWith([0xff, 0xfb])) return 'audio/mpeg';
  if (startsWith([0x52, 0x49, 0x46, 0x46]) && startsWith([0x57, 0x41, 0x56, 0x45], 8)) return 'audio/wav';
  return undefined;
}
