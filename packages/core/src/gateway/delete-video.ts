import { UnsupportedFunctionalityError, type VideoJob } from '@videogen/provider-spec';
import { assertJobOfModel } from '../jobs/assert-job';
import { resolveVideoModel, type VideoModelArgument } from '../model/as-video-model';

/** Options of {@link deleteVideo}. */
export type DeleteVideoOptions = {
  /** The model that made the job. */
  model: VideoModelArgument;
  /** The job (object or JSON string). Check that the caller may delete it first. */
  job: VideoJob | string;
  /** Aborts the request. */
  abortSignal?: AbortSignal;
  /** Extra HTTP headers. */
  headers?: Record<string, string | undefined>;
};

/**
 * Deletes a job and its stored video at the provider (`doDelete`). Deleting a
 * job that is already gone resolves.
 *
 * @throws UnsupportedFunctionalityError when the provider's API cannot delete.
 * @example
 * await deleteVideo({ model: openai.video('sora-2'), job });
 */
export async function deleteVideo({
  model: modelArgument,
  job: jobInput,
  abortSignal,
  headers,
}: DeleteVideoOptions): Promise<void> {
  const model = resolveVideoModel(modelArgument);
  if (typeof model.doDelete !== 'function') {
    throw new UnsupportedFunctionalityError({
      functionality: 'deleteVideo',
      message: `${model.provider} model ${model.modelId} cannot delete a job (its API has no delete, or the provider does not implement it).`,
    });
  }
  const job = assertJobOfModel(model, jobInput);
  await model.doDelete({ operation: job.operation, abortSignal, headers });
}
