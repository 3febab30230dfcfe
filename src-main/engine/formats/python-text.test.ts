import { describe, expect, it } from 'vitest';
import {
  firstCodePoint,
  isPythonAlnum,
  pythonCapitalize,
  pythonRstrip,
  pythonSplit,
  pythonStrip,
  readPythonText,
} from './python-text';

describe('python text semantics', () => {
  it('strips Python whitespace, not U+FEFF', () => {
    expect(pythonStrip('\x1c\x85 a b \u3000\n')).toBe('a b');
    expect(pythonStrip('\uFEFFx ')).toBe('\uFEFFx');
    expect(pythonRstrip(' a\x1f\x85')).toBe(' a');
  });
  it('splits on runs of Python whitespace, dropping empty strings', () => {
    expect(pythonSplit('  a\x1c\x1db\u3000 c\n')).toEqual(['a', 'b', 'c']);
    expect(pythonSplit(' \x85 ')).toEqual([]);
    expect(pythonSplit('a\uFEFFb')).toEqual(['a\uFEFFb']);
  });
  it('isalnum is Unicode letters and numbers', () => {
    expect(['a', 'É', '٣', '²'].every(isPythonAlnum)).toBe(true);
    expect(['_', ' ', '-'].some(isPythonAlnum)).toBe(false);
  });
  it('capitalizes like str.capitalize (rest lower-cased)', () => {
    expect(pythonCapitalize('is the USA big')).toBe('Is the usa big');
    expect(pythonCapitalize('')).toBe('');
    expect(pythonCapitalize('éTÉ')).toBe('Été');
    // Title case, not upper case, of the first character (values from CPython 3's str.capitalize).
    expect(pythonCapitalize('ǆemal')).toBe('ǅemal');
    expect(pythonCapitalize('ßtraße')).toBe('Sstraße');
    expect(pythonCapitalize('ﬁne')).toBe('Fine');
    expect(pythonCapitalize('ŉ test')).toBe('ʼN test');
  });
  it('ord of the first character is a code point', () => {
    expect(firstCodePoint('😀x')).toBe(0x1f600);
    expect(firstCodePoint('A')).toBe(65);
  });
  it('reads universal newlines', () => {
    expect(readPythonText(Buffer.from('a\r\nb\rc\n'))).toBe('a\nb\nc\n');
  });
});
