/**
 * HELM's `Prompt` (`adaptation/prompt.py`): instructions, train blocks and the eval block joined by
 * `instance_prefix`, then the global prefix/suffix and the regex substitutions.
 */
import type { AdapterSpec, Substitution } from '../../../src-shared/helm/run-spec';

/** The parts of a prompt, kept apart so fitting can drop train blocks (HELM `Prompt`). */
export interface Prompt {
  readonly globalPrefix: string;
  readonly globalSuffix: string;
  readonly instancePrefix: string;
  readonly substitutions: readonly Substitution[];
  readonly instructionsBlock: string;
  readonly trainInstanceBlocks: readonly string[];
  readonly evalInstanceBlock: string;
  /** Set when even the zero-shot prompt had to be cut from the right. */
  readonly truncatedText?: string;
}

export function createPrompt(
  spec: AdapterSpec,
  trainInstanceBlocks: readonly string[],
  evalInstanceBlock: string,
): Prompt {
  return {
    globalPrefix: spec.global_prefix,
    globalSuffix: spec.global_suffix ?? '',
    instancePrefix: spec.instance_prefix,
    substitutions: spec.substitutions,
    instructionsBlock: spec.instructions,
    trainInstanceBlocks,
    evalInstanceBlock,
  };
}

/** `Prompt.text`. */
export function promptText(prompt: Prompt): string {
  // HELM tests `if self.truncated_text:`, so an empty truncation falls back to the full text.
  if (prompt.truncatedText) return prompt.truncatedText;
  const blocks = [
    ...(prompt.instructionsBlock ? [prompt.instructionsBlock] : []),
    ...prompt.trainInstanceBlocks,
    prompt.evalInstanceBlock,
  ];
  let text = blocks.join(prompt.instancePrefix);
  // HEAD concatenates directly; v0.3.0 inserted a space after a non-empty global prefix. No Classic core
  // run spec sets a global prefix, so the two agree on everything we reproduce; we follow HEAD.
  if (prompt.globalPrefix) text = `${prompt.globalPrefix}${text}`;
  if (prompt.globalSuffix) text = `${text}${prompt.globalSuffix}`;
  for (const substitution of prompt.substitutions) {
    text = text.replace(new RegExp(pythonPattern(substitution.source), 'gu'), pythonReplacement(substitution.target));
  }
  return text;
}

export function isPromptTruncated(prompt: Prompt): boolean {
  return prompt.truncatedText !== undefined;
}

/** Python-only named-group syntax (`(?P<name>…)`, `(?P=name)`) → JS; the rest of the syntax is shared. */
function pythonPattern(source: string): string {
  return source.replace(/\(\?P</g, '(?<').replace(/\(\?P=(\w+)\)/g, '\\k<$1>');
}

/** Python `re.sub` replacement syntax (`\1`, `\g<name>`) → JS (`$1`, `$<name>`); literal `$` escaped. */
function pythonReplacement(target: string): string {
  return target
    .replace(/\$/g, '$$$$')
    .replace(/\\g<(\d+)>/g, '$$$1')
    .replace(/\\g<(\w+)>/g, '$$<$1>')
    .replace(/\\(\d+)/g, '$$$1')
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t')
    .replace(/\\\\/g, '\\');
}
