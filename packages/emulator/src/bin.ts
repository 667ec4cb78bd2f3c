#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startEmulator } from './server';
import { VERSION } from './version';

const HELP = `videogen-emulator ${VERSION}
A local emulator of the OpenAI, Gemini, fal and OpenRouter video APIs.

Usage: videogen-emulator [--port N] [--host H] [--duration MS] [--queue MS] [--steps N] [--api-key KEY ...]

  --port, -p       port to listen on (default 0: a free port)
  --host           interface (default 127.0.0.1)
  --duration       default job duration in ms (default 1500)
  --queue          default time queued in ms (default 300)
  --steps          progress steps (default 4)
  --api-key        accept only this key (repeatable; default: any non-empty key)
  --openai-webhook URL receiving OpenAI video.completed / video.failed webhooks
  --json           print the base URLs and webhook secrets as one JSON line
  --help, -h       this help

Prompt magic: [emulator:fail] [emulator:filtered] [emulator:stuck] [emulator:duration=MS]
              [emulator:queue=MS] [emulator:steps=N] [emulator:bytes=N]`;

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      duration: { type: 'string' },
      queue: { type: 'string' },
      steps: { type: 'string' },
      'api-key': { type: 'string', multiple: true },
      'openai-webhook': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const number = (name: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!Number.isFinite(value) || value < 0) {
      console.error(`videogen-emulator: --${name} must be a non-negative number, got "${text}"`);
      process.exit(2);
    }
    return value;
  };
  const server = await startEmulator({
    port: number('port', values.port) ?? 0,
    host: values.host ?? '127.0.0.1',
    jobDurationMs: number('duration', values.duration),
    queueMs: number('queue', values.queue),
    progressSteps: number('steps', values.steps),
    apiKeys: values['api-key'],
    openaiWebhookUrl: values['openai-webhook'],
  });
  const { webhookKeys } = server.emulator;
  if (values.json) {
    console.log(
      JSON.stringify({
        url: server.url,
        baseURLs: server.baseURLs,
        webhookSecrets: { openai: webhookKeys.openai, google: webhookKeys.google, openrouter: webhookKeys.openrouter },
        falJwksUrl: webhookKeys.fal.jwksUrl,
      }),
    );
  } else {
    console.log(`videogen emulator ${VERSION} listening on ${server.url}\n`);
    console.log(`  openai:          ${server.baseURLs.openai}`);
    console.log(`  google (gemini): ${server.baseURLs.google}`);
    console.log(`  fal (queue):     ${server.baseURLs.fal}`);
    console.log(`  openrouter:      ${server.baseURLs.openrouter}`);
    console.log(`  alibaba:         ${server.baseURLs.alibaba}`);
    console.log(`  minimax:         ${server.baseURLs.minimax}`);
    console.log(`  runway:          ${server.baseURLs.runway}`);
    console.log(`  xai:             ${server.baseURLs.xai}`);
    console.log(`  luma:            ${server.baseURLs.luma}`);
    console.log(`  replicate:       ${server.baseURLs.replicate}`);
    console.log(`\n  fal media:       ${server.baseURLs.falMedia}`);
    console.log(`  gemini storage:  ${server.baseURLs.googleStorage}`);
    console.log(`  fal JWKS:        ${server.baseURLs.falJwks}`);
    console.log(`  xai media:       ${server.baseURLs.xaiMedia}`);
    console.log(`\n  webhook secrets: openai ${webhookKeys.openai}`);
    console.log(`                   google ${webhookKeys.google}`);
    console.log(`                   openrouter ${webhookKeys.openrouter}`);
    console.log('\nAny non-empty API key is accepted. Ctrl-C to stop.');
  }
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`videogen-emulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
