/** A top-level MP4 box. */
export interface Mp4Box {
  type: string;
  /** Offset of the box header in the file. */
  offset: number;
  /** Total size including the header. */
  size: number;
}

/**
 * Reads the top-level box structure of an MP4 (`ftyp`, `moov`, `mdat`, `free` …), handling
 * 64-bit sizes. Throws when the boxes do not add up to the buffer's length. Handy for asserting
 * that a downloaded file is a complete MP4.
 */
export function readMp4Boxes(bytes: Uint8Array): Mp4Box[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxes: Mp4Box[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (offset + 8 > bytes.length) throw new Error(`truncated box header at ${offset}`);
    let size = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    if (size === 1) {
      if (offset + 16 > bytes.length) throw new Error(`truncated 64-bit box header at ${offset}`);
      size = Number(view.getBigUint64(offset + 8));
    } else if (size === 0) {
      size = bytes.length - offset; // box extends to the end of the file
    }
    if (size < 8 || offset + size > bytes.length) {
      throw new Error(`box '${type}' at ${offset} has size ${size}, past the end (${bytes.length})`);
    }
    boxes.push({ type, offset, size });
    offset += size;
  }
  return boxes;
}
