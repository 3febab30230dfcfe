/**
 * The leaderboard catalogue: `resources/catalogue.json`, validated on load. A new HELM release is one entry there.
 * Also resolves what a user typed (`classic-v0.3.0`, `v0.4.0`, `lite/v1.0.0`, a URL or a path) to an import plan.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { CatalogueEntry } from '../../../src-shared/api/leaderboards';
import { AppError } from '../../../src-shared/errors';
import catalogueJson from '../../../resources/catalogue.json' with { type: 'json' };

/**
 * Checks what a schema cannot: ids unique, a URL each, exactly one default, at most one family default per project.
 * The bundled file's shape is checked against the contract's schema by the tests (./catalogue-schema.ts), so
 * loading it needs no schema library.
 */
export function checkCatalogue(entries: CatalogueEntry[]): CatalogueEntry[] {
  const ids = new Set<string>();
  for (const entry of entries) {
    if (ids.has(entry.id))
      throw new AppError({ code: 'catalogue.invalid', message: `resources/catalogue.json lists '${entry.id}' twice.` });
    ids.add(entry.id);
    if (entry.urls.length === 0)
      throw new AppError({ code: 'catalogue.invalid', message: `Catalogue entry '${entry.id}' has no URL.` });
  }
  if (entries.filter((entry) => entry.isDefault).length !== 1)
    throw new AppError({
      code: 'catalogue.invalid',
      message: 'resources/catalogue.json must mark exactly one entry as the default.',
    });
  for (const project of new Set(entries.map((entry) => entry.project))) {
    if (entries.filter((entry) => entry.project === project && entry.familyDefault === true).length > 1)
      throw new AppError({
        code: 'catalogue.invalid',
        message: `resources/catalogue.json marks more than one '${project}' entry as the family default.`,
      });
  }
  return entries;
}

/**
 * The default release of a board family (`classic`, `lite`): the entry marked `familyDefault`, else the app default
 * or the first of that family; undefined for a family the catalogue lacks.
 */
export function familyDefaultEntry(
  project: string,
  catalogue: readonly CatalogueEntry[] = loadCatalogue(),
): CatalogueEntry | undefined {
  const family = catalogue.filter((entry) => entry.project === project);
  return family.find((entry) => entry.familyDefault === true) ?? family.find((entry) => entry.isDefault) ?? family[0];
}

let bundled: CatalogueEntry[] | null = null;

/** The bundled catalogue. */
export function loadCatalogue(): CatalogueEntry[] {
  // cast: our own bundled file, whose shape the tests check (catalogue.test.ts)
  bundled ??= checkCatalogue((catalogueJson as { entries: CatalogueEntry[] }).entries);
  return bundled;
}

/** What to import and how. */
export interface ImportPlan {
  readonly kind: CatalogueEntry['kind'] | 'runs-folder';
  /** Source URLs tried in order (archives, release folders ending in `/`, or a `core_scenarios.json` URL). */
  readonly urls: readonly string[];
  /** A local zip, runs folder, release folder or `core_scenarios.json`; null for URLs. */
  readonly path: string | null;
  readonly entry: CatalogueEntry | null;
  /** Board name if the user gives none. */
  readonly defaultName: string;
  readonly project: string;
}

/**
 * Resolves a source: a catalogue id, a release (`v0.4.0`, `classic/v0.4.0`, `lite-v1.0.0`), an http(s) URL or a local
 * path (zip archive, runs folder, release folder holding `groups/core_scenarios.json`, or that file itself).
 */
export function resolveImportSource(
  source: string,
  catalogue: readonly CatalogueEntry[] = loadCatalogue(),
): ImportPlan {
  const wanted = source.trim();
  const entry =
    catalogue.find((candidate) => candidate.id === wanted) ??
    catalogue.find(
      (candidate) =>
        `${candidate.project}/${candidate.release}` === wanted ||
        `${candidate.project}-${candidate.release}` === wanted,
    ) ??
    (wanted === 'lite' || wanted === 'classic' ? familyDefaultEntry(wanted, catalogue) : undefined) ??
    catalogue.find((candidate) => candidate.release === wanted && candidate.project === 'classic') ??
    catalogue.find((candidate) => candidate.release === wanted);
  if (entry)
    return { kind: entry.kind, urls: entry.urls, path: null, entry, defaultName: entry.id, project: entry.project };

  if (/^https?:\/\//i.test(wanted)) {
    const isArchive = /\.zip(?:$|\?)/i.test(wanted);
    return {
      kind: isArchive ? 'run-archive' : 'release-files',
      urls: [wanted],
      path: null,
      entry: null,
      defaultName: nameFrom(wanted),
      project: projectFrom(wanted),
    };
  }
  const path = resolve(wanted.startsWith('file://') ? new URL(wanted).pathname : wanted);
  if (existsSync(path)) {
    const isDirectory = statSync(path).isDirectory();
    const isRelease = isDirectory ? existsSync(resolve(path, 'groups', 'core_scenarios.json')) : path.endsWith('.json');
    const kind = isRelease ? 'release-files' : isDirectory ? 'runs-folder' : 'run-archive';
    return { kind, urls: [], path, entry: null, defaultName: nameFrom(path), project: projectFrom(path) };
  }
  // What looks like a path is told as one (the app's Path field, a CLI argument), not as an unknown version.
  if (/[/\\]|^[.~]|\.(zip|json)$/i.test(wanted))
    throw new AppError({
      code: 'import.no-such-path',
      message: `There is no file or folder at '${path}'.`,
      details: { path, knownVersions: catalogue.map((candidate) => candidate.id) },
    });
  throw new AppError({
    code: 'import.unknown-source',
    message: `'${source}' is neither a catalogue version, a URL nor an existing file or folder.`,
    details: { knownVersions: catalogue.map((candidate) => candidate.id) },
  });
}

function nameFrom(source: string): string {
  const trimmed = source.replace(/[?#].*$/, '').replace(/\/+$/, '');
  const last = basename(trimmed).replace(/\.(zip|json)$/i, '');
  // `<release>/groups/core_scenarios.json` is named after its release folder.
  const base = last === 'core_scenarios' ? basename(dirname(dirname(trimmed))) : last;
  const name = base.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return name.slice(0, 100) || 'leaderboard';
}

// The bucket layout puts the project first (`lite/benchmark_output/…`); Classic has no prefix.
function projectFrom(source: string): string {
  return /(?:^|\/)lite(?:\/|[-_])/i.test(source) ? 'lite' : 'classic';
}
