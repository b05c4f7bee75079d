// Messages of an event: write to an audience (organisers: any; contacts: their own
// institution's registrants) and the history of what was sent, with its delivery.
import { A, createAsync, revalidate, useParams } from "@solidjs/router";
import { ErrorBoundary, For, Match, Show, Suspense, Switch } from "solid-js";
import { MessageCompose } from "../components/message-compose";
import { LoadError, Loading } from "../components/status";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import { type EventDetail, getEvent, getEventBoard } from "../lib/api";
import { getMessages, type MessageSummary } from "../lib/messages-api";
import { useNetworkPath } from "../lib/network";
import { useMe } from "../lib/session";
import "./event-messages.css";

export const messagesPath = (eventId: string) => `/veranstaltungen/${encodeURIComponent(eventId)}/nachrichten`;

function AudienceWords(props: { audience: Record<string, unknown>; event: EventDetail; names: Map<string, string> }) {
  const { t } = useI18n();
  const words = () => {
    const a = props.audience;
    if (a.group === "contacts")
      return [t("messaging.contacts"), a.filter === "unused_quota" ? t("messaging.contactsUnused") : ""];
    if (a.group !== "registrants") return [];
    const session = props.event.sessions.find((s) => s.id === a.sessionId);
    const track = props.event.tracks.find((tr) => tr.id === a.trackId);
    return [
      a.status === "confirmed"
        ? t("messaging.statusConfirmed")
        : a.status === "waitlisted"
          ? t("messaging.statusWaitlisted")
          : t("messaging.statusAll"),
      session ? `${t("messaging.session")}: ${session.title || session.position}` : "",
      track ? `${t("messaging.track")}: ${track.title}` : "",
      typeof a.institutionId === "string" ? (props.names.get(a.institutionId) ?? "") : "",
    ];
  };
  return <>{words().filter(Boolean).join(" · ")}</>;
}

function History(props: { event: EventDetail; names: Map<string, string>; organiser: boolean }) {
  const { t, formatDateTime } = useI18n();
  const history = createAsync(() => getMessages(props.event.id));
  return (
    <section class="card" aria-labelledby="history-title">
      <div class="message-history-head">
        <h2 id="history-title">{t("messaging.history")}</h2>
        {/* Delivery runs on the queue after sending: asked for, not polled. */}
        <button
          type="button"
          class="button button-secondary button-small"
          onClick={() => revalidate(getMessages.keyFor(props.event.id))}
        >
          {t("messaging.refresh")}
        </button>
      </div>
      <Suspense fallback={<Loading />}>
        <Show when={history()}>
          {(h) => (
            <Show
              when={h().items.length > 0}
              fallback={<p>{t(props.organiser ? "messaging.historyNone" : "messaging.historyNoneContact")}</p>}
            >
              <section class="table-scroll" tabindex="0" aria-labelledby="history-title">
                <table class="message-history">
                  <thead>
                    <tr>
                      <th scope="col">{t("messaging.date")}</th>
                      <th scope="col">{t("messaging.kind")}</th>
                      <th scope="col">{t("messaging.subject")}</th>
                      <th scope="col">{t("messaging.audience")}</th>
                      <th scope="col">{t("messaging.count")}</th>
                      <th scope="col">{t("messaging.delivery")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={h().items}>
                      {(m: MessageSummary) => (
                        <tr id={`message-${m.id}`}>
                          <td data-label={t("messaging.date")}>
                            <time datetime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
                          </td>
                          <td data-label={t("messaging.kind")}>{t(`messaging.kinds.${m.kind}`)}</td>
                          <td data-label={t("messaging.subject")}>
                            {/* One box, so the stacked card keeps subject and author beside the label. */}
                            <div>
                              {m.subject}
                              <Show when={m.institutionName ?? m.authorName}>
                                {(name) => (
                                  <span class="muted message-author">{t("messaging.by", { name: name() })}</span>
                                )}
                              </Show>
                            </div>
                          </td>
                          <td data-label={t("messaging.audience")}>
                            <AudienceWords audience={m.audience} event={props.event} names={props.names} />
                          </td>
                          <td class="numeric" data-label={t("messaging.count")}>
                            {m.recipientCount}
                          </td>
                          <td data-label={t("messaging.delivery")}>
                            <ul class="message-delivery">
                              <li>{t("messaging.delivered", { count: String(m.delivery.delivered) })}</li>
                              <Show when={m.delivery.failed + m.delivery.undeliverable > 0}>
                                <li class="message-failed">
                                  {t("messaging.failed", {
                                    count: String(m.delivery.failed + m.delivery.undeliverable),
                                  })}
                                </li>
                              </Show>
                              <Show when={m.delivery.skipped > 0}>
                                <li>{t("messaging.skipped", { count: String(m.delivery.skipped) })}</li>
                              </Show>
                              <Show when={m.delivery.waiting > 0}>
                                <li>{t("messaging.waiting", { count: String(m.delivery.waiting) })}</li>
                              </Show>
                            </ul>
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </section>
            </Show>
          )}
        </Show>
      </Suspense>
    </section>
  );
}

/** The invited institutions, for organisers (from the board; contacts choose among their own). */
function OrganiserMessages(props: { event: EventDetail }) {
  const board = createAsync(() => getEventBoard(props.event.id));
  const institutions = () =>
    (board()?.institutions ?? [])
      .map((i) => ({ id: i.institutionId, name: i.institutionName }))
      .sort((a, b) => a.name.localeCompare(b.name, "de"));
  return (
    <Suspense fallback={<Loading />}>
      <Show when={board()}>
        <MessageCompose event={props.event} institutions={institutions()} organiser={true} />
        <History event={props.event} names={new Map(institutions().map((i) => [i.id, i.name]))} organiser={true} />
      </Show>
    </Suspense>
  );
}

export default function EventMessagesPage() {
  const to = useNetworkPath();
  const { t } = useI18n();
  const params = useParams<{ eventId: string }>();
  const { me, isOrganiserOf } = useMe();
  const event = createAsync(() => getEvent(params.eventId));
  usePageTitle(() => (event() ? `${t("messaging.title")}: ${event()!.title}` : t("messaging.title")));
  const own = () =>
    (me()?.roles ?? []).flatMap((r) =>
      r.role === "institution_contact" && r.institution && r.network.id === event()?.networkId ? [r.institution] : [],
    );
  const organiser = () => isOrganiserOf(event()?.networkId);

  return (
    <ErrorBoundary fallback={(error, reset) => <LoadError error={error} reset={reset} />}>
      <Suspense fallback={<Loading />}>
        <Show when={event()}>
          {(e) => (
            <>
              <p class="back">
                <A
                  href={to(
                    organiser()
                      ? `/veranstaltungen/${encodeURIComponent(e().id)}/platzvergabe`
                      : `/veranstaltungen/${encodeURIComponent(e().id)}/anmelden`,
                  )}
                >
                  ← {t("messaging.back")}
                </A>
              </p>
              <header class="page-head">
                <div>
                  <p class="eyebrow">{e().title}</p>
                  <h1>{t("messaging.title")}</h1>
                </div>
              </header>
              <Switch>
                <Match when={me() === null}>
                  <div class="notice">
                    <p>{t("messaging.signInFirst")}</p>
                    <A class="button" href="/anmelden">
                      {t("nav.signIn")}
                    </A>
                  </div>
                </Match>
                <Match when={me() && organiser()}>
                  <p class="lead">{t("messaging.intro")}</p>
                  <OrganiserMessages event={e()} />
                </Match>
                <Match when={me() && own().length > 0}>
                  <p class="lead">{t("messaging.introContact")}</p>
                  <MessageCompose event={e()} institutions={own()} organiser={false} />
                  <History event={e()} names={new Map(own().map((i) => [i.id, i.name]))} organiser={false} />
                </Match>
                <Match when={me()}>
                  <p class="notice notice-error">{t("messaging.notAllowed")}</p>
                </Match>
              </Switch>
            </>
          )}
        </Show>
      </Suspense>
    </ErrorBoundary>
  );
}
