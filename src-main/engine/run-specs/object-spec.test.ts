import { describe, expect, it } from 'vitest';
import { convertObjectSpecValue, parseObjectSpec, pythonStr } from './object-spec';

describe('parseObjectSpec', () => {
  it('splits name and args, converting ints and floats like Python', () => {
    const spec = parseObjectSpec('summarization_cnndm:model=text,temperature=0.3,device=cpu,max_eval_instances=10');
    expect(spec.name).toBe('summarization_cnndm');
    expect(spec.args).toEqual({ model: 'text', temperature: 0.3, device: 'cpu', max_eval_instances: 10 });
    expect(Object.keys(spec.args)).toEqual(['model', 'temperature', 'device', 'max_eval_instances']);
  });
  it('keeps everything after the first "=" and the first ":"', () => {
    expect(parseObjectSpec('x:a=b=c,m=org/name:v').args).toEqual({ a: 'b=c', m: 'org/name:v' });
    expect(parseObjectSpec('boolq')).toEqual({ name: 'boolq', args: {} });
  });
  it('rejects an argument without "="', () => {
    expect(() => parseObjectSpec('boolq:model')).toThrow(/<key>=<value>/);
  });
  it('follows int() then float() acceptance', () => {
    expect(convertObjectSpecValue('1_000')).toBe(1000);
    expect(convertObjectSpecValue(' -7 ')).toBe(-7);
    expect(convertObjectSpecValue('1e3')).toBe(1000);
    expect(convertObjectSpecValue('.5')).toBe(0.5);
    expect(convertObjectSpecValue('inf')).toBe(Infinity);
    expect(convertObjectSpecValue('True')).toBe('True');
    expect(convertObjectSpecValue('')).toBe('');
    expect(convertObjectSpecValue('e')).toBe('e');
    expect(pythonStr(Number.NaN)).toBe('nan');
  });
});
