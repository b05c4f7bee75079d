// The whole data model of PRODUCT.md in one place. Later features extend it by
// new migrations (`npm run db:generate`), never by editing applied ones.
import { sql } from "drizzle-orm";
import {
  type AnySQLiteColumn,
  blob,
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { newTicketCode } from "../domain/ticket-code";

const id = () =>
  text()
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID());
const createdAt = () =>
  integer({ mode: "timestamp_ms" })
    .notNull()
    .$defaultFn(() => new Date());
const timestamp = () => integer({ mode: "timestamp_ms" });

export const eventTypes = ["kickoff", "workshop", "quality_workshop", "network_conference", "training"] as const;
export const eventStatuses = ["draft", "published", "cancelled"] as const;
export const invitationModes = ["all", "sectors", "picked"] as const;
export const promotionModes = ["offer", "direct"] as const;
export const registrationStatuses = ["confirmed", "waitlisted", "cancelled"] as const;
export const roleNames = ["organiser", "institution_contact"] as const;
export const municipalityRoles = ["model", "partner"] as const;
export const attendanceKinds = ["present", "excused"] as const;
export const checkInMethods = ["qr", "list", "walk_in"] as const;
export const questionKinds = ["scale", "single", "multiple", "text"] as const;
export const formStatuses = ["draft", "open", "closed"] as const;
export const outboxStatuses = ["pending", "sent", "failed", "dead"] as const;
export const networkStatuses = ["active", "suspended"] as const;

/** The tenant. */
export const networks = sqliteTable("networks", {
  id: id(),
  slug: text().notNull().unique(),
  name: text().notNull(),
  description: text().notNull().default(""),
  state: text().notNull().default(""),
  /** Art. 13 DSGVO notice shown at registration. */
  privacyNotice: text().notNull().default(""),
  /** Months after an event's last session until participants' data is erased. */
  retentionMonths: integer().notNull().default(12),
  /** Display name in the From of the network's mails; empty: the network's name. */
  senderName: text().notNull().default(""),
  createdAt: createdAt(),
  /** Set by an operator: a suspended network is hidden and refused, its data kept. */
  status: text({ enum: networkStatuses }).notNull().default("active"),
  suspendedAt: timestamp(),
});

export const logoTypes = ["image/png", "image/svg+xml"] as const;

/**
 * A network's logo, at most a few hundred KB (see domain/logo.ts), kept in D1 beside the
 * network rather than in object storage: one store to back up and erase, written atomically
 * with its audit entry. Its own table, so that the many reads of `networks` never carry the bytes.
 */
export const networkLogos = sqliteTable("network_logos", {
  networkId: text()
    .primaryKey()
    .references(() => networks.id),
  contentType: text({ enum: logoTypes }).notNull(),
  data: blob({ mode: "buffer" }).notNull(),
  byteSize: integer().notNull(),
  /** SHA-256 of the bytes (hex, shortened): the ETag, and the cache-busting part of the logo's URL. */
  etag: text().notNull(),
  updatedAt: integer({ mode: "timestamp_ms" }).notNull(),
});

/** A network spans municipalities: one model municipality and its partners. */
export const municipalities = sqliteTable(
  "municipalities",
  {
    id: id(),
    networkId: text()
      .notNull()
      .references(() => networks.id),
    name: text().notNull(),
    role: text({ enum: municipalityRoles }).notNull().default("partner"),
  },
  (t) => [uniqueIndex("municipalities_network_name").on(t.networkId, t.name)],
);

/** The fixed, extensible list of professions; the key is stable, labels are translated. */
export const sectors = sqliteTable("sectors", {
  key: text().primaryKey(),
  nameDe: text().notNull(),
  nameEn: text().notNull(),
  sortOrder: integer().notNull().default(0),
});

export const institutions = sqliteTable(
  "institutions",
  {
    id: id(),
    networkId: text()
      .notNull()
      .references(() => networks.id),
    name: text().notNull(),
    sectorKey: text()
      .notNull()
      .references(() => sectors.key),
    municipalityId: text()
      .notNull()
      .references(() => municipalities.id),
    street: text().notNull().default(""),
    postalCode: text().notNull().default(""),
    city: text().notNull().default(""),
    /** Functional mailbox and switchboard, not a person's. */
    email: text().notNull().default(""),
    phone: text().notNull().default(""),
    website: text().notNull().default(""),
    /** Opening hours, public transport, barrier-free access. */
    reachability: text().notNull().default(""),
    /** The "Angebots- und Kontaktübersicht": what the institution offers. */
    offers: text().notNull().default(""),
    targetGroups: text().notNull().default(""),
    leitbildSignedAt: timestamp(),
    leitbildSignedBy: text(),
    archivedAt: timestamp(),
    createdAt: createdAt(),
    updatedAt: timestamp(),
  },
  (t) => [
    index("institutions_network_sector").on(t.networkId, t.sectorKey),
    uniqueIndex("institutions_network_name_unique").on(t.networkId, t.name),
  ],
);

/** Personal data of professionals: never returned to anonymous callers. */
export const contactPersons = sqliteTable(
  "contact_persons",
  {
    id: id(),
    institutionId: text()
      .notNull()
      .references(() => institutions.id),
    name: text().notNull(),
    function: text().notNull().default(""),
    email: text().notNull(),
    phone: text().notNull().default(""),
    isPrimary: integer({ mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index("contact_persons_institution").on(t.institutionId)],
);

export const accounts = sqliteTable("accounts", {
  id: id(),
  /** Stored lower-cased so that uniqueness is case-insensitive. */
  email: text().notNull().unique(),
  displayName: text().notNull().default(""),
  locale: text({ enum: ["de", "en"] })
    .notNull()
    .default("de"),
  createdAt: createdAt(),
  lastSignInAt: timestamp(),
});

/** One person, several roles, several networks. Contacts are scoped to one institution. */
export const roles = sqliteTable(
  "roles",
  {
    id: id(),
    accountId: text()
      .notNull()
      .references(() => accounts.id),
    networkId: text()
      .notNull()
      .references(() => networks.id),
    role: text({ enum: roleNames }).notNull(),
    institutionId: text().references(() => institutions.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("roles_organiser_unique").on(t.accountId, t.networkId, t.role).where(sql`${t.institutionId} is null`),
    uniqueIndex("roles_contact_unique").on(t.accountId, t.institutionId).where(sql`${t.institutionId} is not null`),
    index("roles_institution").on(t.institutionId),
    // Every signed-in request looks its roles up by account.
    index("roles_account").on(t.accountId),
    check("roles_contact_has_institution", sql`(${t.role} = 'institution_contact') = (${t.institutionId} is not null)`),
  ],
);

/** E-mail sign-in links: only the hash of the token is kept. */
export const signInTokens = sqliteTable(
  "sign_in_tokens",
  {
    tokenHash: text().primaryKey(),
    accountId: text()
      .notNull()
      .references(() => accounts.id),
    expiresAt: integer({ mode: "timestamp_ms" }).notNull(),
    usedAt: timestamp(),
    createdAt: createdAt(),
  },
  (t) => [index("sign_in_tokens_account").on(t.accountId)],
);

export const authSessions = sqliteTable(
  "auth_sessions",
  {
    id: id(),
    tokenHash: text().notNull().unique(),
    accountId: text()
      .notNull()
      .references(() => accounts.id),
    userAgent: text().notNull().default(""),
    createdAt: createdAt(),
    lastSeenAt: timestamp(),
    expiresAt: integer({ mode: "timestamp_ms" }).notNull(),
    revokedAt: timestamp(),
  },
  (t) => [index("auth_sessions_account").on(t.accountId)],
);

export const events = sqliteTable(
  "events",
  {
    id: id(),
    networkId: text()
      .notNull()
      .references(() => networks.id),
    type: text({ enum: eventTypes }).notNull(),
    title: text().notNull(),
    description: text().notNull().default(""),
    venueName: text().notNull().default(""),
    venueAddress: text().notNull().default(""),
    venueAccessibility: text().notNull().default(""),
    capacity: integer().notNull(),
    defaultQuota: integer().notNull().default(1),
    registrationOpensAt: integer({ mode: "timestamp_ms" }).notNull(),
    quotaDeadline: integer({ mode: "timestamp_ms" }).notNull(),
    registrationClosesAt: integer({ mode: "timestamp_ms" }).notNull(),
    /** Set when the redistribution ran: from then on the event is in the open phase. */
    redistributedAt: timestamp(),
    status: text({ enum: eventStatuses }).notNull().default("draft"),
    invitationMode: text({ enum: invitationModes }).notNull().default("all"),
    /** The sectors invited when `invitationMode` is `sectors`, kept to re-apply to new institutions and for the form. */
    invitedSectorKeys: text({ mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    cancelledAt: timestamp(),
    promotionMode: text({ enum: promotionModes }).notNull().default("offer"),
    offerHours: integer().notNull().default(48),
    /** Check-in opens this long before a session starts (and closes at the end of its Berlin day). */
    checkInMinutesBefore: integer().notNull().default(120),
    legalBasis: text().notNull().default(""),
    /** Overrides the network's retention period for this event. */
    retentionMonths: integer(),
    /** Places held (confirmed + open offers), kept by triggers on registrations; see migration 0010. */
    heldPlaces: integer().notNull().default(0),
    /** Participants are reminded this many days before each session; null: no session reminders. */
    sessionReminderDays: integer().default(2),
    /** Contacts of institutions with unused quota are reminded this many days before the quota deadline. */
    quotaReminderDays: text({ mode: "json" }).$type<number[]>().notNull().default(sql`'[7,1]'`),
    /** The organisers get a summary of the redistribution at the quota deadline. */
    deadlineSummary: integer({ mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
    updatedAt: timestamp(),
  },
  (t) => [
    index("events_network_status").on(t.networkId, t.status),
    check("events_capacity_positive", sql`${t.capacity} >= 0`),
    check("events_default_quota", sql`${t.defaultQuota} >= 0`),
    check(
      "events_window_order",
      sql`${t.registrationOpensAt} <= ${t.quotaDeadline} and ${t.quotaDeadline} <= ${t.registrationClosesAt}`,
    ),
  ],
);

/** A date of an event; a series of workshops is one event with several sessions. */
export const eventSessions = sqliteTable(
  "event_sessions",
  {
    id: id(),
    eventId: text()
      .notNull()
      .references(() => events.id),
    position: integer().notNull(),
    title: text().notNull().default(""),
    topic: text().notNull().default(""),
    startsAt: integer({ mode: "timestamp_ms" }).notNull(),
    endsAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("event_sessions_position").on(t.eventId, t.position),
    check("event_sessions_order", sql`${t.startsAt} < ${t.endsAt}`),
  ],
);

/** A parallel forum or working group with its own capacity. */
export const tracks = sqliteTable(
  "tracks",
  {
    id: id(),
    eventId: text()
      .notNull()
      .references(() => events.id),
    sessionId: text().references(() => eventSessions.id),
    title: text().notNull(),
    description: text().notNull().default(""),
    capacity: integer().notNull(),
    /** Places held in this track, kept by triggers like `events.heldPlaces`. */
    heldPlaces: integer().notNull().default(0),
  },
  (t) => [index("tracks_event").on(t.eventId), check("tracks_capacity_positive", sql`${t.capacity} >= 0`)],
);

/**
 * An institution is invited to an event exactly when it has a quota row;
 * `places` null means the event's default quota applies.
 */
export const quotas = sqliteTable(
  "quotas",
  {
    eventId: text()
      .notNull()
      .references(() => events.id),
    institutionId: text()
      .notNull()
      .references(() => institutions.id),
    places: integer(),
    /** Places this institution holds at the event, kept by triggers like `events.heldPlaces`. */
    heldPlaces: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.institutionId] }),
    index("quotas_institution").on(t.institutionId),
    check("quotas_places_positive", sql`${t.places} is null or ${t.places} >= 0`),
  ],
);

export const registrations = sqliteTable(
  "registrations",
  {
    id: id(),
    eventId: text()
      .notNull()
      .references(() => events.id),
    trackId: text().references(() => tracks.id),
    institutionId: text()
      .notNull()
      .references(() => institutions.id),
    /** Lower-cased: the person's identity within an event. */
    email: text().notNull(),
    name: text().notNull(),
    function: text().notNull().default(""),
    accessibilityNeeds: text().notNull().default(""),
    status: text({ enum: registrationStatuses }).notNull(),
    /** Stable code of the rule behind the current status, e.g. `within_quota`; copied into the history. */
    reasonCode: text(),
    /** Organiser confirmed over a limit on purpose. */
    isOverride: integer({ mode: "boolean" }).notNull().default(false),
    isWalkIn: integer({ mode: "boolean" }).notNull().default(false),
    /** A promotion offer from the waiting list, open until this time. */
    offeredUntil: timestamp(),
    /** "Earliest request" in the fairness rule. */
    requestedAt: integer({ mode: "timestamp_ms" }).notNull(),
    confirmedAt: timestamp(),
    cancelledAt: timestamp(),
    idempotencyKey: text(),
    /**
     * The short ticket code (domain/ticket-code.ts), random and unique. Set by every writer;
     * null only for rows written by hand, whose ticket is still their id.
     */
    ticketCode: text().$defaultFn(newTicketCode),
    /** Hash of the personal link token in the confirmation e-mail. */
    personalTokenHash: text().unique(),
    privacyAcknowledgedAt: timestamp(),
    createdByAccountId: text().references(() => accounts.id),
    /** Set by the retention job: personal fields are blanked, counts stay. */
    anonymisedAt: timestamp(),
    /** The language the person's mails are written in, chosen when registering. */
    locale: text({ enum: ["de", "en"] })
      .notNull()
      .default("de"),
    /** The participant turned reminders off on their personal page. */
    remindersOff: integer({ mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    // Invariant 3: one live registration per person and event.
    uniqueIndex("registrations_one_live_per_person")
      .on(t.eventId, t.email)
      .where(sql`${t.status} <> 'cancelled' and ${t.anonymisedAt} is null`),
    // Invariant 4: a retried request never creates a second registration.
    uniqueIndex("registrations_idempotency").on(t.eventId, t.idempotencyKey),
    uniqueIndex("registrations_ticket_code").on(t.ticketCode),
    index("registrations_event_status").on(t.eventId, t.status),
    index("registrations_event_institution").on(t.eventId, t.institutionId, t.status),
    index("registrations_track_status").on(t.trackId, t.status),
    // Places held (confirmed or offered): the counts every registration decides on read
    // only these rows, bounded by capacity however long the waiting list grows.
    index("registrations_held_event")
      .on(t.eventId, t.institutionId)
      .where(sql`status = 'confirmed' or (status = 'waitlisted' and offered_until is not null)`),
    index("registrations_held_track")
      .on(t.trackId)
      .where(sql`status = 'confirmed' or (status = 'waitlisted' and offered_until is not null)`),
    // "Does anyone wait?" and the waiting list in request order, without reading the held rows.
    index("registrations_waiting")
      .on(t.eventId, t.requestedAt)
      .where(sql`status = 'waitlisted' and offered_until is null`),
  ],
);

/** Who registered, swapped, promoted, cancelled, when and why; the allocation explains itself here. */
export const registrationHistory = sqliteTable(
  "registration_history",
  {
    id: id(),
    registrationId: text()
      .notNull()
      .references(() => registrations.id),
    at: integer({ mode: "timestamp_ms" }).notNull(),
    action: text({
      enum: [
        "registered",
        "waitlisted",
        "confirmed",
        "offered",
        "promoted",
        "swapped",
        "moved",
        "override",
        "cancelled",
        "offer_expired",
      ],
    }).notNull(),
    actorAccountId: text().references(() => accounts.id),
    /** Stable code of the allocation rule that decided, e.g. `sector_unrepresented`. */
    reasonCode: text(),
    /** Parameters of the reason, as JSON, free of personal data. */
    reasonParams: text({ mode: "json" }),
  },
  (t) => [index("registration_history_registration").on(t.registrationId, t.at)],
);

/** A registration present at (or excused from) a session. */
export const attendances = sqliteTable(
  "attendances",
  {
    id: id(),
    sessionId: text()
      .notNull()
      .references(() => eventSessions.id),
    registrationId: text()
      .notNull()
      .references(() => registrations.id),
    kind: text({ enum: attendanceKinds }).notNull().default("present"),
    method: text({ enum: checkInMethods }),
    at: integer({ mode: "timestamp_ms" }).notNull(),
    recordedByAccountId: text().references(() => accounts.id),
    /** Client-generated id of an offline check-in, so a replay is not counted twice. */
    clientOpId: text(),
  },
  (t) => [
    uniqueIndex("attendances_once_per_session").on(t.sessionId, t.registrationId),
    uniqueIndex("attendances_client_op").on(t.clientOpId),
  ],
);

export const feedbackForms = sqliteTable(
  "feedback_forms",
  {
    id: id(),
    eventId: text()
      .notNull()
      .references(() => events.id),
    /** Null: the form evaluates the whole event. */
    sessionId: text().references(() => eventSessions.id),
    version: integer().notNull().default(1),
    /** The form this one is a new version of (that one was closed when this was made). */
    previousFormId: text().references((): AnySQLiteColumn => feedbackForms.id),
    title: text().notNull(),
    status: text({ enum: formStatuses }).notNull().default("draft"),
    /** Results stay hidden below this many responses, so nobody can be identified. */
    minResponses: integer().notNull().default(5),
    /**
     * Set by the first response: the questions can no longer change. A flag on
     * purpose, never a time, so that nothing records when anybody answered.
     */
    frozen: integer({ mode: "boolean" }).notNull().default(false),
    /** Counts every change of the questions; a response checked against older questions is refused. */
    revision: integer().notNull().default(0),
    /** Set (to a random value) by the run of the cron job that wrote the invitation mails: mailed once. */
    mailNonce: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index("feedback_forms_event").on(t.eventId),
    check("feedback_forms_min_responses", sql`${t.minResponses} >= 3`),
  ],
);

export const feedbackQuestions = sqliteTable(
  "feedback_questions",
  {
    id: id(),
    formId: text()
      .notNull()
      .references(() => feedbackForms.id),
    position: integer().notNull(),
    kind: text({ enum: questionKinds }).notNull(),
    prompt: text().notNull(),
    /** The choices of a single or multiple choice question; for a scale, the labels of 1 and 5. */
    options: text({ mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    required: integer({ mode: "boolean" }).notNull().default(false),
  },
  (t) => [uniqueIndex("feedback_questions_position").on(t.formId, t.position)],
);

/**
 * The fact that a registration answered a form, kept apart from what was
 * answered: nothing here points to an answer, and there is no time. Rows are
 * inserted with a random rowid, so their order says nothing either. `nonce` is
 * a random value of the request that wrote the row: the answer statements of the
 * same batch take effect only if this row was written by that request.
 */
export const feedbackSubmissions = sqliteTable(
  "feedback_submissions",
  {
    formId: text()
      .notNull()
      .references(() => feedbackForms.id),
    registrationId: text()
      .notNull()
      .references(() => registrations.id),
    nonce: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.formId, t.registrationId] })],
);

/**
 * What was answered to scale and choice questions, only as counts per value
 * (as course-evaluation systems keep them): no response, person, registration
 * or time. `value` is "1" to "5" for a scale, the option for a choice, and "*"
 * counts the people who answered the question at all.
 */
export const feedbackAnswerCounts = sqliteTable(
  "feedback_answer_counts",
  {
    formId: text()
      .notNull()
      .references(() => feedbackForms.id),
    questionId: text()
      .notNull()
      .references(() => feedbackQuestions.id),
    value: text().notNull(),
    count: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.value] }), index("feedback_answer_counts_form").on(t.formId)],
);

/**
 * Free-text answers, one row each, with a random id and a random rowid and no
 * time: two texts of one person cannot be told to belong together.
 */
export const feedbackTextAnswers = sqliteTable(
  "feedback_text_answers",
  {
    id: id(),
    formId: text()
      .notNull()
      .references(() => feedbackForms.id),
    questionId: text()
      .notNull()
      .references(() => feedbackQuestions.id),
    body: text().notNull(),
  },
  (t) => [index("feedback_text_answers_question").on(t.questionId)],
);

/** The link in the mail sent when a session ends: only the hash of its token, per form and registration. */
export const feedbackInvitations = sqliteTable(
  "feedback_invitations",
  {
    tokenHash: text().primaryKey(),
    formId: text()
      .notNull()
      .references(() => feedbackForms.id),
    registrationId: text()
      .notNull()
      .references(() => registrations.id),
  },
  // Several links per person and form may be open at once: asking for a new one voids none,
  // so nobody can break the link in someone else's mail by asking for it.
  (t) => [index("feedback_invitations_person").on(t.formId, t.registrationId)],
);

export const messageKinds = [
  "message",
  "session_reminder",
  "quota_reminder",
  "deadline_summary",
  "feedback_invitation",
] as const;

/**
 * What an organiser or a contact wrote to an audience of an event, and the reminders the
 * jobs sent: one row per sending, its mails in the outbox (`outbox.message_id`), so the
 * history shows each with its audience, recipient count and delivery state.
 */
export const messages = sqliteTable(
  "messages",
  {
    id: id(),
    networkId: text()
      .notNull()
      .references(() => networks.id),
    eventId: text()
      .notNull()
      .references(() => events.id),
    kind: text({ enum: messageKinds }).notNull().default("message"),
    /**
     * For reminders: what is reminded of (e.g. `session:{id}:2d`). Unique per event, so a
     * reminder is claimed once however often, or however concurrently, the jobs run.
     */
    dedupeKey: text(),
    /** Who is written to, as chosen (see worker/domain/message-audience.ts). */
    audience: text({ mode: "json" }).$type<Record<string, unknown>>().notNull(),
    subject: text().notNull().default(""),
    body: text().notNull().default(""),
    authorAccountId: text().references(() => accounts.id),
    /** Set when an institution contact wrote to its own delegates. */
    institutionId: text().references(() => institutions.id),
    /**
     * The recipients as fixed when it was sent (`r:{registrationId}`, `c:{roleId}`, `a:{accountId}`):
     * the queue's parts are cut from this list, and enqueued again from it if enqueueing broke off.
     */
    recipients: text({ mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    /** What the kind's mails need beyond the text, e.g. the session a reminder is for. */
    params: text({ mode: "json" }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
    recipientCount: integer().notNull().default(0),
    /** Recipients whose mail could not be written (their part ended in the dead-letter queue). */
    undeliverable: integer().notNull().default(0),
    /** Set once every part of the audience is on the queue; until then the jobs enqueue it again. */
    queuedAt: timestamp(),
    createdAt: createdAt(),
  },
  (t) => [
    index("messages_event").on(t.eventId, t.createdAt),
    uniqueIndex("messages_dedupe").on(t.eventId, t.dedupeKey),
  ],
);

/**
 * Recipients of a message that fan-out left out when writing (cancelled since, reminders
 * turned off, erased): recorded once per recipient, so the history counts them as neither
 * delivered nor waiting.
 */
export const messageSkips = sqliteTable(
  "message_skips",
  {
    messageId: text()
      .notNull()
      .references(() => messages.id),
    recipientKey: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.recipientKey] })],
);

/** E-mails are written here in the request and delivered by a separate step with retries. */
export const outbox = sqliteTable(
  "outbox",
  {
    id: id(),
    networkId: text().references(() => networks.id),
    /** The message or reminder this mail belongs to, if any. */
    messageId: text().references(() => messages.id),
    /**
     * Unique where set: a mail that fan-out may write twice (a queue message delivered again)
     * is written once, e.g. `{messageId}:{recipient}`.
     */
    dedupeKey: text(),
    toEmail: text().notNull(),
    template: text().notNull(),
    locale: text({ enum: ["de", "en"] })
      .notNull()
      .default("de"),
    subject: text().notNull(),
    bodyText: text().notNull(),
    bodyHtml: text().notNull(),
    status: text({ enum: outboxStatuses }).notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: integer({ mode: "timestamp_ms" }).notNull(),
    lastError: text(),
    createdAt: createdAt(),
    sentAt: timestamp(),
  },
  (t) => [
    index("outbox_due").on(t.status, t.nextAttemptAt),
    index("outbox_message").on(t.messageId, t.status),
    uniqueIndex("outbox_dedupe").on(t.dedupeKey),
  ],
);

/** Every organiser action on personal data: who, what, when; never a copy of the data itself. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: id(),
    networkId: text().references(() => networks.id),
    at: integer({ mode: "timestamp_ms" }).notNull(),
    actorAccountId: text().references((): AnySQLiteColumn => accounts.id),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    /** Field names changed or filters used; never values of personal data. */
    details: text({ mode: "json" }),
  },
  (t) => [index("audit_log_network_at").on(t.networkId, t.at)],
);

/**
 * Fixed-window counters for rate limits (sign-in links per address and per client).
 * Counted by one upsert statement, so concurrent requests cannot both slip under the limit.
 */
export const rateLimits = sqliteTable("rate_limits", {
  key: text().primaryKey(),
  windowStart: integer({ mode: "timestamp_ms" }).notNull(),
  count: integer().notNull(),
});

/**
 * Personal links a participant asked for by e-mail (sign-in page), beside the current one in
 * `registrations.personal_token_hash`. A request adds a link and voids none, so a stranger
 * asking for someone's address cannot break their mails; the first use of a requested link
 * makes it the current one and ends the others.
 */
export const personalLinkRequests = sqliteTable(
  "personal_link_requests",
  {
    tokenHash: text().primaryKey(),
    registrationId: text()
      .notNull()
      .references(() => registrations.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [index("personal_link_requests_registration").on(t.registrationId)],
);
