import type { SourceVideoOperation, VideoJob } from '@videogen/core';

/**
 * The JSON body the hook POSTs to the video route (`api`). One URL serves
 * all three actions, so a Next.js route is one file:
 *
 * - `{ action: 'generate', input }` → `text/event-stream` of `VideoEvent`s,
 *   starting with `job-created`;
 * - `{ action: 'resume', job }` → the same stream for a running job (its
 *   current status first);
 * - `{ action: 'cancel', job }` → `200 { cancelled: true }` once the
 *   provider accepted the cancel (`501` when its API cannot cancel).
 *
 * Errors before the stream starts are JSON `{ error: { name, message } }`
 * with a 4xx/5xx status. Videos that are not publicly fetchable are served
 * by `GET <api>?job=<job JSON>&index=<n>`.
 */
export type VideoRouteRequestBody<INPUT = VideoRouteInput> =
  | { action: 'generate'; input: INPUT }
  | { action: 'resume'; job: VideoJob }
  | { action: 'cancel'; job: VideoJob };

/**
 * What the default server route accepts from a browser as `input` (see
 * `parseVideoRouteInput` in `@videogen/react/server`). Everything else
 * (model, number of videos, provider options, polling) is decided on the
 * server, so a page cannot make the server spend more than it allows.
 */
export type VideoRouteInput = {
  /** The text prompt. */
  prompt: string;
  /** Aspect ratio `W:H`, or `'adaptive'` to follow the input image. */
  aspectRatio?: `${number}:${number}` | 'adaptive';
  /** Resolution `WxH` in pixels, e.g. `'1280x720'`. */
  resolution?: `${number}x${number}`;
  /** Duration in seconds. */
  duration?: number;
  /** Frames per second. */
  fps?: number;
  /** Seed (an integer, `0` included). */
  seed?: number;
  /** Generate audio with the video. */
  generateAudio?: boolean;
  /** A start image as a `data:` URL (other URLs are refused by the default parser). */
  image?: string;
  /**
   * A video to extend, edit, remix or restyle (core's `sourceVideo`): a job
   * this route started (the signed job from its events, so a page can only
   * work on its own videos) or a `data:` URL of a video file. Other URLs are
   * refused by the default parser.
   */
  sourceVideo?: VideoRouteSourceVideo;
};

/** The source video of a route input: a signed job of this route, or a video file as a `data:` URL. */
export type VideoRouteSourceVideo = {
  /** `'extend'`, `'edit'`, `'remix'` or `'video-to-video'`. */
  operation: SourceVideoOperation;
  /** A job this route started, as its events gave it (with its `routeSignature`). */
  job?: VideoJob;
  /** Which of the job's videos, 0-based. Default: 0. */
  index?: number;
  /** A video file as a `data:video/…;base64,` URL (instead of `job`). */
  video?: string;
};

/** The URL at which a video route serves video `index` of `job` (`GET <base>?job=…&index=…`). */
export function getVideoContentUrl(base: string, job: VideoJob, index: number): string {
  const separator = base.includes('?') ? '&' : '?';
  return `${base}${separator}job=${encodeURIComponent(JSON.stringify(job))}&index=${index}`;
}
