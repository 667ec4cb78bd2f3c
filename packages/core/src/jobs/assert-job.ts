import { InvalidArgumentError, type VideoJob, type VideoModelV3 } from '@videogen/provider-spec';

/**
 * Reads a job (an object, or its JSON string, e.g. from a database or a
 * request) and checks its shape: `{ specificationVersion: 'v3', provider,
 * modelId, operation }`. Throws an InvalidArgumentError otherwise.
 */
export function parseVideoJob(input: unknown): VideoJob {
  let job: unknown = input;
  if (typeof input === 'string') {
    try {
      job = JSON.parse(input);
    } catch (cause) {
      throw new InvalidArgumentError({ argument: 'job', message: 'job is a string that is not valid JSON.', cause });
    }
  }
  if (
    typeof job !== 'object' ||
    job === null ||
    (job as VideoJob).specificationVersion !== 'v3' ||
    typeof (job as VideoJob).provider !== 'string' ||
    typeof (job as VideoJob).modelId !== 'string' ||
    !('operation' in job)
  ) {
    throw new InvalidArgumentError({
      argument: 'job',
      message:
        'job must be a video job: { specificationVersion: "v3", provider, modelId, operation } as startVideo returned it.',
    });
  }
  return job as VideoJob;
}

/**
 * Reads a job (an object, or its JSON string) and checks that it belongs to
 * the model: same spec version, provider id and model id.
 */
export function assertJobOfModel(
  model: Pick<VideoModelV3, 'provider' | 'modelId'>,
  input: VideoJob | string,
): VideoJob {
  const job = parseVideoJob(input);
  const { provider, modelId } = job;
  if (provider !== model.provider || modelId !== model.modelId) {
    throw new InvalidArgumentError({
      argument: 'job',
      message:
        `The job belongs to ${provider} model ${modelId}, but the model given is ${model.provider} model ${model.modelId}. ` +
        'Pass the model that started the job.',
    });
  }
  return job;
}
