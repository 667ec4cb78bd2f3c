import type {
  VideoModelV3,
  VideoModelV3Capabilities,
  VideoModelV3CallOptions,
  VideoModelV3DownloadOptions,
  VideoModelV3GenerateResult,
  VideoModelV3OperationOptions,
  VideoModelV3StartOptions,
  VideoModelV3StartResult,
  VideoModelV3StatusResult,
} from '@videogen/provider-spec';

function notImplemented(): never {
  throw new Error('Not implemented');
}

/**
 * A scriptable `VideoModelV3` for tests. Every method you do not pass
 * throws "Not implemented"; pass `undefined` explicitly (e.g.
 * `doStart: undefined`) to model a provider without job methods.
 */
export class MockVideoModelV3 implements VideoModelV3 {
  readonly specificationVersion = 'v3' as const;
  readonly provider: string;
  readonly modelId: string;
  readonly maxVideosPerCall: VideoModelV3['maxVideosPerCall'];
  readonly capabilities: VideoModelV3Capabilities | undefined;

  doGenerate: (options: VideoModelV3CallOptions) => PromiseLike<VideoModelV3GenerateResult>;
  doStart?: (options: VideoModelV3StartOptions) => PromiseLike<VideoModelV3StartResult>;
  doStatus?: (options: VideoModelV3OperationOptions) => PromiseLike<VideoModelV3StatusResult>;
  doWatch?: (options: VideoModelV3OperationOptions) => AsyncIterable<VideoModelV3StatusResult>;
  doCancel?: (options: VideoModelV3OperationOptions) => PromiseLike<void>;
  doDownload?: (options: VideoModelV3DownloadOptions) => PromiseLike<Response>;

  constructor(
    settings: {
      provider?: string;
      modelId?: string;
      maxVideosPerCall?: VideoModelV3['maxVideosPerCall'];
      capabilities?: VideoModelV3Capabilities;
      doGenerate?: MockVideoModelV3['doGenerate'];
      doStart?: MockVideoModelV3['doStart'];
      doStatus?: MockVideoModelV3['doStatus'];
      doWatch?: MockVideoModelV3['doWatch'];
      doCancel?: MockVideoModelV3['doCancel'];
      doDownload?: MockVideoModelV3['doDownload'];
    } = {},
  ) {
    this.provider = settings.provider ?? 'mock-provider';
    this.modelId = settings.modelId ?? 'mock-model-id';
    this.maxVideosPerCall = 'maxVideosPerCall' in settings ? settings.maxVideosPerCall : 1;
    this.capabilities = settings.capabilities;
    this.doGenerate = settings.doGenerate ?? notImplemented;
    // Job methods exist only when given, so that "no doStart" can be modelled.
    if ('doStart' in settings) this.doStart = settings.doStart;
    if ('doStatus' in settings) this.doStatus = settings.doStatus;
    if ('doWatch' in settings) this.doWatch = settings.doWatch;
    if ('doCancel' in settings) this.doCancel = settings.doCancel;
    if ('doDownload' in settings) this.doDownload = settings.doDownload;
  }
}
