/**
 * Parses JSON written by Python's `json.dump`, which may contain the non-standard tokens
 * `NaN`, `Infinity` and `-Infinity` (HELM writes them for undefined stats). They become null.
 * Apart from ./validate.ts so the import workers can parse without loading zod.
 */
export function parsePythonJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (first) {
    const replaced = text.replace(/(?<=[:,[\s])-?(?:NaN|Infinity)(?=\s*[,}\]])/g, 'null');
    if (replaced === text) throw first;
    return JSON.parse(replaced);
  }
}
