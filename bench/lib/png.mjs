// A tiny PNG writer (node:zlib) for when no browser is available: one bar per
// result, no text, colours as in the SVG chart.
import { writeFile } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
};
const hex = (color) => [1, 3, 5].map((index) => parseInt(color.slice(index, index + 2), 16));

export async function writeFallbackPng(path, chart) {
  const width = 800;
  const rowHeight = 24;
  const bars = chart.groups.flatMap((group) => {
    const max = Math.max(...group.bars.map((bar) => bar.value ?? 0));
    return [...group.bars.map((bar) => ({ fraction: (bar.value ?? 0) / max, label: bar.label })), undefined];
  });
  const height = bars.length * rowHeight + 20;
  const pixels = Buffer.alloc((width * 3 + 1) * height, 255);
  const palette = { videogen: '#2563eb', vercel: '#111827', tanstack: '#f97316', fetch: '#16a34a' };
  bars.forEach((bar, index) => {
    if (!bar) return;
    const [r, g, b] = hex(palette[bar.label.split(' ')[0]] ?? '#6b7280');
    const barWidth = Math.max(2, Math.round(bar.fraction * (width - 40)));
    for (let y = 10 + index * rowHeight + 4; y < 10 + (index + 1) * rowHeight - 4; y++) {
      for (let x = 20; x < 20 + barWidth; x++) {
        const offset = y * (width * 3 + 1) + 1 + x * 3;
        pixels[offset] = r;
        pixels[offset + 1] = g;
        pixels[offset + 2] = b;
      }
    }
  });
  for (let y = 0; y < height; y++) pixels[y * (width * 3 + 1)] = 0;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  await writeFile(
    path,
    Buffer.concat([
      Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(pixels)),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}
