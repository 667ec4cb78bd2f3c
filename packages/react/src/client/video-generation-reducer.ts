import type { VideoJob } from '@videogen/core';
import type { VideoGenerationError } from '../video-generation-error';
import type { VideoGenerationState, VideoStatusEvent } from './video-generation-types';

/** The state before anything ran, and after `reset()`. */
export const INITIAL_VIDEO_GENERATION_STATE: VideoGenerationState<never> = Object.freeze({
  status: 'idle',
  job: undefined,
  progress: undefined,
  queuePosition: undefined,
  providerStatus: undefined,
  result: undefined,
  error: undefined,
});

/** What happened to a generation; {@link reduceVideoGenerationState} turns it into the next state. */
export type VideoGenerationAction<RESULT> =
  /** A generate or resume started (`job` for a resume). */
  | { type: 'start'; job: VideoJob | undefined }
  /** The route created the generation's first job. */
  | { type: 'job-created'; job: VideoJob }
  | { type: 'status'; event: VideoStatusEvent }
  /** `live`: the result came from the event stream (then progress ends at 100). */
  | { type: 'success'; result: RESULT & { job: VideoJob | undefined }; live: boolean }
  | { type: 'failure'; error: VideoGenerationError; job: VideoJob | undefined }
  /** Stopped listening (`stop()`, or a `cancel()` under way). */
  | { type: 'stop' }
  /** The provider confirmed the cancel of `job` while nothing else ran. */
  | { type: 'cancelled'; job: VideoJob }
  /** A cancel failed while nothing else ran. */
  | { type: 'cancel-failed'; error: VideoGenerationError }
  | { type: 'reset' };

/** The pure state transitions of a generation. */
export function reduceVideoGenerationState<RESULT>(
  state: VideoGenerationState<RESULT>,
  action: VideoGenerationAction<RESULT>,
): VideoGenerationState<RESULT> {
  switch (action.type) {
    case 'start':
      return { ...INITIAL_VIDEO_GENERATION_STATE, status: 'generating', job: action.job };
    case 'job-created':
      return { ...state, job: action.job };
    case 'status':
      return {
        ...state,
        progress: action.event.progress ?? state.progress,
        queuePosition: action.event.queuePosition,
        providerStatus: action.event.providerStatus ?? state.providerStatus,
      };
    case 'success':
      return {
        ...state,
        status: 'success',
        result: action.result,
        job: action.result.job ?? state.job,
        progress: action.live ? 100 : state.progress,
        queuePosition: undefined,
      };
    case 'failure':
      return { ...state, status: 'error', error: action.error, job: action.job ?? state.job };
    case 'stop':
      return state.status === 'idle' ? state : { ...state, status: 'idle' };
    case 'cancelled':
      return sameJob(state.job, action.job) ? INITIAL_VIDEO_GENERATION_STATE : state;
    case 'cancel-failed':
      return { ...state, status: 'error', error: action.error };
    case 'reset':
      return INITIAL_VIDEO_GENERATION_STATE;
  }
}

export function sameJob(a: VideoJob | undefined, b: VideoJob | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b));
}
