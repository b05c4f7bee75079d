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
  ) {
    super(message);
  }
}

/** The success body, or the server's problem (title in the interface language) as an ApiProblem. */
async function read<T extends ClientResponse<unknown>>(response: Promise<T>) {
  try {
    return await parseResponse(response);
  } catch (error) {
    if (error instanceof DetailedError) {
      const problem = (error.detail?.data ?? {}) as {
        code?: string;
        title?: string;
        errors?: { path: string; message: string }[];
      };
      throw new ApiProblem(
        error.statusCode ?? 0,
        problem.code ?? "unknown",
        problem.title ?? error.message,
        problem.errors ?? [],
      );
    }
    throw error;
  }
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

// One network per installation for now; the first one is the home network.
export const getNetwork = query(async () => {
  const { items } = await read(client.networks.$get());
  if (!items[0]) throw new ApiProblem(404, "network_not_found", "No network");
  return read(client.networks[":networkId"].$get({ param: { networkId: items[0].id } }));
}, "network");

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
  (networkId: string) => read(client.networks[":networkId"].events.$get({ param: { networkId } })),
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

export const api = {
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
  removeContactPerson: (contactPersonId: string) =>
    read(client["contact-persons"][":contactPersonId"].$delete({ param: { contactPersonId } })),
  inviteContact: (institutionId: string, json: { email: string; displayName?: string }) =>
    read(client.institutions[":institutionId"].contacts.$post({ param: { institutionId }, json })),
  revokeParticipantLink: (token: string) =>
    read(client.participation.link.$delete({ header: { "x-participant-token": token } })),
};
