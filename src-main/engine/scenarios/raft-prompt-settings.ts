/**
 * RAFT prompt settings: the per-subset field order and instructions HELM reads from
 * `prompt_construction_settings.json` (v0.3.0 `scenarios/raft_scenario.py`, Dropbox `a5cyevryzw8rt4f`; the same two JSON
 * lines are `src/raft_baselines/data/prompt_construction_settings.jsonl` in oughtinc/raft-baselines at cc04aee9).
 * Shipped as data because the run spec needs the instructions before any download (HELM downloads the file while
 * building the run spec). A test compares them with the published file when ../shared/data is present.
 */

/** The 11 RAFT subsets, in HELM's order (`SUBSETS`). */
export const RAFT_SUBSETS = [
  'ade_corpus_v2',
  'banking_77',
  'neurips_impact_statement_risks',
  'one_stop_english',
  'overruling',
  'semiconductor_org_types',
  'systematic_review_inclusion',
  'tai_safety_research',
  'terms_of_service',
  'tweet_eval_hate',
  'twitter_complaints',
] as const;
export type RaftSubset = (typeof RAFT_SUBSETS)[number];

/** Fields shown in the prompt, in order (`field_ordering[subset]`). */
export const RAFT_FIELD_ORDER: Readonly<Record<RaftSubset, readonly string[]>> = {
  ade_corpus_v2: ['Sentence'],
  banking_77: ['Query'],
  neurips_impact_statement_risks: ['Impact statement', 'Paper title'],
  one_stop_english: ['Article'],
  overruling: ['Sentence'],
  semiconductor_org_types: ['Organization name', 'Paper title'],
  systematic_review_inclusion: ['Title', 'Abstract', 'Journal'],
  tai_safety_research: ['Title', 'Abstract Note', 'Publication Title', 'Item Type', 'Publication Year'],
  terms_of_service: ['Sentence'],
  tweet_eval_hate: ['Tweet'],
  twitter_complaints: ['Tweet text'],
};

/** Instructions placed before the examples (`instructions[subset]`). */
export const RAFT_INSTRUCTIONS: Readonly<Record<RaftSubset, string>> = {
  ade_corpus_v2:
    'Label the sentence based on whether it is related to an adverse drug effect (ADE). Details are described below:\nDrugs: Names of drugs and chemicals that include brand names, trivial names, abbreviations and systematic names were annotated. Mentions of drugs or chemicals should strictly be in a therapeutic context. This category does not include the names of metabolites, reaction byproducts, or hospital chemicals (e.g. surgical equipment disinfectants).\nAdverse effect: Mentions of adverse effects include signs, symptoms, diseases, disorders, acquired abnormalities, deficiencies, organ damage or death that strictly occur as a consequence of drug intake.',
  banking_77:
    'The following is a banking customer service query. Classify the query into one of the 77 categories available.',
  neurips_impact_statement_risks:
    'Label the impact statement based on whether it mentions a harmful application of the research done in the paper. Make sure the statement is sufficient to conclude there are harmful applications of the research being done, not a past risk that this research is solving.',
  one_stop_english:
    'The following is an article sourced from The Guardian newspaper, and rewritten by teachers to suit three levels of adult English as Second Language (ESL) learners: elementary, intermediate, and advanced. Predict the level of the article.',
  overruling:
    'In law, an overruling sentence is a statement that nullifies a previous case decision as a precedent, by a constitutionally valid statute or a decision by the same or higher ranking court which establishes a different rule on the point of law involved. Label the sentence based on whether it is overruling or not.',
  semiconductor_org_types:
    'The dataset is a list of institutions that have contributed papers to semiconductor conferences in the last 25 years, as catalogued by IEEE and sampled randomly. The goal is to classify the institutions into one of three categories: "university", "company" or "research institute".',
  systematic_review_inclusion:
    'Identify whether this paper should be included in a meta-review which includes the findings of systematic reviews on interventions designed to promote charitable donations. \nIncluded reviews should describe monetary charitable donations, assess any population of participants in any context, and be peer reviewed and written in English. \nThey should not report new data, be non-systematic reviews, consider cause-related marketing or other kinds of prosocial behaviour.',
  tai_safety_research:
    'Transformative AI (TAI) is defined as AI that precipitates a transition comparable to (or more significant than) the agricultural or industrial revolution. Label a paper as "TAI safety research" if: \n1. The contents of the paper are directly motivated by, and substantively inform, the challenge of ensuring good outcomes for TAI, \n2. There is substantive content on AI safety, not just AI capabilities, \n3. The intended audience is the community of researchers, \n4. It meets a subjective threshold of seriousness/quality, \n5. Peer review is not required.',
  terms_of_service:
    "Label the sentence from a Terms of Service based on whether it is potentially unfair. If it seems clearly unfair, mark it as potentially unfair.\nAccording to art. 3 of the Directive 93/13 on Unfair Terms in Consumer Contracts, a contractual term is unfair if: 1) it has not been individually negotiated; and 2) contrary to the requirement of good faith, it causes a significant imbalance in the parties rights and obligations, to the detriment of the consumer. \nDetails on types of potentially unfair clauses are found below:\nThe jurisdiction clause stipulates what courts will have the competence to adjudicate disputes under the contract. Jurisdiction clauses giving consumers a right to bring disputes in their place of residence were marked as clearly fair, whereas clauses stating that any judicial proceeding takes a residence away were marked as clearly unfair.\nThe choice of law clause specifies what law will govern the contract, meaning also what law will be applied in potential adjudication of a dispute arising under the contract. Clauses defining the applicable law as the law of the consumer's country of residence were marked as clearly fair. In every other case, the choice of law clause was considered as potentially unfair.\nThe limitation of liability clause stipulates that the duty to pay damages is limited or excluded, for certain kind of losses, under certain conditions. Clauses that explicitly affirm non-excludable providers' liabilities were marked as clearly fair. Clauses that reduce, limit, or exclude the liability of the service provider were marked as potentially unfair when concerning broad categories of losses or causes of them.\nThe unilateral change clause specifies the conditions under which the service provider could amend and modify the terms of service and/or the service itself. Such clause was always considered as potentially unfair.\nThe unilateral termination clause gives provider the right to suspend and/or terminate the service and/or the contract, and sometimes details the circumstances under which the provider claims to have a right to do so.\nThe contract by using clause stipulates that the consumer is bound by the terms of use of a specific service, simply by using the service, without even being required to mark that he or she has read and accepted them. We always marked such clauses as potentially unfair.\nThe content removal gives the provider a right to modify/delete user's content, including in-app purchases, and sometimes specifies the conditions under which the service provider may do so.\nThe arbitration clause requires or allows the parties to resolve their disputes through an arbitration process, before the case could go to court. Clauses stipulating that the arbitration should take place in a state other then the state of consumer's residence or be based on arbiter's discretion were marked as clearly unfair. Clauses defining arbitration as fully optional were marked as clearly fair.",
  tweet_eval_hate:
    'Label whether the following tweet contains hate speech against either immigrants or women. Hate Speech (HS) is commonly defined as any communication that disparages a person or a group on the basis of some characteristic such as race, color, ethnicity, gender, sexual orientation, nationality, religion, or other characteristics.',
  twitter_complaints:
    'A complaint presents a state of affairs which breaches the writer\u2019s favorable expectation. Label the tweet text based on whether it contains a complaint.',
};
