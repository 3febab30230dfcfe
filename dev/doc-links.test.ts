/**
 * Pointers into docs/ must resolve (docs/README.md "Conventions"). Scans the repository's source, config and
 * markdown files for citations of `docs/<name>.md` and checks, against the headings of our documents:
 *  - the file exists (HELM's own guides, cited by their HELM paths, are listed in HELM_DOCS and skipped);
 *  - every cited `§N` / `§N.M` (and both ends of `§A–B`) is a heading `## §N …` / `### §N.M …`;
 *  - qualifiers hold in that section: `item K` (a numbered list item K.), `rows A–B` (table rows numbered A … B),
 *    `T1`/`T2`, and a quoted phrase `§N "…"` (the section contains it);
 *  - in a file that cites our docs, every other `§<digit>` names its source (a docs path, README, RFC, paper),
 *    so a bare `§9` cannot silently point at the wrong document;
 *  - inside docs/, bare `§N` refer to the same document and must exist too; repository paths written in
 *    backticks and relative links must exist.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** HELM's guides (`stanford-crfm/helm` `docs/…`), which our comments cite as HELM's. Never a name of ours. */
const HELM_DOCS = new Set([
  'efficient_benchmarking',
  'get_helm_rank',
  'downloading_raw_results',
  'reproducing_leaderboards',
]);
const SKIP_DIRS = new Set(['node_modules', 'out', 'dist', 'test-results', 'coverage', '.git']);
const TEXT_EXTENSIONS = new Set(['.ts', '.tsx', '.mjs', '.js', '.json', '.md', '.yml', '.yaml', '.sh', '.html']);
const SELF = fileURLToPath(import.meta.url);

/** A document: its sections by number, each with the text up to the next heading of the same or a higher level. */
type Doc = Map<string, string>;

function parseDoc(text: string): Doc {
  const lines = text.split('\n');
  const headings = lines.flatMap((line, index) => {
    const match = /^(#{2,3}) §(\d+(?:\.\d+)?)\s/.exec(line);
    return match ? [{ index, level: (match[1] as string).length, id: match[2] as string }] : [];
  });
  const doc: Doc = new Map();
  for (const [k, heading] of headings.entries()) {
    const next = headings.slice(k + 1).find((other) => other.level <= heading.level);
    doc.set(heading.id, lines.slice(heading.index, next?.index ?? lines.length).join('\n'));
  }
  return doc;
}

/** Same-length copy of `text` with comment-continuation markers (` * `, `// `, `# `) blanked, so citations may wrap. */
function joinCommentLines(text: string): string {
  return text.replace(/\n([ \t]*)(\*(?!\/)|\/\/|#)/g, (match) => `\n${' '.repeat(match.length - 1)}`);
}

const REF =
  /§(\d+(?:\.\d+)?)(?:\s*[–-]\s*§?(\d+(?:\.\d+)?))?(?:\s+(item|rows?)\s+(\d+)(?:\s*[–-]\s*(\d+))?)?(?:\s+(T\d)\b)?(?:\s+"([^"]+)")?/g;

const squash = (text: string) => text.replace(/[*`]/g, '').replace(/\s+/g, ' ').toLowerCase();

/** Problems with the references in `span`, resolved against `doc` (named `name` in messages). */
function checkRefs(span: string, doc: Doc, name: string): string[] {
  const problems: string[] = [];
  for (const match of span.matchAll(REF)) {
    const [, first, last, kind, from, to, label, phrase] = match;
    for (const id of [first, last]) if (id !== undefined && !doc.has(id)) problems.push(`${name} has no §${id}`);
    const section = doc.get(first as string);
    if (!section) continue;
    const where = `${name} §${first}`;
    for (const number of [from, to]) {
      if (number === undefined) continue;
      const found =
        kind === 'item'
          ? new RegExp(`^\\s*${number}\\. `, 'm').test(section)
          : new RegExp(`^\\|\\s*(?:${number}\\b|\\d+[–-]${number}\\b)`, 'm').test(section);
      if (!found) problems.push(`${where} has no ${kind} ${number}`);
    }
    if (label && !section.includes(label)) problems.push(`${where} does not mention ${label}`);
    if (phrase && !squash(section).includes(squash(phrase))) problems.push(`${where} does not contain "${phrase}"`);
  }
  return problems;
}

/**
 * The references right after a docs path: `§A`, then more `§…` each introduced by `,` or `and` (free words may
 * follow a reference: `§3.1 table, §4 naming`). Stops at `(`, `)`, `;`, `:`, `—`, a full stop or another path.
 */
function citationRun(rest: string): string {
  const stop = rest.search(/[();:—]|\.\s|docs\//);
  const text = stop < 0 ? rest : rest.slice(0, stop);
  let end = 0;
  for (const match of text.matchAll(REF)) {
    const gap = text.slice(end, match.index);
    if (end === 0 ? !/^\s*$/.test(gap) : !/(,|\band)\s*$/.test(gap)) break;
    end = (match.index ?? 0) + match[0].length;
  }
  return text.slice(0, end);
}

/** Every citation problem in one file's text. `ownDoc` is set for our docs (bare § refer to the file itself). */
function citationProblems(text: string, docs: ReadonlyMap<string, Doc>, ownDoc?: string): string[] {
  const joined = joinCommentLines(text);
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  const problems: string[] = [];
  const covered: [number, number][] = [];
  let citesOurs = false;
  for (const match of joined.matchAll(/docs\/([A-Za-z0-9_.-]+)\.md/g)) {
    const name = match[1] as string;
    const start = (match.index ?? 0) + match[0].length;
    const span = citationRun(joined.slice(start, start + 240));
    covered.push([start, start + span.length]);
    if (HELM_DOCS.has(name)) continue; // HELM's section numbers are HELM's business
    citesOurs = true;
    const doc = docs.get(name);
    const at = `line ${lineOf(match.index ?? 0)}`;
    if (!doc) problems.push(`${at}: docs/${name}.md does not exist`);
    else problems.push(...checkRefs(span, doc, `docs/${name}.md`).map((p) => `${at}: ${p}`));
  }
  if (!citesOurs && ownDoc === undefined) return problems;
  const ownSections = ownDoc === undefined ? undefined : docs.get(ownDoc);
  for (const match of joined.matchAll(REF)) {
    const offset = match.index ?? 0;
    if (covered.some(([from, to]) => offset >= from && offset < to)) continue;
    const line = text.split('\n')[lineOf(offset) - 1] ?? '';
    if (/^#{2,3} §/.test(line)) continue; // a heading, not a reference
    if (ownSections) {
      problems.push(
        ...checkRefs(match[0], ownSections, `docs/${ownDoc}.md`).map((p) => `line ${lineOf(offset)}: ${p}`),
      );
    } else if (!/(README|RFC|paper)\W[^§]{0,30}$/i.test(joined.slice(Math.max(0, offset - 40), offset))) {
      problems.push(`line ${lineOf(offset)}: bare ${match[0]} — write docs/<file>.md §… (or name the external source)`);
    }
  }
  return problems;
}

/** Backticked repository paths and relative links in a markdown file that do not exist. */
function missingPaths(file: string, text: string, topLevel: ReadonlySet<string>): string[] {
  const missing: string[] = [];
  for (const match of text.matchAll(/`([A-Za-z0-9_.-]+\/[^`\s]*)`/g)) {
    const path = (match[1] as string).replace(/[.,:;]+$/, '');
    const top = path.split('/')[0] as string;
    if (!topLevel.has(top) || (top === 'docs' && HELM_DOCS.has(basename(path, '.md')))) continue;
    if (!existsSync(join(ROOT, path))) missing.push(path);
  }
  for (const match of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
    const target = match[1] as string;
    if (/^[a-z]+:/.test(target)) continue;
    if (!existsSync(join(dirname(file), target))) missing.push(target);
  }
  return missing;
}

function listFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP_DIRS.has(entry.name)) return [];
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return listFiles(path);
    return TEXT_EXTENSIONS.has(extname(entry.name)) && entry.name !== 'package-lock.json' ? [path] : [];
  });
}

function loadDocs(): Map<string, Doc> {
  const docs = new Map<string, Doc>();
  for (const entry of readdirSync(join(ROOT, 'docs')))
    if (entry.endsWith('.md'))
      docs.set(basename(entry, '.md'), parseDoc(readFileSync(join(ROOT, 'docs', entry), 'utf8')));
  return docs;
}

describe('citation checker', () => {
  const docs = new Map([
    ['a', parseDoc('## §1 One\n1. first\n2. second\n### §1.1 Sub\n| 3 | x |\n| 4–5 | y |\nT2 "Phrase"\n')],
  ]);
  it('accepts valid citations, including wrapped comments, items, rows and phrases', () => {
    const text = '/**\n * x (docs/a.md §1 item 2, §1.1 rows 3–5 T2 "phrase"; docs/efficient_benchmarking.md §9)\n */';
    expect(citationProblems(text, docs)).toEqual([]);
    expect(
      citationProblems('// (docs/a.md §1.1 "the\n// phrase")', new Map([['a', parseDoc('## §1.1 x\nthe phrase\n')]])),
    ).toEqual([]);
  });
  it('reports missing files, sections, items, rows, phrases and bare §', () => {
    expect(citationProblems('// docs/b.md §1', docs)).toEqual(['line 1: docs/b.md does not exist']);
    expect(citationProblems('// docs/a.md §2', docs)).toEqual(['line 1: docs/a.md has no §2']);
    expect(citationProblems('// docs/a.md §1 item 3', docs)).toEqual(['line 1: docs/a.md §1 has no item 3']);
    expect(citationProblems('// docs/a.md §1.1 rows 3–6', docs)).toEqual(['line 1: docs/a.md §1.1 has no rows 6']);
    expect(citationProblems('// docs/a.md §1 "nope"', docs)).toEqual(['line 1: docs/a.md §1 does not contain "nope"']);
    expect(citationProblems('// docs/a.md §1\n// and (§1)', docs)).toHaveLength(1);
    expect(citationProblems('// docs/a.md §1\n// RFC 9110 §10.2.3, README §2', docs)).toEqual([]);
    expect(citationProblems('see §3 and §1', docs, 'a')).toEqual(['line 1: docs/a.md has no §3']);
  });
});

describe('docs/ pointers in the repository', () => {
  const docs = loadDocs();
  const files = listFiles(ROOT).filter((file) => file !== SELF);
  const topLevel = new Set(
    readdirSync(ROOT, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && !SKIP_DIRS.has(entry.name))
      .map((entry) => entry.name),
  );

  it('keeps our document names apart from HELM guides', () => {
    expect([...docs.keys()].filter((name) => HELM_DOCS.has(name))).toEqual([]);
    expect(docs.get('helm-fidelity')?.size).toBeGreaterThan(10);
    expect(docs.get('rank-interval')?.size).toBeGreaterThan(10);
  });

  it('every cited docs/*.md file and § section exists and covers the cited item, row or phrase', () => {
    let citations = 0;
    const problems = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      citations += [...text.matchAll(/docs\/[a-z-]+\.md §/g)].length;
      const own = relative(join(ROOT, 'docs'), file);
      const ownDoc = !own.startsWith('..') && own !== 'README.md' ? basename(own, '.md') : undefined;
      return citationProblems(text, docs, ownDoc).map((problem) => `${relative(ROOT, file)} ${problem}`);
    });
    expect(problems).toEqual([]);
    expect(citations).toBeGreaterThan(80); // the scan really sees the code's comments
  });

  it('repository paths and links written in the documents exist', () => {
    const markdown = files.filter((file) => file.endsWith('.md') && !relative(ROOT, file).startsWith('..'));
    const missing = markdown.flatMap((file) =>
      missingPaths(file, readFileSync(file, 'utf8'), topLevel).map((path) => `${relative(ROOT, file)}: ${path}`),
    );
    expect(missing).toEqual([]);
  });
});
