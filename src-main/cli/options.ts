/**
 * Option parsing shared by every command (node:util parseArgs, strict): `--data-dir DIR` (else `HELM_RANK_HOME`,
 * else the OS app-data folder), `--json` (machine-readable output), `--mirror URL` (else `HELM_RANK_MIRROR`).
 * A command passes its own options and positional bounds:
 * ```ts
 * const cli = parseCliArgs(args, context, { usage: this.usage, options: { table: { type: 'string' } }, positionals: [1, 1] });
 * cli.dataDir; cli.json; cli.mirror; cli.string('table'); cli.positionals[0];
 * ```
 */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { resolveMirror } from '../engine/download/mirror';
import { resolveDataDir } from '../services/data-dir';
import type { CliContext } from './command';
import { usageError } from './error-hints';

type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** The options every command accepts. */
export const COMMON_OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  mirror: { type: 'string' },
} as const satisfies OptionSpecs;

export interface CliArgsSpec {
  /** The command's usage line, shown with a usage error. */
  readonly usage: string;
  /** Extra options of the command. */
  readonly options?: OptionSpecs;
  /** [min, max] number of positionals (default [0, 0]). */
  readonly positionals?: readonly [number, number];
}

export interface ParsedCliArgs {
  readonly positionals: readonly string[];
  /** Resolved data directory (absolute). */
  readonly dataDir: string;
  readonly json: boolean;
  /** `--mirror`, else `HELM_RANK_MIRROR`, else null. */
  readonly mirror: string | null;
  /** A string option's value, if given. */
  string(name: string): string | undefined;
  /** A boolean option's value (false when absent). */
  flag(name: string): boolean;
  /** A string option that must be one of `choices`. */
  choice<T extends string>(name: string, choices: readonly T[]): T | undefined;
}

/** Parses a command's arguments; throws a `cli.usage` AppError (exit code 1, the usage line as its hint) on a mistake. */
export function parseCliArgs(
  args: readonly string[],
  context: Pick<CliContext, 'env'>,
  spec: CliArgsSpec,
): ParsedCliArgs {
  const fail = (message: string) => usageError(spec.usage, message);
  let parsed: { values: Record<string, string | boolean | (string | boolean)[] | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...args],
      options: { ...COMMON_OPTIONS, ...spec.options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw fail(error instanceof Error ? error.message : String(error));
  }
  const [min, max] = spec.positionals ?? [0, 0];
  if (parsed.positionals.length < min) throw fail('Missing argument.');
  if (parsed.positionals.length > max) throw fail(`Unexpected argument '${parsed.positionals[max] ?? ''}'.`);
  const values = parsed.values;
  const string = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  return {
    positionals: parsed.positionals,
    dataDir: resolveDataDir({ flag: string('data-dir'), env: context.env }),
    json: values.json === true,
    mirror: resolveMirror(string('mirror'), context.env),
    string,
    flag: (name) => values[name] === true,
    choice<T extends string>(name: string, choices: readonly T[]): T | undefined {
      const value = string(name);
      if (value === undefined) return undefined;
      if (!(choices as readonly string[]).includes(value))
        throw fail(`--${name} must be one of ${choices.join(', ')}, not '${value}'.`);
      return value as T; // checked against choices just above
    },
  };
}

/** A `--name N` value that must be a positive integer; `fallback` when the flag is absent. */
export function positiveInteger(value: string | undefined, name: string, fallback: number, usage: string): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw usageError(usage, `--${name} must be a positive integer, not '${value}'.`);
  return parsed;
}
