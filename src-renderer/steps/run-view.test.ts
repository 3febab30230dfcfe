import { describe, expect, it } from 'vitest';
import { fakeProgress } from '../api/fake-api';
import { countsText, phaseLine, phaseView, retryText, stoppedText } from './run-view';

const phase = (step: 'checking-sources' | 'downloading' | 'preparing' | 'planning', extra = {}) => ({
  step,
  scenario: 'natural_qa',
  done: null,
  total: null,
  bytes: null,
  totalBytes: null,
  ...extra,
});

describe('run view', () => {
  it('names each phase with its counts or bytes, and a bar only when the total is known', () => {
    expect(phaseLine(phase('downloading', { bytes: 12e6, totalBytes: 166e6 }))).toEqual({
      text: 'Downloading NaturalQuestions data 12.0 MB / 166.0 MB',
      meter: { value: 12e6, max: 166e6, label: 'Downloading NaturalQuestions data' },
    });
    expect(phaseLine(phase('downloading', { bytes: 5e6 }))).toEqual({
      text: 'Downloading NaturalQuestions data: 5.0 MB so far',
      meter: null,
    });
    expect(phaseLine(phase('preparing', { scenario: 'truthful_qa', done: 1, total: 3 }))?.text).toBe(
      'Preparing TruthfulQA (scenario 2 of 3)',
    );
    expect(phaseLine(phase('checking-sources', { scenario: null, done: 2, total: 5 }))?.meter).toEqual({
      value: 2,
      max: 5,
      label: 'Sources checked',
    });
    expect(phaseLine(null)).toBeNull();
  });

  it('says "waiting for the model server" and gives no ETA while the server is silent', () => {
    const silent = fakeProgress('r', { requestsDone: 4, etaSeconds: 21, stalledSeconds: 25 });
    expect(phaseView(silent)?.text).toBe('Running · waiting for the model server… (no answer for 25 s)');
    expect(countsText(silent, '$0.00')).toBe('4 / 30 requests · 0 tokens · $0.00');
    const flowing = fakeProgress('r', { requestsDone: 4, etaSeconds: 21, requestsPerSecond: 2.5 });
    expect(phaseView(flowing)?.text).toBe('Sending requests · 2.5 answers / s');
    expect(countsText(flowing, '$0.00')).toBe('4 / 30 requests · ETA 21 s · 0 tokens · $0.00');
  });

  it('says retries in one line while they last, and a stopped run with its counts', () => {
    const retrying = fakeProgress('r', {
      retrying: { requests: 8, reason: 'HTTP 503 (service unavailable)', attempt: 3, maxAttempts: 7 },
    });
    expect(retryText(retrying)).toBe('Retrying 8 requests · HTTP 503 (service unavailable) · attempt 3 of 7');
    expect(retryText(fakeProgress('r'))).toBeNull();
    expect(stoppedText(fakeProgress('r', { status: 'interrupted', requestsDone: 12 }))).toBe(
      'Interrupted — 12 / 30 done —',
    );
    expect(stoppedText(fakeProgress('r', { status: 'paused', requestsDone: 3 }))).toBe('Paused — 3 / 30 done —');
    expect(stoppedText(fakeProgress('r', { status: 'done' }))).toBeNull();
    expect(phaseView(fakeProgress('r', { status: 'interrupted' }))).toBeNull();
  });
});
