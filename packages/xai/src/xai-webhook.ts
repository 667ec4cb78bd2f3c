/**
 * xAI's video API sends no webhooks: a job is polled (`GET /v1/videos/{request_id}`),
 * and a `webhookUrl` is reported as an `unsupported` warning (xai-video-request.ts).
 * The API's own alternatives to fetching the file (`output.upload_url`,
 * `storage_options`) are not callbacks either. So there is no verifier here.
 */
export {};
