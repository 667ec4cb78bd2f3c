import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { findBrokenLinks, headingAnchors, listMarkdownFiles } from '../scripts/check-doc-links.mjs';

// Every relative link of every Markdown file in the repository resolves to a file (and a heading).
describe('links in the docs', () => {
  it('every relative link in every *.md resolves to a file, and every #anchor to a heading', () => {
    const files: string[] = listMarkdownFiles();
    expect(files.length).toBeGreaterThan(20);
    expect(findBrokenLinks(files)).toEqual([]);
  });

  describe('the checker', () => {
    let dir: string | undefined;
    afterEach(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('reports a missing file, a missing heading and a path in inline code that does not exist, and ignores links in code and absolute URLs', () => {
      dir = mkdtempSync(join(tmpdir(), 'videogen-docs-'));
      writeFileSync(join(dir, 'b.md'), '# Other page\n\n## Set up: the `bin`!\n');
      const page = join(dir, 'a.md');
      writeFileSync(
        page,
        [
          '# Page',
          'See [b](b.md), [setup](b.md#set-up-the-bin), [self](#page) and [web](https://example.com/x.md).',
          'Broken: [gone](reference/provider-apis.md) and [anchor](b.md#b6).',
          'As in `reference/provider-apis.md`, B.6.',
          '`[not a link](nowhere.md)`',
          '```md',
          '[in a fence](nowhere.md)',
          '```',
        ].join('\n'),
      );
      expect(findBrokenLinks([page]).map((problem: string) => problem.replace(/^.*a\.md:/, ''))).toEqual([
        '4: `reference/provider-apis.md` (names a file that is not in the repository)',
        '3: reference/provider-apis.md (no such file)',
        '3: b.md#b6 (no heading with anchor #b6)',
      ]);
    });

    it("makes GitHub's anchors, with a suffix for repeated headings", () => {
      expect([...headingAnchors('# A title\n## Set up: `x`\n## A title\n```\n# not a heading\n```\n')]).toEqual([
        'a-title',
        'set-up-x',
        'a-title-1',
      ]);
    });
  });
});
