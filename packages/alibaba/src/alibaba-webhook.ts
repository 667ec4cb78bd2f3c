/**
 * DashScope's video synthesis takes no callback URL: the create body has no
 * such field, and the "asynchronous task callback" the console offers goes
 * through Alibaba Cloud EventBridge, whose delivery format and signature are
 * not documented for these tasks. So this package has no webhook verifier:
 * a `webhookUrl` passed to `doStart` / `generateVideo({ webhook })` is an
 * `unsupported` warning and the job is polled (`GET /api/v1/tasks/{task_id}`).
 */
export {};
