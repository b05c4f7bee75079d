// Reading a network's audit log, and logging its export. Entries carry ids and field names
// only, so nothing stored copies personal data; the names shown beside the ids (the event,
// the session, the institution, a registration's person until erased) are joined here, at
// read time, and labelled in domain/audit-labels.ts.
import { and, count, desc, eq, gte, inArray, lt, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import {
  ACTION_GROUPS,
  type ActionGroup,
  actionGroupOf,
  actionLabel,
  actionsOfGroup,
  actorRole,
  entityName,
  entityTypeLabel,
  fieldLabel,
  type Lang,
  type LoggedField,
} from "../domain/audit-labels";
import { isOperatorEmail } from "../domain/networks";
import { auditInsert } from "../lib/audit";
import { berlinTime } from "../lib/time";
import type { Db } from "./client";
import type { ContactPersonFields } from "./contact-persons";
import type { EventWriteInput } from "./event-writes";
import type { InstitutionInput } from "./institutions";
import type { PrivacySettings } from "./privacy";
import {
  accounts,
  auditLog,
  contactPersons,
  eventSessions,
  events,
  institutions,
  municipalities,
  networks,
  registrations,
} from "./schema";

/** Narrows the log; `from` and `to` are Berlin days (YYYY-MM-DD), both inclusive. */
export type AuditFilter = {
  action?: string;
  actionGroup?: ActionGroup;
  entityType?: string;
  entityId?: string;
  /** Part of the acting account's name or e-mail address. */
  person?: string;
  from?: string;
  to?: string;
};

// Every field a writer logs has a label: a new input field without one fails the typecheck here.
type Logged =
  | keyof EventWriteInput
  | keyof InstitutionInput
  | keyof ContactPersonFields
  | keyof PrivacySettings
  | keyof AuditFilter
  | "leitbildSignedAt"
  | "leitbildSignedBy"
  | "status"
  | "sessionId"
  | "senderName"
  | "role";
const _everyLoggedFieldHasALabel: Exclude<Logged, LoggedField> extends never ? true : never = true;
void _everyLoggedFieldHasALabel;

/** Berlin midnight of a YYYY-MM-DD day, plus `days`. */
const berlinMidnight = (value: string, days = 0) => {
  const [y, m, d] = value.split("-").map(Number);
  return berlinTime(y, m - 1, d + days);
};

function whereOf(networkId: string, q: AuditFilter): SQL | undefined {
  const person = q.person?.toLowerCase();
  return and(
    eq(auditLog.networkId, networkId),
    q.action ? eq(auditLog.action, q.action) : undefined,
    q.actionGroup ? inArray(auditLog.action, actionsOfGroup(q.actionGroup)) : undefined,
    q.entityType ? eq(auditLog.entityType, q.entityType) : undefined,
    q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
    person
      ? inArray(
          auditLog.actorAccountId,
          sql`(select id from accounts where instr(lower(display_name), ${person}) > 0 or instr(email, ${person}) > 0)`,
        )
      : undefined,
    q.from ? gte(auditLog.at, berlinMidnight(q.from)) : undefined,
    q.to ? lt(auditLog.at, berlinMidnight(q.to, 1)) : undefined,
  );
}

const fieldsOf = (details: unknown) =>
  ((details as { fields?: string[] } | null)?.fields ?? []).filter((f) => typeof f === "string");

const actor = alias(accounts, "actor");
const entityAccount = alias(accounts, "entity_account");
const sessionEvent = alias(events, "session_event");
const registrationEvent = alias(events, "registration_event");
const contactInstitution = alias(institutions, "contact_institution");

const is = (type: string) => eq(auditLog.entityType, type);
/** Whether `account` is an organiser of the entry's network now. */
const organiserNow = (account: SQL) =>
  sql<number>`exists (select 1 from roles where roles.account_id = ${account}
    and roles.network_id = ${auditLog.networkId} and roles.role = 'organiser')`;
/** The institutions `account` is a contact of in the entry's network now, joined. */
const contactOfNow = (account: SQL) =>
  sql<string | null>`(select group_concat(i.name, ', ') from roles join institutions i on i.id = roles.institution_id
    where roles.account_id = ${account} and roles.network_id = ${auditLog.networkId}
      and roles.role = 'institution_contact')`;

/** Options of the facts the page and CSV need: who acted, what they are now, and the record's name. */
export type ReadOptions = { lang: Lang; operatorEmails: string | undefined };

async function entries(db: Db, where: SQL | undefined, limit: number, offset: number, o: ReadOptions) {
  const rows = await db
    .select({
      entry: auditLog,
      actorName: actor.displayName,
      actorEmail: actor.email,
      actorIsOrganiser: organiserNow(sql`${auditLog.actorAccountId}`),
      actorContactOf: contactOfNow(sql`${auditLog.actorAccountId}`),
      eventTitle: sql<string | null>`coalesce(${events.title}, ${sessionEvent.title}, ${registrationEvent.title})`,
      sessionTitle: eventSessions.title,
      sessionPosition: eventSessions.position,
      sessionStartsAt: eventSessions.startsAt,
      institutionName: institutions.name,
      networkName: networks.name,
      municipalityName: municipalities.name,
      personName: registrations.name,
      anonymisedAt: registrations.anonymisedAt,
      registrationFound: registrations.id,
      accountName: entityAccount.displayName,
      accountEmail: entityAccount.email,
      accountIsOrganiser: organiserNow(sql`${auditLog.entityId}`),
      accountContactOf: contactOfNow(sql`${auditLog.entityId}`),
      contactPersonInstitution: contactInstitution.name,
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorAccountId))
    .leftJoin(events, and(is("event"), eq(events.id, auditLog.entityId), eq(events.networkId, auditLog.networkId)))
    .leftJoin(eventSessions, and(is("event_session"), eq(eventSessions.id, auditLog.entityId)))
    .leftJoin(
      sessionEvent,
      and(eq(sessionEvent.id, eventSessions.eventId), eq(sessionEvent.networkId, auditLog.networkId)),
    )
    .leftJoin(registrations, and(is("registration"), eq(registrations.id, auditLog.entityId)))
    .leftJoin(
      registrationEvent,
      and(eq(registrationEvent.id, registrations.eventId), eq(registrationEvent.networkId, auditLog.networkId)),
    )
    .leftJoin(
      institutions,
      and(is("institution"), eq(institutions.id, auditLog.entityId), eq(institutions.networkId, auditLog.networkId)),
    )
    .leftJoin(networks, and(is("network"), eq(networks.id, auditLog.entityId), eq(networks.id, auditLog.networkId)))
    .leftJoin(
      municipalities,
      and(
        is("municipality"),
        eq(municipalities.id, auditLog.entityId),
        eq(municipalities.networkId, auditLog.networkId),
      ),
    )
    .leftJoin(contactPersons, and(is("contact_person"), eq(contactPersons.id, auditLog.entityId)))
    .leftJoin(
      contactInstitution,
      and(
        eq(contactInstitution.id, contactPersons.institutionId),
        eq(contactInstitution.networkId, auditLog.networkId),
      ),
    )
    .leftJoin(entityAccount, and(is("account"), eq(entityAccount.id, auditLog.entityId)))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .offset(offset);
  const { lang } = o;
  return rows.map((r) => {
    const e = r.entry;
    const fields = fieldsOf(e.details);
    const isOperator = r.actorEmail !== null && isOperatorEmail(o.operatorEmails, r.actorEmail);
    const isOrganiser = Boolean(r.actorIsOrganiser);
    const entity = entityName(
      {
        type: e.entityType,
        id: e.entityId,
        eventTitle: r.eventTitle,
        sessionTitle: r.sessionTitle,
        sessionPosition: r.sessionPosition,
        sessionStartsAt: r.sessionStartsAt,
        institutionName: r.institutionName,
        networkName: r.networkName,
        municipalityName: r.municipalityName,
        personName: r.anonymisedAt ? null : r.personName,
        erased: r.registrationFound !== null && r.anonymisedAt !== null,
        // Organisers act for the network and are named; other accounts by their institution.
        accountName: r.accountIsOrganiser ? r.accountName || r.accountEmail : null,
        contactOf: e.entityType === "contact_person" ? r.contactPersonInstitution : r.accountContactOf,
      },
      lang,
    );
    const group = actionGroupOf(e.action);
    return {
      id: e.id,
      at: e.at.toISOString(),
      actor: e.actorAccountId ? { id: e.actorAccountId, displayName: r.actorName ?? "" } : null,
      // An organiser's or operator's address says which of the network's accounts acted (they are
      // often shared mailboxes); anyone else is named by their display name alone, if they have one.
      actorEmail: e.actorAccountId && (isOrganiser || isOperator || !r.actorName) ? r.actorEmail : null,
      actorRole: actorRole({ accountId: e.actorAccountId, isOrganiser, isOperator, contactOf: r.actorContactOf }, lang),
      action: e.action,
      actionLabel: actionLabel(e.action, lang),
      actionGroup: group,
      actionGroupLabel: group ? ACTION_GROUPS[group][lang] : null,
      entityType: e.entityType,
      entityTypeLabel: entityTypeLabel(e.entityType, lang),
      entityId: e.entityId,
      entityName: entity.name,
      entityState: entity.state,
      fields,
      fieldLabels: fields.map((f) => fieldLabel(f, lang)),
    };
  });
}

export type AuditLogEntry = Awaited<ReturnType<typeof entries>>[number];

/**
 * Newest first: one page of the matching entries, how many match, and every action and
 * record type the network's log holds, labelled, for the filters.
 */
export async function auditLogPage(
  db: Db,
  networkId: string,
  filter: AuditFilter,
  limit: number,
  offset: number,
  o: ReadOptions,
) {
  const where = whereOf(networkId, filter);
  const [items, [{ total }], present] = await Promise.all([
    entries(db, where, limit, offset, o),
    db.select({ total: count() }).from(auditLog).where(where),
    db
      .selectDistinct({ action: auditLog.action, entityType: auditLog.entityType })
      .from(auditLog)
      .where(eq(auditLog.networkId, networkId)),
  ]);
  const actions = [...new Set(present.map((p) => p.action))].sort();
  const groups = new Set(actions.map(actionGroupOf));
  return {
    items,
    total,
    actions,
    actionOptions: actions
      .map((action) => {
        const group = actionGroupOf(action);
        return { action, label: actionLabel(action, o.lang), group, groupLabel: group && ACTION_GROUPS[group][o.lang] };
      })
      .sort((x, y) => (x.groupLabel ?? "").localeCompare(y.groupLabel ?? "") || x.label.localeCompare(y.label)),
    actionGroupOptions: (Object.keys(ACTION_GROUPS) as ActionGroup[])
      .filter((g) => groups.has(g))
      .map((group) => ({ group, label: ACTION_GROUPS[group][o.lang] })),
    entityTypeOptions: [...new Set(present.map((p) => p.entityType))]
      .map((entityType) => ({ entityType, label: entityTypeLabel(entityType, o.lang) }))
      .sort((x, y) => x.label.localeCompare(y.label)),
  };
}

/** The matching entries, newest first, at most `limit`. */
export const auditLogEntries = (db: Db, networkId: string, filter: AuditFilter, limit: number, o: ReadOptions) =>
  entries(db, whereOf(networkId, filter), limit, 0, o);

/** Logs an export of the log itself, with the names of the filters it used. */
export const logAuditLogExport = (db: Db, networkId: string, actorAccountId: string, filter: AuditFilter) =>
  auditInsert(db, {
    networkId,
    actorAccountId,
    action: "audit_log.export",
    entityType: "network",
    entityId: networkId,
    fields: Object.keys(filter).filter((k) => filter[k as keyof AuditFilter] !== undefined),
  });
