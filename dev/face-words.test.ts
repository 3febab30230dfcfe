/**
 * The engine and the services say what went wrong; only the faces say what to do, in their own words. So no text
 * in src-main/engine or src-main/services names a CLI flag or command: the CLI words that from the error code
 * (src-main/cli/error-hints.ts), the app in fields and buttons (src-renderer/errors/error-words.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from './testing/shared-data';

/** Arguments handed to other programs, not advice to the user. */
const NOT_ADVICE = new Set(['--import']);

function* shippedSources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* shippedSources(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) yield path;
  }
}

/** The string and template literal texts of a source file, from its syntax tree (comments are not scanned). */
function literalTexts(text: string): string[] {
  const source = ts.createSourceFile('file.ts', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const texts: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) texts.push(node.text);
    else if (ts.isTemplateExpression(node)) {
      texts.push(node.head.text);
      for (const span of node.templateSpans) texts.push(span.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return texts;
}

describe('engine and services texts', () => {
  it('name no CLI flag or command', () => {
    const found: string[] = [];
    for (const folder of ['src-main/engine', 'src-main/services']) {
      for (const file of shippedSources(join(repositoryRoot, folder))) {
        for (const text of literalTexts(readFileSync(file, 'utf8'))) {
          const flags = [...text.matchAll(/(?:^|[\s(`'"/])(--[a-z][a-z-]*)/g)].map((match) => match[1] as string);
          const advice = flags.filter((flag) => !NOT_ADVICE.has(flag));
          if (advice.length > 0 || /\bhelm-rank [a-z]/.test(text))
            found.push(`${relative(repositoryRoot, file)}: ${text}`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it('finds a flag where there is one (the scan works)', () => {
    expect(
      literalTexts("const a = 'Check --base-url'; const b = `x ${f({ y: 1 })} set --mirror`; /** `--not-this` */"),
    ).toEqual(['Check --base-url', 'x ', ' set --mirror']);
  });
});
