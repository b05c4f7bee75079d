import { getTableColumns } from "drizzle-orm";
import type { Db } from "./client";
import { demoNetwork, sectorList } from "./demo-data";
import { demoFeedback } from "./demo-feedback";
import { demoLeipzig } from "./demo-leipzig";
import * as s from "./schema";

// D1 binds at most 100 parameters per statement.
const chunk = <T>(rows: T[], columns: number): T[][] => {
  const size = Math.max(1, Math.floor(100 / columns));
  return Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, i * size + size));
};

/**
 * Loads the sectors, the demo network "Kinderschutzcluster 9" and the small second one,
 * "Leipziger Netzwerk für Kinderschutz". Idempotent:
 * every row has a fixed id and existing rows are left as they are, so a
 * second `npm start` changes nothing and keeps what users entered.
 */
export async function seedDemoNetwork(db: Db, now = new Date()) {
  const demo = demoNetwork(now);
  // A past series with attendance and anonymous feedback, so the results pages have something to show.
  const fb = demoFeedback(now);
  const le = demoLeipzig(now);
  const tables = [
    [s.sectors, sectorList],
    [s.networks, [demo.network]],
    [s.municipalities, demo.municipalities],
    [s.institutions, demo.institutions],
    [s.contactPersons, demo.contactPersons],
    [s.accounts, demo.accounts],
    [s.roles, demo.roles],
    [s.events, demo.events],
    [s.eventSessions, demo.sessions],
    [s.tracks, demo.tracks],
    [s.quotas, demo.quotas],
    [s.registrations, demo.registrations],
    [s.events, [fb.event]],
    [s.eventSessions, fb.sessions],
    [s.quotas, fb.quotas],
    [s.registrations, fb.registrations],
    [s.attendances, fb.attendances],
    [s.feedbackForms, fb.forms],
    [s.feedbackQuestions, fb.questions],
    [s.feedbackSubmissions, fb.submissions],
    [s.feedbackAnswerCounts, fb.counts],
    [s.feedbackTextAnswers, fb.texts],
    // The second network, after the first: one of its people has a role in both.
    [s.networks, [le.network]],
    [s.municipalities, le.municipalities],
    [s.institutions, le.institutions],
    [s.contactPersons, le.contactPersons],
    [s.accounts, le.accounts],
    [s.roles, le.roles],
    [s.events, [le.event]],
    [s.eventSessions, le.sessions],
    [s.quotas, le.quotas],
  ] as const;
  const statements = tables.flatMap(([table, rows]) =>
    // `any`: each table gets its own rows
    chunk(rows as any[], Object.keys(getTableColumns(table)).length).map((part) =>
      db
        .insert(table as any)
        .values(part)
        .onConflictDoNothing(),
    ),
  );
  // One batch is one transaction: the demo network is loaded whole or not at all.
  // `any`: drizzle's batch wants a non-empty tuple
  await db.batch(statements as any);
  return {
    networks: 2,
    institutions: demo.institutions.length + le.institutions.length,
    events: demo.events.length + 2,
  };
}
