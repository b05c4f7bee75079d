import { createAsync } from "@solidjs/router";
import { getMe, type Me } from "./api";

/** The signed-in account (undefined while loading, null when signed out) and what it may do. */
export function useMe() {
  const me = createAsync(() => getMe());
  const isOrganiserOf = (networkId: string | undefined) =>
    !!networkId && (me()?.roles ?? []).some((r) => r.role === "organiser" && r.network.id === networkId);
  const isContactOf = (institutionId: string | undefined) =>
    !!institutionId &&
    (me()?.roles ?? []).some((r) => r.role === "institution_contact" && r.institution?.id === institutionId);
  return { me, isOrganiserOf, isContactOf };
}

export type { Me };
