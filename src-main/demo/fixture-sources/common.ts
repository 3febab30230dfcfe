/**
 * Shared pieces of the fixture-source generators: the file record, a deterministic text generator that reads
 * like the real sources (short plain English, so the tiny story model and its small context cope), and
 * CSV rows as Python's `csv` module writes them (tar archives: makeTar in src-main/demo/tar-writer.ts).
 */

/** One source file, to be served at `url` (under a mirror: `<mirror>/HOST/PATH`). */
export interface FixtureFile {
  readonly url: string;
  readonly data: Buffer;
}

/** A generator of the files one scenario downloads. */
export interface FixtureSource {
  /** The scenario (run-entry) names whose runs read these files, e.g. `['commonsense']`. */
  readonly scenarios: readonly string[];
  /** Builds the files; deterministic (the same bytes every call). */
  readonly files: () => Promise<FixtureFile[]>;
}

const NOUNS = [
  'cat',
  'dog',
  'girl',
  'boy',
  'garden',
  'river',
  'house',
  'teacher',
  'ship',
  'city',
  'king',
  'tree',
  'book',
  'farmer',
  'bird',
  'train',
  'school',
  'market',
  'doctor',
  'mountain',
  'child',
  'village',
  'queen',
  'lamp',
  'bridge',
  'forest',
];
const VERBS = [
  'saw',
  'found',
  'liked',
  'helped',
  'built',
  'painted',
  'visited',
  'carried',
  'watched',
  'followed',
  'lost',
  'opened',
];
const ADJECTIVES = [
  'little',
  'old',
  'happy',
  'green',
  'quiet',
  'big',
  'kind',
  'brave',
  'red',
  'small',
  'bright',
  'tired',
];
const NAMES = ['Lily', 'Tom', 'Anna', 'Ben', 'Sara', 'Max', 'Mia', 'Sam', 'Lucy', 'Jack', 'Emma', 'Leo'];

/**
 * Deterministic words and sentences from a small LCG (numerical recipes constants), so every fixture is the
 * same bytes on every machine without any dependency on Math.random.
 */
export class FixtureText {
  private state: number;

  constructor(seed: number) {
    this.state = (seed * 2654435761 + 12345) >>> 0;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    this.state = (Math.imul(this.state, 1664525) + 1013904223) >>> 0;
    return Math.floor((this.state / 2 ** 32) * n);
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  name(): string {
    return this.pick(NAMES);
  }

  noun(): string {
    return this.pick(NOUNS);
  }

  /** A short phrase such as `the old garden`. */
  phrase(): string {
    return `the ${this.pick(ADJECTIVES)} ${this.noun()}`;
  }

  /** A sentence such as `Lily saw the old garden near the river.` */
  sentence(): string {
    const tail = this.int(2) === 0 ? ` near ${this.phrase()}` : '';
    return `${this.name()} ${this.pick(VERBS)} ${this.phrase()}${tail}.`;
  }

  /** `count` sentences joined by spaces. */
  sentences(count: number): string {
    return Array.from({ length: count }, () => this.sentence()).join(' ');
  }

  /** At least `words` words of sentences. */
  words(words: number): string {
    const parts: string[] = [];
    let total = 0;
    while (total < words) {
      const sentence = this.sentence();
      parts.push(sentence);
      total += sentence.split(' ').length;
    }
    return parts.join(' ');
  }
}

/**
 * One CSV row as Python's `csv.writer` writes it (QUOTE_MINIMAL, `"` doubled, `\r\n` line ends); pandas'
 * `to_csv` writes the same with `\n`.
 */
export function csvRow(fields: readonly (string | number)[], lineEnd = '\r\n'): string {
  return `${fields
    .map((field) => {
      const text = String(field);
      return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(',')}${lineEnd}`;
}

/** JSON lines with Python's `json.dumps` separators (`", "` and `": "`). */
export function jsonLines(items: readonly unknown[]): string {
  return items.map((item) => `${pythonJson(item)}\n`).join('');
}

/** `json.dumps(value)` with its default separators and `ensure_ascii=True`. */
export function pythonJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(
      /("(?:[^"\\]|\\.)*")|([,:])/g,
      (match, string: string | undefined, separator: string | undefined) => string ?? `${separator ?? match} `,
    );
}

export function utf8(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}
