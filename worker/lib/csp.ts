// One Content-Security-Policy for the API and the web app. The app serves every
// script, style, font and image itself, so nothing but our own origin is allowed:
// no CDN, no web fonts, no analytics, no inline code (Solid sets styles through the
// CSSOM, which style-src does not restrict). web/public/_headers carries the same
// value for the static assets; test/api/privacy.test.ts checks they agree.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");
