import { describe, expect, it } from "vitest";
import { api, json } from "../helpers";

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 and describes every route with its errors", async () => {
    const res = await api("/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = await json(res);
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/api/auth/me",
      "/api/auth/session",
      "/api/auth/sessions",
      "/api/auth/sessions/{sessionId}",
      "/api/auth/sign-in-links",
      "/api/contact-persons/{contactPersonId}",
      "/api/dev/d1-meter",
      "/api/dev/jobs",
      "/api/dev/mailbox",
      "/api/events/{eventId}",
      "/api/events/{eventId}/attendance-figures",
      "/api/events/{eventId}/attendance.csv",
      "/api/events/{eventId}/attendance.xlsx",
      "/api/events/{eventId}/board",
      "/api/events/{eventId}/cancel",
      "/api/events/{eventId}/certificates.pdf",
      "/api/events/{eventId}/feedback-forms",
      "/api/events/{eventId}/participants.csv",
      "/api/events/{eventId}/participants.pdf",
      "/api/events/{eventId}/participants.xlsx",
      "/api/events/{eventId}/publish",
      "/api/events/{eventId}/redistribution",
      "/api/events/{eventId}/registrations",
      "/api/events/{eventId}/sessions/{eventSessionId}/sign-in-sheet.pdf",
      "/api/feedback-forms/{formId}",
      "/api/feedback-forms/{formId}/close",
      "/api/feedback-forms/{formId}/open",
      "/api/feedback-forms/{formId}/questions",
      "/api/feedback-forms/{formId}/results",
      "/api/feedback-forms/{formId}/results.csv",
      "/api/feedback-forms/{formId}/versions",
      "/api/feedback/{formId}",
      "/api/feedback/{formId}/links",
      "/api/feedback/{formId}/responses",
      "/api/health",
      "/api/institutions/{institutionId}",
      "/api/institutions/{institutionId}/archive",
      "/api/institutions/{institutionId}/contact-persons",
      "/api/institutions/{institutionId}/contacts",
      "/api/institutions/{institutionId}/contacts/{accountId}",
      "/api/institutions/{institutionId}/events",
      "/api/institutions/{institutionId}/leitbild",
      "/api/networks",
      "/api/networks/{networkId}",
      "/api/networks/{networkId}/audit-log",
      "/api/networks/{networkId}/audit-log.csv",
      "/api/networks/{networkId}/directory.csv",
      "/api/networks/{networkId}/directory.xlsx",
      "/api/networks/{networkId}/directory/import",
      "/api/networks/{networkId}/events",
      "/api/networks/{networkId}/institutions",
      "/api/networks/{networkId}/logo",
      "/api/networks/{networkId}/municipalities",
      "/api/networks/{networkId}/municipalities/{municipalityId}",
      "/api/networks/{networkId}/organisers",
      "/api/networks/{networkId}/organisers/{accountId}",
      "/api/networks/{networkId}/personal-data/access",
      "/api/networks/{networkId}/personal-data/access.pdf",
      "/api/networks/{networkId}/personal-data/erasure",
      "/api/networks/{networkId}/privacy",
      "/api/networks/{networkId}/retention",
      "/api/networks/{networkId}/setup",
      "/api/operator/networks",
      "/api/operator/networks/{networkId}/suspension",
      "/api/participation",
      "/api/participation/accept",
      "/api/participation/calendar.ics",
      "/api/participation/cancel",
      "/api/participation/certificate.pdf",
      "/api/participation/data.json",
      "/api/participation/erasure",
      "/api/participation/feedback",
      "/api/participation/link",
      "/api/participation/reminders",
      "/api/registrations/{registrationId}",
      "/api/registrations/{registrationId}/cancel",
      "/api/registrations/{registrationId}/certificate.pdf",
      "/api/registrations/{registrationId}/confirm",
      "/api/registrations/{registrationId}/move",
      "/api/registrations/{registrationId}/swap",
      "/api/sectors",
      "/api/sessions/{eventSessionId}/attendance",
      "/api/sessions/{eventSessionId}/check-ins",
      "/api/sessions/{eventSessionId}/check-ins/{registrationId}",
      "/api/sessions/{eventSessionId}/excused/{registrationId}",
      "/api/sessions/{eventSessionId}/walk-ins",
    ]);
    const search = doc.paths["/api/networks/{networkId}/institutions"].get;
    expect(search.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
      "municipality",
      "networkId",
      "q",
      "sector",
    ]);
    expect(search.responses["400"].content["application/problem+json"].schema.$ref).toBe(
      "#/components/schemas/Problem",
    );
    const institution = doc.components.schemas.Institution;
    expect(institution.allOf[0].$ref).toBe("#/components/schemas/InstitutionSummary");
    expect(institution.allOf[1].properties).toHaveProperty("reachability");
    expect(doc.components.schemas.Problem.required).toEqual(expect.arrayContaining(["code", "title", "requestId"]));
  });
});
