/**
 * Test helper: reads what an MP4 says about its video track, from its own header, independently of
 * the emulator's writer: tkhd and avc1 size, mvhd/mdhd duration and timescale, stts/stsz sample
 * counts (hence fps), stss, the sample offsets, and the coded size from the SPS in avcC.
 */

interface Box {
  type: string;
  start: number; // payload start
  end: number;
}

function children(bytes: Uint8Array, start: number, end: number): Box[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxes: Box[] = [];
  let offset = start;
  while (offset + 8 <= end) {
    let size = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    let header = 8;
    if (size === 1) {
      size = Number(view.getBigUint64(offset + 8));
      header = 16;
    } else if (size === 0) {
      size = end - offset;
    }
    if (size < header || offset + size > end) throw new Error(`bad box ${type} at ${offset}`);
    boxes.push({ type, start: offset + header, end: offset + size });
    offset += size;
  }
  if (offset !== end) throw new Error(`boxes do not add up at ${offset} (end ${end})`);
  return boxes;
}

function find(bytes: Uint8Array, path: string[], from: Box = { type: '', start: 0, end: bytes.length }): Box {
  let box = from;
  for (const type of path) {
    const next = children(bytes, box.start, box.end).find((child) => child.type === type);
    if (!next) throw new Error(`no ${type} box (path ${path.join('/')})`);
    box = next;
  }
  return box;
}

/** Reads Exp-Golomb coded fields from an RBSP. */
class BitReader {
  private position = 0;
  constructor(private readonly data: Uint8Array) {}
  u(bits: number): number {
    let value = 0;
    for (let i = 0; i < bits; i++) {
      const byte = this.data[this.position >> 3];
      if (byte === undefined) throw new Error('read past the end of the SPS');
      value = value * 2 + ((byte >> (7 - (this.position & 7))) & 1);
      this.position++;
    }
    return value;
  }
  ue(): number {
    let zeros = 0;
    while (this.u(1) === 0) zeros++;
    return 2 ** zeros - 1 + this.u(zeros);
  }
  se(): number {
    const code = this.ue();
    return code % 2 === 1 ? (code + 1) / 2 : -code / 2;
  }
}

function removeEmulationPrevention(nal: Uint8Array): Uint8Array {
  const out: number[] = [];
  let zeros = 0;
  for (const byte of nal) {
    if (zeros >= 2 && byte === 3) {
      zeros = 0;
      continue;
    }
    out.push(byte);
    zeros = byte === 0 ? zeros + 1 : 0;
  }
  return Uint8Array.from(out);
}

export interface SpsInfo {
  profileIdc: number;
  levelIdc: number;
  /** Decoded (cropped) size. */
  width: number;
  height: number;
  /** Size in macroblocks times 16. */
  codedWidth: number;
  codedHeight: number;
}

/** Parses an SPS NAL unit (with its header byte) up to the frame cropping. */
export function parseSps(nal: Uint8Array): SpsInfo {
  if ((nal[0] & 0x1f) !== 7) throw new Error(`not an SPS (NAL type ${nal[0] & 0x1f})`);
  const r = new BitReader(removeEmulationPrevention(nal.subarray(1)));
  const profileIdc = r.u(8);
  r.u(8); // constraint flags
  const levelIdc = r.u(8);
  r.ue(); // seq_parameter_set_id
  let chromaFormatIdc = 1;
  if ([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135].includes(profileIdc)) {
    chromaFormatIdc = r.ue();
    if (chromaFormatIdc === 3) r.u(1);
    r.ue(); // bit_depth_luma_minus8
    r.ue(); // bit_depth_chroma_minus8
    r.u(1);
    if (r.u(1)) throw new Error('scaling matrices not supported by this test helper');
  }
  r.ue(); // log2_max_frame_num_minus4
  const pocType = r.ue();
  if (pocType === 0) r.ue();
  else if (pocType === 1) {
    r.u(1);
    r.se();
    r.se();
    const cycle = r.ue();
    for (let i = 0; i < cycle; i++) r.se();
  }
  r.ue(); // max_num_ref_frames
  r.u(1); // gaps_in_frame_num_value_allowed_flag
  const mbWidth = r.ue() + 1;
  const mapUnitsHeight = r.ue() + 1;
  const frameMbsOnly = r.u(1);
  if (!frameMbsOnly) r.u(1);
  r.u(1); // direct_8x8_inference_flag
  const codedWidth = mbWidth * 16;
  const codedHeight = mapUnitsHeight * 16 * (2 - frameMbsOnly);
  let [left, right, top, bottom] = [0, 0, 0, 0];
  if (r.u(1)) [left, right, top, bottom] = [r.ue(), r.ue(), r.ue(), r.ue()];
  const cropX = chromaFormatIdc === 1 || chromaFormatIdc === 2 ? 2 : 1;
  const cropY = (chromaFormatIdc === 1 ? 2 : 1) * (2 - frameMbsOnly);
  return {
    profileIdc,
    levelIdc,
    codedWidth,
    codedHeight,
    width: codedWidth - cropX * (left + right),
    height: codedHeight - cropY * (top + bottom),
  };
}

export interface Mp4VideoInfo {
  topLevel: string[];
  /** tkhd width and height (16.16 fixed point, integer part). */
  trackWidth: number;
  trackHeight: number;
  /** avc1 sample entry width and height. */
  sampleEntryWidth: number;
  sampleEntryHeight: number;
  sps: SpsInfo;
  movieTimescale: number;
  movieDuration: number;
  mediaTimescale: number;
  mediaDuration: number;
  /** Samples counted by stts and by stsz (they must agree). */
  sttsSamples: number;
  stszSamples: number;
  /** Samples per second: stts sample count / (mdhd duration / timescale). */
  fps: number;
  /** Seconds, from mdhd. */
  seconds: number;
  /** 1-based sync samples (stss). */
  syncSamples: number[];
  /** NAL unit types of each sample, read from the mdat through stco/stsc/stsz. */
  sampleNalTypes: number[][];
}

/** Reads the video track of an MP4 file (the first `trak`). */
export function readMp4Info(bytes: Uint8Array): Mp4VideoInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const topLevel = children(bytes, 0, bytes.length).map((box) => box.type);
  const moov = find(bytes, ['moov']);
  const mvhd = find(bytes, ['mvhd'], moov);
  if (bytes[mvhd.start] !== 0) throw new Error('mvhd version 1 not supported by this test helper');
  const trak = find(bytes, ['trak'], moov);
  const tkhd = find(bytes, ['tkhd'], trak);
  const mdhd = find(bytes, ['mdia', 'mdhd'], trak);
  const stbl = find(bytes, ['mdia', 'minf', 'stbl'], trak);
  const stsd = find(bytes, ['stsd'], stbl);
  const avc1 = children(bytes, stsd.start + 8, stsd.end)[0];
  if (avc1.type !== 'avc1') throw new Error(`sample entry ${avc1.type}, expected avc1`);
  const avcC = find(bytes, ['avcC'], { type: 'avc1', start: avc1.start + 78, end: avc1.end });
  const spsLength = view.getUint16(avcC.start + 6);
  const sps = parseSps(bytes.subarray(avcC.start + 8, avcC.start + 8 + spsLength));

  const stts = find(bytes, ['stts'], stbl);
  let sttsSamples = 0;
  for (let i = 0; i < view.getUint32(stts.start + 4); i++) sttsSamples += view.getUint32(stts.start + 8 + i * 8);
  const stsz = find(bytes, ['stsz'], stbl);
  const fixedSize = view.getUint32(stsz.start + 4);
  const stszSamples = view.getUint32(stsz.start + 8);
  const sizes = Array.from({ length: stszSamples }, (_, i) => fixedSize || view.getUint32(stsz.start + 12 + i * 4));
  const stss = find(bytes, ['stss'], stbl);
  const syncSamples = Array.from({ length: view.getUint32(stss.start + 4) }, (_, i) =>
    view.getUint32(stss.start + 8 + i * 4),
  );
  const stco = find(bytes, ['stco'], stbl);
  const chunkOffsets = Array.from({ length: view.getUint32(stco.start + 4) }, (_, i) =>
    view.getUint32(stco.start + 8 + i * 4),
  );
  const stsc = find(bytes, ['stsc'], stbl);
  const stscEntries = Array.from({ length: view.getUint32(stsc.start + 4) }, (_, i) => ({
    firstChunk: view.getUint32(stsc.start + 8 + i * 12),
    samplesPerChunk: view.getUint32(stsc.start + 12 + i * 12),
  }));

  // walk the chunks to find every sample and read its length-prefixed NAL units
  const sampleNalTypes: number[][] = [];
  let sample = 0;
  chunkOffsets.forEach((chunkOffset, chunkIndex) => {
    const entry = [...stscEntries].reverse().find((candidate) => candidate.firstChunk <= chunkIndex + 1);
    let offset = chunkOffset;
    for (let i = 0; i < (entry?.samplesPerChunk ?? 0) && sample < sizes.length; i++, sample++) {
      const end = offset + sizes[sample];
      if (end > bytes.length) throw new Error(`sample ${sample + 1} ends past the file`);
      const types: number[] = [];
      for (let at = offset; at < end; ) {
        const length = view.getUint32(at);
        types.push(bytes[at + 4] & 0x1f);
        at += 4 + length;
        if (at > end) throw new Error(`NAL unit overruns sample ${sample + 1}`);
      }
      sampleNalTypes.push(types);
      offset = end;
    }
  });

  const mediaTimescale = view.getUint32(mdhd.start + 12);
  const mediaDuration = view.getUint32(mdhd.start + 16);
  const seconds = mediaDuration / mediaTimescale;
  return {
    topLevel,
    trackWidth: view.getUint32(tkhd.end - 8) / 65536,
    trackHeight: view.getUint32(tkhd.end - 4) / 65536,
    sampleEntryWidth: view.getUint16(avc1.start + 24),
    sampleEntryHeight: view.getUint16(avc1.start + 26),
    sps,
    movieTimescale: view.getUint32(mvhd.start + 12),
    movieDuration: view.getUint32(mvhd.start + 16),
    mediaTimescale,
    mediaDuration,
    sttsSamples,
    stszSamples,
    fps: sttsSamples / seconds,
    seconds,
    syncSamples,
    sampleNalTypes,
  };
}
