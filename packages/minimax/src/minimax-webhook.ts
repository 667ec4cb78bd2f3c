import { WebhookVerificationError } from '@videogen/provider-spec';
import { addCallbackToken, verifyCallbackToken } from '@videogen/provider-utils';

/** The query parameter that carries the callback token. */
export const MINIMAX_WEBHOOK_TOKEN_PARAMETER = 'videogen_token';

/**
 * A MiniMax callback after verification: either the handshake MiniMax sends
 * when a task with `callback_url` is created (answer it with
 * `JSON.stringify(event.reply)` within 3 s), or a status change in the
 * query-answer shape (v1: `{ task_id, status, file_id, base_resp }` with
 * lower-case `processing` / `success` / `failed`; v2: the task object).
 */
export type MiniMaxWebhookEvent =
  | {
      type: 'challenge';
      /** The challenge string. */
      challenge: string;
      /** The body to answer with (HTTP 200, JSON). */
      reply: { challenge: string };
    }
  | {
      type: 'status';
      /** The task id (v1 `task_id`, v2 `task.id`), when present. */
      taskId: string | undefined;
      /** The status as MiniMax sent it, when present. */
      status: string | undefined;
      /** The parsed body. */
      payload: Record<string, unknown>;
    };

/** Options of {@link verifyMiniMaxWebhook}. */
export type VerifyMiniMaxWebhookOptions = {
  /** The raw request body, exactly as received. */
  body: string;
  /** The full URL the callback was delivered to (with its query), e.g. `request.url`. */
  url: string | URL;
  /** The secret given to {@link createMiniMaxWebhookUrl}. */
  secret: string;
};

/**
 * The callback URL to give MiniMax (`webhook.url` of `generateVideo`): `url`
 * with the secret as the `videogen_token` query parameter. MiniMax signs no
 * callback, so the unguessable token in the URL is what authenticates it;
 * use https, a long random secret, and keep the URL out of logs.
 */
export function createMiniMaxWebhookUrl({ url, secret }: { url: string | URL; secret: string }): string {
  return addCallbackToken({ url, secret, parameter: MINIMAX_WEBHOOK_TOKEN_PARAMETER });
}

/**
 * Verifies a MiniMax callback (v1 or v2 `callback_url`): MiniMax signs
 * nothing, so the request is authentic when the URL it arrived at carries
 * the secret token of {@link createMiniMaxWebhookUrl} (compared in constant
 * time). Returns the challenge handshake or the status change; throws
 * `WebhookVerificationError` (answer 401 and ignore the request) otherwise.
 * A status change is a hint: read the result with `doStatus` /
 * `getVideoStatus` (v1 bodies carry no download URL).
 */
export async function verifyMiniMaxWebhook({
  body,
  url,
  secret,
}: VerifyMiniMaxWebhookOptions): Promise<MiniMaxWebhookEvent> {
  verifyCallbackToken({ url, secret, parameter: MINIMAX_WEBHOOK_TOKEN_PARAMETER, provider: 'The MiniMax' });
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    throw new WebhookVerificationError({ reason: 'malformed', message: 'The MiniMax callback body is not JSON.' });
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new WebhookVerificationError({ reason: 'malformed', message: 'The MiniMax callback body is not an object.' });
  }
  const record = payload as Record<string, unknown>;
  if (typeof record.challenge === 'string') {
    return { type: 'challenge', challenge: record.challenge, reply: { challenge: record.challenge } };
  }
  const task = record.task && typeof record.task === 'object' ? (record.task as Record<string, unknown>) : undefined;
  const taskId = task?.id ?? record.task_id;
  const status = task?.status ?? record.status;
  return {
    type: 'status',
    taskId: typeof taskId === 'string' ? taskId : typeof taskId === 'number' ? String(taskId) : undefined,
    status: typeof status === 'string' ? status : undefined,
    payload: record,
  };
}
