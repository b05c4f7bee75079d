// Hardening headers: nothing of the API's answers stays in a cache, no page or answer may use
// powerful features (the camera only on the door's check-in page), HSTS everywhere.
import { beforeAll, describe, expect, it } from "vitest";
import headersFile from "../../web/public/_headers?raw";
import {
  CHECK_IN_CONTENT_SECURITY_POLICY,
  CHECK_IN_PERMISSIONS_POLICY,
  CONTENT_SECURITY_POLICY,
  PERMISSIONS_POLICY,
  STRICT_TRANSPORT_SECURITY,
} from "../../worker/lib/csp";
import { api, authed, seed, signIn } from "../helpers";

const NET = "net-kc9";
const ORGANISER = "koordination@kinderschutz-bad-kreuznach.example";
let organiser: string;

beforeAll(async () => {
  await seed();
  organiser = await signIn(ORGANISER);
});

/** The header lines of the `_headers` rule for `pattern`. */
function rule(pattern: string): string[] {
  const blocks = headersFile.split(/\n(?=\S)/);
  const block = blocks.find((b) => b.split("\n")[0].trim() === pattern);
  if (!block) throw new Error(`no rule for ${pattern} in web/public/_headers`);
  return block
    .split("\n")
    .slice(1)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
}
const value = (lines: string[], name: string) =>
  lines.find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))?.replace(/^[^:]+:\s*/, "");

describe("API answers", () => {
  it("are never cached and may use no powerful feature, successes and problems alike", async () => {
    const answers = [
      await api("/api/health"),
      await authed(organiser, "/api/auth/me"),
      await authed(organiser, `/api/networks/${NET}/institutions`),
      await authed(organiser, "/api/events/evt-qe-werkstatt/registrations"),
      await api("/api/participation", { headers: { "x-participant-token": "x".repeat(40) } }),
      await api("/api/nowhere"),
      await api("/api/auth/me"),
    ];
    for (const res of answers) {
      expect(res.headers.get("cache-control"), res.url).toBe("no-store");
      expect(res.headers.get("permissions-policy"), res.url).toBe(PERMISSIONS_POLICY);
      expect(res.headers.get("strict-transport-security"), res.url).toBe(STRICT_TRANSPORT_SECURITY);
      await res.body?.cancel();
    }
  });
});

describe("static assets and pages (web/public/_headers)", () => {
  it("send HSTS and the same Permissions-Policy as the API on every path", () => {
    const all = rule("/*");
    expect(value(all, "Strict-Transport-Security")).toBe(STRICT_TRANSPORT_SECURITY);
    expect(value(all, "Permissions-Policy")).toBe(PERMISSIONS_POLICY);
    expect(PERMISSIONS_POLICY).toContain("camera=()");
  });

  it("let only the check-in page use the camera, replacing the general policy rather than adding to it", () => {
    const checkIn = rule("/:networkSlug/veranstaltungen/:eventId/termine/:eventSessionId/einlass");
    expect(checkIn).toContain("! Permissions-Policy");
    expect(value(checkIn, "Permissions-Policy")).toBe(CHECK_IN_PERMISSIONS_POLICY);
    expect(CHECK_IN_PERMISSIONS_POLICY).toContain("camera=(self)");
    expect(CHECK_IN_PERMISSIONS_POLICY).toContain("microphone=()");
  });

  it("let only the check-in page compile WebAssembly (its QR reader), and nothing else than the general policy", () => {
    const checkIn = rule("/:networkSlug/veranstaltungen/:eventId/termine/:eventSessionId/einlass");
    expect(checkIn).toContain("! Content-Security-Policy");
    expect(value(checkIn, "Content-Security-Policy")).toBe(CHECK_IN_CONTENT_SECURITY_POLICY);
    expect(CHECK_IN_CONTENT_SECURITY_POLICY).toBe(
      CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'"),
    );
    expect(value(rule("/*"), "Content-Security-Policy")).not.toContain("wasm-unsafe-eval");
  });
});
