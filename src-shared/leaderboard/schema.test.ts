import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { CAPABILITIES_SCHEMA, CLASSIC_SCHEMA, LITE_SCHEMA, columnsFor, schemaFor } from './schema';

const CORE = [
  'mmlu',
  'boolq',
  'narrative_qa',
  'natural_qa_closedbook',
  'natural_qa_openbook_longans',
  'quac',
  'hellaswag',
  'openbookqa',
  'truthful_qa',
  'msmarco_regular',
  'msmarco_trec',
  'summarization_cnndm',
  'summarization_xsum',
  'imdb',
  'civil_comments',
  'raft',
];

describe('CLASSIC_SCHEMA', () => {
  it('has the 16 core leaves in HELM’s column order, all in the Accuracy table', () => {
    expect(CLASSIC_SCHEMA.leaves).toEqual(CORE);
    expect(CLASSIC_SCHEMA.tables.accuracy!.map((column) => column.group)).toEqual(CORE);
  });

  it('prints headers as HELM does', () => {
    const headers = CLASSIC_SCHEMA.tables.accuracy!.map((column) => column.header);
    expect(headers).toContain('BoolQ - EM');
    expect(headers).toContain('MS MARCO (TREC) - NDCG@10');
    expect(headers).toContain('CNN/DailyMail - ROUGE-2');
    expect(headers).toContain('MMLU - EM');
    expect(CLASSIC_SCHEMA.tables.robustness![0]!.header).toBe('MMLU - EM (Robustness)');
    expect(CLASSIC_SCHEMA.tables.calibration![0]!.header).toBe('MMLU - ECE (10-bin)');
    expect(CLASSIC_SCHEMA.tables.efficiency![0]!.header).toBe('MMLU - Denoised inference time (s)');
  });

  it('leaves MS MARCO and the summarization groups out of Calibration, summarization out of Robustness and Fairness', () => {
    const groups = (table: 'calibration' | 'robustness' | 'fairness' | 'efficiency') =>
      CLASSIC_SCHEMA.tables[table]!.map((column) => column.group);
    expect(groups('calibration')).toEqual(
      CORE.filter((group) => !group.startsWith('msmarco') && !group.startsWith('summarization')),
    );
    expect(groups('robustness')).toEqual(CORE.filter((group) => !group.startsWith('summarization')));
    expect(groups('fairness')).toEqual(groups('robustness'));
    expect(groups('efficiency')).toEqual(CORE);
  });

  it('uses each leaf’s main metric and split, and the fixed metrics with their directions', () => {
    const boolq = CLASSIC_SCHEMA.tables.accuracy!.find((column) => column.group === 'boolq')!;
    expect(boolq).toEqual({
      group: 'boolq',
      header: 'BoolQ - EM',
      metric: 'quasi_exact_match',
      split: 'valid',
      perturbation: null,
      lowerIsBetter: false,
    });
    expect(CLASSIC_SCHEMA.tables.robustness!.find((column) => column.group === 'narrative_qa')).toMatchObject({
      metric: 'f1_score',
      split: 'test',
      perturbation: 'robustness',
    });
    expect(
      CLASSIC_SCHEMA.tables.calibration!.every(
        (column) => column.metric === 'ece_10_bin' && column.lowerIsBetter === true,
      ),
    ).toBe(true);
    expect(
      CLASSIC_SCHEMA.tables.efficiency!.every(
        (column) => column.metric === 'inference_denoised_runtime' && column.lowerIsBetter,
      ),
    ).toBe(true);
  });

  it('carries T0pp’s strong contamination, the schema’s model order and display names', () => {
    expect(CLASSIC_SCHEMA.strongContamination.map((point) => point.group).sort()).toEqual([
      'boolq',
      'hellaswag',
      'imdb',
      'openbookqa',
      'summarization_cnndm',
      'summarization_xsum',
    ]);
    expect(CLASSIC_SCHEMA.rowOrder[0]).toBe('ai21/j1-jumbo');
    expect(new Set(CLASSIC_SCHEMA.rowOrder).size).toBe(CLASSIC_SCHEMA.rowOrder.length);
    expect(CLASSIC_SCHEMA.displayNames!['together/t0pp']).toBe('T0pp (11B)');
  });
});

describe('LITE_SCHEMA and CAPABILITIES_SCHEMA', () => {
  it('Lite has its 10 leaves, accuracy and observed-runtime efficiency', () => {
    expect(LITE_SCHEMA.tables.accuracy!.map((column) => column.header)).toEqual([
      'NarrativeQA - F1',
      'NaturalQuestions (open-book) - F1',
      'NaturalQuestions (closed-book) - F1',
      'OpenbookQA - EM',
      'MMLU - EM',
      'MATH - Equivalent (CoT)',
      'GSM8K - EM',
      'LegalBench - EM',
      'MedQA - EM',
      'WMT 2014 - BLEU-4',
    ]);
    expect(Object.keys(LITE_SCHEMA.tables).sort()).toEqual(['accuracy', 'efficiency']);
    expect(LITE_SCHEMA.tables.efficiency![0]!.metric).toBe('inference_runtime');
  });

  it('Capabilities aggregates by mean score', () => {
    expect(CAPABILITIES_SCHEMA.aggregation).toBe('mean');
    expect(CAPABILITIES_SCHEMA.tables.accuracy!.map((column) => column.header)).toEqual([
      'MMLU-Pro - COT correct',
      'GPQA - COT correct',
      'IFEval - IFEval Strict Acc',
      'WildBench - WB Score',
      'Omni-MATH - Acc',
    ]);
  });
});

describe('schemaFor / columnsFor', () => {
  it('finds a project’s schema and rejects unknown ones with the known list', () => {
    expect(schemaFor('classic')).toBe(CLASSIC_SCHEMA);
    expect(schemaFor('lite')).toBe(LITE_SCHEMA);
    expect(() => schemaFor('heim')).toThrow(AppError);
    expect(() => schemaFor('heim')).toThrow(/heim/);
    expect(columnsFor(LITE_SCHEMA, 'calibration')).toEqual([]);
  });
});
