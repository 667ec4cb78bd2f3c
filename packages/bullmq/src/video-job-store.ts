import type { RedisClient } from 'bullmq';

/** The states of a video job in Redis (see `VideoJobStatus`). */
export type VideoJobState = 'queued' | 'submitting' | 'pending' | 'completed' | 'failed' | 'cancelled' | 'in-doubt';

/** States from which nothing moves on. */
export const TERMINAL_STATES: readonly VideoJobState[] = ['completed', 'failed', 'cancelled'];

/** The fields of a job's Redis hash (all strings, as Redis stores them). */
export type VideoJobRecord = {
  key: string;
  state: VideoJobState;
  /** `'provider:model-id'`. */
  model: string;
  createdAt: string;
  updatedAt: string;
  /** The token of the activation that claimed the submission. */
  claim?: string;
  claimedAt?: string;
  /** The provider's job reference (`VideoJob` as JSON), stored as soon as the provider accepted it. */
  job?: string;
  submittedAt?: string;
  /** When waiting for the job ends with a timeout (ms since the epoch). */
  deadline?: string;
  inDoubtSince?: string;
  progress?: string;
  queuePosition?: string;
  providerStatus?: string;
  /** JSON of the small result: videos (URLs, media types), warnings, provider metadata. */
  result?: string;
  /** JSON of the serialised error. */
  error?: string;
  cancelRequested?: string;
  /** A note when the provider could not cancel. */
  cancelNote?: string;
  webhookAt?: string;
  webhookStatus?: string;
  /** Per-job poll settings (ms), when the caller gave them. */
  timeoutMs?: string;
  intervalMs?: string;
  /** JSON `{ queue, name }` of the follow-up job to add on completion. */
  followUp?: string;
  submitRetries?: string;
  statusRetries?: string;
};

/**
 * One conditional update of a job's hash, applied atomically by a Lua script:
 * the conditions are checked and the fields written in one step, so that two
 * workers (or a worker and a webhook) can never both win a transition.
 */
export type Transition = {
  /** Only when the hash does not exist yet (creation). */
  absent?: boolean;
  /** Only when the current state is one of these. */
  states?: readonly VideoJobState[];
  /** Only when the submission is claimed by this token. */
  claim?: string;
  /** Only when no job reference is stored yet. */
  jobAbsent?: boolean;
  /** Fields to write. */
  set?: Partial<Record<keyof VideoJobRecord, string | number | undefined>>;
  /** Fields to delete. */
  del?: ReadonlyArray<keyof VideoJobRecord>;
};

// KEYS[1]: the job's hash. ARGV[1]: the transition as JSON. Returns { applied (0/1), state after }.
const TRANSITION_LUA = `
local spec = cjson.decode(ARGV[1])
local exists = redis.call('EXISTS', KEYS[1]) == 1
local state = ''
if exists then state = redis.call('HGET', KEYS[1], 'state') or '' end
if spec.absent then
  if exists then return {0, state} end
else
  if not exists then return {0, ''} end
  if spec.states then
    local allowed = false
    for _, candidate in ipairs(spec.states) do
      if candidate == state then allowed = true end
    end
    if not allowed then return {0, state} end
  end
  if spec.claim and redis.call('HGET', KEYS[1], 'claim') ~= spec.claim then return {0, state} end
  if spec.jobAbsent and redis.call('HEXISTS', KEYS[1], 'job') == 1 then return {0, state} end
end
if spec.set then
  local fields = {}
  for field, value in pairs(spec.set) do
    table.insert(fields, field)
    table.insert(fields, value)
  end
  if #fields > 0 then redis.call('HSET', KEYS[1], unpack(fields)) end
end
if spec.del then
  for _, field in ipairs(spec.del) do redis.call('HDEL', KEYS[1], field) end
end
return {1, redis.call('HGET', KEYS[1], 'state') or ''}
`;

const COMMAND = 'videogenVideoJobTransition';

/** `field=value` of each string field of an operation (at most 512 characters each). */
function referenceEntries(operation: unknown): string[] {
  if (typeof operation === 'string') return operation.length <= 512 ? [`=${operation}`] : [];
  if (typeof operation !== 'object' || operation === null) return [];
  return Object.entries(operation)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].length <= 512)
    .map(([field, value]) => `${field}=${value}`);
}
const definedOn = new WeakSet<object>();

/** Reads and updates the job hashes `<prefix>:video:<key>` through BullMQ's Redis connection. */
export class VideoJobStore {
  constructor(
    private readonly client: () => Promise<RedisClient>,
    private readonly prefix: string,
  ) {}

  /** The Redis key of a job's hash. */
  hashKey(key: string): string {
    return `${this.prefix}:video:${key}`;
  }

  /**
   * Indexes a stored job reference, so that a webhook that names only the
   * provider's job (not the key) finds its key: one entry per string field
   * of the operation (`requestId`, `videoId`, `id`, `name` …).
   */
  async indexReference(provider: string, operation: unknown, key: string): Promise<void> {
    const entries = referenceEntries(operation);
    if (entries.length === 0) return;
    const client = await this.client();
    const pipeline = client.pipeline() as unknown as {
      set(key: string, value: string): unknown;
      exec(): Promise<unknown>;
    };
    for (const entry of entries) pipeline.set(this.referenceKey(provider, entry), key);
    await pipeline.exec();
  }

  /** The keys whose stored reference shares a string field with `operation` (see `indexReference`); check each. */
  async findByReference(provider: string, operation: unknown): Promise<string[]> {
    const entries = referenceEntries(operation);
    if (entries.length === 0) return [];
    const client = await this.client();
    const keys = await Promise.all(entries.map((entry) => client.get(this.referenceKey(provider, entry))));
    return [...new Set(keys.filter((key): key is string => typeof key === 'string'))];
  }

  private referenceKey(provider: string, entry: string): string {
    return `${this.prefix}:video-ref:${provider}:${entry}`;
  }

  async read(key: string): Promise<VideoJobRecord | undefined> {
    const client = await this.client();
    const hash = await client.hgetall(this.hashKey(key));
    return hash && Object.keys(hash).length > 0 ? (hash as VideoJobRecord) : undefined;
  }

  /** Applies `transition` when its conditions hold; returns whether it did, and the state after. */
  async transition(key: string, transition: Transition): Promise<{ applied: boolean; state: VideoJobState | '' }> {
    const client = await this.client();
    if (!definedOn.has(client)) {
      client.defineCommand(COMMAND, { numberOfKeys: 1, lua: TRANSITION_LUA });
      definedOn.add(client);
    }
    const set: Record<string, string> = {};
    for (const [field, value] of Object.entries(transition.set ?? {})) {
      if (value !== undefined) set[field] = String(value);
    }
    const spec = {
      ...(transition.absent ? { absent: true } : {}),
      ...(transition.states ? { states: transition.states } : {}),
      ...(transition.claim !== undefined ? { claim: transition.claim } : {}),
      ...(transition.jobAbsent ? { jobAbsent: true } : {}),
      // cjson turns an empty object into an empty array: only send non-empty ones.
      ...(Object.keys(set).length > 0 ? { set } : {}),
      ...(transition.del && transition.del.length > 0 ? { del: transition.del } : {}),
    };
    const [applied, state] = (await client.runCommand(COMMAND, [this.hashKey(key), JSON.stringify(spec)])) as [
      number,
      string,
    ];
    return { applied: applied === 1, state: state as VideoJobState | '' };
  }
}
