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
import { combineHeaders } from '@ai-sdk/provider-utils';
import {
  createJsonResponseHandler,
  fetchWithCredentials,
  generateVideoFromJob,
  getFromApi,
  parseProviderOptions,
  postJsonToApi,
} from '@videogen/provider-utils';
// `zod/v4/mini`: tree-shakable (see google-error.ts).
import * as z from 'zod/v4/mini';
import type { GoogleConfig } from './google-config';
import { googleFailedResponseHandler } from './google-error';
import {
  GOOGLE_DEFAULT_POLL_INTERVAL_MS,
  getGoogleVideoModelCapabilities,
  toVideoModelV3Capabilities,
  googleGeminiVideoModelOptionsSchema,
  type GoogleVideoModelId,
} from './google-video-model-options';
import { mapOperationToStatus } from './google-operation';
import { prepareVeoRequest } from './google-video-request';

/**
 * The job reference of a Veo operation on the Gemini API: the operation's
 * `name` (`models/{model}/operations/{id}`). Plain JSON; never holds the key.
 */
export type GoogleVideoOperation = { name: string };

/** Veo on the Gemini API (`google.video(modelId)`). */
export class GoogleVideoModel implements VideoModelV3 {
  readonly specificationVersion = 'v3';
  /** Default time between status requests, for generateVideo and doGenerate alike. */
  readonly pollIntervalMs = GOOGLE_DEFAULT_POLL_INTERVAL_MS;

  constructor(
    readonly modelId: GoogleVideoModelId,
    private readonly config: GoogleConfig,
  ) {}

  get provider(): string {
    return this.config.provider;
  }

  /** Veo 3.x makes 1 video per request, Veo 2 up to 2 (`sampleCount`). */
  get maxVideosPerCall(): number | undefined {
    return getGoogleVideoModelCapabilities(this.modelId)?.maxVideosPerCall;
  }

  /** What this model accepts (`undefined` fields: unknown). See the capability table in the README. */
  get capabilities(): VideoModelV3Capabilities {
    // Built once: core reads them on every call.
    return (this.#capabilities ??= toVideoModelV3Capabilities(this.modelId, { seed: false }));
  }

  #capabilities: VideoModelV3Capabilities | undefined;

  private get currentDate(): Date {
    return this.config._internal?.currentDate?.() ?? new Date();
  }

  private get origin(): string {
    return new URL(this.config.baseURL).origin;
  }

  async doGenerate(options: VideoModelV3CallOptions): Promise<VideoModelV3GenerateResult> {
    const googleOptions = await parseGoogleOptions(options.providerOptions);
    return generateVideoFromJob({
      model: this,
      options,
      poll: {
        intervalMs: googleOptions?.pollIntervalMs,
        timeoutMs: googleOptions?.pollTimeoutMs,
      },
    });
  }

  async doStart(options: VideoModelV3StartOptions): Promise<VideoModelV3StartResult> {
    const googleOptions = await parseGoogleOptions(options.providerOptions);
    const { instance, parameters, warnings } = await prepareVeoRequest({
      modelId: this.modelId,
      options,
      providerOptions: googleOptions,
      variant: 'gemini',
      providerKey: 'google',
      fileOrigin: this.origin,
      fetch: this.config.fetch,
    });

    const body: Record<string, unknown> = { instances: [instance], parameters };
    if (options.webhookUrl !== undefined) {
      body.webhookConfig = {
        uris: [options.webhookUrl],
        ...(googleOptions?.webhookUserMetadata !== undefined
          ? { userMetadata: googleOptions.webhookUserMetadata }
          : {}),
      };
    } else if (googleOptions?.webhookUserMetadata !== undefined) {
      warnings.push({
        type: 'unsupported',
        feature: 'providerOptions.google.webhookUserMetadata',
        details: 'webhookUserMetadata is sent only with a webhook URL.',
      });
    }

    const { value, responseHeaders } = await postJsonToApi({
      url: `${this.config.baseURL}/models/${this.modelId}:predictLongRunning`,
      headers: combineHeaders(await this.config.headers(), options.headers),
      body,
      failedResponseHandler: googleFailedResponseHandler,
      successfulResponseHandler: createJsonResponseHandler(operationSchema),
      abortSignal: options.abortSignal,
      fetch: this.config.fetch,
    });

    const operation: GoogleVideoOperation = { name: value.name };
    return {
      operation,
      warnings,
      providerMetadata: { google: { operationName: value.name } },
      response: { timestamp: this.currentDate, modelId: this.modelId, headers: responseHeaders },
    };
  }

  async doStatus(options: VideoModelV3OperationOptions): Promise<VideoModelV3StatusResult> {
    const { name } = parseOperation(options.operation);
    const { value, responseHeaders } = await getFromApi({
      url: `${this.config.baseURL}/${name}`,
      headers: combineHeaders(await this.config.headers(), options.headers),
      failedResponseHandler: googleFailedResponseHandler,
      successfulResponseHandler: createJsonResponseHandler(operationSchema),
      abortSignal: options.abortSignal,
      fetch: this.config.fetch,
    });
    const response = { timestamp: this.currentDate, modelId: this.modelId, headers: responseHeaders };
    return mapOperationToStatus({
      operation: value,
      name,
      response,
      samples: (value.response?.generateVideoResponse?.generatedSamples ?? []).map((sample) => sample?.video),
      filtered: value.response?.generateVideoResponse,
      providerKey: 'google',
    });
  }

  /**
   * Fetches a video with the key in `x-goog-api-key`, sent only to the API's
   * own origin; Google's redirect to storage is followed without it. The key
   * is never put into a URL.
   */
  async doDownload(options: VideoModelV3DownloadOptions): Promise<Response> {
    return fetchWithCredentials({
      url: options.video.url,
      credentialHeaders: await this.config.headers(),
      credentialOrigin: this.origin,
      headers: options.headers,
      allowPrivateNetwork: options.allowPrivateNetwork,
      abortSignal: options.abortSignal,
      fetch: this.config.fetch,
    });
  }

  // No doCancel: the Gemini API has no cancel for Veo operations (the SDK exposes none).
}

async function parseGoogleOptions(providerOptions: VideoModelV3CallOptions['providerOptions']) {
  return parseProviderOptions({
    provider: 'google',
    providerOptions,
    schema: googleGeminiVideoModelOptionsSchema,
  });
}

/** What a stored operation must look like (made once: building a schema costs more than using it). */
const googleOperationSchema = z.object({ name: z.string().check(z.regex(/^[\w.\-/]+$/)) });

function parseOperation(operation: unknown): GoogleVideoOperation {
  const parsed = googleOperationSchema.safeParse(operation);
  if (!parsed.success || parsed.data.name.split('/').includes('..')) {
    throw new InvalidArgumentError({
      argument: 'operation',
      message: 'Not a Google Veo operation: expected { name: "models/{model}/operations/{id}" }.',
    });
  }
  return { name: parsed.data.name };
}

const sampleVideoSchema = z.nullish(
  z.object({
    uri: z.nullish(z.string()),
    video: z.nullish(z.string()),
    encodedVideo: z.nullish(z.string()),
    encoding: z.nullish(z.string()),
    mimeType: z.nullish(z.string()),
  }),
);

/** A `google.longrunning.Operation` as the Gemini API returns it (only the fields read). */
export const operationSchema = z.object({
  name: z.string(),
  done: z.nullish(z.boolean()),
  metadata: z.optional(z.unknown()),
  error: z.nullish(
    z.object({
      code: z.nullish(z.union([z.number(), z.string()])),
      message: z.nullish(z.string()),
    }),
  ),
  response: z.nullish(
    z.object({
      generateVideoResponse: z.nullish(
        z.object({
          generatedSamples: z.nullish(z.array(z.nullish(z.object({ video: sampleVideoSchema })))),
          raiMediaFilteredCount: z.nullish(z.number()),
          raiMediaFilteredReasons: z.nullish(z.array(z.string())),
        }),
      ),
    }),
  ),
});
