/**
 * Fixture sources for the HELM Classic core scenarios: every file the scenarios download, in the real
 * formats, laid out as a mirror directory `<dir>/<HOST>/<PATH>` (the mirror rule of issue #2), and a loopback
 * server over such a directory. Used by the e2e engine run and by `helm-rank demo`.
 *
 * A source URL whose path ends in `/` (IMDB's pinned-order CodaLab blob) cannot be a file name; it is stored
 * as `<PATH>/${DIRECTORY_INDEX}` and served back at `<PATH>/`.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyMirror, DIRECTORY_INDEX } from '../../engine/download/mirror';
import { startFixtureServer } from '../http-fixture-server';
import type { FixtureServer } from '../http-fixture-server';
import { boolqSource } from './boolq';
import { civilCommentsSource } from './civil-comments';
import type { FixtureFile, FixtureSource } from './common';
import { hellaswagSource, openbookqaSource } from './commonsense';
import { imdbSource } from './imdb';
import { mmluSource } from './mmlu';
import { msmarcoSource } from './msmarco';
import { narrativeQaSource } from './narrative-qa';
import { naturalQaSource } from './natural-qa';
import { quacSource } from './quac';
import { raftSource } from './raft';
import { cnnDmSource, xsumSource } from './summarization';
import { truthfulQaSource } from './truthful-qa';
import { LITE_FIXTURE_SOURCES } from './lite';

export type { FixtureFile, FixtureSource } from './common';

/** Every fixture source, in the order of the Efficient-HELM run entries. */
export const FIXTURE_SOURCES: readonly FixtureSource[] = [
  boolqSource,
  narrativeQaSource,
  quacSource,
  naturalQaSource,
  hellaswagSource,
  openbookqaSource,
  truthfulQaSource,
  mmluSource,
  msmarcoSource,
  cnnDmSource,
  xsumSource,
  imdbSource,
  raftSource,
  civilCommentsSource,
  ...LITE_FIXTURE_SOURCES,
];

/** The file name standing for a URL path that ends in `/` (the mirror rule's, see `applyMirror`). */
export { DIRECTORY_INDEX };

/** Where `url` lives in a mirror directory: `<dir>/<HOST>/<PATH>` (`…/_index` for a path ending in `/`), by the engine's own rule. */
export function mirrorFilePath(dir: string, url: string): string {
  return fileURLToPath(applyMirror(url, dir));
}

/** The files of the sources that serve `scenarios` (run-entry names such as `boolq`, `mmlu`), or of all. */
export async function fixtureFiles(scenarios?: readonly string[]): Promise<FixtureFile[]> {
  const wanted = scenarios
    ? FIXTURE_SOURCES.filter((source) => source.scenarios.some((name) => scenarios.includes(name)))
    : FIXTURE_SOURCES;
  const files: FixtureFile[] = [];
  for (const source of wanted) files.push(...(await source.files()));
  return files;
}

/** Writes the fixture files into `dir` as a mirror; returns the paths written. */
export async function writeFixtureMirror(dir: string, scenarios?: readonly string[]): Promise<string[]> {
  const written: string[] = [];
  for (const file of await fixtureFiles(scenarios)) {
    const path = mirrorFilePath(dir, file.url);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.data);
    written.push(path);
  }
  return written;
}

/** Serves a mirror directory on 127.0.0.1: `GET /<HOST>/<PATH>` returns `<dir>/<HOST>/<PATH>`. */
export async function serveMirrorDirectory(dir: string): Promise<FixtureServer> {
  const server = await startFixtureServer();
  for (const path of await listFiles(dir)) {
    const route = `/${relative(dir, path).split(sep).join('/')}`;
    server.set(
      route.endsWith(`/${DIRECTORY_INDEX}`) ? route.slice(0, -DIRECTORY_INDEX.length) : route,
      await readFile(path),
    );
  }
  return server;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}
