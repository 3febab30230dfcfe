/**
 * The renderer's Content-Security-Policy, sent by both faces that serve it: the Electron session and the web
 * bridge. src-renderer/index.html repeats it in a meta tag (HTML cannot import it) without `frame-ancestors`, which
 * browsers ignore in a meta tag (and warn about); content-security-policy.test.ts keeps the two equal otherwise.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
