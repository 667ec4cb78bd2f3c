import type { SharedV3ProviderMetadata } from '@videogen/provider-spec';

/** Merges provider metadata records, later values winning per provider key. */
export function mergeProviderMetadata(
  ...records: Array<SharedV3ProviderMetadata | undefined>
): SharedV3ProviderMetadata | undefined {
  let merged: SharedV3ProviderMetadata | undefined;
  for (const record of records) {
    if (!record) continue;
    merged ??= {};
    for (const provider in record) {
      merged[provider] = { ...merged[provider], ...record[provider] };
    }
  }
  return merged;
}
