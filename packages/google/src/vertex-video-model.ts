import type {
  VideoModelV3CallOptions,
  VideoModelV3Capabilities,
  VideoModelV3DownloadOptions,
  VideoModelV3OperationOptions,
  VideoModelV3StartOptions,
  VideoModelV3StartResult,
  VideoModelV3StatusResult,
} from '@videogen/provider-spec';
import { fetchWithCredentials, parseProviderOptions } from '@videogen/provider-utils';
import type { VertexConfig } from './google-config';
import { mapVertexOperation, parseVertexOperation, vertexOperationSchema } from './google-operation';
import {
  toVideoModelV3Capabilities,
  VERTEX_INPUT_URL_SCHEMES,
  vertexVideoModelOptionsSchema,
  type VertexVideoModelId,
} from './google-video-model-options';
import { prepareVeoRequest } from './google-video-request';
import { VeoVideoModel } from './google-video-model';

/** Origin that serves `gs://` objects; the OAuth token is sent there to download them. */
const STORAGE_ORIGIN = 'https://storage.googleapis.com';

/** Veo on Vertex AI (`vertex.video(modelId)`). */
export class VertexVideoModel extends VeoVideoModel<VertexConfig> {
  declare readonly modelId: VertexVideoModelId;

  /** As on the Gemini API, except that Vertex takes a seed and `gs://` inputs. */
  get capabilities(): VideoModelV3Capabilities {
    // Built once: core reads them on every call.
    return (this.#capabilities ??= toVideoModelV3Capabilities(this.modelId, {
      seed: true,
      inputUrlSchemes: VERTEX_INPUT_URL_SCHEMES,
    }));
  }

  #capabilities: VideoModelV3Capabilities | undefined;

  protected parseOptions(providerOptions: VideoModelV3CallOptions['providerOptions']) {
    return parseProviderOptions({ provider: 'vertex', providerOptions, schema: vertexVideoModelOptionsSchema });
  }

  protected parseOperation(operation: unknown) {
    return parseVertexOperation(operation);
  }

  async doStart(options: VideoModelV3StartOptions): Promise<VideoModelV3StartResult> {
    const providerOptions = await this.parseOptions(options.providerOptions);
    const request = await prepareVeoRequest({
      model: this,
      options,
      providerOptions,
      variant: 'vertex',
      readFile: this.inputReader(options, providerOptions),
      readSourceJob: this.sourceJobReader(options, 'vertex'),
    });
    return this.submit(
      `${this.config.baseURL()}/models/${this.modelId}:predictLongRunning`,
      request,
      options,
      'vertex',
    );
  }

  /** Polls with `POST …/models/{model}:fetchPredictOperation` `{ operationName }`. */
  async doStatus(options: VideoModelV3OperationOptions): Promise<VideoModelV3StatusResult> {
    const { name } = parseVertexOperation(options.operation);
    // The operation name holds the model (…/models/{model}/operations/{id}); prefer it, so a resumed job polls the right model.
    const modelId = /\/models\/([^/]+)\/operations\//.exec(name)?.[1] ?? this.modelId;
    const { value, responseHeaders } = await this.callApi(
      `${this.config.baseURL()}/models/${modelId}:fetchPredictOperation`,
      {
        body: { operationName: name },
        schema: vertexOperationSchema,
        headers: options.headers,
        abortSignal: options.abortSignal,
      },
    );
    return mapVertexOperation(value, { name, response: this.response(responseHeaders) });
  }

  /**
   * Downloads a `gs://` video from Cloud Storage with the OAuth token, sent
   * only to `storage.googleapis.com` (redirects elsewhere go without it).
   */
  async doDownload(options: VideoModelV3DownloadOptions): Promise<Response> {
    return fetchWithCredentials({
      url: gcsUriToHttps(options.video.url),
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
