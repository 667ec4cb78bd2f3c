/** Writes a progressive MP4 (`ftyp`, `moov`, `mdat`) holding one H.264 video track. */

const encoder = new TextEncoder();

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function u8(...values: number[]) {
  return Uint8Array.from(values);
}

function u16(value: number) {
  return u8((value >>> 8) & 0xff, value & 0xff);
}

function u32(value: number) {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value);
  return out;
}

function box(type: string, ...parts: Uint8Array[]): Uint8Array {
  const payload = concat(parts);
  return concat([u32(payload.length + 8), encoder.encode(type), payload]);
}

function fullBox(type: string, version: number, flags: number, ...parts: Uint8Array[]): Uint8Array {
  return box(type, u32((version << 24) | flags), ...parts);
}

const MATRIX = concat([0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000].map(u32));

export interface Mp4VideoTrack {
  /** Display size in pixels. */
  width: number;
  height: number;
  /** Samples per second of `timescale`: each sample lasts `sampleDuration` units. */
  timescale: number;
  sampleDuration: number;
  /** Sequence and picture parameter set NAL units (with header byte, escaped). */
  sps: Uint8Array;
  pps: Uint8Array;
  /** One access unit per sample: 4-byte length-prefixed NAL units. Sample 0 is the only sync sample. */
  samples: Uint8Array[];
}

/** The MP4 file, with `moov` before `mdat` (playable while downloading). */
export function writeMp4(track: Mp4VideoTrack): Uint8Array {
  const { width, height, timescale, sampleDuration, sps, pps, samples } = track;
  const mediaDuration = samples.length * sampleDuration;
  const movieTimescale = 1000;
  const movieDuration = Math.round((mediaDuration * movieTimescale) / timescale);

  const ftyp = box('ftyp', encoder.encode('isom'), u32(0x200), encoder.encode('isomiso2avc1mp41'));

  const avcC = box(
    'avcC',
    u8(1, sps[1], sps[2], sps[3], 0xff, 0xe1),
    u16(sps.length),
    sps,
    u8(1),
    u16(pps.length),
    pps,
  );
  const compressorName = new Uint8Array(32);
  const avc1 = box(
    'avc1',
    new Uint8Array(6), // reserved
    u16(1), // data_reference_index
    new Uint8Array(16), // pre_defined, reserved
    u16(width),
    u16(height),
    u32(0x00480000), // 72 dpi
    u32(0x00480000),
    u32(0),
    u16(1), // frame_count
    compressorName,
    u16(0x18), // depth
    u16(0xffff), // pre_defined = -1
    avcC,
  );
  const stsd = fullBox('stsd', 0, 0, u32(1), avc1);
  const stts = fullBox('stts', 0, 0, u32(1), u32(samples.length), u32(sampleDuration));
  const stss = fullBox('stss', 0, 0, u32(1), u32(1));
  const stsc = fullBox('stsc', 0, 0, u32(1), u32(1), u32(samples.length), u32(1));
  const sizes = new Uint8Array(4 * samples.length);
  const sizesView = new DataView(sizes.buffer);
  samples.forEach((sample, index) => {
    sizesView.setUint32(4 * index, sample.length);
  });
  const stsz = fullBox('stsz', 0, 0, u32(0), u32(samples.length), sizes);

  const buildMoov = (chunkOffset: number) =>
    box(
      'moov',
      fullBox(
        'mvhd',
        0,
        0,
        u32(0), // creation_time
        u32(0), // modification_time
        u32(movieTimescale),
        u32(movieDuration),
        u32(0x00010000), // rate 1.0
        u16(0x0100), // volume 1.0
        new Uint8Array(10),
        MATRIX,
        new Uint8Array(24),
        u32(2), // next_track_ID
      ),
      box(
        'trak',
        fullBox(
          'tkhd',
          0,
          3, // enabled, in movie
          u32(0),
          u32(0),
          u32(1), // track_ID
          u32(0),
          u32(movieDuration),
          new Uint8Array(8),
          u16(0), // layer
          u16(0), // alternate_group
          u16(0), // volume
          u16(0),
          MATRIX,
          u32(width * 0x10000),
          u32(height * 0x10000),
        ),
        box(
          'mdia',
          fullBox('mdhd', 0, 0, u32(0), u32(0), u32(timescale), u32(mediaDuration), u16(0x55c4), u16(0)), // 'und'
          fullBox('hdlr', 0, 0, u32(0), encoder.encode('vide'), new Uint8Array(12), encoder.encode('VideoHandler\0')),
          box(
            'minf',
            fullBox('vmhd', 0, 1, new Uint8Array(8)),
            box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1))),
            box('stbl', stsd, stts, stss, stsc, stsz, fullBox('stco', 0, 0, u32(1), u32(chunkOffset))),
          ),
        ),
      ),
    );

  const moovSize = buildMoov(0).length;
  const moov = buildMoov(ftyp.length + moovSize + 8);
  const mdat = box('mdat', concat(samples));
  return concat([ftyp, moov, mdat]);
}

/** An access unit: each NAL unit with a 4-byte length prefix. */
export function lengthPrefixed(...nalUnits: Uint8Array[]): Uint8Array {
  return concat(nalUnits.flatMap((nal) => [u32(nal.length), nal]));
}
