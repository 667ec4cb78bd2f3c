import type { VideoModelV3, VideoModelV3Capabilities, VideoProviderV3 } from '@videogen/provider-spec';
import { getVideoModelCapabilities } from '@videogen/core';
import { createFal, falEndpointCapabilities } from '@videogen/fal';
import { createGoogle, getGoogleVideoModelCapabilities, googleVideoModelCapabilities } from '@videogen/google';
import { createKling, klingVideoModelCapabilities } from '@videogen/kling';
import { createOpenAI, getOpenAIVideoModelCapabilities, OPENAI_VIDEO_MODEL_IDS } from '@videogen/openai';
import { createOpenRouter } from '@videogen/openrouter';
import { alibabaVideoModelCapabilities, createAlibaba } from '@videogen/alibaba';
import { createMiniMax, getMiniMaxVideoModelCapabilities, minimaxVideoModelCapabilities } from '@videogen/minimax';
import { byteDanceVideoModelCapabilities, createByteDance } from '@videogen/bytedance';
import { createRunway, getRunwayVideoModelCapabilities, RUNWAY_VIDEO_MODEL_IDS } from '@videogen/runway';
import { createXai, getXaiVideoModelCapabilities, xaiVideoModelCapabilities } from '@videogen/xai';
import { createLuma, getLumaVideoModelCapabilities, lumaVideoModelCapabilities } from '@videogen/luma';
import { createReplicate, REPLICATE_VIDEO_MODEL_IDS } from '@videogen/replicate';
import type { EmulatorServerBaseURLs } from '@videogen/emulator';
import { CliError, EXIT_CODES } from './errors';

/** The providers the CLI knows, by the name used in `--model provider:modelId`. */
export type ProviderName =
  | 'openai'
  | 'google'
  | 'fal'
  | 'openrouter'
  | 'xai'
  | 'luma'
  | 'kling'
  | 'runway'
  | 'bytedance'
  | 'minimax'
  | 'alibaba'
  | 'replicate';

export const PROVIDER_NAMES: readonly ProviderName[] = [
  'fal',
  'google',
  'openai',
  'openrouter',
  'xai',
  'luma',
  'kling',
  'runway',
  'bytedance',
  'minimax',
  'alibaba',
  'replicate',
];

/** What the CLI needs to build a model: only the base URL differs between a real provider and the emulator. */
export type ProviderConnection = {
  apiKey: string | undefined;
  baseURL: string | undefined;
  fetch?: typeof globalThis.fetch;
};

/** A model with its row for `videogen models`. */
export type ModelListing = {
  provider: ProviderName;
  modelId: string;
  /** Display name, where the provider has one (OpenRouter). */
  name?: string;
  capabilities: VideoModelV3Capabilities;
};

/** What the CLI uses of a provider package's instance. */
export type CliVideoProvider = {
  video(modelId: string): VideoModelV3;
  listVideoModels?: VideoProviderV3['listVideoModels'];
};

export type ProviderEntry = {
  name: ProviderName;
  /** Display name, e.g. `'OpenAI'`. */
  label: string;
  /** The spec's provider id, e.g. `'fal.video'`. */
  providerId: string;
  /** Environment variables read for the key, in order. */
  apiKeyEnvironmentVariables: string[];
  /** Environment variable that overrides the base URL. */
  baseURLEnvironmentVariable: string;
  defaultModel: string;
  /** Whether the API can cancel a job. */
  canCancel: boolean;
  /** The provider package's instance for a connection (its `video`, `listVideoModels`, `listJobs` …). */
  createProvider(connection: ProviderConnection): CliVideoProvider;
  createModel(modelId: string, connection: ProviderConnection): VideoModelV3;
  /**
   * The models the CLI lists, with capabilities. OpenRouter asks its API
   * (`GET /videos/models`); the others read their package's capability table.
   */
  listModels(connection: Partial<ProviderConnection>, options?: { abortSignal?: AbortSignal }): Promise<ModelListing[]>;
  /**
   * Checks a model id before anything is sent, throwing a usage error for an
   * id the provider cannot have. Returns quietly when the id cannot be checked.
   */
  checkModel(
    modelId: string,
    connection: Partial<ProviderConnection>,
    options?: { abortSignal?: AbortSignal },
  ): Promise<void>;
};

const openai: ProviderEntry = {
  name: 'openai',
  label: 'OpenAI',
  providerId: 'openai.video',
  apiKeyEnvironmentVariables: ['OPENAI_API_KEY'],
  baseURLEnvironmentVariable: 'OPENAI_BASE_URL',
  defaultModel: 'sora-2',
  canCancel: false,
  createProvider({ apiKey, baseURL, fetch }) {
    return createOpenAI({ apiKey, baseURL: baseURL ?? 'https://api.openai.com/v1', fetch });
  },
  createModel(modelId, connection) {
    return this.createProvider(connection).video(modelId);
  },
  async listModels() {
    return OPENAI_VIDEO_MODEL_IDS.map((modelId) => ({
      provider: 'openai' as const,
      modelId,
      capabilities: getOpenAIVideoModelCapabilities(modelId),
    }));
  },
  async checkModel(modelId) {
    // OpenAI's ids and their dated snapshots (sora-2-2026-…); Azure deployments and gateways
    // name theirs freely: --no-model-check.
    const known = (OPENAI_VIDEO_MODEL_IDS as readonly string[]).includes(modelId);
    if (!known && !/^sora-2(-pro)?-\d{4}-\d{2}-\d{2}$/.test(modelId)) {
      throw unknownModel('openai', modelId, [...OPENAI_VIDEO_MODEL_IDS]);
    }
  },
};

const google: ProviderEntry = {
  name: 'google',
  label: 'Google (Gemini API)',
  providerId: 'google.video',
  apiKeyEnvironmentVariables: ['GEMINI_API_KEY', 'GOOGLE_GENERATIVE_AI_API_KEY', 'GOOGLE_API_KEY'],
  baseURLEnvironmentVariable: 'GOOGLE_GENERATIVE_AI_BASE_URL',
  defaultModel: 'veo-3.1-fast-generate-preview',
  canCancel: false,
  createProvider({ apiKey, baseURL, fetch }) {
    return createGoogle({ apiKey, baseURL, fetch });
  },
  createModel(modelId, connection) {
    return this.createProvider(connection).video(modelId);
  },
  async listModels(connection) {
    return Object.keys(googleVideoModelCapabilities).map((modelId) => ({
      provider: 'google' as const,
      modelId,
      capabilities: capabilitiesOf(this.createModel(modelId, { apiKey: 'unused', baseURL: connection.baseURL })),
    }));
  },
  async checkModel(modelId) {
    if (!getGoogleVideoModelCapabilities(modelId)) {
      throw unknownModel('google', modelId, Object.keys(googleVideoModelCapabilities));
    }
  },
};

const fal: ProviderEntry = {
  name: 'fal',
  label: 'fal',
  providerId: 'fal.video',
  apiKeyEnvironmentVariables: ['FAL_KEY', 'FAL_API_KEY'],
  baseURLEnvironmentVariable: 'FAL_QUEUE_URL',
  defaultModel: 'fal-ai/veo3.1/fast',
  canCancel: true,
  createProvider({ apiKey, baseURL, fetch }) {
    return createFal({ apiKey, baseURL, fetch });
  },
  createModel(modelId, connection) {
    return this.createProvider(connection).video(modelId);
  },
  async listModels() {
    return Object.keys(falEndpointCapabilities).map((modelId) => ({
      provider: 'fal' as const,
      modelId,
      capabilities: capabilitiesOf(this.createModel(modelId, { apiKey: 'unused', baseURL: undefined })),
    }));
  },
  async checkModel(modelId) {
    // Any fal endpoint can be used (`owner/app[/path]`); the table only lists the known ones.
    if (!/^[\w.-]+\/[\w.-]+(\/[\w.-]+)*$/.test(modelId)) {
      throw new CliError(
        `Unknown model "${modelId}" for fal: a fal endpoint id looks like "owner/app/path", e.g. "fal-ai/veo3.1/fast". Run \`videogen models fal\` for the known endpoints.`,
        EXIT_CODES.usage,
      );
    }
  },
};

const openrouter: ProviderEntry = {
  name: 'openrouter',
  label: 'OpenRouter',
  providerId: 'openrouter.video',
  apiKeyEnvironmentVariables: ['OPENROUTER_API_KEY'],
  baseURLEnvironmentVariable: 'OPENROUTER_BASE_URL',
  defaultModel: 'google/veo-3.1-fast',
  canCancel: false,
  createProvider({ apiKey, baseURL, fetch }) {
    return createOpenRouter({ apiKey, baseURL, fetch });
  },
  createModel(modelId, connection) {
    return this.createProvider(connection).video(modelId);
  },
  async listModels({ apiKey, baseURL, fetch }, options) {
    const provider = createOpenRouter({ apiKey, baseURL, fetch });
    const models = await provider.videoModels({ abortSignal: options?.abortSignal });
    return await Promise.all(
      models.map(async (info) => ({
        provider: 'openrouter' as const,
        modelId: info.id,
        ...(info.name ? { name: info.name } : {}),
        capabilities: (await getVideoModelCapabilities(provider.video(info.id), options?.abortSignal)) ?? {},
      })),
    );
  },
  async checkModel(modelId, connection, options) {
    let ids: string[];
    try {
      const timeout = AbortSignal.timeout(10_000);
      const signal = options?.abortSignal ? AbortSignal.any([options.abortSignal, timeout]) : timeout;
      const provider = createOpenRouter({
        apiKey: connection.apiKey,
        baseURL: connection.baseURL,
        fetch: connection.fetch,
      });
      ids = (await provider.videoModels({ abortSignal: signal })).map((info) => info.id);
    } catch {
      return; // listing not reachable: the API itself will say whether the model exists
    }
    if (!ids.includes(modelId)) throw unknownModel('openrouter', modelId, ids);
  },
};

const xai: ProviderEntry = {
  name: 'xai',
  label: 'xAI',
  providerId: 'xai.video',
  apiKeyEnvironmentVariables: ['XAI_API_KEY'],
  baseURLEnvironmentVariable: 'XAI_BASE_URL',
  defaultModel: 'grok-imagine-video',
  canCancel: false,
  createProvider({ apiKey, baseURL, fetch }) {
    return createXai({ apiKey, baseURL, fetch });
  },
  createModel(modelId, connection) {
    return this.createProvider(connection).video(modelId);
  },
  async listModels() {
    return Object.keys(xaiVideoModelCapabilities).map((modelId) => ({
      provider: 'xai' as const,
      modelId,
      capabilities: getXaiVideoModelCapabilities(modelId),
    }));
  },
  async checkModel(modelId) {
    if (!Object.hasOwn(xaiVideoModelCapabilities, modelId)) {
      throw unknownModel('xai', modelId, Object.keys(xaiVideoModelCapabilities));
    }
  },
};
const luma: ProviderEntry = {
  name: 'luma',
  label: 'Luma Dream Machine',
  providerId: 'luma.video',
  apiKeyEnvironmentVariables: ['LUMA_API_KEY', 'LUMAAI_API_KEY'],
  baseURLEnvironmentVariable: 'LUMA_BASE_URL',
  defaultModel: 'ray-flash-2',
  canCancel: false,
  createProvider({ apiKey, baseURL, fetch }) {
    return createLuma({ apiKey, baseURL, fetch });
  },
  createModel(modelId, connection) {
    return this.createProvider(connection).video(modelId);
  },
  async listModels() {
    return Object.keys(lumaVideoModelCapabilities).map((modelId) => ({
      provider: 'luma' as const,
      modelId,
      capabilities: capabilitiesOf(this.createModel(modelId, { apiKey: 'unused', baseURL: undefined })),
    }));
  },
  async checkModel(modelId) {
    if (!getLumaVideoModelCapabilities(modelId)) {
      throw unknownModel('luma', modelId, Object.keys(lumaVideoModelCapabilities));
    }
  },
};

const kling: ProviderEntry = {
  name: 'kling',
  label: 'Kling',
  providerId: 'kling.video',
  // The CLI passes one key: Kling's API key (an access/secret key pair works through the library).
  apiKeyEnvironmentVariables: ['KLING_API_KEY'],
  baseURLEnvironmentVariable: 'KLING_BASE_URL',
  defaultModel: 'kling-v2-6',
  canCancel: false,
  createProvider({ apiKey, baseURL, fetch }) {
    return createKling({ apiKey, baseURL, fetch });
  },
  createModel(modelId, connection) {
    return this.createProvider(connection).video(modelId);
  },
  async listModels() {
    return Object.keys(klingVideoModelCapabilities).map((modelId) => ({
      provider: 'kling' as const,
      modelId,
      capabilities: capabilitiesOf(this.createModel(modelId, { apiKey: 'unused', baseURL: undefined })),
    }));
  },
  async checkModel(modelId) {
    if (!Object.hasOwn(klingVideoModelCapabilities, modelId)) {
      throw unknownModel('kling', modelId, Object.keys(klingVideoModelCapabilities));
    }
  },
};

const runway: ProviderEntry = {
  name: 'runway',
  label: 'Runway',
  providerId: 'runway.video',
  apiKeyEnvironmentVariables: ['RUNWAYML_API_SECRET', 'RUNWAY_API_KEY'],
  baseURLEnvironmentVariable: 'RUNWAYML_BASE_URL',
  defaultModel: 'gen4.5',
  canCancel: true,
  createProvider({ apiKey, baseURL, fetch }) {
    return createRunway({ apiKey, baseURL, fetch });
  },
  createModel(modelId, connection) {
    return this.createProvider(connection).video(modelId);
  },
  async listModels() {
    return RUNWAY_VIDEO_MODEL_IDS.map((modelId) => ({
      provider: 'runway' as const,
      modelId,
      capabilities: capabilitiesOf(this.createModel(modelId, { apiKey: 'unused', baseURL: undefined })),
    }));
  },
  async checkModel(modelId) {
    if (!getRunwayVideoModelCapabilities(modelId)) throw unknownModel('runway', modelId, RUNWAY_VIDEO_MODEL_IDS);
  },
};

const bytedance: ProviderEntry = {
  name: 'bytedance',
  label: 'ByteDance Seedance (BytePlus ModelArk)',
  providerId: 'bytedance.video',
  apiKeyEnvironmentVariables: ['ARK_API_KEY'],
  baseURLEnvironmentVariable: 'ARK_BASE_URL',
  defaultModel: 'seedance-1-0-pro-fast-251015',
  canCancel: true,
  createProvider({ apiKey, baseURL, fetch }) {
    return createByteDance({ apiKey, baseURL, fetch });
  },
  createModel(modelId, connection) {
    return this.createProvider(connection).video(modelId);
  },
  async listModels() {
    return Object.keys(byteDanceVideoModelCapabilities).map((modelId) => ({
      provider: 'bytedance' as const,
      modelId,
      capabilities: capabilitiesOf(this.createModel(modelId, { apiKey: 'unused', baseURL: undefined })),
    }));
  },
  async checkModel() {
    // Any Ark model id or custom endpoint id (`ep-…`) can be used; the table lists the known ones.
  },
};

const minimax: ProviderEntry = {
  name: 'minimax',
  label: 'MiniMax',
  providerId: 'minimax.video',
  apiKeyEnvironmentVariables: ['MINIMAX_API_KEY'],
  baseURLEnvironmentVariable: 'MINIMAX_BASE_URL',
  defaultModel: 'MiniMax-Hailuo-2.3',
  // v1 (Hailuo, the default) has no cancel; MiniMax-H3 (v2) can cancel a queued task.
  canCancel: false,
  createProvider({ apiKey, baseURL, fetch }) {
    return createMiniMax({ apiKey, baseURL, fetch });
  },
  createModel(modelId, connection) {
    return this.createProvider(connection).video(modelId);
  },
  async listModels() {
    return Object.keys(minimaxVideoModelCapabilities).map((modelId) => ({
      provider: 'minimax' as const,
      modelId,
      capabilities: capabilitiesOf(this.createModel(modelId, { apiKey: 'unused', baseURL: undefined })),
    }));
  },
  async checkModel(modelId) {
    if (!getMiniMaxVideoModelCapabilities(modelId)) {
      throw unknownModel('minimax', modelId, Object.keys(minimaxVideoModelCapabilities));
    }
  },
};

const alibaba: ProviderEntry = {
  name: 'alibaba',
  label: 'Alibaba (DashScope)',
  providerId: 'alibaba.video',
  apiKeyEnvironmentVariables: ['DASHSCOPE_API_KEY', 'ALIBABA_API_KEY'],
  baseURLEnvironmentVariable: 'DASHSCOPE_BASE_URL',
  defaultModel: 'wan2.6-t2v',
  canCancel: true,
  createProvider({ apiKey, baseURL, fetch }) {
    return createAlibaba({ apiKey, baseURL, fetch });
  },
  createModel(modelId, connection) {
    return this.createProvider(connection).video(modelId);
  },
  async listModels() {
    return Object.keys(alibabaVideoModelCapabilities).map((modelId) => ({
      provider: 'alibaba' as const,
      modelId,
      capabilities: capabilitiesOf(this.createModel(modelId, { apiKey: 'unused', baseURL: undefined })),
    }));
  },
  async checkModel() {
    // Any Wan id (dated aliases such as wan2.7-t2v-2026-06-12 included) is sent as given.
  },
};

const replicate: ProviderEntry = {
  name: 'replicate',
  label: 'Replicate',
  providerId: 'replicate.video',
  apiKeyEnvironmentVariables: ['REPLICATE_API_TOKEN'],
  baseURLEnvironmentVariable: 'REPLICATE_BASE_URL',
  defaultModel: 'bytedance/seedance-1-lite',
  canCancel: true,
  createProvider({ apiKey, baseURL, fetch }) {
    return createReplicate({ apiKey, baseURL, fetch });
  },
  createModel(modelId, connection) {
    return this.createProvider(connection).video(modelId);
  },
  async listModels() {
    return REPLICATE_VIDEO_MODEL_IDS.map((modelId) => ({
      provider: 'replicate' as const,
      modelId,
      capabilities: capabilitiesOf(this.createModel(modelId, { apiKey: 'unused', baseURL: undefined })),
    }));
  },
  async checkModel(modelId) {
    // Any Replicate model runs (`owner/name`, `owner/name:version`); the table lists the known ones.
    const known = /^(deployments\/)?[\w.-]+\/[\w.-]+$|^[\w.-]+\/[\w.-]+:[a-zA-Z0-9]+$|^[a-f0-9]{64}$/;
    if (!known.test(modelId)) {
      throw new CliError(
        `Unknown model "${modelId}" for replicate: a Replicate model looks like "owner/name", "owner/name:version" or "deployments/owner/name", e.g. "bytedance/seedance-1-lite". Run \`videogen models replicate\` for the known ones.`,
        EXIT_CODES.usage,
      );
    }
  },
};

export const PROVIDERS: Record<ProviderName, ProviderEntry> = {
  openai,
  google,
  fal,
  openrouter,
  xai,
  luma,
  kling,
  runway,
  bytedance,
  minimax,
  alibaba,
  replicate,
};

/** The entry for a provider name (`openai`) or provider id (`openai.video`). */
export function getProvider(name: string): ProviderEntry {
  const key = name.toLowerCase().replace(/\.video$/, '');
  if (Object.hasOwn(PROVIDERS, key)) return PROVIDERS[key as ProviderName];
  if (key === 'gemini') return PROVIDERS.google;
  throw new CliError(
    `Unknown provider "${name}". Use one of: ${PROVIDER_NAMES.join(', ')} (e.g. --model fal:fal-ai/veo3.1/fast).`,
    EXIT_CODES.usage,
  );
}

/** Parses `provider:modelId` (a bare provider name means its default model). */
export function parseModelSpec(spec: string): { provider: ProviderEntry; modelId: string } {
  const index = spec.indexOf(':');
  if (index === -1) {
    const provider = getProvider(spec);
    return { provider, modelId: provider.defaultModel };
  }
  const provider = getProvider(spec.slice(0, index));
  const modelId = spec.slice(index + 1).trim();
  if (modelId === '') return { provider, modelId: provider.defaultModel };
  return { provider, modelId };
}

/** The emulator's base URL for each provider. */
export function emulatorBaseURL(provider: ProviderName, baseURLs: EmulatorServerBaseURLs): string {
  return baseURLs[provider];
}

/** The API key for a provider from the environment, or a clear error naming the variable(s). */
export function loadKey(provider: ProviderEntry, env: Record<string, string | undefined>): string {
  for (const name of provider.apiKeyEnvironmentVariables) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  const names = provider.apiKeyEnvironmentVariables;
  const which = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
  throw new CliError(
    `Missing API key for ${provider.label}: set ${which} (or add --emulate to use the local emulator).`,
    EXIT_CODES.missingKey,
  );
}

function unknownModel(provider: ProviderName, modelId: string, known: string[]): CliError {
  const list = known.length > 0 ? ` Known models: ${known.join(', ')}.` : '';
  return new CliError(
    `Unknown model "${modelId}" for ${provider}.${list} Run \`videogen models ${provider}\` for details (a model the CLI does not know yet: add --no-model-check).`,
    EXIT_CODES.usage,
  );
}

export function capabilitiesOf(model: VideoModelV3): VideoModelV3Capabilities {
  const capabilities = model.capabilities;
  return capabilities && typeof capabilities !== 'function' ? capabilities : {};
}
