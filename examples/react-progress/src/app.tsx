/**
 * The page: one `useGenerateVideo` over the `/api/video` route. The job is
 * kept in localStorage from `onJobCreated` until it ends, so a reload
 * re-attaches to it with `resume` instead of paying for a new one.
 */
import { useGenerateVideo } from '@videogen/react';
import { StrictMode, useEffect, useState, type FormEvent } from 'react';
import { createRoot } from 'react-dom/client';

/** What this page sends as `input` (the server adds `provider` to the default allow-list). */
type Input = { prompt: string; provider: 'fal' | 'openai'; aspectRatio: '16:9' | '9:16' };

const JOB_KEY = 'videogen-react-progress:job';

function App() {
  const [prompt, setPrompt] = useState('A paper boat drifting down a rainy street');
  const [provider, setProvider] = useState<Input['provider']>('fal');
  const [aspectRatio, setAspectRatio] = useState<Input['aspectRatio']>('16:9');
  const { generate, stop, cancel, resume, reset, status, job, progress, queuePosition, providerStatus, result, error } =
    useGenerateVideo<Input>({
      api: '/api/video',
      onJobCreated: (created) => localStorage.setItem(JOB_KEY, JSON.stringify(created)),
      onResult: () => localStorage.removeItem(JOB_KEY),
      onError: (failure) => {
        // A job that failed at the provider is over; keep one that may still run (timeout, lost connection).
        if (failure.name === 'VideoGen_VideoJobFailedError' || !failure.job) localStorage.removeItem(JOB_KEY);
      },
    });

  // After a reload: re-attach to the job this browser started (StrictMode-safe: sent once).
  useEffect(() => {
    const stored = localStorage.getItem(JOB_KEY);
    if (stored) void resume(stored);
  }, [resume]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void generate({ prompt, provider, aspectRatio });
  };
  const onCancel = async () => {
    await cancel();
    localStorage.removeItem(JOB_KEY);
  };

  const generating = status === 'generating';
  let statusText = 'Ready.';
  if (generating) {
    statusText = job ? `Generating… ${providerStatus ?? 'submitted'}` : 'Submitting…';
    if (queuePosition !== undefined) statusText += ` (queue position ${queuePosition})`;
    if (progress !== undefined) statusText += ` ${Math.round(progress)}%`;
  } else if (status === 'success') statusText = 'Done.';
  else if (status === 'error') statusText = 'Failed.';
  else if (job) statusText = 'Stopped listening; the job keeps running.';
  // Busy (no value: indeterminate) only while a job runs and has not reported progress; idle otherwise.
  const progressValue = generating ? progress : status === 'success' ? 100 : 0;

  return (
    <main>
      <h1>videogen · React</h1>
      <form onSubmit={onSubmit}>
        <label>
          Provider{' '}
          <select
            id="provider"
            value={provider}
            onChange={(event) => setProvider(event.target.value as Input['provider'])}
          >
            <option value="fal">fal (public video URL)</option>
            <option value="openai">OpenAI (video through the route)</option>
          </select>
        </label>{' '}
        <label>
          Shape{' '}
          <select
            id="aspect-ratio"
            value={aspectRatio}
            onChange={(event) => setAspectRatio(event.target.value as Input['aspectRatio'])}
          >
            <option value="16:9">16:9 landscape</option>
            <option value="9:16">9:16 portrait</option>
          </select>
        </label>
        <textarea id="prompt" value={prompt} onChange={(event) => setPrompt(event.target.value)} rows={3} />
        <div className="buttons">
          <button id="generate" type="submit" disabled={generating || prompt.trim() === ''}>
            Generate
          </button>
          <button id="cancel" type="button" disabled={!generating} onClick={() => void onCancel()}>
            Cancel
          </button>
          <button id="stop" type="button" disabled={!generating} onClick={stop}>
            Stop listening
          </button>
          <button id="reset" type="button" onClick={reset}>
            Reset
          </button>
        </div>
      </form>
      {/* No value = indeterminate (the provider has not reported progress yet). */}
      <progress id="progress" max={100} {...(progressValue !== undefined ? { value: progressValue } : {})} />
      <p id="status" data-state={status} aria-live="polite">
        {statusText}
      </p>
      {error && (
        <p id="error" role="alert">
          {error.name}: {error.message}
        </p>
      )}
      {result && (
        <video
          id="video"
          src={result.video.url}
          data-source={result.video.source}
          controls
          muted
          autoPlay
          loop
          playsInline
          // Once its size is known, bring all of it (controls included) on screen.
          onLoadedMetadata={(event) => event.currentTarget.scrollIntoView({ block: 'nearest' })}
        />
      )}
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
