// The page: POST the prompt, read the Server-Sent Events of the response as
// they arrive, show them, and play the video. Plain ES module, no bundler.

const form = document.querySelector('#generate-form');
const promptInput = document.querySelector('#prompt');
const providerSelect = document.querySelector('#provider');
const aspectRatioSelect = document.querySelector('#aspect-ratio');
const generateButton = document.querySelector('#generate');
const cancelButton = document.querySelector('#cancel');
const progress = document.querySelector('#progress');
const statusText = document.querySelector('#status');
const jobText = document.querySelector('#job');
const video = document.querySelector('#video');
const eventList = document.querySelector('#events');

// Once the video's size is known, bring all of it (controls included) on screen.
video.addEventListener('loadedmetadata', () => video.scrollIntoView({ block: 'nearest' }));

/** The job of the running generation (plain JSON, as the server sent it). */
let currentJob;
let cancelRequested = false;

/**
 * Reads `data: <json>` events from an SSE response body (what core's
 * `toServerSentEventsResponse` writes; comment lines are heartbeats).
 */
async function* readEvents(response) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n');
      if (data) yield JSON.parse(data);
    }
  }
}

function setState(state, text) {
  statusText.dataset.state = state;
  statusText.textContent = text;
  const running = state === 'running' || state === 'cancelling';
  // Nothing runs any more: the bar stops being busy (it stays full after a success).
  if (state === 'failed' || state === 'cancelled') setProgress(0);
  generateButton.disabled = running;
  cancelButton.disabled = !running || currentJob === undefined || state === 'cancelling';
}

function setProgress(value) {
  if (value === undefined)
    progress.removeAttribute('value'); // indeterminate
  else progress.value = value;
}

function logEvent(event) {
  const item = document.createElement('li');
  const { job, ...rest } = event;
  item.textContent = JSON.stringify(rest);
  eventList.append(item);
}

function videoSource(job, entry) {
  // Public URL (fal's media host): the browser fetches it itself. Otherwise the
  // video needs the provider's key: our server streams it (createVideoContentResponse).
  if (entry.url) return { src: entry.url, kind: 'public' };
  const query = new URLSearchParams({ job: JSON.stringify(job), index: String(entry.index) });
  return { src: `/api/video?${query}`, kind: 'proxy' };
}

function onEvent(event) {
  logEvent(event);
  switch (event.type) {
    case 'job-created': {
      currentJob = event.job;
      // The operation is the provider's own JSON (fal: requestId, OpenAI: videoId, Gemini: name …).
      const id = Object.values(event.job.operation ?? {}).find((value) => typeof value === 'string') ?? '';
      jobText.textContent = `${event.job.provider} ${event.job.modelId}: ${id}`;
      setState('running', 'Submitted, waiting for the provider…');
      break;
    }
    case 'status': {
      if (event.status === 'completed') {
        setProgress(100);
        break;
      }
      if (event.status !== 'pending' || cancelRequested) break;
      const word = event.providerStatus ?? 'pending';
      if (typeof event.progress === 'number') {
        setProgress(event.progress);
        setState('running', `${word}: ${Math.round(event.progress)}%`);
      } else if (typeof event.queuePosition === 'number') {
        setProgress(undefined);
        setState('running', `${word}: position ${event.queuePosition} in the queue`);
      } else {
        // No numbers from this provider (fal reports none while running): the status word.
        setProgress(undefined);
        setState('running', `${word}…`);
      }
      break;
    }
    case 'completed': {
      setProgress(100);
      const entry = event.videos[0];
      if (!entry) {
        setState('failed', 'The job completed without a video.');
        break;
      }
      const { src, kind } = videoSource(event.job ?? currentJob, entry);
      video.dataset.source = kind;
      video.hidden = false;
      video.src = src;
      setState(
        'completed',
        `Done (${entry.mediaType}, ${kind === 'public' ? 'from the provider' : 'through /api/video'}).`,
      );
      break;
    }
    case 'error': {
      if (cancelRequested) setState('cancelled', 'Cancelled at the provider.');
      else setState('failed', `Failed: ${event.error.message}`);
      break;
    }
    default:
      break; // download-progress: the server's own copy of the video
  }
}

form.addEventListener('submit', async (submitEvent) => {
  submitEvent.preventDefault();
  currentJob = undefined;
  cancelRequested = false;
  eventList.replaceChildren();
  jobText.textContent = '';
  video.hidden = true;
  video.removeAttribute('src');
  delete video.dataset.source;
  video.load();
  setProgress(0);
  setState('running', 'Submitting…');
  try {
    const response = await fetch('/api/generate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        prompt: promptInput.value,
        provider: providerSelect.value,
        aspectRatio: aspectRatioSelect.value,
      }),
    });
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      throw new Error(body.error?.message ?? `HTTP ${response.status}`);
    }
    for await (const event of readEvents(response)) onEvent(event);
    if (statusText.dataset.state === 'running' || statusText.dataset.state === 'cancelling') {
      setState(
        cancelRequested ? 'cancelled' : 'failed',
        cancelRequested ? 'Cancelled.' : 'The server closed the stream early.',
      );
    }
  } catch (error) {
    setState('failed', `Failed: ${error.message}`);
  }
});

cancelButton.addEventListener('click', async () => {
  if (!currentJob) return;
  // From now on the stream's end (or its error event) is the cancel's outcome: the emulator or the
  // provider may end the job before /api/cancel answers.
  cancelRequested = true;
  setState('cancelling', 'Cancelling…');
  try {
    const response = await fetch('/api/cancel', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ job: currentJob }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.error?.message ?? `HTTP ${response.status}`);
    // The provider accepted the cancel; the event stream ends with the job's final state (which may
    // already have arrived: then the bar stays as that state left it).
    if (statusText.dataset.state === 'cancelling') setProgress(undefined);
  } catch (error) {
    // e.g. OpenAI's API has no cancel: the job keeps running.
    cancelRequested = false;
    setState('running', `Could not cancel: ${error.message}`);
  }
});
