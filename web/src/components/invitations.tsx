import { A, createAsync } from "@solidjs/router";
import { For, Show } from "solid-js";
import { useI18n } from "../i18n";
import { getInstitutionEvents, type InvitedEvent } from "../lib/api";
import { quotaUse } from "../lib/event-state";
import { useNetworkPath, useNetworkSlug } from "../lib/network";
import { useMe } from "../lib/session";

export type Invitation = { institution: { id: string; name: string }; event: InvitedEvent };

/** Places taken against the quota while it applies; afterwards what the quota was. */
const quotaPast = (event: InvitedEvent) =>
  quotaUse(event.phase, event.quota, event.confirmed + event.offered).key === "past";

/** Whether registering is possible now (the server still decides each request). */
export const registrationOpen = (phase: InvitedEvent["phase"]) =>
  phase === "reserved" || phase === "awaiting_redistribution" || phase === "open";

/**
 * The invitations of the signed-in contact's institutions, with quota and places used.
 * Asks the server only when a contact is signed in: visitors and organisers get an empty list.
 */
export function useInvitations() {
  const { me } = useMe();
  const networkSlug = useNetworkSlug();
  return createAsync(async (): Promise<Invitation[]> => {
    // Only the institutions of the network this page belongs to.
    const own = (me()?.roles ?? []).flatMap((r) =>
      r.role === "institution_contact" && r.institution && r.network.slug === networkSlug() ? [r.institution] : [],
    );
    if (own.length === 0) return [];
    const lists = await Promise.all(
      own.map(async (institution) => {
        try {
          const { items } = await getInstitutionEvents(institution.id);
          return items.map((event) => ({ institution, event }));
        } catch {
          // The public list must not fail because of the extra line.
          return [];
        }
      }),
    );
    return lists.flat();
  });
}

/** Per event card: each of the contact's invited institutions with its places, and the way to register. */
export function InvitationLines(props: { eventId: string; eventTitle: string; invitations: Invitation[] | undefined }) {
  const to = useNetworkPath();
  const { t } = useI18n();
  const mine = () => (props.invitations ?? []).filter((i) => i.event.id === props.eventId);
  return (
    <Show when={mine().length > 0}>
      <ul class="invitation-lines">
        <For each={mine()}>
          {(i) => (
            <li>
              <span>
                {t(quotaPast(i.event) ? "registration.invitation.linePast" : "registration.invitation.line", {
                  institution: i.institution.name,
                  used: String(i.event.confirmed + i.event.offered),
                  quota: String(i.event.quota),
                  remaining: String(i.event.remaining),
                })}
                <Show when={i.event.waiting > 0}>
                  {" · "}
                  {t("registration.invitation.waiting", { count: String(i.event.waiting) })}
                </Show>
              </span>
              <A
                class={registrationOpen(i.event.phase) ? "button button-small" : "button button-secondary button-small"}
                href={to(
                  `/veranstaltungen/${encodeURIComponent(props.eventId)}/anmelden?institution=${encodeURIComponent(i.institution.id)}`,
                )}
              >
                {registrationOpen(i.event.phase)
                  ? t("registration.invitation.link")
                  : t("registration.invitation.view")}
                <span class="visually-hidden">
                  : {props.eventTitle}
                  {mine().length > 1 ? ` (${i.institution.name})` : ""}
                </span>
              </A>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}

/** Home page, for a signed-in contact: the invitations where registering is possible now. */
export function YourInvitations() {
  const to = useNetworkPath();
  const { t, formatDate } = useI18n();
  const invitations = useInvitations();
  const current = () => (invitations() ?? []).filter((i) => registrationOpen(i.event.phase));
  return (
    <Show when={current().length > 0}>
      <section aria-labelledby="invitations-title" class="your-invitations">
        <h2 id="invitations-title">{t("registration.invitation.heading")}</h2>
        <p class="muted">{t("registration.invitation.intro")}</p>
        <ul class="event-teasers">
          <For each={current()}>
            {(i) => (
              <li class="card invitation-card">
                <p class="eyebrow">{i.institution.name}</p>
                <h3>{i.event.title}</h3>
                <p class="muted">
                  {i.event.phase === "reserved"
                    ? t("registration.phase.reserved", { deadline: formatDate(i.event.quotaDeadline) })
                    : t(`registration.phase.${i.event.phase as "open" | "awaiting_redistribution"}`, {
                        closes: formatDate(i.event.registrationClosesAt),
                      })}
                </p>
                <p>
                  <strong>
                    {t(quotaPast(i.event) ? "registration.invitation.shortPast" : "registration.invitation.short", {
                      used: String(i.event.confirmed + i.event.offered),
                      quota: String(i.event.quota),
                      remaining: String(i.event.remaining),
                    })}
                  </strong>
                </p>
                <A
                  class="button button-small"
                  href={to(
                    `/veranstaltungen/${encodeURIComponent(i.event.id)}/anmelden?institution=${encodeURIComponent(i.institution.id)}`,
                  )}
                >
                  {t("registration.invitation.link")}
                  <span class="visually-hidden">: {i.event.title}</span>
                </A>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
