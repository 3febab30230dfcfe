/**
 * One vocabulary (#14): every name src-shared exports is declared in one file only, so a concept has one home and an
 * import never has to choose between two `RunStatus`es. The engine protocol's names describe HELM runs
 * (`HelmRunStatus`), the app API's are views (`RunProgressView`, `ConnectionReportView`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from './testing/shared-data';

function* sharedSources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sharedSources(path);
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) yield path;
  }
}

const isExported = (statement: ts.Statement): boolean =>
  ts.canHaveModifiers(statement) &&
  (ts.getModifiers(statement) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);

/** Names a source file declares and exports (re-exports of another file's name are not declarations). */
function declaredExports(text: string): string[] {
  const source = ts.createSourceFile('file.ts', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const names: string[] = [];
  for (const statement of source.statements) {
    if (!isExported(statement)) continue;
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations)
        if (ts.isIdentifier(declaration.name)) names.push(declaration.name.text);
    } else if (
      (ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isEnumDeclaration(statement)) &&
      statement.name
    ) {
      names.push(statement.name.text);
    }
  }
  return [...new Set(names)]; // function overloads declare one name
}

describe('src-shared exports', () => {
  it('finds the names a file declares', () => {
    expect(
      declaredExports(
        'export const a = 1, b = 2;\nexport interface C {}\nexport type D = C;\nexport function e(): void;\n' +
          "export function e(x?: number) {}\nexport class F {}\nconst hidden = 0;\nexport { g } from './g';",
      ),
    ).toEqual(['a', 'b', 'C', 'D', 'e', 'F']);
  });

  it('declare each name in one file only', () => {
    const root = repositoryRoot;
    const homes = new Map<string, string[]>();
    for (const path of sharedSources(join(root, 'src-shared'))) {
      for (const name of declaredExports(readFileSync(path, 'utf8')))
        homes.set(name, [...(homes.get(name) ?? []), relative(root, path)]);
    }
    expect(homes.size).toBeGreaterThan(100);
    const twice = [...homes]
      .filter(([, files]) => files.length > 1)
      .map(([name, files]) => `${name}: ${files.join(', ')}`);
    expect(twice).toEqual([]);
  });
});
