/** HTTP headers as a plain record (lower-case names as `fetch` reports them). */
export type SharedV4Headers = Record<string, string>;
