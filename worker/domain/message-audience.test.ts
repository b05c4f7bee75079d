import { describe, expect, it } from "vitest";
import { attendsSession, refuseAudience, statusMatches } from "./message-audience";

describe("who may write to whom", () => {
  it("lets organisers write to anyone", () => {
    expect(refuseAudience({ group: "contacts", filter: "all" }, { organiser: true })).toBeNull();
    expect(refuseAudience({ group: "registrants", status: "all" }, { organiser: true })).toBeNull();
  });

  it("lets a contact write only to its own institution's delegates, named", () => {
    const contact = { organiser: false as const, institutionIds: ["i1", "i2"] };
    expect(refuseAudience({ group: "registrants", status: "all", institutionId: "i2" }, contact)).toBeNull();
    expect(refuseAudience({ group: "registrants", status: "all" }, contact)).toBe("institution_required");
    expect(refuseAudience({ group: "registrants", status: "all", institutionId: "i3" }, contact)).toBe(
      "not_own_institution",
    );
    expect(refuseAudience({ group: "contacts", filter: "all" }, contact)).toBe("contacts_only_own_delegates");
  });
});

describe("filters", () => {
  it("matches statuses, never the cancelled", () => {
    expect(statusMatches("all", "confirmed")).toBe(true);
    expect(statusMatches("all", "cancelled")).toBe(false);
    expect(statusMatches("waitlisted", "confirmed")).toBe(false);
    expect(statusMatches("waitlisted", "waitlisted")).toBe(true);
  });

  it("counts registrations without a session-bound track as attending every session", () => {
    expect(attendsSession("s1", null)).toBe(true);
    expect(attendsSession("s1", "s1")).toBe(true);
    expect(attendsSession("s1", "s2")).toBe(false);
  });
});
