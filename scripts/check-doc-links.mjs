// Checks that every relative link in every Markdown file of the repository points at a file that
// exists and, when it has a `#fragment`, at a heading of that file (GitHub's anchor rules).
// Usage: node scripts/check-doc-links.mjs   (exit 1 and one line per broken link)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const skippedDirs = new Set(['node_modules', 'dist', '.git', '.turbo', 'out', 'coverage', '.next']);

/** Every `*.md` file of the repository (outside build output and dependencies). */
export function listMarkdownFiles(dir = repoRoot) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!skippedDirs.has(entry.name) && !entry.name.startsWith('.videogen-tmp-')) {
        files.push(...listMarkdownFiles(join(dir, entry.name)));
      }
    } else if (entry.name.endsWith('.md')) {
      files.push(join(dir, entry.name));
    }
  }
  return files.sort();
}

/** The text outside fenced code blocks and inline code spans, line by line. */
function proseLines(markdown) {
  let fence;
  return markdown.split('\n').map((line) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      return '';
    }
    if (marker) {
      fence = marker;
      return '';
    }
    return line.replace(/`+[^`]*`+/g, '');
  });
}

/** GitHub's heading anchors of a Markdown file (lower case, punctuation dropped, `-` for spaces, `-1` for repeats). */
export function headingAnchors(markdown) {
  const anchors = new Set();
  const seen = new Map();
  let fence;
  for (const line of markdown.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (marker) {
      fence = marker;
      continue;
    }
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const text = heading
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .replace(/[*_`]/g, '');
    const slug = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  for (const match of markdown.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) anchors.add(match[1]);
  return anchors;
}

/** The relative links of one Markdown file: `{ line, target }`. */
export function relativeLinks(markdown) {
  const links = [];
  proseLines(markdown).forEach((line, index) => {
    const patterns = [/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g, /^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/g];
    for (const pattern of patterns) {
      for (const match of line.matchAll(pattern)) {
        const target = match[1];
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: …
        links.push({ line: index + 1, target });
      }
    }
  });
  return links;
}

/** Repository paths named in inline code (`` `reference/provider-apis.md` ``): `{ line, path }`. */
export function mentionedMarkdownPaths(markdown) {
  const mentions = [];
  let fence;
  markdown.split('\n').forEach((line, index) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      return;
    }
    if (marker) {
      fence = marker;
      return;
    }
    for (const match of line.matchAll(/`([\w.-]+(?:\/[\w.-]+)+\.md)`/g))
      mentions.push({ line: index + 1, path: match[1] });
  });
  return mentions;
}

/** Broken relative links of every Markdown file: `file:line: target (why)`. */
export function findBrokenLinks(files = listMarkdownFiles()) {
  const problems = [];
  const anchorsOf = new Map();
  for (const file of files) {
    const markdown = readFileSync(file, 'utf8');
    for (const { line, path } of mentionedMarkdownPaths(markdown)) {
      if (!existsSync(resolve(dirname(file), path)) && !existsSync(resolve(repoRoot, path))) {
        problems.push(`${relative(repoRoot, file)}:${line}: \`${path}\` (names a file that is not in the repository)`);
      }
    }
    for (const { line, target } of relativeLinks(markdown)) {
      const [pathPart, fragment] = target.split('#', 2);
      const decodedPath = decodeURIComponent(pathPart);
      const targetPath = decodedPath === '' ? file : resolve(dirname(file), decodedPath);
      const where = `${relative(repoRoot, file)}:${line}: ${target}`;
      if (!existsSync(targetPath)) {
        problems.push(`${where} (no such file)`);
        continue;
      }
      if (fragment === undefined || fragment === '') continue;
      if (!targetPath.endsWith('.md') || statSync(targetPath).isDirectory()) {
        problems.push(`${where} (an anchor into a file that is not Markdown)`);
        continue;
      }
      if (!anchorsOf.has(targetPath)) anchorsOf.set(targetPath, headingAnchors(readFileSync(targetPath, 'utf8')));
      if (!anchorsOf.get(targetPath).has(decodeURIComponent(fragment).toLowerCase())) {
        problems.push(`${where} (no heading with anchor #${fragment})`);
      }
    }
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = findBrokenLinks();
  for (const problem of problems) console.log(problem);
  console.log(problems.length === 0 ? 'every relative link resolves' : `${problems.length} broken link(s)`);
  process.exit(problems.length === 0 ? 0 : 1);
}
