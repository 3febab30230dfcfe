/**
 * What a newcomer saw at 1280×800 (both themes): the Instances step's scenario <select> ran past the window, History's
 * Delete button was cut off with the table scrolling sideways, and the Run step broke run names mid-word
 * ("multiple_choice_separate_ori / ginal") in a table 800 px wide. Two finished runs with long names, written straight
 * into a data directory: no board, no model server.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, launchBrowser, SCREENSHOT_DIR } from './harness';
import type { AppUnderTest } from './harness';
import { pastViewport, runNamesBrokenMidWord, sidewaysTables, writeInstanceRun } from './truth-fixtures';

const LONG_RUN = '20260102-030405-aaaaaa';
const OTHER_RUN = '20260102-030406-bbbbbb';
const LONG_MODEL = 'acme-research-lab/instruction-tuned-13b-chat-v2';
const LONG_RUN_NAME =
  'commonsense:dataset=openbookqa,method=multiple_choice_separate_calibrated,model=acme-research-lab_instruction-tuned-13b-chat-v2,max_eval_instances=10,data_augmentation=canonical';

let dir: string;
let browser: Browser;
let app: AppUnderTest;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'helm-rank-e2e-layout-'));
  await writeInstanceRun(dir, LONG_RUN, 20, { runName: LONG_RUN_NAME, model: LONG_MODEL });
  await writeInstanceRun(dir, OTHER_RUN, 20, { model: `${LONG_MODEL}-other` });
  // The run last opened, which the Run step shows again at startup.
  await writeFile(join(dir, 'settings.json'), JSON.stringify({ lastRun: LONG_RUN }));
  browser = await launchBrowser();
  app = await launchApp(browser, { dataDir: dir });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('layout at 1280×800', () => {
  it('keeps History, Instances and Run inside the window, in both themes', async () => {
    const { page } = app;
    for (const theme of ['light', 'dark'] as const) {
      if ((await page.evaluate('document.documentElement.dataset.theme')) !== theme)
        await page.getByTestId('theme-toggle').click();
      const shot = (name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `layout-${name}-${theme}.png`) });

      await page.getByTestId('nav-history').click();
      await page.getByTestId(`delete-${LONG_RUN}`).waitFor();
      await shot('history');
      expect.soft(await sidewaysTables(page), `history (${theme})`).toEqual([]);
      expect.soft(await pastViewport(page), `history (${theme})`).toEqual([]);

      await page.getByTestId(`instances-${LONG_RUN}`).click();
      await page.getByTestId('instance-row').first().waitFor();
      await shot('instances');
      expect.soft(await sidewaysTables(page), `instances (${theme})`).toEqual([]);
      expect.soft(await pastViewport(page), `instances (${theme})`).toEqual([]);

      await page.getByTestId('nav-run').click();
      await page.locator('[data-testid="step-run"][data-status="done"]').waitFor();
      await shot('run');
      expect.soft(await runNamesBrokenMidWord(page), `run names (${theme})`).toEqual([]);
      expect.soft(await pastViewport(page), `run (${theme})`).toEqual([]);
    }
  });
});
