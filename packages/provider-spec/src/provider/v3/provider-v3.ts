import type { VideoModelV3 } from '../../video-model/v3/video-model-v3';

/**
 * A provider of video models, specification version 3.
 */
export type VideoProviderV3 = {
  /** The spec version. */
  readonly specificationVersion?: 'v3';
  /**
   * Returns the video model with the given id.
   * @throws NoSuchModelError when the provider knows it has no such model.
   */
  videoModel(modelId: string): VideoModelV3;
};
