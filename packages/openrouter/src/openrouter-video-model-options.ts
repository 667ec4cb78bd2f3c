import * as z from 'zod/v4/mini';

/**
 * OpenRouter video model ids. The named ones are examples taken from
 * OpenRouter's `GET /videos/models` listing in 2026 (they change often): any
 * id that OpenRouter lists works, and `openrouter.videoModels()` returns the
 * live list with each model's capabilities.
 */
export type OpenRouterVideoModelId =
  | 'google/veo-3.1'
  | 'google/veo-3.1-fast'
  | 'google/veo-3.1-lite'
  | 'bytedance/seedance-2.0'
  | 'bytedance/seedance-2.0-fast'
  | 'bytedance/seedance-1-5-pro'
  | 'kwaivgi/kling-v3.0-pro'
  | 'kwaivgi/kling-v3.0-std'
  | 'kwaivgi/kling-video-o1'
  | 'alibaba/wan-2.7'
  | 'alibaba/wan-2.6'
  | 'minimax/hailuo-2.3'
  | 'openai/sora-2-pro'
  | (string & {});

/**
 * Default time between two status requests, for `generateVideo` and
 * `doGenerate` alike (the model's `pollIntervalMs`): 10 s, the short end of
 * OpenRouter's guidance to poll "every 10–30 seconds"
 * (https://openrouter.ai/docs/api/api-reference/videos).
 */
export const OPENROUTER_DEFAULT_POLL_INTERVAL_MS = 10_000;

/**
 * OpenRouter's resolution names (`resolution` on the wire) that a call's
 * `WxH` resolution maps to by its short side when the model lists none:
 * `1280x720` → `'720p'`, `2560x1440` → `'2K'`. `'1K'` is left out, since
 * its size is ambiguous (pass it as `providerOptions.openrouter.resolution`).
 */
export const OPENROUTER_RESOLUTION_NAMES: readonly string[] = ['360p', '480p', '720p', '768p', '1080p', '2K', '4K'];

/**
 * Provider options of OpenRouter video models, given as
 * `providerOptions: { openrouter: { … } }`. Unknown keys are rejected.
 */
export const openrouterVideoModelOptionsSchema = z.strictObject({
  /**
   * Options for the upstream providers, sent as `provider: { options: { <slug>: {…} } }`
   * and keyed by provider slug (`google-vertex`, `bytedance`, `minimax` …).
   * OpenRouter forwards only the options of the provider that serves the
   * job. The object under each slug is passed as given: OpenRouter's SDK
   * leaves it free-form, and OpenRouter's own guide nests the keys under
   * `parameters` (`{ 'google-vertex': { parameters: { negativePrompt: 'blur' } } }`);
   * both forms are accepted. The keys a model accepts are its
   * `allowedPassthroughParameters` in `openrouter.videoModels()`.
   */
  provider: z.optional(
    z.strictObject({
      options: z.record(z.string(), z.record(z.string(), z.unknown())),
    }),
  ),
  /**
   * Edits or extends a completed job of the same model (`previous_job_id`).
   * OpenRouter answers 400 for a different model and 409 for a job that
   * has not completed. The provider-neutral way is the call option
   * `sourceVideo: { operation: 'extend' | 'edit', job }`; giving both is an
   * InvalidArgumentError.
   */
  previousJobId: z.optional(z.string().check(z.minLength(1))),
  /**
   * HTTPS URL OpenRouter calls when the job ends (`callback_url`). Overrides
   * the `webhookUrl` of the call and the workspace default.
   */
  callbackUrl: z.optional(z.url()),
  /**
   * OpenRouter's resolution name, sent as `resolution` as given, e.g.
   * `'720p'`, `'1080p'`, `'1K'`, `'2K'`, `'4K'`. Takes precedence over the
   * call's `resolution` (a `WxH` size).
   */
  resolution: z.optional(z.string().check(z.minLength(1))),
  /**
   * Size as `WIDTHxHEIGHT`, sent as `size` as given (instead of
   * `resolution` + `aspect_ratio`). Takes precedence over the call's
   * `resolution`.
   */
  size: z.optional(z.string().check(z.regex(/^\d+x\d+$/, 'size must be WIDTHxHEIGHT, e.g. 1280x720'))),
  /** Creativity of upscaling models (`creativity`). */
  creativity: z.optional(z.number()),
  /** Upscale factor of upscaling models (`upscale_factor`). */
  upscaleFactor: z.optional(z.number().check(z.positive())),
  /** Groups requests into a session in OpenRouter's observability (`session_id`). Never sent upstream. */
  sessionId: z.optional(z.string().check(z.minLength(1))),
  /** Your end user's id, for OpenRouter's observability and abuse checks (`user`). Never sent upstream. */
  user: z.optional(z.string().check(z.minLength(1))),
  /**
   * Validate the call against the model's entry in `GET /videos/models`
   * before submitting (durations, resolutions, sizes, aspect ratios, frame
   * roles, audio). Default: `true`. With `false` the listing is not fetched
   * and OpenRouter validates on submission; the call's `resolution` is then
   * always sent as `resolution` + `aspect_ratio` where it maps to a name.
   */
  validateCapabilities: z.optional(z.boolean()),
  /**
   * Time between status requests of `doGenerate`, in ms. Default: the
   * model's `pollIntervalMs` (10000, OpenRouter's guidance). `generateVideo`
   * takes its own `poll.intervalMs`.
   */
  pollIntervalMs: z.optional(z.number().check(z.positive())),
  /** Longest wait of `doGenerate` for the job, in ms. Default: 30 minutes. */
  pollTimeoutMs: z.optional(z.number().check(z.positive())),
});

/** Provider options of OpenRouter video models (`providerOptions.openrouter`). */
export type OpenRouterVideoModelOptions = z.infer<typeof openrouterVideoModelOptionsSchema>;
