import { WebhookVerificationError, type VideoJob } from '@videogen/provider-spec';
import { loadSetting } from '@ai-sdk/provider-utils';
import { verifyStandardWebhook, type VerifyStandardWebhookOptions } from '@videogen/provider-utils';
import type { OpenAIVideoOperation } from './openai-operation';
import type { OpenAIVideoModelId } from './openai-video-model-options';

/**
 * An OpenAI webhook event. The video events are `video.completed` and
 * `video.failed`; their `data.id` is the video (job) id. Other OpenAI events
 * (responses, batches …) arrive on the same endpoint with other `data`.
 */
export type OpenAIWebhookEvent = {
  /** Event id, `evt_…`. */
  id: string;
  object: 'event';
  /** Unix seconds. */
  created_at: number;
  type: 'video.completed' | 'video.failed' | (string & {});
  data: { id: string; [key: string]: unknown };
};

/** A `video.completed` or `video.failed` event. */
export type OpenAIVideoWebhookEvent = OpenAIWebhookEvent & { type: 'video.completed' | 'video.failed' };

/** Options of {@link verifyOpenAIWebhook}. */
export type VerifyOpenAIWebhookOptions = Omit<VerifyStandardWebhookOptions, 'secret'> & {
  /**
   * The endpoint's signing secret (`whsec_…`). Default: the
   * `OPENAI_WEBHOOK_SECRET` environment variable.
   */
  secret?: string;
};

/**
 * Verifies an OpenAI webhook delivery (Standard Webhooks: `webhook-id`,
 * `webhook-timestamp`, `webhook-signature`, HMAC-SHA256, 300 s replay
 * window) and returns the event. Pass the raw body exactly as received.
 * Throws `WebhookVerificationError` (answer 400/401 and ignore it).
 *
 * OpenAI configures webhooks per project in its dashboard; the events carry
 * only the video id, so fetch the result with `getVideoStatus` /
 * `waitForVideo` and the job from {@link getOpenAIWebhookJob}.
 */
export async function verifyOpenAIWebhook(options: VerifyOpenAIWebhookOptions): Promise<OpenAIWebhookEvent> {
  const secret = loadSetting({
    settingValue: options.secret,
    environmentVariableName: 'OPENAI_WEBHOOK_SECRET',
    settingName: 'secret',
    description: 'OpenAI webhook secret',
  });
  const event = await verifyStandardWebhook<unknown>({ ...options, secret });
  if (!isOpenAIWebhookEvent(event)) {
    throw new WebhookVerificationError({
      reason: 'malformed',
      message: 'the body is not an OpenAI event ({ id, object: "event", type, data: { id } }).',
    });
  }
  return event;
}

/** Whether an event is `video.completed` or `video.failed`. */
export function isOpenAIVideoWebhookEvent(event: OpenAIWebhookEvent): event is OpenAIVideoWebhookEvent {
  return event.type === 'video.completed' || event.type === 'video.failed';
}

/**
 * The job a video event is about, to pass to `getVideoStatus` /
 * `waitForVideo` (or its `operation` to a model's `doStatus`). `undefined`
 * for events that are not about a video. The event does not name the model;
 * `modelId` (default `'sora-2'`) only labels the job.
 */
export function getOpenAIWebhookJob(
  event: OpenAIWebhookEvent,
  { modelId = 'sora-2' }: { modelId?: OpenAIVideoModelId } = {},
): VideoJob | undefined {
  if (!isOpenAIVideoWebhookEvent(event)) return undefined;
  const operation: OpenAIVideoOperation = { videoId: event.data.id };
  return { specificationVersion: 'v3', provider: 'openai.video', modelId, operation };
}

/**
 * How the job of a video event ended: `video.completed` is `'completed'`,
 * `video.failed` is `'failed'`; `undefined` for events that are not about a
 * video. The event carries no video or reason: read them with
 * `getVideoStatus` (or `doStatus`) on {@link getOpenAIWebhookJob}'s job.
 */
export function getOpenAIWebhookStatus(event: OpenAIWebhookEvent): 'completed' | 'failed' | undefined {
  if (event.type === 'video.completed') return 'completed';
  if (event.type === 'video.failed') return 'failed';
  return undefined;
}

function isOpenAIWebhookEvent(value: unknown): value is OpenAIWebhookEvent {
  if (typeof value !== 'object' || value === null) return false;
  const event = value as Record<string, unknown>;
  const data = event.data as Record<string, unknown> | null | undefined;
  return (
    typeof event.id === 'string' &&
    typeof event.type === 'string' &&
    typeof data === 'object' &&
    data !== null &&
    typeof data.id === 'string'
  );
}
