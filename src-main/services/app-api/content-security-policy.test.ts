import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

describe('the renderer’s Content-Security-Policy', () => {
  it('is repeated in index.html’s meta tag, without the frame-ancestors a meta tag cannot carry', () => {
    const html = readFileSync(new URL('../../../src-renderer/index.html', import.meta.url), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY.replace(/; frame-ancestors [^;]*/, ''));
    expect(meta).not.toContain('frame-ancestors');
    // The served header keeps it: no other page may frame the app.
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });
});
