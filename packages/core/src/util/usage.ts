import type { VideoModelV3Usage } from '@videogen/provider-spec';

/**
 * What a generation used, as the providers reported it: seconds of video
 * rendered, the provider's billed units, the cost in US dollars, tokens.
 * Fields are present only when a provider reported them; never estimated.
 */
export type VideoUsage = VideoModelV3Usage;

const ADDED_FIELDS = ['videoSeconds', 'costUsd', 'inputTokens', 'outputTokens', 'totalTokens'] as const;

/**
 * Adds the usage of several calls (n-splitting). A field is in the sum only
 * when every call that reported usage reported it (a partial sum would
 * understate); billed units only when they share one unit; `raw` only for a
 * single call. `undefined` when no call reported usage.
 */
export function sumVideoUsage(usages: Array<VideoUsage | undefined>): VideoUsage | undefined {
  const reported = usages.filter((usage): usage is VideoUsage => usage !== undefined);
  if (reported.length === 0) return undefined;
  if (reported.length === 1) return reported[0];
  const sum: VideoUsage = {};
  for (const field of ADDED_FIELDS) {
    if (reported.every((usage) => usage[field] !== undefined)) {
      sum[field] = reported.reduce((total, usage) => total + (usage[field] as number), 0);
    }
  }
  const units = reported.map((usage) => usage.billedUnits);
  if (units.every((unit) => unit !== undefined && unit.unit === units[0]?.unit)) {
    sum.billedUnits = {
      quantity: units.reduce((total, unit) => total + (unit?.quantity ?? 0), 0),
      unit: units[0]!.unit,
    };
  }
  return sum;
}
