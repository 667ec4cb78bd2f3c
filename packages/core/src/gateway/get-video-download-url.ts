import { InvalidArgumentError, UnsupportedFunctionalityError, type VideoJob } from '@videogen/provider-spec';
import { assertJobOfModel } from '../jobs/assert-job';
import { resolveVideoModel, type VideoModelArgument } from '../model/as-video-model';
import type { VideoDownloadLinkSigner } from './video-download-link';

/** Default lifetime of a download link, in seconds (15 minutes). */
export const DEFAULT_DOWNLOAD_URL_EXPIRES_IN = 900;

/** Longest lifetime `getVideoDownloadUrl` signs, in seconds (7 days). */
export const MAX_DOWNLOAD_URL_EXPIRES_IN = 7 * 24 * 3600;

/** Options of {@link getVideoDownloadUrl}. */
export type GetVideoDownloadUrlOptions = {
  /** The model that made the job. */
  model: VideoModelArgument;
  /** The completed job (object or JSON string). Check that the caller may see it first. */
  job: VideoJob | string;
  /** Which of the job's videos, 0-based. Default: 0. */
  index?: number;
  /**
   * How long the link should stay valid, in seconds (1 to 604800). A signed
   * link expires exactly then; a provider's link expires when the provider
   * says (passed on where its API lets the caller choose). Default: 900.
   */
  expiresIn?: number;
  /**
   * Signs a link to your own content endpoint when the provider has no public
   * link (its video needs the API key), see `createVideoDownloadLinkSigner`.
   * Default: none (such a video is then an UnsupportedFunctionalityError).
   */
  signer?: VideoDownloadLinkSigner;
  /** The user the signed link is for; the content endpoint verifies with the same one. Default: none. */
  subject?: string;
  /** Aborts the provider's request. */
  abortSignal?: AbortSignal;
  /** Extra HTTP headers for the provider. */
  headers?: Record<string, string | undefined>;
  /** The clock (tests). Default: the current time. */
  now?: () => Date;
};

/** What {@link getVideoDownloadUrl} returns: a URL a browser can fetch without credentials. */
export type VideoDownloadUrl = {
  /** The URL (absolute for a provider's link; as `baseUrl` for a signed one). */
  url: string;
  /** When the link stops working, when known (always for a signed link). */
  expiresAt?: Date;
  /** IANA media type, when the provider says. */
  mediaType?: string;
  /** `'provider'`: the provider's own public link; `'signed'`: your content endpoint's signed link. */
  source: 'provider' | 'signed';
};

/**
 * A link to a completed job's video that a browser (`<video src>`) can fetch
 * directly: the provider's own public URL with its expiry where it has one
 * (`doGetDownloadUrl`), otherwise a short-lived link to your content endpoint
 * signed by `signer` (HMAC-SHA-256 over the job, index, expiry and subject).
 *
 * @throws UnsupportedFunctionalityError when the video needs credentials and no `signer` is given.
 * @example
 * const { url, expiresAt } = await getVideoDownloadUrl({ model, job, signer, subject: user.id });
 */
export async function getVideoDownloadUrl(options: GetVideoDownloadUrlOptions): Promise<VideoDownloadUrl> {
  const { index = 0, expiresIn = DEFAULT_DOWNLOAD_URL_EXPIRES_IN, signer, subject, abortSignal, headers } = options;
  if (!Number.isSafeInteger(index) || index < 0) {
    throw new InvalidArgumentError({ argument: 'index', message: '`index` must be a whole number ≥ 0.' });
  }
  if (
    typeof expiresIn !== 'number' ||
    !Number.isFinite(expiresIn) ||
    expiresIn < 1 ||
    expiresIn > MAX_DOWNLOAD_URL_EXPIRES_IN
  ) {
    throw new InvalidArgumentError({
      argument: 'expiresIn',
      message: `\`expiresIn\` must be a number of seconds from 1 to ${MAX_DOWNLOAD_URL_EXPIRES_IN}.`,
    });
  }
  const model = resolveVideoModel(options.model);
  const job = assertJobOfModel(model, options.job);
  if (typeof model.doGetDownloadUrl === 'function') {
    const link = await model.doGetDownloadUrl({ operation: job.operation, index, expiresIn, abortSignal, headers });
    if (link !== undefined) {
      return {
        url: link.url,
        ...(link.expiresAt !== undefined ? { expiresAt: link.expiresAt } : {}),
        ...(link.mediaType !== undefined ? { mediaType: link.mediaType } : {}),
        source: 'provider',
      };
    }
  }
  if (signer === undefined) {
    throw new UnsupportedFunctionalityError({
      functionality: 'getVideoDownloadUrl',
      message:
        `${model.provider} model ${model.modelId} has no public link to its videos (they need the API key). ` +
        'Pass a `signer` (createVideoDownloadLinkSigner) to link to your own content endpoint instead.',
    });
  }
  const now = options.now?.() ?? new Date();
  const expiresAt = new Date(now.getTime() + Math.floor(expiresIn) * 1000);
  return { url: await signer.createUrl({ job, index, expiresAt, subject }), expiresAt, source: 'signed' };
}
