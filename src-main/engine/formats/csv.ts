/**
 * CSV reading as HELM's scenarios do it, in one home:
 * - Python's `csv.reader` with the default dialect (`,`, `"`, doubled quotes, no escape character, non-strict),
 *   as HELM's MMLU and TruthfulQA scenarios and the HF RAFT loader (`skipinitialspace=True`) read their files
 *   ({@link parseCsv}), and `csv.DictReader` on top of it ({@link csvRecords});
 * - pandas' `read_csv` (CivilComments) via `csv-parse` with relaxed quotes and column counts, streamed because the
 *   file is large ({@link streamCsvRows}).
 *
 * The `csv.reader` port follows the state machine of CPython's `Modules/_csv.c` (3.8–3.12), fed line by line as a
 * text-mode file yields lines, so every quirk matches: text after a closing quote is kept (`"ab"c` → `abc`), a quote
 * inside an unquoted field is literal, `skipinitialspace` skips only U+0020, and an unterminated quoted field at
 * the end of the input ends the record.
 *
 * Deliberate difference: Python yields `[]` for a blank line, on which HELM's scenario code fails; we drop such
 * records (as `csv.DictReader` does). The input is expected after universal-newline translation
 * (`readPythonText`), as Python's `open()` gives it to the reader.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { readPythonText } from './python-text';

const OPTIONS = {
  relax_quotes: true,
  relax_column_count: true,
  // pandas' default skip_blank_lines=True.
  skip_empty_lines: true,
  bom: false,
} as const;

const enum State {
  StartRecord,
  StartField,
  InField,
  InQuotedField,
  QuoteInQuotedField,
  EatCrnl,
}

export interface PythonCsvOptions {
  /** Python's `skipinitialspace`: spaces (U+0020 only) at the start of a field are dropped. */
  readonly skipInitialSpace?: boolean;
}

/** All records of `text`, each a list of fields. */
export function parseCsv(text: string, options: PythonCsvOptions = {}): string[][] {
  const skipSpace = options.skipInitialSpace ?? false;
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let fieldStarted = false; // CPython's `field_len != 0`, counted in characters added.
  let state = State.StartRecord;

  const saveField = (): void => {
    fields.push(field);
    field = '';
    fieldStarted = false;
  };
  const add = (c: string): void => {
    field += c;
    fieldStarted = true;
  };
  const endRecord = (): void => {
    if (fields.length > 0) records.push(fields);
    fields = [];
  };

  // `null` is CPython's EOL pseudo-character, sent after each line.
  const process = (c: string | null): void => {
    const isNewline = c === '\n' || c === '\r';
    switch (state) {
      case State.StartRecord:
        if (c === null) return; // a blank line: an empty record
        if (isNewline) {
          state = State.EatCrnl;
          return;
        }
        state = State.StartField;
      // falls through: the character starts the first field
      case State.StartField:
        if (c === null || isNewline) {
          saveField();
          state = c === null ? State.StartRecord : State.EatCrnl;
        } else if (c === '"') state = State.InQuotedField;
        else if (c === ' ' && skipSpace) {
          // ignore spaces at the start of a field
        } else if (c === ',') saveField();
        else {
          add(c);
          state = State.InField;
        }
        return;
      case State.InField:
        if (c === null || isNewline) {
          saveField();
          state = c === null ? State.StartRecord : State.EatCrnl;
        } else if (c === ',') {
          saveField();
          state = State.StartField;
        } else add(c);
        return;
      case State.InQuotedField:
        if (c === null) return; // the line's newline was already added as a character
        if (c === '"') state = State.QuoteInQuotedField;
        else add(c);
        return;
      case State.QuoteInQuotedField:
        if (c === '"') {
          add(c);
          state = State.InQuotedField;
        } else if (c === ',') {
          saveField();
          state = State.StartField;
        } else if (c === null || isNewline) {
          saveField();
          state = c === null ? State.StartRecord : State.EatCrnl;
        } else {
          // Non-strict mode keeps text after the closing quote.
          add(c);
          state = State.InField;
        }
        return;
      case State.EatCrnl:
        if (c === null) state = State.StartRecord;
        else if (!isNewline) throw new Error('new-line character seen in unquoted field');
        return;
    }
  };

  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline + 1;
    for (let i = start; i < end; i++) {
      const c = text[i] as string;
      if (c === '\0') throw new Error('line contains NUL');
      process(c);
    }
    process(null);
    if (state === State.StartRecord) endRecord();
    start = end;
  }
  // End of input inside a record: CPython saves the pending field when it has characters or is quoted.
  if (state !== State.StartRecord) {
    if (fieldStarted || state === State.InQuotedField) saveField();
    endRecord();
  }
  return records;
}

/** A CSV row keyed by header, as Python's `csv.DictReader` yields it (missing fields read as ""). */
export type CsvRecord = Readonly<Record<string, string>>;

/** Rows of a CSV text with a header line, keyed by column name (DictReader skips blank rows). */
export function csvRecords(text: string): CsvRecord[] {
  const rows = parseCsv(readPythonText(text));
  const header = rows[0];
  if (header === undefined) return [];
  return rows.slice(1).map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])));
}

/**
 * Streams the rows of a large CSV file (CivilComments is ~0.4 GB): `onRow` receives each row as an array;
 * the first row is the header. Memory stays bounded by what `onRow` keeps.
 */
export async function streamCsvRows(
  path: string,
  /** May return a promise (e.g. to wait for a write stream to drain); the next row waits for it. */
  onRow: (row: readonly string[], index: number) => void | Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const parser = createReadStream(path).pipe(parse(OPTIONS));
  let index = 0;
  for await (const record of parser) {
    signal?.throwIfAborted();
    // csv-parse yields string[] records when `columns` is off.
    const pending = onRow(record as string[], index);
    if (pending) await pending;
    index += 1;
  }
}
