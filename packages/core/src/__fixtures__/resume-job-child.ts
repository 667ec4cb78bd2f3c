// Run in a separate Node process by jobs.test.ts: resumes a job from its JSON alone.
import { createDownload, waitForVideo } from '../index';
import { createHttpJobModel } from './http-job-model';

const [baseURL, jobJson] = process.argv.slice(2);
const model = createHttpJobModel(baseURL);
const events: string[] = [];
const result = await waitForVideo({
  model,
  job: jobJson,
  poll: { intervalMs: 10 },
  download: createDownload({ allowPrivateNetwork: true }),
  onProgress: (event) => events.push(event.type),
});
process.stdout.write(
  JSON.stringify({
    pid: process.pid,
    base64: result.video.base64,
    mediaType: result.video.mediaType,
    jobs: result.jobs,
    events,
  }),
);
