import { InvalidArgumentError, type VideoModelV3StatusResult } from '@videogen/provider-spec';
// `zod/v4/mini`: tree-shakable (see luma-error.ts).
import * as z from 'zod/v4/mini';

/** The job reference of a Dream Machine generation: its `id`. Plain JSON; never holds the key. */
export type LumaVideoOperation = { id: string };

const storedOperationSchema = z.object({ id: z.string().check(z.regex(/^[\w-]+$/)) });

/** Reads a stored job reference; an `InvalidArgumentError` for anything else. */
export function parseLumaOperation(operation: unknown): LumaVideoOperation {
  const parsed = storedOperationSchema.safeParse(operation);
  if (!parsed.success) {
    throw new InvalidArgumentError({
      argument: 'operation',
      message: 'Not a Luma generation: expected { id: "<generation id>" }.',
    });
  }
  return { id: parsed.data.id };
}

/** A Dream Machine `Generation` (only the fields read; create, get and callbacks all send it). */
export const lumaGenerationSchema = z.object({
  id: z.string(),
  generation_type: z.nullish(z.string()),
  state: z.string(),
  failure_reason: z.nullish(z.string()),
  created_at: z.nullish(z.string()),
  assets: z.nullish(
    z.object({
      video: z.nullish(z.string()),
      image: z.nullish(z.string()),
      progress_video: z.nullish(z.string()),
    }),
  ),
  model: z.nullish(z.string()),
});

/** A parsed Dream Machine generation. */
export type LumaGeneration = z.infer<typeof lumaGenerationSchema>;

/** Failure reasons of Luma's moderation (`"Advanced moderation failed"`, `"400: failed to moderate image"`). */
const MODERATION_REASON = /moderat/i;

type StatusResponse = { timestamp: Date; modelId: string; headers: Record<string, string> | undefined };

/**
 * A generation as a status: `queued` and `dreaming` are pending (Luma
 * reports no progress, queue position or usage); `completed` carries
 * `assets.video`; `failed` carries Luma's `failure_reason`, as content
 * filtered when it names moderation. Luma sends no error code, so none is set.
 */
export function mapLumaGeneration(
  generation: LumaGeneration,
  { response }: { response: StatusResponse },
): VideoModelV3StatusResult {
  const metadata = {
    generationId: generation.id,
    state: generation.state,
    ...(generation.assets?.image ? { thumbnailUrl: generation.assets.image } : {}),
  };
  switch (generation.state) {
    case 'completed': {
      const url = generation.assets?.video;
      if (!url) {
        return {
          status: 'failed',
          error: { code: 'NO_VIDEO', message: 'The Luma generation completed without a video URL.' },
          providerMetadata: { luma: metadata },
        };
      }
      return {
        status: 'completed',
        videos: [{ type: 'url', url, mediaType: 'video/mp4' }],
        warnings: [],
        providerMetadata: { luma: { ...metadata, videoUrl: url } },
        response,
      };
    }
    case 'failed': {
      const reason = generation.failure_reason ?? 'The Luma generation failed without a reason.';
      const contentFiltered = MODERATION_REASON.test(reason);
      return {
        status: 'failed',
        error: { message: reason, ...(contentFiltered ? { contentFiltered: true } : {}) },
        providerMetadata: { luma: metadata },
      };
    }
    default:
      // `queued`, `dreaming` (and any state Luma adds before the terminal ones).
      return { status: 'pending', providerStatus: generation.state };
  }
}
