/**
 * Preparing the two largest sources from full-size synthetic files (issue #4): MS MARCO regular track
 * (`valid_topk=30`) from an ≈1 GB passage collection with MS MARCO's real row counts (8.84 M passages, 808,731
 * train queries, 20 top-k rows each, 6,980 dev queries × 1,000 top-k rows), and NaturalQuestions (closed book)
 * from five gzipped dev shards of ≈1,566 examples with ≈300 KB lines. Each preparation runs in a child process
 * that prints its time and peak RSS (sampled every 20 ms, and `maxRSS`). Target: peak ≤ 500 MB whatever the
 * file size. `HELM_RANK_BENCH_SCALE=0.1` shrinks every count for a quick run.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import { createWriteStream } from 'node:fs';
import { MSMARCO_URLS, createMsmarcoScenario } from '../src-main/engine/scenarios/msmarco';
import {
  NATURAL_QA_BASE_URL,
  NATURAL_QA_FILES,
  createNaturalQaScenario,
} from '../src-main/engine/scenarios/natural-qa';
import type { DatasetFetcher } from '../src-main/engine/types';

const SCALE = Number(process.env['HELM_RANK_BENCH_SCALE'] ?? '1');
const count = (n: number): number => Math.max(1, Math.round(n * SCALE));
const PASSAGES = count(8_841_823);
const TRAIN_QUERIES = count(808_731);
const DEV_QUERIES = count(6_980);
const NQ_EXAMPLES_PER_SHARD = count(1_566);

/** Writes `lines(i)` for i < n in 4 MB batches (synchronous: generation speed is not what we measure). */
function writeLines(path: string, n: number, line: (i: number) => string): void {
  const fd = openSync(path, 'w');
  let batch: string[] = [];
  let size = 0;
  for (let i = 0; i < n; i++) {
    const text = line(i);
    batch.push(text);
    size += text.length;
    if (size > 4 << 20) {
      writeSync(fd, batch.join(''));
      batch = [];
      size = 0;
    }
  }
  writeSync(fd, batch.join(''));
  closeSync(fd);
}

const WORDS =
  'the of and to in is was for on that with as by at from his her an which are this be or were have has it its'.split(
    ' ',
  );
const words = (seed: number, n: number): string =>
  Array.from({ length: n }, (_, k) => WORDS[(seed * 31 + k * 7) % WORDS.length]).join(' ');
const pseudoDoc = (a: number, b: number): number => (a * 2_654_435_761 + b * 40_503) % PASSAGES;

function generateMsmarco(dir: string): Record<string, string> {
  const files = {
    [MSMARCO_URLS.documents]: join(dir, 'collection.tsv'),
    [MSMARCO_URLS.train.queries]: join(dir, 'queries.train.tsv'),
    [MSMARCO_URLS.train.qrels]: join(dir, 'qrels.train.tsv'),
    [MSMARCO_URLS.train.topk]: join(dir, 'train_topk.tsv'),
    [MSMARCO_URLS.regular.queries]: join(dir, 'queries.dev.tsv'),
    [MSMARCO_URLS.regular.qrels]: join(dir, 'qrels.dev.small.tsv'),
    [MSMARCO_URLS.regular.topk]: join(dir, 'dev_topk.tsv'),
  };
  const passage = words(1, 22);
  writeLines(files[MSMARCO_URLS.documents]!, PASSAGES, (i) => `${i}\t${passage} ${i}\n`);
  writeLines(files[MSMARCO_URLS.train.queries]!, TRAIN_QUERIES, (q) => `${q}\twhat is ${words(q, 6)}\n`);
  writeLines(files[MSMARCO_URLS.train.qrels]!, TRAIN_QUERIES, (q) =>
    q % 3 === 2 ? '' : `${q}\t0\t${pseudoDoc(q, 0)}\t1\n`,
  );
  writeLines(
    files[MSMARCO_URLS.train.topk]!,
    TRAIN_QUERIES * 20,
    (i) => `${Math.floor(i / 20)}\t${pseudoDoc(Math.floor(i / 20), (i % 20) + 1)}\t${(i % 20) + 1}\n`,
  );
  const devQid = (q: number): number => 1_000_000 + q;
  writeLines(files[MSMARCO_URLS.regular.queries]!, DEV_QUERIES, (q) => `${devQid(q)}\thow to ${words(q, 5)}\n`);
  writeLines(
    files[MSMARCO_URLS.regular.qrels]!,
    DEV_QUERIES,
    (q) => `${devQid(q)}\t0\t${pseudoDoc(devQid(q), 0)}\t1\n`,
  );
  writeLines(
    files[MSMARCO_URLS.regular.topk]!,
    DEV_QUERIES * 1000,
    (i) =>
      `${devQid(Math.floor(i / 1000))}\t${pseudoDoc(devQid(Math.floor(i / 1000)), (i % 1000) + 1)}\t${(i % 1000) + 1}\n`,
  );
  return files;
}

/** One NQ dev line of ≈300 KB: document HTML, its tokens, and 5 annotations (short answers in 2 of 3 examples). */
function nqLine(index: number, html: string, tokens: string): string {
  const start = html.indexOf('<P>');
  const shortStart = start + 3;
  const annotation = (withShort: boolean): string =>
    `{"annotation_id":${index},"long_answer":{"start_byte":${start},"end_byte":${start + 200},"start_token":0,"end_token":40,"candidate_index":0},` +
    `"short_answers":${withShort ? `[{"start_byte":${shortStart},"end_byte":${shortStart + 12},"start_token":1,"end_token":3}]` : '[]'},"yes_no_answer":"NONE"}`;
  const hasShort = index % 3 !== 2;
  const annotations = [0, 1, 2, 3, 4].map((k) => annotation(hasShort && k < 3)).join(',');
  return (
    `{"example_id":${index},"question_text":"who ${words(index, 6)}","document_title":"Title ${index}","document_url":"https://en.wikipedia.org/wiki/X",` +
    `"document_html":${JSON.stringify(html)},"document_tokens":${tokens},"long_answer_candidates":[{"start_byte":${start},"end_byte":${start + 200},"start_token":0,"end_token":40,"top_level":true}],` +
    `"annotations":[${annotations}]}\n`
  );
}

async function generateNaturalQa(dir: string): Promise<Record<string, string>> {
  const paragraph = `<P>${words(3, 400)} &amp; ${words(5, 400)}</P>`;
  const html = `<HTML><BODY>${paragraph.repeat(20)}</BODY></HTML>`;
  const tokens = `[${Array.from({ length: 5000 }, (_, k) => `{"token":"${WORDS[k % WORDS.length]}","start_byte":${k * 6},"end_byte":${k * 6 + 5},"html_token":false}`).join(',')}]`;
  const files: Record<string, string> = {};
  for (const [shard, file] of NATURAL_QA_FILES.entries()) {
    const path = join(dir, file);
    const gzip = createGzip({ level: 1 });
    const out = gzip.pipe(createWriteStream(path));
    for (let i = 0; i < NQ_EXAMPLES_PER_SHARD; i++) {
      if (!gzip.write(nqLine(shard * 10_000 + i, html, tokens))) await once(gzip, 'drain');
    }
    gzip.end();
    await once(out, 'finish');
    files[`${NATURAL_QA_BASE_URL}/${file}`] = path;
  }
  return files;
}

async function totalSize(paths: readonly string[]): Promise<string> {
  let bytes = 0;
  for (const path of paths) bytes += (await stat(path)).size;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

const CHILD_FLAG = '--prepare-bench-child';

/** In the child: prepares one scenario from the files in `dir`, printing time and peak RSS. */
async function child(mode: string, dir: string, filesJson: string): Promise<void> {
  const files = JSON.parse(filesJson) as Record<string, string>; // written by the parent just below
  const fetcher: DatasetFetcher = {
    fetch: async (url) => files[url] ?? Promise.reject(new Error(`no fixture for ${url}`)),
  };
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  const scenario =
    mode === 'msmarco'
      ? createMsmarcoScenario({ track: 'regular', valid_topk: 30 })
      : createNaturalQaScenario({ mode: 'closedbook' });
  const instances = await scenario.getInstances({ outputDir: join(dir, `out-${mode}`), fetcher });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
  const references = instances.reduce((sum, instance) => sum + instance.references.length, 0);
  console.log(
    `${mode}: ${instances.length} instances, ${references} references prepared in ${seconds.toFixed(1)} s; peak RSS ${(peak / 1e6).toFixed(0)} MB (target ≤ 500 MB)`,
  );
}

async function runChild(mode: string, dir: string, files: Record<string, string>): Promise<void> {
  const childProcess = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), CHILD_FLAG, mode, dir, JSON.stringify(files)],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const [code] = (await once(childProcess, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`prepare child '${mode}' exited with ${code}`);
}

export default async function prepareBench(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'prepare-bench-'));
  try {
    let started = performance.now();
    const msmarco = generateMsmarco(dir);
    console.log(
      `MS MARCO synthetic sources: ${await totalSize(Object.values(msmarco))} (${PASSAGES} passages) generated in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    await runChild('msmarco', dir, msmarco);
    started = performance.now();
    const naturalQa = await generateNaturalQa(dir);
    console.log(
      `NaturalQuestions synthetic shards: ${await totalSize(Object.values(naturalQa))} gzipped (${NQ_EXAMPLES_PER_SHARD * 5} examples) generated in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    await runChild('natural_qa', dir, naturalQa);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const flagAt = process.argv.indexOf(CHILD_FLAG);
if (flagAt >= 0)
  await child(process.argv[flagAt + 1] ?? '', process.argv[flagAt + 2] ?? '', process.argv[flagAt + 3] ?? '{}');
