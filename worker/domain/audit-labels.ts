// The words of the audit log, in German and English: one place for the API, the CSV export
// and (through the API) the page, so that a data-protection officer reads the same thing
// everywhere. The log stores codes; these turn them into sentences. An action without a
// label fails test/node/audit-labels.test.ts, which scans the worker for action codes.
import { formatBerlinDateTime } from "../lib/time";

export type Lang = "de" | "en";
type Words = { de: string; en: string };

export const ACTION_GROUPS = {
  events: { de: "Veranstaltungen", en: "Events" },
  registrations: { de: "Anmeldungen", en: "Registrations" },
  attendance: { de: "Teilnahme und Check-in", en: "Attendance and check-in" },
  documents: { de: "Ausgaben und Downloads", en: "Documents and downloads" },
  directory: { de: "Einrichtungsverzeichnis", en: "Directory" },
  network: { de: "Netzwerk und Zugänge", en: "Network and access" },
  privacy: { de: "Datenschutz", en: "Data protection" },
} as const satisfies Record<string, Words>;
export type ActionGroup = keyof typeof ACTION_GROUPS;
export const actionGroups = Object.keys(ACTION_GROUPS) as [ActionGroup, ...ActionGroup[]];

const a = (group: ActionGroup, de: string, en: string) => ({ group, de, en });

export const ACTIONS: Record<string, Words & { group: ActionGroup }> = {
  "event.create": a("events", "Veranstaltung angelegt", "Event created"),
  "event.update": a("events", "Veranstaltung geändert", "Event changed"),
  "event.overbook": a("events", "Veranstaltung bewusst überbucht", "Event knowingly overbooked"),
  "event.publish": a("events", "Veranstaltung veröffentlicht", "Event published"),
  "event.redistribute": a("events", "Freie Kontingentplätze umverteilt", "Unused quota places redistributed"),
  "event.cancel": a("events", "Veranstaltung abgesagt", "Event cancelled"),
  "message.sent": a("events", "Nachricht zur Veranstaltung gesendet", "Message about the event sent"),

  "registrations.view": a("registrations", "Anmeldeliste angesehen", "Registration list viewed"),
  "registration.view": a("registrations", "Anmeldung angesehen", "Registration viewed"),

  "attendance.view": a("attendance", "Anwesenheitsliste angesehen", "Attendance list viewed"),
  "attendance.check_in": a("attendance", "Eingecheckt", "Checked in"),
  "attendance.check_in_override": a(
    "attendance",
    "Außerhalb der Einlasszeit eingecheckt (bestätigt)",
    "Checked in outside the check-in window (confirmed)",
  ),
  "attendance.check_in_undone": a("attendance", "Check-in zurückgenommen", "Check-in undone"),
  "attendance.walk_in": a("attendance", "Spontan vor Ort angemeldet", "Walk-in registered at the door"),
  "attendance.excused": a("attendance", "Als entschuldigt vermerkt", "Marked as excused"),
  "attendance.excuse_withdrawn": a("attendance", "Entschuldigung zurückgenommen", "Excuse withdrawn"),

  "participants.sign_in_sheet": a("documents", "Unterschriftenliste erstellt (PDF)", "Sign-in sheet created (PDF)"),
  "participants.export_csv": a(
    "documents",
    "Teilnehmendenliste heruntergeladen (CSV)",
    "Participant list downloaded (CSV)",
  ),
  "participants.export_xlsx": a(
    "documents",
    "Teilnehmendenliste heruntergeladen (Excel)",
    "Participant list downloaded (Excel)",
  ),
  "participants.export_pdf": a(
    "documents",
    "Teilnehmendenliste heruntergeladen (PDF)",
    "Participant list downloaded (PDF)",
  ),
  "attendance.export_csv": a("documents", "Anwesenheiten heruntergeladen (CSV)", "Attendance downloaded (CSV)"),
  "attendance.export_xlsx": a("documents", "Anwesenheiten heruntergeladen (Excel)", "Attendance downloaded (Excel)"),
  "certificates.export_pdf": a(
    "documents",
    "Teilnahmebescheinigungen erstellt (PDF)",
    "Certificates of attendance created (PDF)",
  ),
  "registration.certificate": a("documents", "Teilnahmebescheinigung erstellt", "Certificate of attendance created"),
  "participation.certificate": a(
    "documents",
    "Teilnahmebescheinigung von der Person geladen",
    "Certificate of attendance downloaded by the person",
  ),
  "directory.export_csv": a("documents", "Verzeichnis heruntergeladen (CSV)", "Directory downloaded (CSV)"),
  "directory.export_xlsx": a("documents", "Verzeichnis heruntergeladen (Excel)", "Directory downloaded (Excel)"),
  "audit_log.export": a("documents", "Protokoll heruntergeladen (CSV)", "Audit log downloaded (CSV)"),

  "institution.created": a("directory", "Einrichtung angelegt", "Institution created"),
  "institution.updated": a("directory", "Einrichtung geändert", "Institution changed"),
  "institution.archived": a("directory", "Einrichtung archiviert", "Institution archived"),
  "institution.leitbild_signed": a("directory", "Leitbild-Unterzeichnung eingetragen", "Leitbild signing recorded"),
  "institution.imported": a("directory", "Einrichtung importiert", "Institution imported"),
  "institution.updated_by_import": a("directory", "Einrichtung durch Import geändert", "Institution changed by import"),
  "contact_person.created": a("directory", "Ansprechperson angelegt", "Contact person added"),
  "contact_person.updated": a("directory", "Ansprechperson geändert", "Contact person changed"),
  "contact_person.deleted": a("directory", "Ansprechperson entfernt", "Contact person removed"),
  "institution_contact.invited": a("directory", "Zugang für Einrichtung eingeladen", "Institution contact invited"),
  "institution_contact.removed": a("directory", "Zugang für Einrichtung entzogen", "Institution contact removed"),

  "network.created": a("network", "Netzwerk eingerichtet", "Network set up"),
  "network.updated": a("network", "Netzwerkangaben geändert", "Network details changed"),
  "network.logo_set": a("network", "Logo hochgeladen", "Logo uploaded"),
  "network.logo_removed": a("network", "Logo entfernt", "Logo removed"),
  "network.suspended": a("network", "Netzwerk gesperrt", "Network suspended"),
  "network.reactivated": a("network", "Netzwerk wieder freigegeben", "Network reactivated"),
  "municipality.added": a("network", "Kommune hinzugefügt", "Municipality added"),
  "municipality.updated": a("network", "Kommune geändert", "Municipality changed"),
  "municipality.removed": a("network", "Kommune entfernt", "Municipality removed"),
  "organiser.invited": a("network", "Organisator*in eingeladen", "Organiser invited"),
  "organiser.removed": a("network", "Organisator*in entfernt", "Organiser removed"),

  "network.privacy_updated": a("privacy", "Datenschutzeinstellungen geändert", "Privacy settings changed"),
  "personal_data.access": a("privacy", "Auskunft über gespeicherte Daten erteilt", "Data access request answered"),
  "personal_data.access_letter": a(
    "privacy",
    "Auskunft über gespeicherte Daten als PDF-Brief erteilt",
    "Data access request answered as a PDF letter",
  ),
  "personal_data.erasure": a("privacy", "Daten einer Person gelöscht", "A person's data erased"),
  "retention.anonymised": a(
    "privacy",
    "Nach Ablauf der Löschfrist anonymisiert",
    "Anonymised after the retention period",
  ),
};

export const ENTITY_TYPES: Record<string, Words> = {
  event: { de: "Veranstaltung", en: "Event" },
  event_session: { de: "Termin", en: "Session" },
  registration: { de: "Anmeldung", en: "Registration" },
  institution: { de: "Einrichtung", en: "Institution" },
  contact_person: { de: "Ansprechperson", en: "Contact person" },
  account: { de: "Zugang", en: "Account" },
  municipality: { de: "Kommune", en: "Municipality" },
  network: { de: "Netzwerk", en: "Network" },
};

/** Field names as the forms call them. Keys are the names the writers log (see db/audit-log.ts). */
export const FIELDS = {
  // Events
  type: { de: "Art der Veranstaltung", en: "Event type" },
  title: { de: "Titel", en: "Title" },
  description: { de: "Beschreibung", en: "Description" },
  venueName: { de: "Veranstaltungsort", en: "Venue" },
  venueAddress: { de: "Adresse des Veranstaltungsorts", en: "Venue address" },
  venueAccessibility: { de: "Barrierefreiheit des Orts", en: "Venue accessibility" },
  promotionMode: { de: "Nachrücken von der Warteliste", en: "Moving up from the waiting list" },
  offerHours: { de: "Frist für Platzangebote (Stunden)", en: "Hours to accept an offered place" },
  checkInMinutesBefore: { de: "Einlass ab (Minuten vor Beginn)", en: "Check-in opens (minutes before the start)" },
  legalBasis: { de: "Rechtsgrundlage", en: "Legal basis" },
  retentionMonths: { de: "Löschfrist (Monate)", en: "Retention period (months)" },
  sessionReminderDays: { de: "Erinnerung vor jedem Termin (Tage)", en: "Reminder before each session (days)" },
  quotaReminderDays: {
    de: "Erinnerung vor der Kontingentfrist (Tage)",
    en: "Reminder before the quota deadline (days)",
  },
  deadlineSummary: { de: "Zusammenfassung nach der Umverteilung", en: "Summary after the redistribution" },
  capacity: { de: "Plätze", en: "Places" },
  defaultQuota: { de: "Kontingent je Einrichtung", en: "Quota per institution" },
  registrationOpensAt: { de: "Anmeldebeginn", en: "Registration opens" },
  quotaDeadline: { de: "Kontingentfrist", en: "Quota deadline" },
  registrationClosesAt: { de: "Anmeldeschluss", en: "Registration closes" },
  sessions: { de: "Termine", en: "Sessions" },
  tracks: { de: "Foren", en: "Tracks" },
  invitation: { de: "Einladung", en: "Invitation" },
  quotaOverrides: { de: "Abweichende Kontingente", en: "Quota exceptions" },
  allowOverbooking: { de: "Bewusst überbuchen", en: "Overbook knowingly" },
  status: { de: "Status", en: "Status" },
  // Institutions, contact persons, registrations
  name: { de: "Name", en: "Name" },
  sectorKey: { de: "Arbeitsfeld", en: "Sector" },
  sector: { de: "Arbeitsfeld", en: "Sector" },
  municipalityId: { de: "Kommune", en: "Municipality" },
  municipality: { de: "Kommune", en: "Municipality" },
  street: { de: "Straße", en: "Street" },
  postalCode: { de: "Postleitzahl", en: "Postcode" },
  city: { de: "Ort", en: "Town" },
  email: { de: "E-Mail-Adresse", en: "E-mail address" },
  phone: { de: "Telefon", en: "Phone" },
  website: { de: "Website", en: "Website" },
  reachability: { de: "Erreichbarkeit", en: "Hours of availability" },
  offers: { de: "Angebote", en: "Services" },
  targetGroups: { de: "Zielgruppen", en: "Target groups" },
  leitbildSignedAt: { de: "Leitbild unterzeichnet am", en: "Leitbild signed on" },
  leitbildSignedBy: { de: "Leitbild unterzeichnet von", en: "Leitbild signed by" },
  function: { de: "Funktion", en: "Role at work" },
  isPrimary: { de: "Hauptansprechperson", en: "Main contact" },
  contactName: { de: "Name der Ansprechperson", en: "Contact person's name" },
  contactEmail: { de: "E-Mail der Ansprechperson", en: "Contact person's e-mail" },
  contactFunction: { de: "Funktion der Ansprechperson", en: "Contact person's role" },
  institutionId: { de: "Einrichtung", en: "Institution" },
  sessionId: { de: "Termin", en: "Session" },
  // Network and privacy
  senderName: { de: "Absendername der E-Mails", en: "E-mail sender name" },
  role: { de: "Rolle der Kommune", en: "Municipality's role" },
  privacyNotice: { de: "Datenschutzhinweise", en: "Privacy notice" },
  // Filters of an export of the log itself
  action: { de: "Filter: Aktion", en: "Filter: action" },
  actionGroup: { de: "Filter: Bereich", en: "Filter: area" },
  entityType: { de: "Filter: Art des Datensatzes", en: "Filter: record type" },
  entityId: { de: "Filter: Kennung des Datensatzes", en: "Filter: record id" },
  person: { de: "Filter: Person", en: "Filter: person" },
  from: { de: "Filter: von", en: "Filter: from" },
  to: { de: "Filter: bis", en: "Filter: to" },
} as const satisfies Record<string, Words>;
export type LoggedField = keyof typeof FIELDS;

const ROLES = {
  organiser: { de: "Organisation", en: "Organiser" },
  institution_contact: { de: "Ansprechperson", en: "Institution contact" },
  operator: { de: "Betrieb der Plattform", en: "Platform operator" },
  none: { de: "keine Rolle mehr im Netzwerk", en: "no role in the network any more" },
  system: { de: "System oder Teilnehmende", en: "System or participant" },
} as const satisfies Record<string, Words>;

const WORDS = {
  erased: { de: "Person gelöscht", en: "Person erased" },
  missing: { de: "nicht mehr vorhanden", en: "no longer exists" },
  contactOf: { de: "bei", en: "at" },
} as const satisfies Record<string, Words>;

export const actionLabel = (action: string, lang: Lang) => ACTIONS[action]?.[lang] ?? action;
export const actionGroupOf = (action: string): ActionGroup | null => ACTIONS[action]?.group ?? null;
export const actionsOfGroup = (group: ActionGroup) =>
  Object.entries(ACTIONS)
    .filter(([, v]) => v.group === group)
    .map(([k]) => k);
export const entityTypeLabel = (type: string, lang: Lang) => ENTITY_TYPES[type]?.[lang] ?? type;
/** An unknown field (logged by a writer this list forgot) keeps its code rather than vanishing. */
export const fieldLabel = (field: string, lang: Lang) => (FIELDS as Record<string, Words>)[field]?.[lang] ?? field;

/** What the log's read side knows about the record an entry names, joined at read time. */
export type EntityFacts = {
  type: string;
  id: string | null;
  eventTitle: string | null;
  sessionTitle: string | null;
  sessionPosition: number | null;
  sessionStartsAt: Date | null;
  institutionName: string | null;
  networkName: string | null;
  municipalityName: string | null;
  /** A registration's person, null once erased. */
  personName: string | null;
  erased: boolean;
  /** An account's name, only where it may be shown (an organiser of the network). */
  accountName: string | null;
  /** The institutions an account is a contact of, or a contact person's institution. */
  contactOf: string | null;
};

export type EntityState = "named" | "erased" | "missing" | "none";

/**
 * The record's name beside its id. People are named only where the organiser may see them
 * anyway: registrations (until erased) and the network's organisers. Contact persons and
 * institution contacts are named by their institution, so their names stay out of the log.
 */
export function entityName(f: EntityFacts, lang: Lang): { name: string | null; state: EntityState } {
  if (f.id === null) return { name: null, state: "none" };
  const named = (...parts: (string | null | undefined)[]) => {
    const kept = parts.filter((p): p is string => !!p);
    return kept.length ? { name: kept.join(" · "), state: "named" as const } : null;
  };
  let result: { name: string; state: EntityState } | null = null;
  switch (f.type) {
    case "event":
      result = named(f.eventTitle);
      break;
    case "event_session":
      if (f.sessionStartsAt)
        result = named(
          f.sessionTitle || `${ENTITY_TYPES.event_session[lang]} ${f.sessionPosition ?? ""}`.trim(),
          formatBerlinDateTime(f.sessionStartsAt, lang),
          f.eventTitle,
        );
      break;
    case "registration":
      if (f.erased) result = { name: [WORDS.erased[lang], f.eventTitle].filter(Boolean).join(" · "), state: "erased" };
      else result = named(f.personName, f.eventTitle);
      break;
    case "institution":
      result = named(f.institutionName);
      break;
    case "contact_person":
      result = f.contactOf ? named(`${WORDS.contactOf[lang]} ${f.contactOf}`) : null;
      break;
    case "account":
      result = named(f.accountName) ?? (f.contactOf ? named(`${WORDS.contactOf[lang]} ${f.contactOf}`) : null);
      break;
    case "network":
      result = named(f.networkName);
      break;
    case "municipality":
      result = named(f.municipalityName);
      break;
  }
  return result ?? { name: WORDS.missing[lang], state: "missing" };
}

/** What the log's read side knows about the acting account in this network, today. */
export type ActorFacts = {
  accountId: string | null;
  isOrganiser: boolean;
  isOperator: boolean;
  /** The institutions it is a contact of in this network, joined. */
  contactOf: string | null;
};

/** The actor's role now (roles are not kept in the log): organiser, contact of …, operator. */
export function actorRole(f: ActorFacts, lang: Lang): string {
  if (f.accountId === null) return ROLES.system[lang];
  const roles = [
    f.isOrganiser ? ROLES.organiser[lang] : null,
    f.contactOf ? `${ROLES.institution_contact[lang]} ${WORDS.contactOf[lang]} ${f.contactOf}` : null,
    f.isOperator ? ROLES.operator[lang] : null,
  ].filter((r): r is string => r !== null);
  return roles.length ? roles.join(", ") : ROLES.none[lang];
}

/** The CSV's columns, in the page's words. */
export const csvHeader = (lang: Lang) =>
  lang === "de"
    ? [
        "Zeitpunkt (Berlin)",
        "Zeitpunkt (UTC)",
        "Person",
        "E-Mail-Adresse",
        "Rolle",
        "Bereich",
        "Aktion",
        "Art des Datensatzes",
        "Datensatz",
        "Kennung des Datensatzes",
        "Felder",
        "Konto-ID",
        "Aktionscode",
      ]
    : [
        "Time (Berlin)",
        "Time (UTC)",
        "Person",
        "E-mail address",
        "Role",
        "Area",
        "Action",
        "Record type",
        "Record",
        "Record id",
        "Fields",
        "Account id",
        "Action code",
      ];
