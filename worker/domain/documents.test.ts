import { describe, expect, it } from "vitest";
import {
  attendanceTable,
  certificateGroups,
  excelDateTime,
  participantList,
  participantTable,
  signInSheetParticipants,
} from "./documents";

describe("excelDateTime", () => {
  it("writes Berlin time with a two-digit hour, in winter and in summer", () => {
    expect(excelDateTime(new Date("2026-12-03T08:05:00Z"))).toBe("03.12.2026 09:05");
    expect(excelDateTime(new Date("2026-06-01T07:30:00Z"))).toBe("01.06.2026 09:30");
  });
});

describe("signInSheetParticipants", () => {
  it("leaves out tracks bound to another session and sorts by institution, then name", () => {
    const rows = [
      { name: "Zora", institution: "Ämter", function: "A", trackSessionId: null },
      { name: "Anna", institution: "Beta", function: "B", trackSessionId: "s1" },
      { name: "Bert", institution: "Ämter", function: "C", trackSessionId: "s2" },
      { name: "Ali", institution: "Ämter", function: "D", trackSessionId: "s1" },
    ];
    expect(signInSheetParticipants(rows, "s1")).toEqual([
      { name: "Ali", institution: "Ämter", function: "D" },
      { name: "Zora", institution: "Ämter", function: "A" },
      { name: "Anna", institution: "Beta", function: "B" },
    ]);
  });
});

describe("signInSheetParticipants with ticket codes", () => {
  it("prints each person's code in two groups of four, and none for a row without one", () => {
    const rows = [
      { name: "Zora", institution: "Ämter", function: "A", trackSessionId: null, ticketCode: "NAHE2349" },
      { name: "Anna", institution: "Ämter", function: "B", trackSessionId: null, ticketCode: null },
    ];
    expect(signInSheetParticipants(rows, "s1").map((p) => [p.name, p.ticketCode])).toEqual([
      ["Anna", undefined],
      ["Zora", "NAHE-2349"],
    ]);
  });
});

describe("certificateGroups", () => {
  it("makes one group per person with all their sessions, sorted by institution and name", () => {
    const rows = [
      { registrationId: "r1", name: "Berta", institution: "Kita", title: "T1" },
      { registrationId: "r2", name: "Anton", institution: "Kita", title: "T1" },
      { registrationId: "r1", name: "Berta", institution: "Kita", title: "T2" },
      { registrationId: "r3", name: "Carl", institution: "Amt", title: "T2" },
    ];
    expect(certificateGroups(rows).map((g) => [g.person.registrationId, g.sessions.map((s) => s.title)])).toEqual([
      ["r3", ["T2"]],
      ["r2", ["T1"]],
      ["r1", ["T1", "T2"]],
    ]);
  });
});

describe("participantTable", () => {
  const person = (name: string, institution: string, status: "confirmed" | "waitlisted", track: string | null) => ({
    name,
    institution,
    status,
    track,
    email: `${name.toLowerCase()}@example.org`,
    function: "Fachkraft",
    sector: "Jugendhilfe",
    requestedAt: new Date("2026-03-02T10:00:00Z"),
  });

  it("lists the confirmed first, then the waiting, each by institution and name, in German", () => {
    const table = participantTable([
      person("Wanda", "Amt", "waitlisted", null),
      person("Bea", "Kita", "confirmed", "Forum A"),
      person("Abe", "Kita", "confirmed", null),
    ]);
    expect(table.header).toEqual([
      "Name",
      "E-Mail",
      "Funktion",
      "Einrichtung",
      "Bereich",
      "Status",
      "Forum",
      "Angemeldet am",
    ]);
    expect(table.rows.map((r) => [r[0], r[5], r[6], r[7]])).toEqual([
      ["Abe", "bestätigt", "", "02.03.2026 11:00"],
      ["Bea", "bestätigt", "Forum A", "02.03.2026 11:00"],
      ["Wanda", "Warteliste", "", "02.03.2026 11:00"],
    ]);
  });

  it("prints the same people in the same order without e-mail addresses, and counts them", () => {
    const list = participantList([
      person("Wanda", "Amt", "waitlisted", null),
      person("Bea", "Kita", "confirmed", "Forum A"),
      person("Abe", "Kita", "confirmed", null),
    ]);
    expect(list.participants).toEqual([
      { name: "Abe", institution: "Kita", function: "Fachkraft", track: "", status: "bestätigt" },
      { name: "Bea", institution: "Kita", function: "Fachkraft", track: "Forum A", status: "bestätigt" },
      { name: "Wanda", institution: "Amt", function: "Fachkraft", track: "", status: "Warteliste" },
    ]);
    expect(list.summary).toBe("2 bestätigt, 1 auf der Warteliste");
    expect(participantList([person("Abe", "Kita", "confirmed", null)]).summary).toBe("1 bestätigt");
  });
});

describe("attendanceTable", () => {
  it("has a column per session and marks each person present, excused or not there", () => {
    const table = attendanceTable({
      sessions: [
        { id: "s1", position: 1, startsAt: new Date("2026-03-02T09:00:00Z") },
        { id: "s2", position: 2, startsAt: new Date("2026-04-13T08:00:00Z") },
      ],
      rows: [
        { id: "r2", name: "Zeno", institution: "Amt", email: "z@example.org", function: "F", sector: "S" },
        { id: "r1", name: "Ada", institution: "Amt", email: "a@example.org", function: "F", sector: "S" },
      ],
      marks: [
        { sessionId: "s1", registrationId: "r1", kind: "present" },
        { sessionId: "s2", registrationId: "r1", kind: "excused" },
        { sessionId: "s2", registrationId: "r2", kind: "present" },
      ],
    });
    expect(table.header.slice(5)).toEqual(["Termin 1 (02.03.2026)", "Termin 2 (13.04.2026)"]);
    expect(table.rows.map((r) => [r[0], ...r.slice(5)])).toEqual([
      ["Ada", "anwesend", "entschuldigt"],
      ["Zeno", "–", "anwesend"],
    ]);
  });
});
