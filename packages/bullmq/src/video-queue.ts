import type { VideoModelProvider } from '@videogen/core';
import { InvalidArgumentError } from '@videogen/provider-spec';
import { type ConnectionOptions, Queue } from 'bullmq';
import { bullJobId, DEFAULT_PREFIX, providerOfModel, statusQueueName, submitQueueName } from './names';
import { type AddVideoJobOptions, validateAddOptions, type VideoJobInput } from './video-job-input';
import { toVideoJobStatus, type VideoJobStatus } from './video-job-status';
import { VideoJobStore } from './video-job-store';

/** Settings of {@link createVideoQueue}. */
export type VideoQueueSettings = {
  /** BullMQ's Redis connection (ioredis options or an instance), shared with the workers. */
  connection: ConnectionOptions;
  /** Prefix of every Redis key; the same as the workers'. Default: `'videogen'`. */
  prefix?: string;
  /**
   * The registry the workers use. With it, `add` checks the model id and
   * everything `startVideo` checks (durations, sizes, images, `n`) before
   * queueing; without it only the shape of the options is checked and a bad
   * value fails the job at submission (nothing is paid for either way).
   * Default: none.
   */
  registry?: VideoModelProvider;
};

/** What {@link VideoQueue.add} returns. */
export type AddVideoJobResult = {
  /** False when a job with this key existed already: nothing new was queued. */
  created: boolean;
  /** The job's status now. */
  status: VideoJobStatus;
};

/** Adds, reads and cancels video jobs; any process can hold one. */
export type VideoQueue = {
  /**
   * Queues one job under your idempotency key. Adding a key that exists
   * returns that job and queues nothing (whatever its state). Bad input is an
   * `InvalidArgumentError` and nothing is queued. Safe to retry after an error.
   */
  add(options: AddVideoJobOptions): Promise<AddVideoJobResult>;
  /** The job's status, or `undefined` for an unknown key. */
  get(key: string): Promise<VideoJobStatus | undefined>;
  /**
   * Cancels a job: a queued job at once (nothing is sent); a submitted job
   * at the provider where its API can (the worker does it on its next
   * activation, which is woken now). Returns the status after the request.
   */
  cancel(key: string): Promise<VideoJobStatus | undefined>;
  /** Closes the queue's Redis connections. */
  close(): Promise<void>;
};

/** Attempts BullMQ gives an activation that threw unexpectedly (Redis down …): ours never count. */
export const ACTIVATION_ATTEMPTS = 10;

/**
 * Creates the producer side: `add`, `get`, `cancel`. Jobs go to one BullMQ
 * queue per provider (`submit.<provider>`), which `createVideoWorker` serves.
 *
 * @example
 * const videos = createVideoQueue({ connection: { host: '127.0.0.1', port: 6379 }, registry });
 * await videos.add({ key: 'product-42', model: 'fal:fal-ai/veo3.1/fast', prompt: 'A red sneaker turning' });
 * const status = await videos.get('product-42');
 */
export function createVideoQueue(settings: VideoQueueSettings): VideoQueue {
  const { connection, registry } = settings;
  const prefix = settings.prefix ?? DEFAULT_PREFIX;
  const queues = new Map<string, Queue>();
  const queueFor = (name: string) => {
    let queue = queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection, prefix });
      queues.set(name, queue);
    }
    return queue;
  };
  // Any queue's connection serves the job hashes; one is kept for that.
  let storeQueue: Queue | undefined;
  const store = new VideoJobStore(() => {
    storeQueue ??= new Queue('store', { connection, prefix });
    return storeQueue.client;
  }, prefix);

  const get = async (key: string) => {
    const record = await store.read(key);
    return record ? toVideoJobStatus(record) : undefined;
  };

  return {
    async add(options) {
      const { input } = await validateAddOptions(options, registry);
      const { key, model, poll, followUp } = options;
      const now = Date.now();
      const created = await store.transition(key, {
        absent: true,
        set: {
          key,
          model,
          state: 'queued',
          createdAt: now,
          updatedAt: now,
          timeoutMs: poll?.timeoutMs,
          intervalMs: poll?.intervalMs,
          followUp: followUp ? JSON.stringify(followUp) : undefined,
        },
      });
      // Enqueue also when the record exists but is still queued: an earlier
      // add may have stopped between the two steps. BullMQ keeps one job per id.
      if (created.applied || created.state === 'queued') {
        await enqueueSubmission(queueFor(submitQueueName(providerOfModel(model))), key, input);
      }
      const status = await get(key);
      if (!status) throw new Error(`The video job "${key}" vanished from Redis right after it was added.`);
      return { created: created.applied, status };
    },

    get(key) {
      assertKey(key);
      return get(key);
    },

    async cancel(key) {
      assertKey(key);
      const record = await store.read(key);
      if (!record) return undefined;
      const provider = providerOfModel(record.model);
      const now = Date.now();
      const queued = await store.transition(key, { states: ['queued'], set: { state: 'cancelled', updatedAt: now } });
      if (queued.applied) {
        // Nothing was sent; the submission job (if a worker holds it, its claim now fails) goes away.
        await queueFor(submitQueueName(provider))
          .remove(bullJobId(key))
          .catch(() => undefined);
        return get(key);
      }
      const requested = await store.transition(key, {
        states: ['submitting', 'pending', 'in-doubt'],
        set: { cancelRequested: 1, updatedAt: now },
      });
      if (requested.applied) {
        // Wake the parked activation so the worker cancels now, not at its next check.
        for (const name of [statusQueueName(provider), submitQueueName(provider)]) {
          const job = await queueFor(name).getJob(bullJobId(key));
          if (job && (await job.isDelayed())) await job.promote().catch(() => undefined);
        }
      }
      return get(key);
    },

    async close() {
      await Promise.all([...queues.values(), ...(storeQueue ? [storeQueue] : [])].map((queue) => queue.close()));
    },
  };
}

/** Adds the submission job of a key (BullMQ ignores a second add of the same id while the first exists). */
export async function enqueueSubmission(queue: Queue, key: string, input: VideoJobInput | undefined): Promise<void> {
  await queue.add(
    'submit',
    { key, ...(input ? { input } : {}) },
    {
      jobId: bullJobId(key),
      attempts: ACTIVATION_ATTEMPTS,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: true,
      removeOnFail: true,
    },
  );
}

function assertKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0) {
    throw new InvalidArgumentError({ argument: 'key', message: 'key must be a non-empty string.' });
  }
}
