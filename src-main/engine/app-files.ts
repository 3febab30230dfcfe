/**
 * Where the app's own files are at run time. The build (scripts/build.mjs) writes every Node-side bundle and
 * chunk into one folder, out/app/, beside out/renderer/; run from the TypeScript sources (vitest, `npm run dev`),
 * the same entries are the `.ts` sources. A module tells the two apart by its own URL, so whichever chunk this
 * code lands in, an entry is found next to it.
 */
import { fileURLToPath } from 'node:url';

/** True when this code runs from the bundles in out/app/, false when it runs from the TypeScript sources. */
export const runsFromBundle = !import.meta.url.endsWith('.ts');

/**
 * A process or worker entry: `out/app/<bundle>.js` in the build, else `src-main/<source>` (a `.ts` file, which
 * only a process started with tsx can run: development only, see `npm run dev`).
 */
export function entryFile(bundle: string, source: string): string {
  return fileURLToPath(
    runsFromBundle ? new URL(`./${bundle}.js`, import.meta.url) : new URL(`../${source}`, import.meta.url),
  );
}

/** The renderer built by vite: out/renderer/. */
export function rendererDirectory(): string {
  return fileURLToPath(new URL(runsFromBundle ? '../renderer/' : '../../out/renderer/', import.meta.url));
}

/**
 * The checkout (or installed package) root: src-main/engine/ and out/app/ both sit two folders below it, so the
 * same relative URL works from the sources and from any bundle.
 */
export function packageRoot(): string {
  return fileURLToPath(new URL('../../', import.meta.url));
}
