// One Content-Security-Policy for the API and the web app. The app serves every
// script, style, font and image itself, so nothing but our own origin is allowed:
// no CDN, no web fonts, no analytics, no inline code (Solid sets styles through the
// CSSOM, which style-src does not restrict). web/public/_headers carries the same
// value for the static assets; test/api/privacy.test.ts checks they agree.
const policy = (scriptSrc: string) =>
  [
    "default-src 'self'",
    scriptSrc,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
export const CONTENT_SECURITY_POLICY = policy("script-src 'self'");
// The check-in page's QR reader, where the browser has none of its own, is WebAssembly
// (web/src/lib/qr-scanner.ts, served from our origin), and compiling WebAssembly needs
// 'wasm-unsafe-eval'. It allows WebAssembly only, not eval of JavaScript, and only on that page
// (web/public/_headers, its own rule).
export const CHECK_IN_CONTENT_SECURITY_POLICY = policy("script-src 'self' 'wasm-unsafe-eval'");

// Powerful features nobody here needs are switched off for every page and answer;
// web/public/_headers carries the same. Only the door's check-in page (its own rule
// there) may use the camera, to scan tickets.
const features = [
  "accelerometer",
  "camera",
  "display-capture",
  "geolocation",
  "gyroscope",
  "magnetometer",
  "microphone",
  "payment",
  "usb",
];
const permissions = (allowed: string[]) =>
  features.map((f) => `${f}=${allowed.includes(f) ? "(self)" : "()"}`).join(", ");
export const PERMISSIONS_POLICY = permissions([]);
export const CHECK_IN_PERMISSIONS_POLICY = permissions(["camera"]);

/** Hono's secureHeaders default, which the API sends; the static assets send the same. */
export const STRICT_TRANSPORT_SECURITY = "max-age=15552000; includeSubDomains";
