/**
 * Records in the page every text (and progress-bar value) an element shows from now on, with a MutationObserver,
 * so states that pass between two polls are seen too. The page code is a string: e2e files are typed for Node.
 */
import type { Page } from 'playwright-core';

/** Starts recording `selector`'s text (and the `aria-valuenow` of a progress bar inside it); returns a reader. */
export async function recordTexts(page: Page, selector: string): Promise<() => Promise<string[]>> {
  const key = `__recorded_${Math.random().toString(36).slice(2)}`;
  await page.evaluate(`(() => {
    const seen = [];
    window[${JSON.stringify(key)}] = seen;
    const record = () => {
      for (const element of document.querySelectorAll(${JSON.stringify(selector)})) {
        const bar = element.querySelector('[role="progressbar"]');
        const phase = element.getAttribute('data-phase');
        const text = (phase ? phase + '|' : '') + (bar ? (bar.getAttribute('aria-valuenow') ?? 'none') + '|' : '') + (element.textContent ?? '');
        if (seen[seen.length - 1] !== text) seen.push(text);
      }
    };
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    record();
  })()`);
  return async () => {
    const seen: unknown = await page.evaluate(`window[${JSON.stringify(key)}]`);
    return Array.isArray(seen) ? seen.map(String) : [];
  };
}
