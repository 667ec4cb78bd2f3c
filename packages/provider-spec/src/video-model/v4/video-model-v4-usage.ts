import type { SharedV4JSONObject } from '../../shared/v4/shared-v4-json';

/** A quantity in the provider's billing unit, e.g. `{ quantity: 8, unit: 'seconds' }`. */
export type VideoModelV4BilledUnits = {
  /** How many units the provider billed. */
  quantity: number;
  /** The provider's unit, verbatim (e.g. fal's `'units'`, `'seconds'`, `'videos'`). */
  unit: string;
};

/**
 * What a job used, as the provider reports it. Every field is optional and
 * filled only from the provider's own answer (or the rendered video), never
 * estimated. Token names follow `ImageModelV4Usage` of `@ai-sdk/provider` 4,
 * `raw` follows its `SpeechModelV4StreamUsage`.
 */
export type VideoModelV4Usage = {
  /** Seconds of video rendered (all videos of the call together). */
  videoSeconds?: number;
  /** What the provider billed, in its own unit (fal's billable units). */
  billedUnits?: VideoModelV4BilledUnits;
  /** The cost in US dollars, when the provider reports it (OpenRouter's `usage.cost`). */
  costUsd?: number;
  /** Input tokens, for token-billed models. */
  inputTokens?: number;
  /** Output tokens, for token-billed models. */
  outputTokens?: number;
  /** Total tokens as the provider reports them. */
  totalTokens?: number;
  /** The provider's usage object, verbatim. */
  raw?: SharedV4JSONObject;
};
