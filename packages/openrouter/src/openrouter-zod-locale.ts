import { en } from 'zod/v4/locales';
import * as z from 'zod/v4/mini';

/**
 * `zod/mini` registers no locale, so its issues all read "Invalid input".
 * Classic zod registers English the first time it is used when no locale is
 * configured; this does the same, so a rejected `providerOptions.openrouter`
 * still says what was expected (e.g. "Invalid input: expected number,
 * received string"). A locale the app configured (`z.config(…)`) is kept.
 */
export function useDefaultZodLocale(): void {
  if (!z.config().localeError) z.config(en());
}
