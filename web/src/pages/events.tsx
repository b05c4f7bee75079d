import { A, createAsync } from "@solidjs/router";
import { ErrorBoundary, For, Show } from "solid-js";
import { InvitationLines, useInvitations } from "../components/invitations";
import { LoadError } from "../components/status";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import { type EventSummary, getEvents, getManagedEvents, getMe, getNetwork } from "../lib/api";
import { useEventState } from "../lib/event-state";
import { useNetworkPath, useNetworkSlug } from "../lib/network";

/** The dates of an event, in Berlin time, as a list. */
export function EventDates(props: { event: EventSummary; compact?: boolean }) {
  const { t, formatDateTime, formatTime } = useI18n();
  const shown = () => (props.compact ? props.event.sessions.slice(0, 1) : props.event.sessions);
  return (
    <ol class="dates">
      <For each={shown()}>
        {(s) => (
          <li>
            <time datetime={s.startsAt}>{formatDateTime(s.startsAt)}</time>–
            <time datetime={s.endsAt}>{formatTime(s.endsAt)}</time>
            <Show when={!props.compact && (s.title || s.topic)}>
              <span class="date-topic">
                {" "}
                · {s.title}
                {s.topic && s.topic !== s.title ? `: ${s.topic}` : ""}
              </span>
            </Show>
          </li>
        )}
      </For>
      <Show when={props.compact && props.event.sessions.length > 1}>
        <li class="muted">
          + {props.event.sessions.length - 1} {t("events.sessions")}
        </li>
      </Show>
    </ol>
  );
}

export default function EventsPage() {
  const networkSlug = useNetworkSlug();
  const to = useNetworkPath();
  const { t, formatDate } = useI18n();
  const eventState = useEventState();
  usePageTitle(() => t("events.title"));
  // Organisers see every event of their network, drafts and cancelled ones too.
  const events = createAsync(async () => {
    const [n, me] = await Promise.all([getNetwork(networkSlug() ?? ""), getMe()]);
    const manage = (me?.roles ?? []).some((r) => r.role === "organiser" && r.network.id === n.id);
    return { items: (await (manage ? getManagedEvents(n.id) : getEvents(n.id))).items, manage };
  });
  const organiser = () => events()?.manage ?? false;
  // For a signed-in institution contact: quota and places per invited event.
  const invitations = useInvitations();
  const isPast = (e: EventSummary) => e.sessions.every((s) => new Date(s.endsAt) < new Date());
  // What is coming first; past events follow, most recent first.
  const ordered = () => {
    const items = events()?.items ?? [];
    return [...items.filter((e) => !isPast(e)), ...items.filter(isPast).reverse()];
  };

  return (
    <>
      <div class="section-head page-title-row">
        <h1>{t("events.title")}</h1>
        <Show when={organiser()}>
          <A class="button" href={to("/veranstaltungen/neu")}>
            <span aria-hidden="true">+ </span>
            {t("eventAdmin.new")}
          </A>
        </Show>
      </div>
      <p class="lead">{t("events.intro")}</p>
      <ErrorBoundary fallback={(error, reset) => <LoadError error={error} reset={reset} />}>
        <Show when={events()}>
          {(list) => (
            <Show
              when={list().items.length > 0}
              fallback={
                <Show when={organiser()} fallback={<p>{t("events.none")}</p>}>
                  <div class="notice">
                    <p>{t("setup.emptyEvents")}</p>
                    <A class="button" href={to("/veranstaltungen/neu")}>
                      {t("setup.eventAction")}
                    </A>
                  </div>
                </Show>
              }
            >
              <ul class="event-list">
                <For each={ordered()}>
                  {(event) => (
                    <li
                      class="card event-card"
                      id={event.id}
                      classList={{ past: isPast(event), cancelled: event.status === "cancelled" }}
                    >
                      <p class="eyebrow">
                        {t(`events.types.${event.type}`)}
                        <Show when={isPast(event)}>
                          {" "}
                          <span class="badge badge-muted">{t("events.past")}</span>
                        </Show>
                        <Show when={organiser()}>
                          {" "}
                          <span class={`badge badge-status badge-${event.status}`}>
                            {t(`eventAdmin.status.${event.status}`)}
                          </span>
                        </Show>
                      </p>
                      <h2>{event.title}</h2>
                      <InvitationLines eventId={event.id} eventTitle={event.title} invitations={invitations()} />
                      <p>{event.description}</p>
                      <div class="event-facts">
                        <div>
                          <h3>{t("events.sessions")}</h3>
                          <EventDates event={event} />
                        </div>
                        <div>
                          <h3>{t("events.venue")}</h3>
                          <p>
                            {event.venueName}
                            <br />
                            {event.venueAddress}
                          </p>
                          <Show when={event.venueAccessibility}>
                            <p class="muted">
                              <span class="visually-hidden">{t("events.accessibility")}: </span>
                              {event.venueAccessibility}
                            </p>
                          </Show>
                          <p>
                            <span class="badge">{t("events.places", { count: String(event.capacity) })}</span>
                          </p>
                          <p class="muted">
                            {t("events.registration", {
                              from: formatDate(event.registrationOpensAt),
                              to: formatDate(event.registrationClosesAt),
                            })}
                            <br />
                            <span class="event-state">{eventState.line(event)}</span>
                          </p>
                        </div>
                      </div>
                      <Show when={event.tracks.length > 0}>
                        <h3>{t("events.tracks")}</h3>
                        <ul class="tracks">
                          <For each={event.tracks}>
                            {(track) => (
                              <li>
                                <strong>{track.title}</strong>
                                <Show when={track.description}> – {track.description}</Show>{" "}
                                <span class="muted">({t("events.places", { count: String(track.capacity) })})</span>
                              </li>
                            )}
                          </For>
                        </ul>
                      </Show>
                      <Show when={organiser()}>
                        <div class="card-actions">
                          <Show when={event.status !== "cancelled"}>
                            <A
                              class="button button-secondary button-small"
                              href={to(`/veranstaltungen/${encodeURIComponent(event.id)}/bearbeiten`)}
                            >
                              {t("eventAdmin.edit")}
                              <span class="visually-hidden">: {event.title}</span>
                            </A>
                          </Show>
                          <A
                            class="button button-secondary button-small"
                            href={to(`/veranstaltungen/${encodeURIComponent(event.id)}/platzvergabe`)}
                          >
                            {t("eventAdmin.board")}
                            <span class="visually-hidden">: {event.title}</span>
                          </A>
                        </div>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </ErrorBoundary>
    </>
  );
}
