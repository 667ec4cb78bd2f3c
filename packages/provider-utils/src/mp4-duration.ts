/**
 * The duration of an MP4 (or QuickTime) file in seconds, read from its own
 * movie header (`moov` → `mvhd`: duration ÷ timescale). `undefined` when the
 * bytes are not such a file or have no readable header: a guess is never made.
 */
export function readMp4DurationSeconds(data: Uint8Array): number | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const moov = findBox(view, 0, data.byteLength, 'moov');
  if (!moov) return undefined;
  const mvhd = findBox(view, moov.contentStart, moov.end, 'mvhd');
  if (!mvhd) return undefined;
  const at = mvhd.contentStart;
  if (at + 4 > mvhd.end) return undefined;
  const version = view.getUint8(at);
  // version 0: 32-bit creation/modification times and duration; version 1: 64-bit.
  const timescaleAt = version === 1 ? at + 20 : at + 12;
  const durationAt = timescaleAt + 4;
  if (durationAt + (version === 1 ? 8 : 4) > mvhd.end) return undefined;
  const timescale = view.getUint32(timescaleAt);
  const duration = version === 1 ? Number(view.getBigUint64(durationAt)) : view.getUint32(durationAt);
  if (timescale === 0 || duration === 0 || duration === 0xffffffff) return undefined;
  return Math.round((duration / timescale) * 1000) / 1000;
}

function findBox(
  view: DataView,
  start: number,
  end: number,
  type: string,
): { contentStart: number; end: number } | undefined {
  let offset = start;
  while (offset + 8 <= end) {
    let size = view.getUint32(offset);
    const boxType = String.fromCharCode(
      view.getUint8(offset + 4),
      view.getUint8(offset + 5),
      view.getUint8(offset + 6),
      view.getUint8(offset + 7),
    );
    let headerSize = 8;
    if (size === 1) {
      if (offset + 16 > end) return undefined;
      size = Number(view.getBigUint64(offset + 8));
      headerSize = 16;
    } else if (size === 0) {
      size = end - offset;
    }
    if (size < headerSize || offset + size > end) return undefined;
    if (boxType === type) return { contentStart: offset + headerSize, end: offset + size };
    offset += size;
  }
  return undefined;
}
