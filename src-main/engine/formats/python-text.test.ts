import { describe, expect, it } from 'vitest';
import { firstCodePoint, pyCapitalize, pyStrip, readPythonText } from './python-text';

describe('python text semantics', () => {
  it('strips Python whitespace, not U+FEFF', () => {
    expect(pyStrip('\x1c\x85 a b \u3000\n')).toBe('a b');
    expect(pyStrip('\uFEFFx ')).toBe('\uFEFFx');
  });
  it('capitalizes like str.capitalize (rest lower-cased)', () => {
    expect(pyCapitalize('is the USA big')).toBe('Is the usa big');
    expect(pyCapitalize('')).toBe('');
    expect(pyCapitalize('éTÉ')).toBe('Été');
    // Title case, not upper case, of the first character (values from CPython 3's str.capitalize).
    expect(pyCapitalize('ǆemal')).toBe('ǅemal');
    expect(pyCapitalize('ßtraße')).toBe('Sstraße');
    expect(pyCapitalize('ﬁne')).toBe('Fine');
    expect(pyCapitalize('ŉ test')).toBe('ʼN test');
  });
  it('ord of the first character is a code point', () => {
    expect(firstCodePoint('😀x')).toBe(0x1f600);
    expect(firstCodePoint('A')).toBe(65);
  });
  it('reads universal newlines', () => {
    expect(readPythonText(Buffer.from('a\r\nb\rc\n'))).toBe('a\nb\nc\n');
  });
});
