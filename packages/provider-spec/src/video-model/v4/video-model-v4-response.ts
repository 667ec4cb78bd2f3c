/** Response information for telemetry and debugging. */
export type VideoModelV4ResponseMetadata = {
  /** When the response (or the job) started. */
  timestamp: Date;
  /** The model id the provider reports, or the requested one. */
  modelId: string;
  /** Response headers of the provider's last relevant HTTP response. */
  headers: Record<string, string> | undefined;
};
