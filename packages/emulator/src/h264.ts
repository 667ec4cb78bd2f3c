/**
 * A tiny H.264 (Constrained Baseline, CAVLC) encoder for still pictures made of flat 4x4 blocks,
 * written for the emulator's clips: no binary, no dependency.
 *
 * The picture is described per 4x4 luma block and per 4x4 chroma block (8x8 luma pixels), so every
 * block is one flat colour. A macroblock whose blocks are all equal is coded Intra16x16 (DC
 * prediction plus one DC coefficient); other macroblocks are coded Intra4x4 (DC prediction plus one
 * DC coefficient per block). The encoder tracks the decoder's reconstruction exactly, so
 * predictions never drift. Later frames are P slices that skip every macroblock but the ones that
 * changed, which are coded intra again.
 *
 * Quantisers are chosen so that one coefficient step is one sample step: QP 28 for luma (Intra16x16
 * DC and chroma DC) and `chroma_qp_index_offset` -6 (chroma QP 22). Deblocking is off.
 */

/** A picture described per block. Sizes are in macroblocks (16x16 luma pixels). */
export interface BlockPicture {
  mbWidth: number;
  mbHeight: number;
  /** Y per 4x4 luma block, row-major, `mbWidth * 4` per row. */
  luma: Uint8Array;
  /** Cb per 4x4 chroma block (8x8 luma pixels), row-major, `mbWidth * 2` per row. */
  cb: Uint8Array;
  /** Cr, laid out like `cb`. */
  cr: Uint8Array;
}

export function createBlockPicture(mbWidth: number, mbHeight: number): BlockPicture {
  return {
    mbWidth,
    mbHeight,
    luma: new Uint8Array(mbWidth * 4 * mbHeight * 4),
    cb: new Uint8Array(mbWidth * 2 * mbHeight * 2),
    cr: new Uint8Array(mbWidth * 2 * mbHeight * 2),
  };
}

/** Writes bits MSB first into a growing buffer. */
export class BitWriter {
  private buffer = new Uint8Array(1024);
  private length = 0;
  private current = 0;
  private used = 0;

  bit(value: number) {
    this.current = (this.current << 1) | (value & 1);
    if (++this.used === 8) {
      if (this.length === this.buffer.length) {
        const grown = new Uint8Array(this.buffer.length * 2);
        grown.set(this.buffer);
        this.buffer = grown;
      }
      this.buffer[this.length++] = this.current;
      this.current = 0;
      this.used = 0;
    }
  }

  /** `bits` bits of `value` (up to 32). */
  u(bits: number, value: number) {
    for (let i = bits - 1; i >= 0; i--) this.bit(Math.floor(value / 2 ** i) % 2);
  }

  /** Unsigned Exp-Golomb. */
  ue(value: number) {
    const code = value + 1;
    const bits = Math.floor(Math.log2(code)) + 1;
    this.u(bits - 1, 0);
    this.u(bits, code);
  }

  /** Signed Exp-Golomb. */
  se(value: number) {
    this.ue(value > 0 ? 2 * value - 1 : -2 * value);
  }

  /** `rbsp_trailing_bits`: a stop bit, then zeros to the byte boundary. */
  trailing() {
    this.bit(1);
    while (this.used !== 0) this.bit(0);
  }

  bytes(): Uint8Array {
    if (this.used !== 0) throw new Error('BitWriter: not byte aligned');
    return this.buffer.slice(0, this.length);
  }
}

/** A NAL unit (header byte + RBSP with emulation prevention bytes), without a start code or length. */
export function nalUnit(refIdc: number, type: number, rbsp: Uint8Array): Uint8Array {
  const out = new Uint8Array(1 + rbsp.length + Math.ceil(rbsp.length / 2));
  out[0] = (refIdc << 5) | type;
  let length = 1;
  let zeros = 0;
  for (const byte of rbsp) {
    if (zeros >= 2 && byte <= 3) {
      out[length++] = 3;
      zeros = 0;
    }
    out[length++] = byte;
    zeros = byte === 0 ? zeros + 1 : 0;
  }
  return out.slice(0, length);
}

export const NAL_SLICE = 1;
export const NAL_IDR = 5;
export const NAL_SPS = 7;
export const NAL_PPS = 8;

const LOG2_MAX_FRAME_NUM = 16;
const QP = 28;
const CHROMA_QP_OFFSET = -6;

// [level_idc, MaxFS (macroblocks), MaxMBPS]
const LEVELS: Array<[number, number, number]> = [
  [30, 1620, 40500],
  [31, 3600, 108000],
  [32, 5120, 216000],
  [40, 8192, 245760],
  [42, 8704, 522240],
  [50, 22080, 589824],
  [51, 36864, 983040],
  [52, 36864, 2073600],
  [60, 139264, 4177920],
  [61, 139264, 8355840],
  [62, 139264, 16711680],
];

/** Most macroblocks in a frame at the highest level (6.2). */
export const MAX_FRAME_MACROBLOCKS = 139264;

/** The lowest level whose frame size, frame dimensions and macroblock rate fit. */
export function levelFor(mbWidth: number, mbHeight: number, fps: number): number {
  const frame = mbWidth * mbHeight;
  for (const [level, maxFs, maxMbps] of LEVELS) {
    const maxSide = Math.sqrt(maxFs * 8);
    if (frame <= maxFs && mbWidth <= maxSide && mbHeight <= maxSide && frame * fps <= maxMbps) return level;
  }
  return 62;
}

export interface SequenceOptions {
  /** Visible size in pixels (even numbers); the coded size is rounded up to macroblocks and cropped. */
  width: number;
  height: number;
  fps: number;
}

/** Sequence parameter set RBSP (Constrained Baseline, 4:2:0, POC type 2, VUI with timing). */
export function sequenceParameterSet({ width, height, fps }: SequenceOptions): Uint8Array {
  const mbWidth = Math.ceil(width / 16);
  const mbHeight = Math.ceil(height / 16);
  const w = new BitWriter();
  w.u(8, 66); // profile_idc: Baseline
  w.u(8, 0b11000000); // constraint_set0 and constraint_set1: Constrained Baseline
  w.u(8, levelFor(mbWidth, mbHeight, fps));
  w.ue(0); // seq_parameter_set_id
  w.ue(LOG2_MAX_FRAME_NUM - 4);
  w.ue(2); // pic_order_cnt_type: output order = decoding order
  w.ue(1); // max_num_ref_frames
  w.u(1, 0); // gaps_in_frame_num_value_allowed_flag
  w.ue(mbWidth - 1);
  w.ue(mbHeight - 1);
  w.u(1, 1); // frame_mbs_only_flag
  w.u(1, 1); // direct_8x8_inference_flag
  const cropRight = (mbWidth * 16 - width) / 2;
  const cropBottom = (mbHeight * 16 - height) / 2;
  if (cropRight || cropBottom) {
    w.u(1, 1);
    w.ue(0);
    w.ue(cropRight);
    w.ue(0);
    w.ue(cropBottom);
  } else {
    w.u(1, 0);
  }
  w.u(1, 1); // vui_parameters_present_flag
  w.u(1, 0); // aspect_ratio_info_present_flag
  w.u(1, 0); // overscan_info_present_flag
  w.u(1, 0); // video_signal_type_present_flag
  w.u(1, 0); // chroma_loc_info_present_flag
  w.u(1, 1); // timing_info_present_flag
  w.u(32, 1000); // num_units_in_tick
  w.u(32, Math.round(fps * 1000) * 2); // time_scale (two ticks per frame)
  w.u(1, 1); // fixed_frame_rate_flag
  w.u(1, 0); // nal_hrd_parameters_present_flag
  w.u(1, 0); // vcl_hrd_parameters_present_flag
  w.u(1, 0); // pic_struct_present_flag
  w.u(1, 1); // bitstream_restriction_flag
  w.u(1, 1); // motion_vectors_over_pic_boundaries_flag
  w.ue(2); // max_bytes_per_pic_denom
  w.ue(1); // max_bits_per_mb_denom
  w.ue(16); // log2_max_mv_length_horizontal
  w.ue(16); // log2_max_mv_length_vertical
  w.ue(0); // max_num_reorder_frames
  w.ue(1); // max_dec_frame_buffering
  w.trailing();
  return w.bytes();
}

/** Picture parameter set RBSP. */
export function pictureParameterSet(): Uint8Array {
  const w = new BitWriter();
  w.ue(0); // pic_parameter_set_id
  w.ue(0); // seq_parameter_set_id
  w.u(1, 0); // entropy_coding_mode_flag: CAVLC
  w.u(1, 0); // bottom_field_pic_order_in_frame_present_flag
  w.ue(0); // num_slice_groups_minus1
  w.ue(0); // num_ref_idx_l0_default_active_minus1
  w.ue(0); // num_ref_idx_l1_default_active_minus1
  w.u(1, 0); // weighted_pred_flag
  w.u(2, 0); // weighted_bipred_idc
  w.se(QP - 26); // pic_init_qp_minus26
  w.se(0); // pic_init_qs_minus26
  w.se(CHROMA_QP_OFFSET);
  w.u(1, 1); // deblocking_filter_control_present_flag
  w.u(1, 0); // constrained_intra_pred_flag
  w.u(1, 0); // redundant_pic_cnt_present_flag
  w.trailing();
  return w.bytes();
}

// coeff_token for 0 <= nC < 2, only TotalCoeff 0 and 1: [length, bits] by TrailingOnes.
const LUMA_TOKEN_NONE: [number, number] = [1, 0b1];
const LUMA_TOKEN_ONE: Array<[number, number]> = [
  [6, 0b000101],
  [2, 0b01],
];
// coeff_token for chroma DC (nC = -1): [TotalCoeff][TrailingOnes] -> [length, bits]
const CHROMA_DC_TOKEN: Array<Array<[number, number]>> = [
  [[2, 0b01]],
  [
    [6, 0b000111],
    [1, 0b1],
  ],
  [
    [6, 0b000100],
    [6, 0b000110],
    [3, 0b001],
  ],
  [
    [6, 0b000011],
    [7, 0b0000011],
    [7, 0b0000010],
    [6, 0b000101],
  ],
  [
    [6, 0b000010],
    [8, 0b00000011],
    [8, 0b00000010],
    [7, 0b0000000],
  ],
];
// total_zeros for chroma DC: [TotalCoeff - 1][total_zeros] -> [length, bits]
const CHROMA_DC_TOTAL_ZEROS: Array<Array<[number, number]>> = [
  [
    [1, 1],
    [2, 1],
    [3, 1],
    [3, 0],
  ],
  [
    [1, 1],
    [2, 1],
    [2, 0],
  ],
  [
    [1, 1],
    [1, 0],
  ],
];
// run_before for zerosLeft 1..3: [zerosLeft - 1][run_before] -> [length, bits]
const RUN_BEFORE: Array<Array<[number, number]>> = [
  [
    [1, 1],
    [1, 0],
  ],
  [
    [1, 1],
    [2, 1],
    [2, 0],
  ],
  [
    [2, 3],
    [2, 2],
    [2, 1],
    [2, 0],
  ],
];

function code(w: BitWriter, [length, bits]: [number, number]) {
  w.u(length, bits);
}

/** Levels (after coeff_token and trailing-one signs), highest frequency first (9.2.2). */
function writeLevels(w: BitWriter, levels: number[], trailingOnes: number) {
  let suffixLength = 0;
  for (let i = trailingOnes; i < levels.length; i++) {
    const level = levels[i];
    let levelCode = level > 0 ? 2 * level - 2 : -2 * level - 1;
    if (i === trailingOnes && trailingOnes < 3) levelCode -= 2;
    let prefix: number;
    let suffixBits: number;
    let suffix: number;
    if (suffixLength === 0) {
      if (levelCode < 14) [prefix, suffixBits, suffix] = [levelCode, 0, 0];
      else if (levelCode < 30) [prefix, suffixBits, suffix] = [14, 4, levelCode - 14];
      else [prefix, suffixBits, suffix] = [15, 12, levelCode - 30];
    } else if (levelCode >> suffixLength < 15) {
      [prefix, suffixBits, suffix] = [levelCode >> suffixLength, suffixLength, levelCode & ((1 << suffixLength) - 1)];
    } else {
      [prefix, suffixBits, suffix] = [15, 12, levelCode - (15 << suffixLength)];
    }
    if (suffix >= 4096) throw new Error(`H.264 level ${level} out of range`);
    w.u(prefix, 0);
    w.bit(1);
    w.u(suffixBits, suffix);
    if (suffixLength === 0) suffixLength = 1;
    if (Math.abs(level) > 3 << (suffixLength - 1) && suffixLength < 6) suffixLength++;
  }
}

/** A luma block whose only possibly non-zero coefficient is the first (DC), for 0 <= nC < 2. */
function writeLumaDcOnly(w: BitWriter, nC: number, level: number) {
  if (nC >= 2) throw new Error(`H.264 encoder: nC ${nC} not supported`);
  if (level === 0) {
    code(w, LUMA_TOKEN_NONE);
    return;
  }
  const trailingOnes = Math.abs(level) === 1 ? 1 : 0;
  code(w, LUMA_TOKEN_ONE[trailingOnes]);
  if (trailingOnes) w.bit(level < 0 ? 1 : 0);
  else writeLevels(w, [level], 0);
  w.bit(1); // total_zeros = 0 (TotalCoeff 1)
}

/** The 2x2 chroma DC block (c0..c3 in scan order). */
function writeChromaDc(w: BitWriter, coefficients: number[]) {
  const positions: number[] = [];
  for (let i = 0; i < 4; i++) if (coefficients[i] !== 0) positions.push(i);
  const levels = positions.map((i) => coefficients[i]).reverse();
  const totalCoeff = levels.length;
  let trailingOnes = 0;
  while (trailingOnes < Math.min(3, totalCoeff) && Math.abs(levels[trailingOnes]) === 1) trailingOnes++;
  code(w, CHROMA_DC_TOKEN[totalCoeff][trailingOnes]);
  if (totalCoeff === 0) return;
  for (let i = 0; i < trailingOnes; i++) w.bit(levels[i] < 0 ? 1 : 0);
  writeLevels(w, levels, trailingOnes);
  const last = positions[positions.length - 1];
  let zerosLeft = last + 1 - totalCoeff;
  if (totalCoeff < 4) code(w, CHROMA_DC_TOTAL_ZEROS[totalCoeff - 1][zerosLeft]);
  for (let i = positions.length - 1; i > 0 && zerosLeft > 0; i--) {
    const run = positions[i] - positions[i - 1] - 1;
    code(w, RUN_BEFORE[zerosLeft - 1][run]);
    zerosLeft -= run;
  }
}

function clip255(value: number) {
  return Math.min(255, Math.max(0, value));
}

/**
 * Codes a picture and then changes to it, keeping the decoder's reconstruction: frame 0 is an IDR
 * picture coding every macroblock; later frames are P slices that skip every macroblock except the
 * ones whose target changed, which are coded intra again.
 */
export class PictureEncoder {
  private readonly lumaStride: number;
  private readonly chromaStride: number;
  private readonly lumaRecon: Uint8Array;
  private readonly chromaRecon: [Uint8Array, Uint8Array];
  private readonly totalCoeff: Uint8Array; // per luma 4x4 block of the current slice, for nC

  constructor(readonly picture: BlockPicture) {
    this.lumaStride = picture.mbWidth * 4;
    this.chromaStride = picture.mbWidth * 2;
    this.lumaRecon = new Uint8Array(picture.luma.length);
    this.chromaRecon = [new Uint8Array(picture.cb.length), new Uint8Array(picture.cr.length)];
    this.totalCoeff = new Uint8Array(picture.luma.length);
  }

  get macroblocks() {
    return this.picture.mbWidth * this.picture.mbHeight;
  }

  /** The IDR picture (one I slice). Returns the NAL unit. */
  intraFrame(): Uint8Array {
    const w = new BitWriter();
    w.ue(0); // first_mb_in_slice
    w.ue(7); // slice_type: I (all slices)
    w.ue(0); // pic_parameter_set_id
    w.u(LOG2_MAX_FRAME_NUM, 0); // frame_num
    w.ue(0); // idr_pic_id
    w.u(1, 0); // no_output_of_prior_pics_flag
    w.u(1, 0); // long_term_reference_flag
    w.se(0); // slice_qp_delta
    w.ue(1); // disable_deblocking_filter_idc
    this.totalCoeff.fill(0);
    for (let address = 0; address < this.macroblocks; address++) this.macroblock(w, address, 0);
    w.trailing();
    return nalUnit(3, NAL_IDR, w.bytes());
  }

  /**
   * A P slice (a reference picture) that copies the previous frame and codes again the
   * macroblocks at `changed` (addresses in raster order, ascending). Returns the NAL unit.
   */
  nextFrame(frameNum: number, changed: number[] = []): Uint8Array {
    const w = new BitWriter();
    w.ue(0); // first_mb_in_slice
    w.ue(5); // slice_type: P (all slices)
    w.ue(0); // pic_parameter_set_id
    w.u(LOG2_MAX_FRAME_NUM, frameNum % 2 ** LOG2_MAX_FRAME_NUM);
    w.u(1, 0); // num_ref_idx_active_override_flag
    w.u(1, 0); // ref_pic_list_modification_flag_l0
    w.u(1, 0); // adaptive_ref_pic_marking_mode_flag
    w.se(0); // slice_qp_delta
    w.ue(1); // disable_deblocking_filter_idc
    this.totalCoeff.fill(0); // skipped macroblocks have no coefficients
    let next = 0;
    for (const address of changed) {
      if (address < next || address >= this.macroblocks) throw new Error('PictureEncoder: bad macroblock address');
      w.ue(address - next); // mb_skip_run
      this.macroblock(w, address, 5); // intra mb_type values follow the 5 P types
      next = address + 1;
    }
    if (next < this.macroblocks) w.ue(this.macroblocks - next);
    w.trailing();
    return nalUnit(2, NAL_SLICE, w.bytes());
  }

  private lumaNc(bx: number, by: number) {
    const left = bx > 0;
    const top = by > 0;
    const a = left ? this.totalCoeff[by * this.lumaStride + bx - 1] : 0;
    const b = top ? this.totalCoeff[(by - 1) * this.lumaStride + bx] : 0;
    return left && top ? (a + b + 1) >> 1 : a + b;
  }

  /** Chroma DC coefficients per plane for the macroblock; updates the reconstruction. */
  private chroma(mbx: number, mby: number): number[][] {
    const stride = this.chromaStride;
    return [this.picture.cb, this.picture.cr].map((target, plane) => {
      const recon = this.chromaRecon[plane];
      const predictions: number[] = [];
      const residuals: number[] = [];
      for (let k = 0; k < 4; k++) {
        const cx = mbx * 2 + (k & 1);
        const cy = mby * 2 + (k >> 1);
        const top = mby > 0 ? 4 * recon[(mby * 2 - 1) * stride + cx] : undefined;
        const left = mbx > 0 ? 4 * recon[cy * stride + mbx * 2 - 1] : undefined;
        let prediction: number;
        if (k === 0 || k === 3) {
          if (top !== undefined && left !== undefined) prediction = (top + left + 4) >> 3;
          else if (left !== undefined) prediction = (left + 2) >> 2;
          else if (top !== undefined) prediction = (top + 2) >> 2;
          else prediction = 128;
        } else if (k === 1) {
          prediction = top !== undefined ? (top + 2) >> 2 : left !== undefined ? (left + 2) >> 2 : 128;
        } else {
          prediction = left !== undefined ? (left + 2) >> 2 : top !== undefined ? (top + 2) >> 2 : 128;
        }
        predictions.push(prediction);
        residuals.push(target[cy * stride + cx] - prediction);
      }
      const [r0, r1, r2, r3] = residuals;
      const c = [
        Math.round((r0 + r1 + r2 + r3) / 4),
        Math.round((r0 - r1 + r2 - r3) / 4),
        Math.round((r0 + r1 - r2 - r3) / 4),
        Math.round((r0 - r1 - r2 + r3) / 4),
      ];
      const f = [
        c[0] + c[1] + c[2] + c[3],
        c[0] - c[1] + c[2] - c[3],
        c[0] + c[1] - c[2] - c[3],
        c[0] - c[1] - c[2] + c[3],
      ];
      for (let k = 0; k < 4; k++) {
        recon[(mby * 2 + (k >> 1)) * stride + mbx * 2 + (k & 1)] = clip255(predictions[k] + f[k]);
      }
      return c;
    });
  }

  private macroblock(w: BitWriter, address: number, mbTypeOffset: number) {
    const { picture, lumaStride, lumaRecon, totalCoeff } = this;
    const mbx = address % picture.mbWidth;
    const mby = Math.floor(address / picture.mbWidth);
    const x0 = mbx * 4;
    const y0 = mby * 4;
    const first = picture.luma[y0 * lumaStride + x0];
    let flat = true;
    for (let y = 0; y < 4 && flat; y++) {
      for (let x = 0; x < 4; x++) {
        if (picture.luma[(y0 + y) * lumaStride + x0 + x] !== first) {
          flat = false;
          break;
        }
      }
    }

    if (flat) {
      // Intra16x16, DC prediction, one luma DC coefficient, no AC
      let top = 0;
      let left = 0;
      for (let i = 0; i < 4; i++) {
        if (mby > 0) top += 4 * lumaRecon[(y0 - 1) * lumaStride + x0 + i];
        if (mbx > 0) left += 4 * lumaRecon[(y0 + i) * lumaStride + x0 - 1];
      }
      const prediction =
        mby > 0 && mbx > 0 ? (top + left + 16) >> 5 : mbx > 0 ? (left + 8) >> 4 : mby > 0 ? (top + 8) >> 4 : 128;
      const level = first - prediction;
      const nC = this.lumaNc(x0, y0);
      for (let y = 0; y < 4; y++) {
        for (let x = 0; x < 4; x++) {
          lumaRecon[(y0 + y) * lumaStride + x0 + x] = first;
          totalCoeff[(y0 + y) * lumaStride + x0 + x] = 0;
        }
      }
      const chroma = this.chroma(mbx, mby);
      const chromaCbp = chroma.some((c) => c.some((value) => value !== 0)) ? 1 : 0;
      w.ue(mbTypeOffset + 1 + 2 + 4 * chromaCbp); // I_16x16_2_<cbp chroma>_0 (DC prediction)
      w.ue(0); // intra_chroma_pred_mode: DC
      w.se(0); // mb_qp_delta
      writeLumaDcOnly(w, nC, level);
      if (chromaCbp) for (const c of chroma) writeChromaDc(w, c);
      return;
    }

    // Intra4x4, every block DC-predicted with one DC coefficient
    const levels: number[] = [];
    const blocks: Array<[number, number]> = [];
    for (let index = 0; index < 16; index++) {
      const bx = x0 + ((index >> 2) & 1) * 2 + (index & 1);
      const by = y0 + (index >> 3) * 2 + ((index >> 1) & 1);
      const top = by > 0 ? 4 * lumaRecon[(by - 1) * lumaStride + bx] : undefined;
      const left = bx > 0 ? 4 * lumaRecon[by * lumaStride + bx - 1] : undefined;
      const prediction =
        top !== undefined && left !== undefined
          ? (top + left + 4) >> 3
          : left !== undefined
            ? (left + 2) >> 2
            : top !== undefined
              ? (top + 2) >> 2
              : 128;
      const level = Math.round((picture.luma[by * lumaStride + bx] - prediction) / 4);
      lumaRecon[by * lumaStride + bx] = clip255(prediction + 4 * level);
      totalCoeff[by * lumaStride + bx] = level !== 0 ? 1 : 0;
      levels.push(level);
      blocks.push([bx, by]);
    }
    const chroma = this.chroma(mbx, mby);
    w.ue(mbTypeOffset); // I_NxN
    for (let index = 0; index < 16; index++) w.bit(1); // prev_intra4x4_pred_mode_flag: DC (predicted)
    w.ue(0); // intra_chroma_pred_mode: DC
    w.ue(0); // coded_block_pattern 47 (all luma, chroma DC + AC)
    w.se(0); // mb_qp_delta
    for (let index = 0; index < 16; index++) {
      const [bx, by] = blocks[index];
      writeLumaDcOnly(w, this.lumaNc(bx, by), levels[index]);
    }
    for (const c of chroma) writeChromaDc(w, c);
    for (let index = 0; index < 8; index++) code(w, LUMA_TOKEN_NONE); // chroma AC: none (nC 0)
  }
}
