/**
 * JSON as `@ai-sdk/provider` 4 types it: objects and arrays may be readonly.
 * (Version 3 used mutable ones; V4 types use these so that values pass both ways.)
 */
export type SharedV4JSONValue =
  | null
  | string
  | number
  | boolean
  | Readonly<SharedV4JSONObject>
  | readonly SharedV4JSONValue[];

/** A JSON object as `@ai-sdk/provider` 4 types it. */
export type SharedV4JSONObject = {
  [key: string]: SharedV4JSONValue | undefined;
};
