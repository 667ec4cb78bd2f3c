/**
 * The Runway API sends no webhooks for generation tasks: a task is polled
 * with `GET /v1/tasks/{id}` (Runway's SDK has no webhook surface). A
 * `webhookUrl` passed to a Runway model is an `unsupported` warning and the
 * job is polled; `generateVideo({ webhook })` therefore falls back to polling.
 */
export const RUNWAY_SENDS_WEBHOOKS = false;
