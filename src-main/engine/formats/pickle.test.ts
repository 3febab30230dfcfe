import { describe, expect, it } from 'vitest';
import { readPickle, streamPickleSplits } from './pickle';

// Fixtures made with CPython 3 `base64.b64encode(pickle.dumps(DATA, protocol=P))` for
// DATA = {"train": [{"article": "A  cat\nsat.", "highlights": "Cat sat.", "id": "t1"},
//                   {"article": "Dog ran é", "highlights": "Dog.", "id": "t2"}],
//         "validation": [], "test": [{"article": "Z" * 70, "highlights": "z", "id": "x1"}]}
const DATA_BY_PROTOCOL: Readonly<Record<number, string>> = {
  2: 'gAJ9cQAoWAUAAAB0cmFpbnEBXXECKH1xAyhYBwAAAGFydGljbGVxBFgLAAAAQSAgY2F0CnNhdC5xBVgKAAAAaGlnaGxpZ2h0c3EGWAgAAABDYXQgc2F0LnEHWAIAAABpZHEIWAIAAAB0MXEJdX1xCihoBFgKAAAARG9nIHJhbiDDqXELaAZYBAAAAERvZy5xDGgIWAIAAAB0MnENdWVYCgAAAHZhbGlkYXRpb25xDl1xD1gEAAAAdGVzdHEQXXERfXESKGgEWEYAAABaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpacRNoBlgBAAAAenEUaAhYAgAAAHgxcRV1YXUu',
  4: 'gASV5wAAAAAAAAB9lCiMBXRyYWlulF2UKH2UKIwHYXJ0aWNsZZSMC0EgIGNhdApzYXQulIwKaGlnaGxpZ2h0c5SMCENhdCBzYXQulIwCaWSUjAJ0MZR1fZQoaASMCkRvZyByYW4gw6mUaAaMBERvZy6UaAiMAnQylHVljAp2YWxpZGF0aW9ulF2UjAR0ZXN0lF2UfZQoaASMRlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlqUaAaMAXqUaAiMAngxlHVhdS4=',
  5: 'gAWV5wAAAAAAAAB9lCiMBXRyYWlulF2UKH2UKIwHYXJ0aWNsZZSMC0EgIGNhdApzYXQulIwKaGlnaGxpZ2h0c5SMCENhdCBzYXQulIwCaWSUjAJ0MZR1fZQoaASMCkRvZyByYW4gw6mUaAaMBERvZy6UaAiMAnQylHVljAp2YWxpZGF0aW9ulF2UjAR0ZXN0lF2UfZQoaASMRlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlqUaAaMAXqUaAiMAngxlHVhdS4=',
};
const DATA = {
  train: [
    { article: 'A  cat\nsat.', highlights: 'Cat sat.', id: 't1' },
    { article: 'Dog ran é', highlights: 'Dog.', id: 't2' },
  ],
  validation: [],
  test: [{ article: 'Z'.repeat(70), highlights: 'z', id: 'x1' }],
};

describe('readPickle', () => {
  it.each([2, 4, 5])('reads a protocol %i dict of lists of dicts, memo references included', (protocol) => {
    expect(readPickle(Buffer.from(DATA_BY_PROTOCOL[protocol] ?? '', 'base64'))).toEqual(DATA);
  });

  it('reads scalars, tuples, sets, bytes and OrderedDict (protocol 4)', () => {
    // pickle.dumps({"n": None, "t": True, "f": False, "i": [0, 255, 65535, -1, 2**31, -2**40, 2**70], "fl": 1.5,
    //               "tu": (1, "a"), "od": collections.OrderedDict([("k", 1)]), "b": b"\x00\xff", "s": {3}}, protocol=4)
    const bytes = Buffer.from(
      'gASVnQAAAAAAAAB9lCiMAW6UTowBdJSIjAFmlImMAWmUXZQoSwBL/03//0r/////igUAAACAAIoGAAAAAAD/igkAAAAAAAAAAEBljAJmbJRHP/gAAAAAAACMAnR1lEsBjAFhlIaUjAJvZJSMC2NvbGxlY3Rpb25zlIwLT3JkZXJlZERpY3SUk5QpUpSMAWuUSwFzjAFilEMCAP+UjAFzlI+UKEsDkHUu',
      'base64',
    );
    expect(readPickle(bytes)).toEqual({
      n: null,
      t: true,
      f: false,
      i: [0, 255, 65535, -1, 2 ** 31, -(2 ** 40), 2 ** 70],
      fl: 1.5,
      tu: [1, 'a'],
      od: { k: 1 },
      b: Buffer.from([0, 255]),
      s: [3],
    });
  });

  it('reads protocol 0 text opcodes', () => {
    // pickle.dumps({"a": [1, "x", 2.5, None]}, protocol=0)
    expect(readPickle(Buffer.from('KGRwMApWYQpwMQoobHAyCkkxCmFWeApwMwphRjIuNQphTmFzLg==', 'base64'))).toEqual({
      a: [1, 'x', 2.5, null],
    });
  });

  it('refuses globals that would run code', () => {
    // pickle.dumps(os.system, protocol=2) starts with GLOBAL "posix\nsystem\n"
    expect(() => readPickle(Buffer.from('\x80\x02cposix\nsystem\nq\x00.', 'latin1'))).toThrow(/posix\.system/);
  });

  it('fails clearly on truncated data', () => {
    const bytes = Buffer.from(DATA_BY_PROTOCOL[4] ?? '', 'base64');
    expect(() => readPickle(bytes.subarray(0, 40))).toThrow(/ends early/);
  });
});

describe('streamPickleSplits', () => {
  it.each([2, 4])('streams every item of every top-level list in order (protocol %i)', (protocol) => {
    const seen: [string, unknown][] = [];
    const rest = streamPickleSplits(Buffer.from(DATA_BY_PROTOCOL[protocol] ?? '', 'base64'), (key, item) =>
      seen.push([key, item]),
    );
    expect(seen).toEqual([
      ['train', DATA.train[0]],
      ['train', DATA.train[1]],
      ['test', DATA.test[0]],
    ]);
    expect(rest).toEqual({ train: [], validation: [], test: [] });
  });

  it('streams a dict with a single key (SETITEM instead of SETITEMS)', () => {
    // pickle.dumps({"test": [{"a": "b"}, {"a": "c"}]}, protocol=4)
    const seen: unknown[] = [];
    streamPickleSplits(
      Buffer.from('gASVIwAAAAAAAAB9lIwEdGVzdJRdlCh9lIwBYZSMAWKUc32UaASMAWOUc2VzLg==', 'base64'),
      (_, item) => seen.push(item),
    );
    expect(seen).toEqual([{ a: 'b' }, { a: 'c' }]);
  });
});
