import { query } from "@solidjs/router";
import { type ClientResponse, DetailedError, hc, type InferResponseType, parseResponse } from "hono/client";
import type { AppType } from "../../../worker/index";

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
      const problem = (error.detail?.data ?? {}) as { code?: string; title?: string };
      throw new ApiProblem(error.statusCode ?? 0, problem.code ?? "unknown", problem.title ?? error.message);
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
