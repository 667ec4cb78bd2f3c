/**
 * xAI's video API sends no webhooks: a job is polled (`GET /v1/videos/{request_id}`).
 * A `webhookUrl` is reported as an `unsupported` warning. The API's own
 * alternatives to polling for the file (`output.upload_url`, `storage_options`)
 * are not callbacks either.
 */
export const XAI_SENDS_WEBHOOKS = false;
