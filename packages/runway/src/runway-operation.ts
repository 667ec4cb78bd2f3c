import { InvalidArgumentError, type VideoModelV3StatusResult, type VideoModelV3Usage } from '@videogen/provider-spec';
// `zod/v4/mini`: tree-shakable.
import * as z from 'zod/v4/mini';

/** The job reference of a Runway task: its `id`. Plain JSON; never holds the key. */
export type RunwayVideoOperation = { id: string };

const storedOperationSchema = z.object({ id: z.string().check(z.regex(/^[\w-]+$/)) });

/** Reads a stored Runway job reference; an `InvalidArgumentError` for anything else. */
export function parseRunwayOperation(operation: unknown): RunwayVideoOperation {
  const parsed = storedOperationSchema.safeParse(operation);
  if (!parsed.success) {
    throw new InvalidArgumentError({
      argument: 'operation',
      message: 'Not a Runway task: expected { id: "<task id>" }.',
    });
  }
  return { id: parsed.data.id };
}

const creditsSchema = z.nullish(z.looseObject({ credits: z.nullish(z.number()) }));

/** The answer of a create endpoint: `{ id }` (+ `estimatedCost` since SDK 4.x). */
export const runwayCreateResponseSchema = z.looseObject({ id: z.string(), estimatedCost: creditsSchema });

/** The answer of `POST /v1/uploads`. */
export const runwayUploadResponseSchema = z.looseObject({
  uploadUrl: z.string(),
  fields: z.optional(z.record(z.string(), z.string())),
  runwayUri: z.string(),
});

/** A task (`GET /v1/tasks/{id}`), the fields read. */
export const runwayTaskSchema = z.looseObject({
  id: z.string(),
  status: z.string(),
  createdAt: z.nullish(z.string()),
  progress: z.nullish(z.number()),
  output: z.nullish(z.array(z.string())),
  failure: z.nullish(z.string()),
  failureCode: z.nullish(z.string()),
  estimatedCost: creditsSchema,
  cost: creditsSchema,
});

/** A parsed Runway task. */
export type RunwayTask = z.infer<typeof runwayTaskSchema>;

type StatusResponse = { timestamp: Date; modelId: string; headers: Record<string, string> | undefined };

/**
 * Whether a failure code is a moderation block: `SAFETY.INPUT.TEXT`,
 * `SAFETY.OUTPUT.VIDEO`, `INPUT_PREPROCESSING.SAFETY.TEXT` …
 */
export function isRunwaySafetyCode(code: string | null | undefined): boolean {
  return typeof code === 'string' && /(^|\.)SAFETY(\.|$)/.test(code);
}

/** What the task cost, as Runway reports it (`cost.credits`): billed units in credits. Never estimated. */
export function getRunwayUsage(task: RunwayTask): VideoModelV3Usage | undefined {
  const credits = task.cost?.credits;
  if (typeof credits !== 'number') return undefined;
  return { billedUnits: { quantity: credits, unit: 'credits' }, raw: { cost: { credits } } };
}

/** Runway's `progress` as 0..100 (the API reports a 0..1 fraction; a value above 1 is read as percent). */
function toPercent(progress: number | null | undefined): number | undefined {
  if (typeof progress !== 'number' || !Number.isFinite(progress) || progress < 0) return undefined;
  const percent = progress <= 1 ? progress * 100 : progress;
  return percent <= 100 ? Math.round(percent * 100) / 100 : undefined;
}

/**
 * A task as a status: `PENDING` / `THROTTLED` / `RUNNING` are pending (progress
 * only while running), `SUCCEEDED` is completed with the `output` URLs,
 * `FAILED` is failed with Runway's `failure` and `failureCode`
 * (`contentFiltered` for `SAFETY` codes), `CANCELLED` is failed with code
 * `CANCELLED`. `usage` only from `cost.credits`.
 */
export function mapRunwayTask(task: RunwayTask, { response }: { response: StatusResponse }): VideoModelV3StatusResult {
  const metadata = {
    taskId: task.id,
    status: task.status,
    ...(task.createdAt ? { createdAt: task.createdAt } : {}),
    ...(typeof task.estimatedCost?.credits === 'number' ? { estimatedCredits: task.estimatedCost.credits } : {}),
    ...(typeof task.cost?.credits === 'number' ? { credits: task.cost.credits } : {}),
  };
  const usage = getRunwayUsage(task);
  switch (task.status) {
    case 'SUCCEEDED': {
      const output = task.output ?? [];
      if (output.length === 0) {
        return {
          status: 'failed',
          error: { code: 'NO_OUTPUT', message: 'The Runway task succeeded without an output URL.' },
          ...(usage ? { usage } : {}),
          providerMetadata: { runway: metadata },
        };
      }
      return {
        status: 'completed',
        videos: output.map((url) => ({ type: 'url' as const, url, mediaType: 'video/mp4' })),
        warnings: [],
        ...(usage ? { usage } : {}),
        providerMetadata: { runway: { ...metadata, output } },
        response,
      };
    }
    case 'FAILED':
      return {
        status: 'failed',
        error: {
          ...(task.failureCode ? { code: task.failureCode } : {}),
          message: task.failure ?? 'The Runway task failed without a reason.',
          ...(isRunwaySafetyCode(task.failureCode) ? { contentFiltered: true } : {}),
        },
        ...(usage ? { usage } : {}),
        providerMetadata: { runway: metadata },
      };
    case 'CANCELLED':
      return {
        status: 'failed',
        error: { code: 'CANCELLED', message: 'The Runway task was cancelled.' },
        ...(usage ? { usage } : {}),
        providerMetadata: { runway: metadata },
      };
    default: {
      // PENDING, THROTTLED (over the organization's concurrency), RUNNING, or a status added later.
      const progress = task.status === 'RUNNING' ? toPercent(task.progress) : undefined;
      return { status: 'pending', providerStatus: task.status, ...(progress !== undefined ? { progress } : {}) };
    }
  }
}

/** How long Runway's signed output URLs stay valid at least: 24 hours (Runway: they expire within 24–48 h). */
export const RUNWAY_OUTPUT_URL_MIN_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * When an output URL stops working: the `exp` (seconds) of its `_jwt` query
 * token where it carries one, else `readAt` + 24 hours.
 */
export function getRunwayOutputExpiry(url: string, readAt: Date): Date {
  const fallback = new Date(readAt.getTime() + RUNWAY_OUTPUT_URL_MIN_LIFETIME_MS);
  const token = URL.canParse(url) ? new URL(url).searchParams.get('_jwt') : null;
  const payload = token?.split('.')[1];
  if (!payload) return fallback;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const claims: unknown = JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')));
    const exp = (claims as { exp?: unknown } | null)?.exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? new Date(exp * 1000) : fallback;
  } catch {
    return fallback;
  }
}
