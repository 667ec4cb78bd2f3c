export * from './errors/index';
export * from './provider/index';
export * from './shared/index';
export * from './video-model/index';
export type { JSONValue, JSONObject, JSONArray } from '@ai-sdk/provider';
export { VERSION } from './version';
