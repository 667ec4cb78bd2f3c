import type { JSONObject } from '@ai-sdk/provider';

/** A quantity in the provider's billing unit, e.g. `{ quantity: 8, unit: 'seconds' }`. */
export type VideoModelV3BilledUnits = {
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
export type VideoModelV3Usage = {
  /** Seconds of video rendered (all videos of the call together). */
  videoSeconds?: number;
  /** What the provider billed, in its own unit (fal's billable units). */
  billedUnits?: VideoModelV3BilledUnits;
  /** The cost in US dollars, when the provider reports it (OpenRouter's `usage.cost`). */
  costUsd?: number;
  /** Input tokens, for token-billed models. */
  inputTokens?: number;
  /** Output tokens, for token-billed models. */
  outputTokens?: number;
  /** Total tokens as the provider reports them. */
  totalTokens?: number;
  /** The provider's usage object, verbatim. */
  raw?: JSONObject;
};
