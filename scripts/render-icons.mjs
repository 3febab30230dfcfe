#!/usr/bin/env node
// Renders resources/icons/icon.svg to the PNG sizes electron-builder wants (Linux uses the folder of PNGs;
// macOS and Windows builds derive .icns / .ico from the 512 and 256 px PNGs). Uses Debian Chromium through
// playwright-core: node scripts/render-icons.mjs
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const svg = await readFile(`${root}resources/icons/icon.svg`, 'utf8');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
});
try {
  for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('width="512" height="512"', `width="${size}" height="${size}"`)}</body></html>`,
    );
    await page.screenshot({
      path: `${root}resources/icons/${size}x${size}.png`,
      omitBackground: true,
      clip: { x: 0, y: 0, width: size, height: size },
    });
    await page.close();
  }
  // electron-builder's default names for macOS / Windows sources.
  const page = await browser.newPage({ viewport: { width: 1024, height: 1024 } });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${svg.replace('width="512" height="512"', 'width="1024" height="1024"')}</body></html>`,
  );
  await page.screenshot({
    path: `${root}resources/icons/icon.png`,
    omitBackground: true,
    clip: { x: 0, y: 0, width: 1024, height: 1024 },
  });
} finally {
  await browser.close();
}
