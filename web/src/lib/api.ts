import { query } from "@solidjs/router";
import { type ClientResponse, DetailedError, hc, type InferResponseType, parseResponse } from "hono/client";
import type { AppType } from "../../../worker/app";

/** The typed client: request and response types come from the worker's routes. */
export const client = hc<AppType>("/", {
  // The server answers problems in the interface language.
  headers: () => ({ "accept-language": localStorage.getItem("nw.locale") === "en" ? "en" : "de" }),
}).api;

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: { path: string; message: string }[] = [],
    /** The problem's detail: what happened and what to do, where the title is too short. */
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** The success body, or the server's problem (title in the interface language) as an ApiProblem. */
export async function read<T extends ClientResponse<unknown>>(response: Promise<T>) {
  try {
    return await parseResponse(response);
  } catch (error) {
    if (error instanceof DetailedError) {
      const problem = (error.detail?.data ?? {}) as {
        code?: string;
        title?: string;
        detail?: string;
        errors?: { path: string; message: string }[];
      };
      throw new ApiProblem(
        error.statusCode ?? 0,
        problem.code ?? "unknown",
        problem.title ?? error.message,
        problem.errors ?? [],
        problem.detail,
      );
    }
    throw error;
  }
}

/** A file the API answers (PDF, CSV, …) as a Blob, with the file name from Content-Disposition. */
async function file(response: Promise<ClientResponse<unknown>>, fallback: string) {
  const res = await response;
  if (!res.ok) await read(Promise.resolve(res));
  const disposition = res.headers.get("content-disposition") ?? "";
  return { blob: await res.blob(), filename: /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallback };
}

/** Hands a downloaded file to the browser's save dialogue. */
export function saveFile({ blob, filename }: { blob: Blob; filename: string }) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export type Network = InferResponseType<(typeof client.networks)[":networkId"]["$get"], 200>;
export type InstitutionSummary = InferResponseType<
  (typeof client.networks)[":networkId"]["institutions"]["$get"],
  200
>["items"][number];
export type Institution = InferResponseType<(typeof client.institutions)[":institutionId"]["$get"], 200>;
export type EventSummary = InferResponseType<
  (typeof client.networks)[":networkId"]["events"]["$get"],
  200
>["items"][number];
export type Sector = InferResponseType<typeof client.sectors.$get, 200>["items"][number];

export type NetworkSummary = InferResponseType<typeof client.networks.$get, 200>["items"][number];

/** Every network of the installation, for the start page and the switch in the header. */
export const getNetworks = query(() => read(client.networks.$get()), "networks");

/** One network by its slug (as in the page's address) or id. */
export const getNetwork = query(
  (slug: string) => read(client.networks[":networkId"].$get({ param: { networkId: slug } })),
  "network",
);

export const getSectors = query(() => read(client.sectors.$get()), "sectors");

export const searchInstitutions = query(
  (networkId: string, filters: { q?: string; sector?: string; municipality?: string }) =>
    read(client.networks[":networkId"].institutions.$get({ param: { networkId }, query: filters })),
  "institutions",
);

export const getInstitution = query(
  (institutionId: string) => read(client.institutions[":institutionId"].$get({ param: { institutionId } })),
  "institution",
);

export const getEvents = query(
  (networkId: string) => read(client.networks[":networkId"].events.$get({ param: { networkId }, query: {} })),
  "events",
);

export const getOpenApi = query(() => read(client["openapi.json"].$get()), "openapi");

export type Me = InferResponseType<typeof client.auth.me.$get, 200>;
export type AuthSession = InferResponseType<typeof client.auth.sessions.$get, 200>["items"][number];
export type ContactPerson = InferResponseType<
  (typeof client.institutions)[":institutionId"]["contact-persons"]["$get"],
  200
>["items"][number];
export type Participation = InferResponseType<typeof client.participation.$get, 200>;
export type MailboxMessage = InferResponseType<typeof client.dev.mailbox.$get, 200>["items"][number];

/** The signed-in account, or null when nobody is signed in. */
export const getMe = query(async () => (await read(client.auth.session.$get())).me, "me");

export const getSessions = query(() => read(client.auth.sessions.$get()), "sessions");

export const getContactPersons = query(
  (institutionId: string) =>
    read(client.institutions[":institutionId"]["contact-persons"].$get({ param: { institutionId } })),
  "contact-persons",
);

export const getContacts = query(
  (institutionId: string) => read(client.institutions[":institutionId"].contacts.$get({ param: { institutionId } })),
  "contacts",
);

export const getMailbox = query(() => read(client.dev.mailbox.$get({ query: {} })), "mailbox");

export const getParticipation = (token: string) =>
  read(client.participation.$get({ header: { "x-participant-token": token } }));

// Registration of delegates by institution contacts (and organisers on their behalf).
export type EventDetail = InferResponseType<(typeof client.events)[":eventId"]["$get"], 200>;
export type InvitedEvent = InferResponseType<
  (typeof client.institutions)[":institutionId"]["events"]["$get"],
  200
>["items"][number];
export type Registration = InferResponseType<
  (typeof client.events)[":eventId"]["registrations"]["$get"],
  200
>["items"][number];
export type RegistrationDetail = InferResponseType<(typeof client.registrations)[":registrationId"]["$get"], 200>;
export type RegistrationInput = Parameters<(typeof client.events)[":eventId"]["registrations"]["$post"]>[0]["json"];
export type PersonInput = Parameters<(typeof client.registrations)[":registrationId"]["swap"]["$post"]>[0]["json"];

export const getEvent = query(
  (eventId: string) => read(client.events[":eventId"].$get({ param: { eventId } })),
  "event",
);

export const getInstitutionEvents = query(
  (institutionId: string) => read(client.institutions[":institutionId"].events.$get({ param: { institutionId } })),
  "institution-events",
);

export const getEventRegistrations = query(
  (eventId: string, institutionId: string) =>
    read(client.events[":eventId"].registrations.$get({ param: { eventId }, query: { institutionId } })),
  "event-registrations",
);

export const getRegistration = query(
  (registrationId: string) => read(client.registrations[":registrationId"].$get({ param: { registrationId } })),
  "registration",
);

/** The organiser's allocation board; the registration page takes the invited institutions from it. */
export const getEventBoard = query(
  (eventId: string) => read(client.events[":eventId"].board.$get({ param: { eventId } })),
  "event-board",
);

export type DirectoryImportRequest = Parameters<
  (typeof client.networks)[":networkId"]["directory"]["import"]["$post"]
>[0]["json"];
export type DirectoryImportResult = InferResponseType<
  (typeof client.networks)[":networkId"]["directory"]["import"]["$post"],
  200
>;

/** Where the directory's exports are downloaded from (organisers). */
export const directoryExportPaths = (networkId: string) => ({
  csv: client.networks[":networkId"]["directory.csv"].$path({ param: { networkId } }),
  xlsx: client.networks[":networkId"]["directory.xlsx"].$path({ param: { networkId } }),
});

export const api = {
  importDirectory: (networkId: string, json: DirectoryImportRequest) =>
    read(client.networks[":networkId"].directory.import.$post({ param: { networkId }, json })),
  requestLink: (email: string, locale: "de" | "en") =>
    read(client.auth["sign-in-links"].$post({ json: { email, locale } })),
  signIn: (token: string) => read(client.auth.sessions.$post({ json: { token } })),
  signOut: () => read(client.auth.sessions[":sessionId"].$delete({ param: { sessionId: "current" } })),
  endSession: (sessionId: string) => read(client.auth.sessions[":sessionId"].$delete({ param: { sessionId } })),
  signOutEverywhere: () => read(client.auth.sessions.$delete()),
  updateInstitution: (
    institutionId: string,
    json: Parameters<(typeof client.institutions)[":institutionId"]["$patch"]>[0]["json"],
  ) => read(client.institutions[":institutionId"].$patch({ param: { institutionId }, json })),
  createInstitution: (
    networkId: string,
    json: Parameters<(typeof client.networks)[":networkId"]["institutions"]["$post"]>[0]["json"],
  ) => read(client.networks[":networkId"].institutions.$post({ param: { networkId }, json })),
  archiveInstitution: (institutionId: string) =>
    read(client.institutions[":institutionId"].archive.$post({ param: { institutionId } })),
  signLeitbild: (institutionId: string, json: { signedAt: string; signedBy: string }) =>
    read(client.institutions[":institutionId"].leitbild.$put({ param: { institutionId }, json })),
  addContactPerson: (
    institutionId: string,
    json: { name: string; function?: string; email: string; phone?: string; isPrimary?: boolean },
  ) => read(client.institutions[":institutionId"]["contact-persons"].$post({ param: { institutionId }, json })),
  updateContactPerson: (
    contactPersonId: string,
    json: { name: string; function?: string; email: string; phone?: string },
  ) => read(client["contact-persons"][":contactPersonId"].$patch({ param: { contactPersonId }, json })),
  removeContactPerson: (contactPersonId: string) =>
    read(client["contact-persons"][":contactPersonId"].$delete({ param: { contactPersonId } })),
  inviteContact: (institutionId: string, json: { email: string; displayName?: string }) =>
    read(client.institutions[":institutionId"].contacts.$post({ param: { institutionId }, json })),
  revokeParticipantLink: (token: string) =>
    read(client.participation.link.$delete({ header: { "x-participant-token": token } })),
  cancelParticipation: (token: string) =>
    read(client.participation.cancel.$post({ header: { "x-participant-token": token } })),
  acceptOffer: (token: string) => read(client.participation.accept.$post({ header: { "x-participant-token": token } })),
  setParticipationReminders: (token: string, remindersOff: boolean) =>
    read(client.participation.reminders.$put({ header: { "x-participant-token": token }, json: { remindersOff } })),
  /** The calendar file of a confirmed registration, with the file name the server suggests. */
  participationCalendar: async (token: string) => {
    const response = client.participation["calendar.ics"].$get({ header: { "x-participant-token": token } });
    const text = String(await read(response));
    const disposition = (await response).headers.get("content-disposition") ?? "";
    return { text, filename: /filename="([^"]+)"/.exec(disposition)?.[1] ?? "termine.ics" };
  },
  /** The own certificate of attendance (PDF), with the file name the server suggests. */
  participationCertificate: (token: string) =>
    file(
      client.participation["certificate.pdf"].$get({ header: { "x-participant-token": token } }),
      "teilnahmebescheinigung.pdf",
    ),
  /** The same key on a retry answers the registration made first instead of creating a second one. */
  register: (eventId: string, idempotencyKey: string, json: RegistrationInput) =>
    read(
      client.events[":eventId"].registrations.$post({
        param: { eventId },
        header: { "idempotency-key": idempotencyKey },
        json,
      }),
    ),
  cancelRegistration: (registrationId: string) =>
    read(client.registrations[":registrationId"].cancel.$post({ param: { registrationId } })),
  swapRegistration: (registrationId: string, json: PersonInput) =>
    read(client.registrations[":registrationId"].swap.$post({ param: { registrationId }, json })),
};

// The organiser's side of events: editing, publishing, the allocation board and overrides.
export type EventInput = Parameters<(typeof client.networks)[":networkId"]["events"]["$post"]>[0]["json"];
export type EventPatch = Parameters<(typeof client.events)[":eventId"]["$patch"]>[0]["json"];
export type AllocationBoard = InferResponseType<(typeof client.events)[":eventId"]["board"]["$get"], 200>;

/** Every event of the network in any status (drafts, cancelled): for its organisers. */
export const getManagedEvents = query(
  (networkId: string) =>
    read(client.networks[":networkId"].events.$get({ param: { networkId }, query: { scope: "manage" } })),
  "managed-events",
);

/** All registrations of an event, every institution: for its organisers. */
export const getAllEventRegistrations = query(
  (eventId: string) => read(client.events[":eventId"].registrations.$get({ param: { eventId }, query: {} })),
  "all-event-registrations",
);

export const organiserApi = {
  createEvent: (networkId: string, json: EventInput) =>
    read(client.networks[":networkId"].events.$post({ param: { networkId }, json })),
  updateEvent: (eventId: string, json: EventPatch) =>
    read(client.events[":eventId"].$patch({ param: { eventId }, json })),
  publishEvent: (eventId: string) => read(client.events[":eventId"].publish.$post({ param: { eventId } })),
  cancelEvent: (eventId: string) => read(client.events[":eventId"].cancel.$post({ param: { eventId } })),
  redistribute: (eventId: string) => read(client.events[":eventId"].redistribution.$post({ param: { eventId } })),
  confirmOverLimit: (registrationId: string) =>
    read(client.registrations[":registrationId"].confirm.$post({ param: { registrationId } })),
  moveRegistration: (registrationId: string, trackId: string | null) =>
    read(client.registrations[":registrationId"].move.$post({ param: { registrationId }, json: { trackId } })),
};

// Attendance: figures across the series, a session's list, excused absences and the exports.
export type AttendanceFigures = InferResponseType<
  (typeof client.events)[":eventId"]["attendance-figures"]["$get"],
  200
>;
export type SessionAttendance = InferResponseType<
  (typeof client.sessions)[":eventSessionId"]["attendance"]["$get"],
  200
>;

export const getAttendanceFigures = query(
  (eventId: string) => read(client.events[":eventId"]["attendance-figures"].$get({ param: { eventId } })),
  "attendance-figures",
);

export const getSessionAttendance = query(
  (eventSessionId: string) => read(client.sessions[":eventSessionId"].attendance.$get({ param: { eventSessionId } })),
  "session-attendance",
);

export const attendanceApi = {
  excuse: (eventSessionId: string, registrationId: string) =>
    read(
      client.sessions[":eventSessionId"].excused[":registrationId"].$put({ param: { eventSessionId, registrationId } }),
    ),
  withdrawExcuse: (eventSessionId: string, registrationId: string) =>
    read(
      client.sessions[":eventSessionId"].excused[":registrationId"].$delete({
        param: { eventSessionId, registrationId },
      }),
    ),
};

/** Download addresses of an event's lists and documents (the session cookie authorises them). */
export const documentPaths = (eventId: string) => {
  const event = client.events[":eventId"];
  const param = { param: { eventId } };
  return {
    attendanceCsv: event["attendance.csv"].$path(param),
    attendanceXlsx: event["attendance.xlsx"].$path(param),
    participantsCsv: event["participants.csv"].$path(param),
    participantsXlsx: event["participants.xlsx"].$path(param),
    participantsPdf: event["participants.pdf"].$path(param),
    certificates: event["certificates.pdf"].$path(param),
    signInSheet: (eventSessionId: string) =>
      event.sessions[":eventSessionId"]["sign-in-sheet.pdf"].$path({ param: { eventId, eventSessionId } }),
  };
};

// Data protection: privacy notice, retention, a person's rights, the audit log.
export type RetentionOverview = InferResponseType<(typeof client.networks)[":networkId"]["retention"]["$get"], 200>;
export type PersonalData = InferResponseType<(typeof client.participation)["data.json"]["$get"], 200>;
export type AuditLogPage = InferResponseType<(typeof client.networks)[":networkId"]["audit-log"]["$get"], 200>;
export type AuditFilter = {
  action?: string;
  actionGroup?: AuditActionGroup;
  entityType?: string;
  entityId?: string;
  person?: string;
  from?: string;
  to?: string;
};
export type AuditActionGroup =
  | "events"
  | "registrations"
  | "attendance"
  | "documents"
  | "directory"
  | "network"
  | "privacy";

/** A JSON document as a file download. */
export const saveJson = (data: unknown, filename: string) =>
  saveFile({ blob: new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }), filename });

export const privacyApi = {
  saveSettings: (networkId: string, json: { privacyNotice: string; retentionMonths: number }) =>
    read(client.networks[":networkId"].privacy.$put({ param: { networkId }, json })),
  retention: (networkId: string) => read(client.networks[":networkId"].retention.$get({ param: { networkId } })),
  access: (networkId: string, email: string) =>
    read(client.networks[":networkId"]["personal-data"].access.$post({ param: { networkId }, json: { email } })),
  /** The same answer as a letter to the person (PDF), with the file name the server suggests. */
  accessLetter: (networkId: string, email: string) =>
    file(
      client.networks[":networkId"]["personal-data"]["access.pdf"].$post({ param: { networkId }, json: { email } }),
      "auskunft.pdf",
    ),
  erase: (networkId: string, email: string) =>
    read(client.networks[":networkId"]["personal-data"].erasure.$post({ param: { networkId }, json: { email } })),
  auditLog: (networkId: string, filter: AuditFilter, limit: number, offset: number) =>
    read(
      client.networks[":networkId"]["audit-log"].$get({
        param: { networkId },
        query: { ...filter, limit: String(limit), offset: String(offset) },
      }),
    ),
  /** The export in the page's words and language (a download link sends no Accept-Language of ours). */
  auditLogCsvPath: (networkId: string, filter: AuditFilter, lang: "de" | "en") =>
    `${client.networks[":networkId"]["audit-log.csv"].$path({
      param: { networkId },
      query: { ...filter, columns: "labels" },
    })}&lang=${lang}`,
  myData: (token: string) => read(client.participation["data.json"].$get({ header: { "x-participant-token": token } })),
  eraseMe: (token: string) => read(client.participation.erasure.$post({ header: { "x-participant-token": token } })),
};

// ---------------------------------------------------------------------------
// Network settings (organisers)

export type Organiser = InferResponseType<
  (typeof client.networks)[":networkId"]["organisers"]["$get"],
  200
>["items"][number];

export const getOrganisers = query(
  (networkId: string) => read(client.networks[":networkId"].organisers.$get({ param: { networkId } })),
  "organisers",
);

export const getSetup = query(
  (networkId: string) => read(client.networks[":networkId"].setup.$get({ param: { networkId } })),
  "setup",
);

export const settingsApi = {
  update: (networkId: string, json: { name?: string; description?: string; senderName?: string }) =>
    read(client.networks[":networkId"].$patch({ param: { networkId }, json })),
  addMunicipality: (networkId: string, name: string) =>
    read(client.networks[":networkId"].municipalities.$post({ param: { networkId }, json: { name } })),
  updateMunicipality: (networkId: string, municipalityId: string, json: { name?: string; role?: "model" }) =>
    read(
      client.networks[":networkId"].municipalities[":municipalityId"].$patch({
        param: { networkId, municipalityId },
        json,
      }),
    ),
  removeMunicipality: (networkId: string, municipalityId: string) =>
    read(
      client.networks[":networkId"].municipalities[":municipalityId"].$delete({ param: { networkId, municipalityId } }),
    ),
  /** The file as it is: the server tells PNG and SVG apart by their bytes. */
  uploadLogo: async (networkId: string, file: File) => {
    const res = await fetch(`/api/networks/${encodeURIComponent(networkId)}/logo`, {
      method: "PUT",
      headers: {
        "content-type": file.type || "application/octet-stream",
        "accept-language": localStorage.getItem("nw.locale") === "en" ? "en" : "de",
      },
      body: file,
    });
    if (!res.ok) {
      const problem = (await res.json().catch(() => ({}))) as { code?: string; title?: string; detail?: string };
      throw new ApiProblem(res.status, problem.code ?? "unknown", problem.detail ?? problem.title ?? res.statusText);
    }
  },
  removeLogo: (networkId: string) => read(client.networks[":networkId"].logo.$delete({ param: { networkId } })),
  invite: (networkId: string, json: { email: string; displayName: string }) =>
    read(client.networks[":networkId"].organisers.$post({ param: { networkId }, json })),
  removeOrganiser: (networkId: string, accountId: string) =>
    read(client.networks[":networkId"].organisers[":accountId"].$delete({ param: { networkId, accountId } })),
};
