/**
 * LegalBench prompt settings for HELM Lite's five subsets: the five JSON lines HELM downloads from
 * `HazyResearch/legalbench` `helm_prompt_settings.jsonl` (field ordering, instructions, label keys, output nouns,
 * train counts), kept as data because the run spec needs instructions and output noun before any download, as
 * RAFT's settings are. A test checks them against the file's layout.
 */
export const LEGALBENCH_PROMPT_SETTINGS_URL =
  'https://raw.githubusercontent.com/HazyResearch/legalbench/main/helm_prompt_settings.jsonl';

export const LEGALBENCH_SUBSETS = [
  'abercrombie',
  'corporate_lobbying',
  'international_citizenship_questions',
  'function_of_decision_section',
  'proa',
] as const;
export type LegalbenchSubset = (typeof LEGALBENCH_SUBSETS)[number];

export interface LegalbenchSettings {
  /** `[shown name, column]` pairs, in prompt order. */
  readonly fields: readonly (readonly [string, string])[];
  readonly instructions: string;
  readonly labelKey: string;
  readonly outputNoun: string;
}

export const LEGALBENCH_SETTINGS: Readonly<Record<LegalbenchSubset, LegalbenchSettings>> = {
  abercrombie: {
    fields: [['Description', 'text']],
    instructions:
      'A mark is generic if it is the common name for the product. A mark is descriptive if it describes a purpose, nature, or attribute of the product. A mark is suggestive if it suggests or implies a quality or characteristic of the product. A mark is arbitrary if it is a real English word that has no relation to the product. A mark is fanciful if it is an invented word. Label the type of mark for the following products.',
    labelKey: 'answer',
    outputNoun: 'Type',
  },
  corporate_lobbying: {
    fields: [
      ['Official title of bill', 'bill_title'],
      ['Official summary of bill', 'bill_summary'],
      ['Company name', 'company_name'],
      ['Company business description', 'company_description'],
    ],
    instructions:
      "You are a lobbyist analyzing Congressional bills for their impacts on companies. Given the title and summary of the bill, plus information on the company from its 10K SEC filing, it is your job to determine if a bill is at least somewhat relevant to a company in terms of whether it could impact the company's bottom-line if it was enacted (by saying Yes or No).",
    labelKey: 'answer',
    outputNoun: 'Label',
  },
  international_citizenship_questions: {
    fields: [['Question', 'question']],
    instructions:
      'Answer the following questions considering the state of international law on January 1st, 2020. Answer Yes or No.',
    labelKey: 'answer',
    outputNoun: 'Answer',
  },
  function_of_decision_section: {
    fields: [['Text', 'Paragraph']],
    instructions:
      'Classify the following text using the following definitions.\n\n- Facts: The paragraph describes the factual background that led up to the present lawsuit.\n- Procedural History: The paragraph describes the course of litigation that led to the current proceeding before the court.\n- Issue: The paragraph describes the legal or factual issue that must be resolved by the court.\n- Rule: The paragraph describes a rule of law relevant to resolving the issue.\n- Analysis: The paragraph analyzes the legal issue by applying the relevant legal principles to the facts of the present dispute.\n- Conclusion: The paragraph presents a conclusion of the court.\n- Decree: The paragraph constitutes a decree resolving the dispute.',
    labelKey: 'answer',
    outputNoun: 'Function',
  },
  proa: {
    fields: [['Statute', 'text']],
    instructions:
      'A private right of action is when a regular person, a private citizen, is legally entitled to enforce their rights under a given statute. Does the clause specify a private right of action? Answer Yes or No.',
    labelKey: 'answer',
    outputNoun: 'Answer',
  },
};

export function isLegalbenchSubset(value: string): value is LegalbenchSubset {
  return (LEGALBENCH_SUBSETS as readonly string[]).includes(value);
}
