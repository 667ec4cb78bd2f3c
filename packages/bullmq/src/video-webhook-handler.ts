import { type VideoJob, WebhookVerificationError } from '@videogen/provider-spec';
import { type ConnectionOptions, Queue } from 'bullmq';
import { bullJobId, DEFAULT_PREFIX, statusQueueName, submitQueueName } from './names';
import { DEFAULT_POLL_TIMEOUT_MS } from './video-worker';
import { VideoJobStore } from './video-job-store';

/** What a provider's webhook says, once verified: the job it is about and, when it says so, how it ended. */
export type VideoWebhookJob = {
  /** The job the delivery is about (its `operation` may hold fewer fields than the stored one). */
  job: VideoJob;
  /** How the job ended, when the delivery says so. The worker still asks the provider for the result. */
  status?: 'completed' | 'failed';
};

/**
 * Verifies one delivery (the provider's signature) and turns it into its job.
 * Throws a `WebhookVerificationError` when the signature does not hold;
 * returns `undefined` for deliveries that are not about a video job.
 * Read the body with `request.text()` or `request.arrayBuffer()` (raw bytes).
 */
export type VideoWebhookToJob = (options: {
  /** The delivery as received. */
  request: Request;
  /**
   * The model id of the job the URL names (the part after `provider:`), e.g.
   * fal's endpoint id. `undefined` when the URL names no job (OpenAI's
   * project-wide webhooks): the job is then found by its reference.
   */
  modelId: string | undefined;
}) => Promise<VideoWebhookJob | undefined>;

/** Settings of {@link createVideoWebhookHandler}. */
export type VideoWebhookHandlerSettings = {
  /** BullMQ's Redis connection, the same as the workers'. */
  connection: ConnectionOptions;
  /** Prefix of every Redis key; the same as the workers'. Default: `'videogen'`. */
  prefix?: string;
  /** Per registry provider name (the `provider` of the webhook URL): how its deliveries are verified and read. */
  providers: Record<string, { webhookToJob: VideoWebhookToJob }>;
  /** Longest wait for a job adopted from a webhook (when its `add` gave no `poll.timeoutMs`), in ms. Default: 30 minutes. */
  timeoutMs?: number;
};

/** A route handler for provider webhooks, on any instance. */
export type VideoWebhookHandler = {
  /**
   * Handles one delivery to `<webhookBaseUrl>?provider=<name>&key=<key>`
   * (or `?provider=<name>` alone, for providers whose webhook URL is set once
   * per account, like OpenAI's: the job is then found by its reference):
   * verifies it, records it, adopts an in-doubt job it names, and wakes the
   * job's parked status check. Answers 200 when done (or nothing to do), 401
   * when the signature fails, 404 for an unknown key or provider, 409 when the
   * delivery is about another job than the one stored under the key.
   */
  handle(request: Request): Promise<Response>;
  /** Closes the handler's Redis connections. */
  close(): Promise<void>;
};

/**
 * Creates the webhook route of the worker's `webhookBaseUrl`.
 *
 * @example
 * const webhooks = createVideoWebhookHandler({ connection, providers: { fal: { webhookToJob: falWebhookToJob } } });
 * export const POST = (request: Request) => webhooks.handle(request);
 */
export function createVideoWebhookHandler(settings: VideoWebhookHandlerSettings): VideoWebhookHandler {
  const { connection, providers, timeoutMs = DEFAULT_POLL_TIMEOUT_MS } = settings;
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
  const store = new VideoJobStore(() => queueFor('store').client, prefix);

  const wake = async (queueName: string, key: string) => {
    const job = await queueFor(queueName).getJob(bullJobId(key));
    if (job && (await job.isDelayed())) await job.promote().catch(() => undefined);
  };

  return {
    async handle(request) {
      const url = new URL(request.url);
      const provider = url.searchParams.get('provider') ?? '';
      const namedKey = url.searchParams.get('key') ?? undefined;
      const entry = Object.hasOwn(providers, provider) ? providers[provider] : undefined;
      if (!entry || namedKey === '') return answer(404, 'unknown provider or key');
      let record = namedKey === undefined ? undefined : await store.read(namedKey);
      if (namedKey !== undefined && !record?.model.startsWith(`${provider}:`)) {
        return answer(404, 'unknown provider or key');
      }
      const modelId = record?.model.slice(provider.length + 1);

      let delivery: VideoWebhookJob | undefined;
      try {
        delivery = await entry.webhookToJob({ request, modelId });
      } catch (error) {
        if (WebhookVerificationError.isInstance(error)) return answer(401, 'signature verification failed');
        throw error;
      }
      if (!delivery) return answer(200, 'ignored: not about a video job');
      const { job } = delivery;
      if (modelId !== undefined && job.modelId !== modelId) return answer(409, 'the delivery is about another model');
      if (!record) {
        // The URL names no job: find it by its stored reference.
        for (const candidate of await store.findByReference(provider, job.operation)) {
          const found = await store.read(candidate);
          if (found?.job && isSameOperation((JSON.parse(found.job) as VideoJob).operation, job.operation)) {
            record = found;
            break;
          }
        }
        if (!record) return answer(200, 'ignored: no job under this reference');
      }
      const { key } = record;

      const now = Date.now();
      const noted = { webhookAt: now, updatedAt: now, webhookStatus: delivery.status };
      if (record.job) {
        if (!isSameOperation((JSON.parse(record.job) as VideoJob).operation, job.operation)) {
          return answer(409, 'the delivery is about another job than the one under this key');
        }
        await store.transition(key, { set: noted });
        await wake(statusQueueName(provider), key);
        return answer(200, 'recorded');
      }
      // No reference stored yet: the worker died (or is about to store it). The provider named the job: adopt it.
      const adopted = await store.transition(key, {
        states: ['submitting', 'in-doubt'],
        jobAbsent: true,
        set: {
          ...noted,
          state: 'pending',
          job: JSON.stringify(job),
          submittedAt: now,
          deadline: now + (record.timeoutMs ? Number(record.timeoutMs) : timeoutMs),
        },
        del: ['claim', 'inDoubtSince'],
      });
      if (!adopted.applied) {
        if (adopted.state === 'pending') return answer(200, 'recorded');
        return answer(200, `ignored: the job is ${adopted.state || 'gone'}`);
      }
      await store.indexReference(provider, job.operation, key);
      await queueFor(statusQueueName(provider)).add(
        'status',
        { key },
        { jobId: bullJobId(key), removeOnComplete: true, removeOnFail: true, attempts: 10 },
      );
      // The in-doubt submission waits parked: let it see the adoption and finish now.
      await wake(submitQueueName(provider), key);
      return answer(200, 'adopted');
    },

    async close() {
      await Promise.all([...queues.values()].map((queue) => queue.close()));
    },
  };
}

/** The delivery names the stored job when every field of its operation equals the stored operation's. */
function isSameOperation(stored: unknown, delivered: unknown): boolean {
  if (typeof delivered !== 'object' || delivered === null) return JSON.stringify(stored) === JSON.stringify(delivered);
  if (typeof stored !== 'object' || stored === null) return false;
  return Object.entries(delivered).every(
    ([field, value]) => JSON.stringify((stored as Record<string, unknown>)[field]) === JSON.stringify(value),
  );
}

function answer(status: number, message: string): Response {
  return new Response(JSON.stringify({ message }), { status, headers: { 'content-type': 'application/json' } });
}
