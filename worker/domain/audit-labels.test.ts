import { describe, expect, it } from "vitest";
import { actionLabel, actionsOfGroup, actorRole, type EntityFacts, entityName, fieldLabel } from "./audit-labels";

const facts = (f: Partial<EntityFacts>): EntityFacts => ({
  type: "event",
  id: "x",
  eventTitle: null,
  sessionTitle: null,
  sessionPosition: null,
  sessionStartsAt: null,
  institutionName: null,
  networkName: null,
  municipalityName: null,
  personName: null,
  erased: false,
  accountName: null,
  contactOf: null,
  ...f,
});

describe("audit labels", () => {
  it("words actions and fields in both languages, keeping unknown codes", () => {
    expect(actionLabel("participants.sign_in_sheet", "de")).toBe("Unterschriftenliste erstellt (PDF)");
    expect(actionLabel("attendance.check_in", "en")).toBe("Checked in");
    expect(actionLabel("something.new", "de")).toBe("something.new");
    expect(fieldLabel("venueName", "de")).toBe("Veranstaltungsort");
    expect(fieldLabel("venueName", "en")).toBe("Venue");
    expect(fieldLabel("unknownField", "en")).toBe("unknownField");
    expect(actionsOfGroup("attendance")).toEqual(expect.arrayContaining(["attendance.check_in", "attendance.view"]));
  });

  it("names a session by title, Berlin date and event", () => {
    const name = entityName(
      facts({
        type: "event_session",
        sessionTitle: "",
        sessionPosition: 3,
        sessionStartsAt: new Date("2027-01-15T08:00:00Z"),
        eventTitle: "Werkstatt",
      }),
      "de",
    );
    expect(name).toEqual({ name: "Termin 3 · Fr., 15. Januar 2027, 9:00 Uhr · Werkstatt", state: "named" });
  });

  it("says a registration is erased, never a name it no longer has", () => {
    const erased = entityName(facts({ type: "registration", erased: true, eventTitle: "Werkstatt" }), "en");
    expect(erased).toEqual({ name: "Person erased · Werkstatt", state: "erased" });
    const named = entityName(facts({ type: "registration", personName: "Cem Aydın", eventTitle: "Werkstatt" }), "de");
    expect(named.name).toBe("Cem Aydın · Werkstatt");
  });

  it("names contact persons by their institution, and says when a record is gone", () => {
    expect(entityName(facts({ type: "contact_person", contactOf: "Kita Regenbogen" }), "de").name).toBe(
      "bei Kita Regenbogen",
    );
    expect(entityName(facts({ type: "contact_person" }), "de")).toEqual({
      name: "nicht mehr vorhanden",
      state: "missing",
    });
    expect(entityName(facts({ type: "network", id: null }), "de")).toEqual({ name: null, state: "none" });
  });

  it("gives the actor's roles in the network today", () => {
    const none = { accountId: "a", isOrganiser: false, isOperator: false, contactOf: null };
    expect(actorRole({ ...none, isOrganiser: true }, "de")).toBe("Organisation");
    expect(actorRole({ ...none, contactOf: "Kita Regenbogen" }, "en")).toBe("Institution contact at Kita Regenbogen");
    expect(actorRole({ ...none, isOperator: true }, "de")).toBe("Betrieb der Plattform");
    expect(actorRole(none, "de")).toBe("keine Rolle mehr im Netzwerk");
    expect(actorRole({ ...none, accountId: null }, "de")).toBe("System oder Teilnehmende");
  });
});
