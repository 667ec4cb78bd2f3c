// TanStack AI pointed at the emulator. Lives here so that its bare imports
// resolve to this directory's node_modules.
import { generateVideo } from '@tanstack/ai';
import { falVideo } from '@tanstack/ai-fal';
import { createGeminiVideo } from '@tanstack/ai-gemini';

export function tanstack(baseURLs, falFetch, apiKey, { FAL_ENDPOINT, GOOGLE_MODEL }) {
  return {
    generateVideo,
    adapter(provider) {
      return provider === 'fal'
        ? falVideo(FAL_ENDPOINT, { apiKey, fetch: falFetch })
        : createGeminiVideo(GOOGLE_MODEL, apiKey, { baseURL: baseURLs.google.replace(/\/v1beta$/, '') });
    },
    /**
     * The whole lifecycle as TanStack runs it (`stream: true`): create, poll
     * every `pollingInterval`, get the URL. Resolves with the video URL
     * (TanStack does not download), rejects with the RUN_ERROR message.
     */
    async run({ provider, prompt, pollingInterval = 2000, abortSignal, onJobCreated }) {
      const stream = generateVideo({
        adapter: this.adapter(provider),
        prompt,
        stream: true,
        pollingInterval,
        abortSignal,
      });
      for await (const chunk of stream) {
        if (chunk.type === 'CUSTOM' && chunk.name === 'video:job:created') onJobCreated?.(chunk.value.jobId);
        if (chunk.type === 'CUSTOM' && chunk.name === 'generation:result') return chunk.value;
        if (chunk.type === 'RUN_ERROR') {
          const error = new Error(chunk.message);
          error.name = abortSignal?.aborted ? 'AbortError' : 'Error';
          throw error;
        }
      }
      throw new Error('stream ended without a result');
    },
  };
}
