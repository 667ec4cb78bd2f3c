/** The default prefix of every Redis key of the queue (BullMQ's queues and the job hashes). */
export const DEFAULT_PREFIX = 'videogen';

/** The BullMQ queue of a provider's submissions (`submit.<provider>`). */
export function submitQueueName(provider: string): string {
  return `submit.${provider}`;
}

/** The BullMQ queue of a provider's status checks (`status.<provider>`). */
export function statusQueueName(provider: string): string {
  return `status.${provider}`;
}

/**
 * The BullMQ job id of a key. BullMQ refuses ids with `:` and ids that are
 * integers, and keys may be either: the key is base64url-encoded behind a letter.
 */
export function bullJobId(key: string): string {
  return `k${Buffer.from(key, 'utf8').toString('base64url')}`;
}

/** The provider name of a `'provider:model-id'` id (the registry's name, before the first `:`). */
export function providerOfModel(model: string): string {
  return model.slice(0, model.indexOf(':'));
}
