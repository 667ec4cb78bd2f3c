import { UnsupportedFunctionalityError, type VideoJob, type VideoModelV3 } from '@videogen/provider-spec';
import { assertJobOfModel } from './assert-job';

/**
 * Cancels a job at the provider. Throws UnsupportedFunctionalityError when
 * the model (its API) cannot cancel; the job then runs to its end.
 *
 * @example
 * await cancelVideo({ model, job });
 */
export async function cancelVideo({
  model,
  job: jobInput,
  abortSignal,
  headers,
}: {
  /** The model that started the job. */
  model: VideoModelV3;
  /** The job, as an object or its JSON string. */
  job: VideoJob | string;
  /** Aborts the cancel request. */
  abortSignal?: AbortSignal;
  /** Extra HTTP headers. */
  headers?: Record<string, string | undefined>;
}): Promise<void> {
  if (typeof model.doCancel !== 'function') {
    throw new UnsupportedFunctionalityError({
      functionality: 'cancelVideo',
      message: `${model.provider} model ${model.modelId} cannot cancel a job (its API has no cancel); the job runs to its end.`,
    });
  }
  const job = assertJobOfModel(model, jobInput);
  await model.doCancel({ operation: job.operation, abortSignal, headers });
}
