/**
 * HELM run-entry confs (`presentation/run_entry.py`; files `run_entries_*.conf`, earlier `run_specs_*.conf`):
 * HOCON `entries: [{description: "...", priority: N, groups: [...]}]`. We parse the subset of HOCON those
 * files use — `#` and `//` comments, quoted or bare keys, `:` or `=`, optional commas, strings, numbers and
 * lists — and reject anything else with a message naming the line.
 */
import { AppError } from '../../../src-shared/errors';

/** One run entry (HELM `RunEntry`). */
export interface RunEntry {
  /** A run-spec description, e.g. `boolq:model=text,max_eval_instances=10`. */
  readonly description: string;
  /** 1 is the highest priority. */
  readonly priority: number;
  /** Extra run groups; they also suffix the run name with `,groups=<sorted, joined by ->`. */
  readonly groups?: readonly string[];
}

type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

export function parseRunEntriesConf(text: string): RunEntry[] {
  const root = new HoconSubsetParser(text).parseRoot();
  const entries = root.entries;
  if (!Array.isArray(entries)) throw confError('the conf has no `entries` list');
  return entries.map((entry, index) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      throw confError(`entry ${index + 1} is not an object`);
    const { description, priority, groups } = entry;
    if (typeof description !== 'string') throw confError(`entry ${index + 1} has no description`);
    if (typeof priority !== 'number' || !Number.isInteger(priority))
      throw confError(`entry ${index + 1} has no integer priority`);
    if (groups === undefined || groups === null) return { description, priority };
    if (!Array.isArray(groups) || !groups.every((g): g is string => typeof g === 'string'))
      throw confError(`entry ${index + 1}: groups must be a list of strings`);
    return { description, priority, groups };
  });
}

function confError(message: string): AppError {
  return new AppError({ code: 'run-spec.bad-conf', message: `Run-entry conf: ${message}.` });
}

class HoconSubsetParser {
  private position = 0;

  constructor(private readonly text: string) {}

  parseRoot(): { [key: string]: Value } {
    this.skipSpace();
    const braced = this.peek() === '{';
    if (braced) this.position += 1;
    const object = this.parseMembers(braced ? '}' : null);
    this.skipSpace();
    if (this.position < this.text.length) throw this.error('unexpected text');
    return object;
  }

  private parseMembers(close: string | null): { [key: string]: Value } {
    const object: { [key: string]: Value } = {};
    for (;;) {
      this.skipSpace();
      if (close !== null && this.peek() === close) {
        this.position += 1;
        return object;
      }
      if (this.position >= this.text.length) {
        if (close === null) return object;
        throw this.error(`missing '${close}'`);
      }
      const key = this.parseKey();
      this.skipSpace();
      const separator = this.peek();
      if (separator === ':' || separator === '=') this.position += 1;
      else if (separator !== '{') throw this.error(`expected ':' after '${key}'`);
      object[key] = this.parseValue();
      this.skipSpace();
      if (this.peek() === ',') this.position += 1;
    }
  }

  private parseValue(): Value {
    this.skipSpace();
    const c = this.peek();
    if (c === '"') return this.parseString();
    if (c === '{') {
      this.position += 1;
      return this.parseMembers('}');
    }
    if (c === '[') {
      this.position += 1;
      const list: Value[] = [];
      for (;;) {
        this.skipSpace();
        if (this.peek() === ']') {
          this.position += 1;
          return list;
        }
        if (this.position >= this.text.length) throw this.error("missing ']'");
        list.push(this.parseValue());
        this.skipSpace();
        if (this.peek() === ',') this.position += 1;
      }
    }
    const match = this.matchAt(/[^\s,\]}#]+/y);
    if (!match) throw this.error('expected a value');
    this.position += match[0].length;
    const token = match[0];
    if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(token)) return Number(token);
    if (token === 'true' || token === 'false') return token === 'true';
    if (token === 'null') return null;
    return token;
  }

  private parseKey(): string {
    if (this.peek() === '"') return this.parseString();
    const match = this.matchAt(/[A-Za-z0-9_.-]+/y);
    if (!match) throw this.error('expected a key');
    this.position += match[0].length;
    return match[0];
  }

  private parseString(): string {
    const start = this.position;
    this.position += 1;
    let out = '';
    while (this.position < this.text.length) {
      const c = this.text[this.position] ?? '';
      if (c === '"') {
        this.position += 1;
        return out;
      }
      if (c === '\n') break;
      if (c === '\\') {
        const escaped = this.text.slice(this.position, this.position + 2);
        // JSON escapes, as HOCON quoted strings use.
        out += JSON.parse(
          `"${escaped === '\\u' ? this.text.slice(this.position, this.position + 6) : escaped}"`,
        ) as string;
        this.position += escaped === '\\u' ? 6 : 2;
        continue;
      }
      out += c;
      this.position += 1;
    }
    this.position = start;
    throw this.error('unterminated string');
  }

  private skipSpace(): void {
    for (;;) {
      const match = this.matchAt(/(?:\s+|#[^\n]*|\/\/[^\n]*)/y);
      if (!match || match[0].length === 0) return;
      this.position += match[0].length;
    }
  }

  /** Matches a sticky regex at the current position (no copying of the rest of the text). */
  private matchAt(pattern: RegExp): RegExpExecArray | null {
    pattern.lastIndex = this.position;
    return pattern.exec(this.text);
  }

  private peek(): string {
    return this.text[this.position] ?? '';
  }

  private error(message: string): AppError {
    const line = this.text.slice(0, this.position).split('\n').length;
    return confError(`${message} at line ${line}`);
  }
}
