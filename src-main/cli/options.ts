/**
 * Option parsing shared by every command (node:util parseArgs, strict): `--data-dir DIR` (else `HELM_RANK_HOME`,
 * else the OS app-data folder), `--json` (machine-readable output), `--mirror URL` (else `HELM_RANK_MIRROR`).
 * A command passes its {@link CommandInfo} (./commands/index.ts: its options, with the help line of each, and its
 * positional bounds), so what `--help` describes is what parses:
 * ```ts
 * const cli = parseCliArgs(args, context, command);
 * cli.dataDir; cli.json; cli.mirror; cli.string('table'); cli.positionals[0];
 * ```
 */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { resolveMirror } from '../engine/download/mirror';
import { resolveDataDir } from '../services/data-dir';
import { optionsOf } from './command';
import type { CliContext, CommonOption, OptionInfos } from './command';
import { AppError } from '../../src-shared/errors';
import { usageError } from './error-hints';

type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** How a command's arguments parse: its {@link CommandInfo} (usage, options, positionals) will do. */
export interface CliArgsSpec {
  /** The command's usage line, shown with a usage error. */
  readonly usage: string;
  /** Words that select the command (for "see `helm-rank <path> --help`"); else taken from the usage line. */
  readonly path?: readonly string[];
  /** Extra options of the command. */
  readonly options?: OptionInfos;
  /** [min, max] number of positionals (default [0, 0]). */
  readonly positionals?: readonly [number, number];
  /** Which common options it takes (default: all). */
  readonly common?: readonly CommonOption[];
}

/** parseArgs' view of option definitions: type and multiple only. */
function parserOptions(options: OptionInfos): OptionSpecs {
  return Object.fromEntries(
    Object.entries(options).map(([name, option]) => [
      name,
      option.multiple ? { type: option.type, multiple: true } : { type: option.type },
    ]),
  );
}

/** The command words of a usage line: its leading lower-case words (`leaderboard show <name> …` → `leaderboard show`). */
function commandWords(spec: CliArgsSpec): string {
  if (spec.path) return spec.path.join(' ');
  const words: string[] = [];
  for (const word of spec.usage.split(' ')) {
    if (!/^[a-z][a-z-]*$/.test(word)) break;
    words.push(word);
  }
  return words.join(' ');
}

/** A parseArgs failure in the CLI's words: the option named, and where the command's options are listed. */
function parserMessage(error: unknown, spec: CliArgsSpec): string {
  const code = (error as { code?: unknown }).code;
  const text = error instanceof Error ? error.message : String(error);
  const option = /'(-{1,2}[^' ]+)/.exec(text)?.[1] ?? '';
  const help = `see \`helm-rank ${commandWords(spec)} --help\` for its options`;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Unknown option ${option}: ${help}.`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/argument missing/.test(text)) return `${option} needs a value: ${help}.`;
    if (/ambiguous/.test(text))
      return `${option} needs a value; one that starts with a dash is written ${option}=VALUE (e.g. ${option}=-1).`;
    return `${option} takes no value (it is a switch): ${help}.`;
  }
  return text;
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
  /** A repeatable string option's values (empty when absent). */
  strings(name: string): string[];
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
      options: parserOptions(optionsOf(spec)),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // The message points to the command's --help, which says more than the usage line would.
    const message = parserMessage(error, spec);
    throw message.includes('--help') ? new AppError({ code: 'cli.usage', message }) : fail(message);
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
    strings: (name) => {
      const value = values[name];
      return (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string');
    },
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
