/** JSON Lines reading (BoolQ, HellaSwag, OpenbookQA): one JSON value per non-blank line, in file order. */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** Parses JSONL text; blank lines are skipped. Throws with the 1-based line number on bad JSON. */
export function parseJsonLines(text: string): unknown[] {
  const values: unknown[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    values.push(parseLine(line, i + 1));
  }
  return values;
}

/** Streams the values of a JSONL file, so large files (HellaSwag train is ~50 MB) never sit in memory whole. */
export async function* readJsonLines(path: string, signal?: AbortSignal): AsyncGenerator<unknown> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    signal?.throwIfAborted();
    lineNumber += 1;
    if (line.trim() === '') continue;
    yield parseLine(line, lineNumber);
  }
}

function parseLine(line: string, lineNumber: number): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch (error) {
    throw new Error(`line ${lineNumber}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
