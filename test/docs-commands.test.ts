import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import {
  checkReadme,
  expectationsOf,
  listReadmes,
  shellBlocks,
  skipReason,
} from '../scripts/check-readme-commands.mjs';
// @ts-expect-error: a plain .mjs script without types
import { repoRoot } from '../scripts/check-doc-links.mjs';

type Command = { line: number; text: string };
type Block = { markers: Record<string, unknown>; commands: Command[] };
type Result = { line: number; status: 'passed' | 'failed' | 'skipped'; detail: string };

// Every command of every README runs as written, in README order, after `npm ci` and the build that
// `npm test` (like `npm run demo`) does first. See scripts/check-readme-commands.mjs for the markers.
const readmes: string[] = listReadmes().filter((readme: string) =>
  shellBlocks(readFileSync(readme, 'utf8')).some((block: Block) => block.commands.length > 0),
);

describe.each(readmes.map((readme) => [relative(repoRoot, readme), readme]))('commands in %s', (_, readme) => {
  const blocks: Block[] = shellBlocks(readFileSync(readme, 'utf8'));
  const commands = blocks.flatMap((block) => block.commands.map((command) => ({ ...command, block })));
  const toRun = commands.filter(({ block, text }) => skipReason(block, text) === undefined);
  let results: Result[] = [];

  beforeAll(async () => {
    if (toRun.length > 0) results = await checkReadme(readme);
  }, 600_000);

  for (const { line, text, block } of commands) {
    const reason: string | undefined = skipReason(block, text);
    const name = `line ${line}: ${text}`;
    if (reason !== undefined) {
      it.skip(`${name} (not run: ${reason})`, () => {});
      continue;
    }
    it(name, (context) => {
      const result = results.find((entry) => entry.line === line);
      if (result?.status === 'skipped') context.skip(result.detail);
      expect(result?.status, result?.detail).toBe('passed');
    });
  }
});

describe('the README command checker', () => {
  it('reads markers, continued lines and sample output', () => {
    const blocks: Block[] = shellBlocks(
      [
        '<!-- check-commands: needs-keys -->',
        '```bash',
        'export FAL_KEY=…',
        '```',
        '',
        '<!-- check-commands: server cwd=examples/x -->',
        '```sh',
        'npm run build \\',
        '  --force',
        'npm start',
        '# listening on http://127.0.0.1:3000',
        '```',
        '```ts',
        'not a command',
        '```',
      ].join('\n'),
    );
    expect(blocks).toMatchObject([
      { markers: { needsKeys: true }, commands: [{ line: 3, text: 'export FAL_KEY=…' }] },
      {
        markers: { server: true, cwd: 'examples/x', needsKeys: false },
        commands: [
          { line: 8, text: 'npm run build \\\n  --force' },
          { line: 10, text: 'npm start' },
        ],
      },
    ]);
    expect(() => shellBlocks('<!-- check-commands: sometimes -->\n```bash\nls\n```')).toThrow(/unknown/);
  });

  it('reads what a command expects from its trailing comment', () => {
    expect(
      expectationsOf('npx videogen generate "a storm [emulator:fail]" --emulate   # exit 4, the message'),
    ).toMatchObject({
      exitCode: 4,
      interrupt: false,
    });
    expect(expectationsOf('npx videogen generate "a # in a prompt" --emulate  # then press Ctrl-C')).toMatchObject({
      exitCode: 130,
      interrupt: true,
    });
    expect(expectationsOf('npx videogen-emulator --port 4010 &')).toMatchObject({ background: true, port: 4010 });
    expect(expectationsOf('a && b')).toMatchObject({ background: false, exitCode: 0 });
  });
});
