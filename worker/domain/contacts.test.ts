import { describe, expect, it } from "vitest";
import { isActiveSince } from "./contacts";

describe("isActiveSince", () => {
  const given = new Date("2026-02-01T10:00:00Z");

  it("is false for an account that never signed in", () => {
    expect(isActiveSince(null, given)).toBe(false);
  });

  it("is false for a sign-in before the role was given, true from that moment on", () => {
    expect(isActiveSince(new Date(given.getTime() - 1), given)).toBe(false);
    expect(isActiveSince(new Date(given.getTime()), given)).toBe(true);
    expect(isActiveSince(new Date(given.getTime() + 60_000), given)).toBe(true);
  });
});
