import {
  type BlockPicture,
  createBlockPicture,
  MAX_FRAME_MACROBLOCKS,
  NAL_PPS,
  NAL_SPS,
  nalUnit,
  PictureEncoder,
  pictureParameterSet,
  sequenceParameterSet,
} from './h264';
import { lengthPrefixed, writeMp4 } from './mp4-writer';

/** What a clip is made for: a job's size, length and frame rate. */
export interface ClipRequest {
  width: number;
  height: number;
  /** Length in seconds. */
  seconds: number;
  /** Frames per second. */
  fps: number;
}

/** The parameters a clip is actually made with (even sizes, bounded values). */
export interface ClipSpec {
  width: number;
  height: number;
  fps: number;
  frames: number;
  /** Label drawn on the picture: size, then length and frame rate, then the emulator's name. */
  label: string[];
}

export const MAX_CLIP_SIDE = 8192;
export const MAX_CLIP_FPS = 120;
export const MAX_CLIP_SECONDS = 600;

function formatNumber(value: number) {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}

/** Normalises a request: sizes even and within the H.264 limits, fps and length bounded. */
export function clipSpec(request: ClipRequest): ClipSpec {
  const valid = (value: number, fallback: number) => (Number.isFinite(value) && value > 0 ? value : fallback);
  let width = Math.min(MAX_CLIP_SIDE, Math.max(16, Math.round(valid(request.width, 1280))));
  let height = Math.min(MAX_CLIP_SIDE, Math.max(16, Math.round(valid(request.height, 720))));
  const macroblocks = Math.ceil(width / 16) * Math.ceil(height / 16);
  if (macroblocks > MAX_FRAME_MACROBLOCKS) {
    const scale = Math.sqrt(MAX_FRAME_MACROBLOCKS / macroblocks) * 0.99;
    width = Math.floor(width * scale);
    height = Math.floor(height * scale);
  }
  width -= width % 2;
  height -= height % 2;
  const fps = Math.min(MAX_CLIP_FPS, Math.round(valid(request.fps, 24) * 1000) / 1000);
  const seconds = Math.min(MAX_CLIP_SECONDS, valid(request.seconds, 1));
  const frames = Math.max(1, Math.round(seconds * fps));
  return {
    width,
    height,
    fps,
    frames,
    label: [`${width}x${height}`, `${formatNumber(seconds)}s ${formatNumber(fps)}fps`, 'videogen emulator'],
  };
}

// 5x7 glyphs (g and p with two rows of descender), one string per row; '#' is set.
const FONT: Record<string, string[]> = {
  '0': ['.###.', '#...#', '#..##', '#.#.#', '##..#', '#...#', '.###.'],
  '1': ['..#..', '.##..', '..#..', '..#..', '..#..', '..#..', '.###.'],
  '2': ['.###.', '#...#', '....#', '...#.', '..#..', '.#...', '#####'],
  '3': ['#####', '...#.', '..#..', '...#.', '....#', '#...#', '.###.'],
  '4': ['...#.', '..##.', '.#.#.', '#..#.', '#####', '...#.', '...#.'],
  '5': ['#####', '#....', '####.', '....#', '....#', '#...#', '.###.'],
  '6': ['..##.', '.#...', '#....', '####.', '#...#', '#...#', '.###.'],
  '7': ['#####', '....#', '...#.', '..#..', '.#...', '.#...', '.#...'],
  '8': ['.###.', '#...#', '#...#', '.###.', '#...#', '#...#', '.###.'],
  '9': ['.###.', '#...#', '#...#', '.####', '....#', '...#.', '.##..'],
  x: ['.....', '.....', '#...#', '.#.#.', '..#..', '.#.#.', '#...#'],
  s: ['.....', '.....', '.####', '#....', '.###.', '....#', '####.'],
  f: ['..##.', '.#..#', '.#...', '###..', '.#...', '.#...', '.#...'],
  p: ['.....', '.....', '####.', '#...#', '#...#', '#...#', '####.', '#....', '#....'],
  '.': ['.....', '.....', '.....', '.....', '.....', '.##..', '.##..'],
  v: ['.....', '.....', '#...#', '#...#', '#...#', '.#.#.', '..#..'],
  i: ['..#..', '.....', '.##..', '..#..', '..#..', '..#..', '.###.'],
  d: ['....#', '....#', '.##.#', '#..##', '#...#', '#...#', '.####'],
  e: ['.....', '.....', '.###.', '#...#', '#####', '#....', '.###.'],
  o: ['.....', '.....', '.###.', '#...#', '#...#', '#...#', '.###.'],
  g: ['.....', '.....', '.####', '#...#', '#...#', '#...#', '.####', '....#', '.###.'],
  n: ['.....', '.....', '#.##.', '##..#', '#...#', '#...#', '#...#'],
  m: ['.....', '.....', '##.#.', '#.#.#', '#.#.#', '#...#', '#...#'],
  u: ['.....', '.....', '#...#', '#...#', '#...#', '#..##', '.##.#'],
  l: ['.##..', '..#..', '..#..', '..#..', '..#..', '..#..', '.###.'],
  a: ['.....', '.....', '.###.', '....#', '.####', '#...#', '.####'],
  t: ['.#...', '.#...', '###..', '.#...', '.#...', '.#..#', '..##.'],
  r: ['.....', '.....', '#.##.', '##..#', '#....', '#....', '#....'],
};

const GLYPH_ROWS = 9;

function glyph(char: string): string {
  return (FONT[char] ?? []).join('').padEnd(5 * GLYPH_ROWS, '.');
}

/** A label line placed on the picture, in pixels. */
export interface LabelLine {
  text: string;
  x: number;
  y: number;
  /** Size of one font pixel (a multiple of 4). */
  scale: number;
  width: number;
  height: number;
}

/** Where the label goes: lines that fit the width in full (never cut), centred on a black box. */
export function labelLayout(
  width: number,
  height: number,
  lines: string[],
): { lines: LabelLine[]; box: { x: number; y: number; width: number; height: number } } {
  const margin = 16;
  const pad = 8;
  const floor4 = (value: number) => Math.floor(value / 4) * 4;
  const textWidth = (text: string, scale: number) => (text.length * 6 - 1) * scale;
  const available = width - 2 * margin;
  const placed: Array<Omit<LabelLine, 'x' | 'y'>> = [];
  let first = 0;
  lines.forEach((text, index) => {
    const cap = index === 0 ? floor4((height * 0.12) / GLYPH_ROWS) : floor4(first * 0.5);
    const scale = Math.max(4, Math.min(cap, floor4(available / (text.length * 6 - 1))));
    if (index === 0) first = scale;
    if (textWidth(text, scale) > available || GLYPH_ROWS * scale > height - 2 * margin) return;
    placed.push({ text, scale, width: textWidth(text, scale), height: GLYPH_ROWS * scale });
  });
  // keep whole lines only, while they fit the height
  const gap = (line: { scale: number }) => line.scale;
  while (placed.length > 0) {
    const total = placed.reduce((sum, line, index) => sum + line.height + (index > 0 ? gap(line) : 0), 0);
    if (total <= height - 2 * margin) break;
    placed.pop();
  }
  const total = placed.reduce((sum, line, index) => sum + line.height + (index > 0 ? gap(line) : 0), 0);
  let y = floor4((height - total) / 2);
  const result: LabelLine[] = placed.map((line, index) => {
    if (index > 0) y += gap(line);
    const placedLine = { ...line, x: floor4((width - line.width) / 2), y };
    y += line.height;
    return placedLine;
  });
  if (result.length === 0) return { lines: [], box: { x: 0, y: 0, width: 0, height: 0 } };
  const left = Math.max(0, Math.floor((Math.min(...result.map((line) => line.x)) - pad) / 16) * 16);
  const top = Math.max(0, Math.floor((result[0].y - pad) / 16) * 16);
  const right = Math.ceil((Math.max(...result.map((line) => line.x + line.width)) + pad) / 16) * 16;
  const bottom = Math.ceil((y + pad) / 16) * 16;
  return { lines: result, box: { x: left, y: top, width: right - left, height: bottom - top } };
}

// 75% colour bars (BT.601 limited range): white, yellow, cyan, green, magenta, red, blue
const BARS: Array<[number, number, number]> = [
  [180, 128, 128],
  [162, 44, 142],
  [131, 156, 44],
  [112, 72, 58],
  [84, 184, 198],
  [65, 100, 212],
  [35, 212, 114],
];
const BLACK: [number, number, number] = [16, 128, 128];
const TRACK: [number, number, number] = [60, 128, 128];
const WHITE: [number, number, number] = [235, 128, 128];

function fillMacroblock(picture: BlockPicture, mbx: number, mby: number, [y, cb, cr]: [number, number, number]) {
  const lumaStride = picture.mbWidth * 4;
  const chromaStride = picture.mbWidth * 2;
  for (let row = 0; row < 4; row++) {
    const at = (mby * 4 + row) * lumaStride + mbx * 4;
    picture.luma.fill(y, at, at + 4);
  }
  for (let row = 0; row < 2; row++) {
    const at = (mby * 2 + row) * chromaStride + mbx * 2;
    picture.cb.fill(cb, at, at + 2);
    picture.cr.fill(cr, at, at + 2);
  }
}

/**
 * The progress bar: the last macroblock row that is fully visible, filled from the left as the
 * clip plays (full on the last frame). Returns that row and the filled length at `frame`.
 */
export function progressBar(spec: ClipSpec, frame: number): { row: number; columns: number; filled: number } {
  const columns = Math.ceil(spec.width / 16);
  return {
    row: Math.max(0, Math.floor(spec.height / 16) - 1),
    columns,
    filled: Math.round(((frame + 1) * columns) / spec.frames),
  };
}

/** Colour bars with the label on a black box and the progress bar of frame 0, block by block. */
export function drawClipPicture(spec: ClipSpec): BlockPicture {
  const mbWidth = Math.ceil(spec.width / 16);
  const mbHeight = Math.ceil(spec.height / 16);
  const picture = createBlockPicture(mbWidth, mbHeight);
  const lumaStride = mbWidth * 4;
  const { lines, box } = labelLayout(spec.width, spec.height, spec.label);
  const inBox = (x: number, y: number) => x >= box.x && x < box.x + box.width && y >= box.y && y < box.y + box.height;
  for (let mby = 0; mby < mbHeight; mby++) {
    for (let mbx = 0; mbx < mbWidth; mbx++) {
      const colour = inBox(mbx * 16, mby * 16) ? BLACK : BARS[Math.floor((mbx * 7) / mbWidth)];
      fillMacroblock(picture, mbx, mby, colour);
    }
  }
  for (const line of lines) {
    const step = line.scale / 4; // blocks per font pixel
    [...line.text].forEach((char, index) => {
      const rows = glyph(char);
      for (let gy = 0; gy < GLYPH_ROWS; gy++) {
        for (let gx = 0; gx < 5; gx++) {
          if (rows[gy * 5 + gx] !== '#') continue;
          const bx = (line.x + (index * 6 + gx) * line.scale) / 4;
          const by = (line.y + gy * line.scale) / 4;
          for (let y = 0; y < step; y++) {
            picture.luma.fill(WHITE[0], (by + y) * lumaStride + bx, (by + y) * lumaStride + bx + step);
          }
        }
      }
    });
  }
  const bar = progressBar(spec, 0);
  for (let mbx = 0; mbx < bar.columns; mbx++) fillMacroblock(picture, mbx, bar.row, mbx < bar.filled ? WHITE : TRACK);
  return picture;
}

/**
 * A playable H.264 MP4 for `spec`: an IDR picture, then P frames that copy it and code only the
 * macroblocks the progress bar fills.
 */
export function encodeClip(spec: ClipSpec): Uint8Array {
  const sps = nalUnit(3, NAL_SPS, sequenceParameterSet(spec));
  const pps = nalUnit(3, NAL_PPS, pictureParameterSet());
  const picture = drawClipPicture(spec);
  const encoder = new PictureEncoder(picture);
  const samples = [lengthPrefixed(encoder.intraFrame())];
  let filled = progressBar(spec, 0).filled;
  for (let frame = 1; frame < spec.frames; frame++) {
    const bar = progressBar(spec, frame);
    const changed: number[] = [];
    for (let mbx = filled; mbx < bar.filled; mbx++) {
      fillMacroblock(picture, mbx, bar.row, WHITE);
      changed.push(bar.row * picture.mbWidth + mbx);
    }
    filled = bar.filled;
    samples.push(lengthPrefixed(encoder.nextFrame(frame, changed)));
  }
  return writeMp4({
    width: spec.width,
    height: spec.height,
    timescale: Math.round(spec.fps * 1000),
    sampleDuration: 1000,
    sps,
    pps,
    samples,
  });
}

const CACHE_LIMIT = 32;
const cache = new Map<string, Uint8Array>();

/** The clip for a request, made once per (width, height, fps, length) and kept (most recent 32). */
export function clipFor(request: ClipRequest): Uint8Array {
  const spec = clipSpec(request);
  const key = `${spec.width}x${spec.height}@${spec.fps}:${spec.frames}:${spec.label[1]}`;
  let clip = cache.get(key);
  if (clip) {
    cache.delete(key);
  } else {
    clip = encodeClip(spec);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  }
  cache.set(key, clip);
  return clip;
}
