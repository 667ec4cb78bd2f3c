/**
 * A warning from a model call: an option the provider could not honour, or
 * something the caller should know. Identical to `SharedV4Warning` of
 * `@ai-sdk/provider` 4.
 */
export type SharedV4Warning =
  | {
      /** A feature is not supported by the model; the option was ignored. */
      type: 'unsupported';
      /** The call option or feature, e.g. `'fps'`. */
      feature: string;
      /** Why, in the provider's terms. */
      details?: string;
    }
  | {
      /** A feature is used in a compatibility mode that may give weaker results. */
      type: 'compatibility';
      /** The call option or feature. */
      feature: string;
      /** Additional details. */
      details?: string;
    }
  | {
      /** A deprecated setting or feature is used. */
      type: 'deprecated';
      /** The deprecated setting or feature. */
      setting: string;
      /** What to use instead. */
      message: string;
    }
  | {
      /** Any other warning. */
      type: 'other';
      /** The warning text. */
      message: string;
    };
