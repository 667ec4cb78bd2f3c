import {
  InvalidArgumentError,
  type VideoModelV3,
  type VideoModelV3CallOptions,
  type VideoModelV3Capabilities,
  type VideoModelV3DownloadOptions,
  type VideoModelV3GenerateResult,
  type VideoModelV3OperationOptions,
  type VideoModelV3StartOptions,
  type VideoModelV3StartResult,
  type VideoModelV3StatusResult,
} from '@videogen/provider-spec';
import { combineHeaders, type FetchFunction } from '@ai-sdk/provider-utils';
import {
  createJsonResponseHandler,
  fetchWithCredentials,
  generateVideoFromJob,
  parseProviderOptions,
  postJsonToApi,
} from '@videogen/provider-utils';
// `zod/v4/mini`: tree-shakable (see google-error.ts).
import * as z from 'zod/v4/mini';
import { googleFailedResponseHandler } from './google-error';
import { mapOperationToStatus } from './google-operation';
import {
  GOOGLE_DEFAULT_POLL_INTERVAL_MS,
  getGoogleVideoModelCapabilities,
  googleVideoModelOptionsSchema,
  toVideoModelV3Capabilities,
} from './google-video-model-options';
import { prepareVeoRequest } from './google-video-request';

/**
 * Veo model ids on Vertex AI (Gemini Enterprise Agent Platform). Open union.
 */
export type VertexVideoModelId =
  | 'veo-3.1-generate-001'
  | 'veo-3.1-fast-generate-001'
  | 'veo-3.1-lite-generate-001'
  | 'veo-3.1-generate-preview'
  | 'veo-3.1-fast-generate-preview'
  | 'veo-3.0-generate-001'
  | 'veo-3.0-fast-generate-001'
  | 'veo-2.0-generate-001'
  | (string & {});

/** Options of Veo on Vertex AI, under `providerOptions.vertex`. */
export const vertexVideoModelOptionsSchema = z.extend(googleVideoModelOptionsSchema, {
  /**
   * A `gs://` bucket path where Vertex writes the videos (`storageUri`).
   * Without it, Vertex returns the videos as bytes.
   */
  storageUri: z.optional(z.string().check(z.startsWith('gs://'))),
  /** `optimized` (default) or `lossless`. */
  compressionQuality: z.optional(z.enum(['optimized', 'lossless'])),
});

/** Options of Veo on Vertex AI, under `providerOptions.vertex`. */
export type VertexVideoModelOptions = z.infer<typeof vertexVideoModelOptionsSchema>;

/** The job reference of a Vertex Veo operation: its full name. */
export type VertexVideoOperation = { name: string };

/** Internal configuration of a Vertex Veo model. */
export type VertexConfig = {
  provider: string;
  /** `https://{location}-aiplatform.googleapis.com/v1/projects/{project}/locations/{location}/publishers/google`. */
  baseURL: () => string;
  /** Headers including `Authorization: Bearer <token>`, per request. */
  headers: () => Promise<Record<string, string | undefined>>;
  fetch?: FetchFunction;
  _internal?: { currentDate?: () => Date };
};

/** Origin that serves `gs://` objects; the OAuth token is sent there to download them. */
const STORAGE_ORIGIN = 'https://storage.googleapis.com';

/** Veo on Vertex AI (`vertex.video(modelId)`). */
export class VertexVideoModel implements VideoModelV3 {
  readonly specificationVersion = 'v3';
  /** Default time between status requests, for generateVideo and doGenerate alike. */
  readonly pollIntervalMs = GOOGLE_DEFAULT_POLL_INTERVAL_MS;

  constructor(
    readonly modelId: VertexVideoModelId,
    private readonly config: VertexConfig,
  ) {}

  get provider(): string {
    return this.config.provider;
  }

  get maxVideosPerCall(): number | undefined {
    return getGoogleVideoModelCapabilities(this.modelId)?.maxVideosPerCall;
  }

  /** As on the Gemini API, except that Vertex takes a seed. */
  get capabilities(): VideoModelV3Capabilities {
    // Built once: core reads them on every call.
    return (this.#capabilities ??= toVideoModelV3Capabilities(this.modelId, { seed: true }));
  }

  #capabilities: VideoModelV3Capabilities | undefined;

  private get currentDate(): Date {
    return this.config._internal?.currentDate?.() ?? new Date();
  }

  async doGenerate(options: VideoModelV3CallOptions): Promise<VideoModelV3GenerateResult> {
    const vertexOptions = await parseVertexOptions(options.providerOptions);
    return generateVideoFromJob({
      model: this,
      options,
      poll: {
        intervalMs: vertexOptions?.pollIntervalMs,
        timeoutMs: vertexOptions?.pollTimeoutMs,
      },
    });
  }

  async doStart(options: VideoModelV3StartOptions): Promise<VideoModelV3StartResult> {
    const vertexOptions = await parseVertexOptions(options.providerOptions);
    const { instance, parameters, warnings } = await prepareVeoRequest({
      modelId: this.modelId,
      options,
      providerOptions: vertexOptions,
      variant: 'vertex',
      providerKey: 'vertex',
      fetch: this.config.fetch,
    });
    if (vertexOptions?.storageUri !== undefined) parameters.storageUri = vertexOptions.storageUri;
    if (vertexOptions?.compressionQuality !== undefined) {
      parameters.compressionQuality = vertexOptions.compressionQuality;
    }
    if (options.webhookUrl !== undefined) {
      warnings.push({
        type: 'unsupported',
        feature: 'webhookUrl',
        details: 'Vertex AI takes no webhook URL for Veo (it notifies through Pub/Sub); the job is polled instead.',
      });
    }

    const { value, responseHeaders } = await postJsonToApi({
      url: `${this.config.baseURL()}/models/${this.modelId}:predictLongRunning`,
      headers: combineHeaders(await this.config.headers(), options.headers),
      body: { instances: [instance], parameters },
      failedResponseHandler: googleFailedResponseHandler,
      successfulResponseHandler: createJsonResponseHandler(z.object({ name: z.string() })),
      abortSignal: options.abortSignal,
      fetch: this.config.fetch,
    });
    const operation: VertexVideoOperation = { name: value.name };
    return {
      operation,
      warnings,
      providerMetadata: { vertex: { operationName: value.name } },
      response: { timestamp: this.currentDate, modelId: this.modelId, headers: responseHeaders },
    };
  }

  /** Polls with `POST …/models/{model}:fetchPredictOperation` `{ operationName }`. */
  async doStatus(options: VideoModelV3OperationOptions): Promise<VideoModelV3StatusResult> {
    const { name } = parseOperation(options.operation);
    // The operation name holds the model (…/models/{model}/operations/{id}); prefer it, so a resumed job polls the right model.
    const modelId = /\/models\/([^/]+)\/operations\//.exec(name)?.[1] ?? this.modelId;
    const { value, responseHeaders } = await postJsonToApi({
      url: `${this.config.baseURL()}/models/${modelId}:fetchPredictOperation`,
      headers: combineHeaders(await this.config.headers(), options.headers),
      body: { operationName: name },
      failedResponseHandler: googleFailedResponseHandler,
      successfulResponseHandler: createJsonResponseHandler(vertexOperationSchema),
      abortSignal: options.abortSignal,
      fetch: this.config.fetch,
    });
    return mapOperationToStatus({
      operation: value,
      name,
      response: { timestamp: this.currentDate, modelId: this.modelId, headers: responseHeaders },
      samples: value.response?.videos ?? [],
      filtered: value.response,
      providerKey: 'vertex',
    });
  }

  /**
   * Downloads a `gs://` video from Cloud Storage with the OAuth token, sent
   * only to `storage.googleapis.com` (redirects elsewhere go without it).
   */
  async doDownload(options: VideoModelV3DownloadOptions): Promise<Response> {
    const url = gcsUriToHttps(options.video.url);
    return fetchWithCredentials({
      url,
      credentialHeaders: await this.config.headers(),
      credentialOrigin: STORAGE_ORIGIN,
      headers: options.headers,
      allowPrivateNetwork: options.allowPrivateNetwork,
      abortSignal: options.abortSignal,
      fetch: this.config.fetch,
    });
  }

  // No doCancel: videogen implements no cancel for Vertex Veo operations (none in the reference).
}

/** `gs://bucket/path/to/file.mp4` → `https://storage.googleapis.com/bucket/path/to/file.mp4`. */
export function gcsUriToHttps(uri: string): string {
  const match = /^gs:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!match) return uri;
  const [, bucket, object] = match;
  return `${STORAGE_ORIGIN}/${encodeURIComponent(bucket)}/${object.split('/').map(encodeURIComponent).join('/')}`;
}

async function parseVertexOptions(providerOptions: VideoModelV3CallOptions['providerOptions']) {
  return parseProviderOptions({ provider: 'vertex', providerOptions, schema: vertexVideoModelOptionsSchema });
}

/** What a stored operation must look like (made once: building a schema costs more than using it). */
const storedVertexOperationSchema = z.object({ name: z.string().check(z.regex(/^projects\/[\w.\-/]+$/)) });

function parseOperation(operation: unknown): VertexVideoOperation {
  const parsed = storedVertexOperationSchema.safeParse(operation);
  if (!parsed.success || parsed.data.name.split('/').includes('..')) {
    throw new InvalidArgumentError({
      argument: 'operation',
      message: 'Not a Vertex Veo operation: expected { name: "projects/…/operations/{id}" }.',
    });
  }
  return { name: parsed.data.name };
}

const vertexOperationSchema = z.object({
  name: z.nullish(z.string()),
  done: z.nullish(z.boolean()),
  metadata: z.optional(z.unknown()),
  error: z.nullish(z.object({ code: z.nullish(z.union([z.number(), z.string()])), message: z.nullish(z.string()) })),
  response: z.nullish(
    z.object({
      videos: z.nullish(
        z.array(
          z.nullish(
            z.object({
              gcsUri: z.nullish(z.string()),
              bytesBase64Encoded: z.nullish(z.string()),
              mimeType: z.nullish(z.string()),
            }),
          ),
        ),
      ),
      raiMediaFilteredCount: z.nullish(z.number()),
      raiMediaFilteredReasons: z.nullish(z.array(z.string())),
    }),
  ),
});
