export type {
  VideoProviderV3,
  VideoModelV3CatalogEntry,
  VideoModelV3Pricing,
  VideoProviderV3ListModelsOptions,
} from './provider-v3';
