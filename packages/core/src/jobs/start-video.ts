import {
  InvalidArgumentError,
  UnsupportedFunctionalityError,
  type SharedV3ProviderMetadata,
  type SharedV3Warning,
  type VideoJob,
  type VideoModelV3ResponseMetadata,
} from '@videogen/provider-spec';
import { generateId } from '@ai-sdk/provider-utils';
import type { VideoCallSettings } from '../generate-video/generate-video-options';
import { prepareCallOptions } from '../generate-video/prepare-call';
import { resolveVideoModel } from '../model/as-video-model';
import { hasJobMethods, resolveMaxVideosPerCall, submitJob } from '../generate-video/run-video-calls';
import { VideoJobAbortedError } from '@videogen/provider-spec';
import type { VideoDownloadArgument } from '../download/normalize-download';

/** Options of {@link startVideo}: the call settings of `generateVideo`, for one job. */
export type StartVideoOptions = VideoCallSettings & {
  /** Videos in this job; at most the model's `maxVideosPerCall`. Default: 1. */
  n?: number;
  /** The provider calls this URL when the job ends (where the API takes one). Default: none. */
  webhookUrl?: string;
  /**
   * Makes a repeated submission harmless where the API takes one. Default: a
   * random key, reused across the retries of this submission.
   */
  idempotencyKey?: string;
  /**
   * Fetches a `sourceVideo` job's video that needs its provider's credentials, for a model
   * that takes the file (see `sourceVideo`). Default: `createDownload()`.
   */
  download?: VideoDownloadArgument;
};

/** What {@link startVideo} returns. */
export type StartVideoResult = {
  /** The job as plain JSON: store it, and finish it later (anywhere) with `waitForVideo`. */
  job: VideoJob;
  /** Options the provider could not honour. */
  warnings: SharedV3Warning[];
  /** Provider metadata of the submission. */
  providerMetadata: SharedV3ProviderMetadata | undefined;
  /** The submission's response. */
  response: VideoModelV3ResponseMetadata;
};

/**
 * Submits one job and returns at once with its JSON reference, without
 * waiting. The submission is retried only when the provider cannot have
 * accepted it (429, 503, connection refused), with one idempotency key.
 *
 * @example
 * const { job } = await startVideo({ model, prompt: 'A lighthouse at dusk' });
 * await db.save(JSON.stringify(job));
 */
export async function startVideo(options: StartVideoOptions): Promise<StartVideoResult> {
  const model = resolveVideoModel(options.model);
  if (model != null && !hasJobMethods(model)) {
    throw new UnsupportedFunctionalityError({
      functionality: 'startVideo',
      message: `${model.provider} model ${model.modelId} has no job methods (doStart/doStatus); use generateVideo instead.`,
    });
  }
  const { callOptions, capabilities } = await prepareCallOptions({ ...options, model });
  const n = options.n ?? 1;
  const maxPerCall = await resolveMaxVideosPerCall(model, undefined, capabilities?.maxVideosPerCall);
  if (n > maxPerCall) {
    throw new InvalidArgumentError({
      argument: 'n',
      message: `One job of ${model.provider} model ${model.modelId} makes at most ${maxPerCall} video(s); got n = ${n}. Start several jobs, or use generateVideo, which splits n.`,
    });
  }
  try {
    const start = await submitJob({
      model,
      options: {
        ...callOptions,
        n,
        headers: options.headers,
        ...(options.webhookUrl !== undefined ? { webhookUrl: options.webhookUrl } : {}),
        idempotencyKey: options.idempotencyKey ?? generateId(),
      },
      maxRetries: options.maxRetries,
      signal: options.abortSignal,
    });
    return {
      job: { specificationVersion: 'v3', provider: model.provider, modelId: model.modelId, operation: start.operation },
      warnings: start.warnings,
      providerMetadata: start.providerMetadata,
      response: start.response,
    };
  } catch (error) {
    if (options.abortSignal?.aborted && !VideoJobAbortedError.isInstance(error)) {
      throw new VideoJobAbortedError({ cause: options.abortSignal.reason });
    }
    throw error;
  }
}
