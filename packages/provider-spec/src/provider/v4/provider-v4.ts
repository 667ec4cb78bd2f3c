import type { VideoModelV4 } from '../../video-model/v4/video-model-v4';

/**
 * A provider of video models, specification version 4.
 */
export type VideoProviderV4 = {
  /** The spec version. */
  readonly specificationVersion?: 'v4';
  /**
   * Returns the video model with the given id.
   * @throws NoSuchModelError when the provider knows it has no such model.
   */
  videoModel(modelId: string): VideoModelV4;
};
