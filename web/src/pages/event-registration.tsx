import { A, createAsync, revalidate, useParams, useSearchParams } from "@solidjs/router";
import { createEffect, createSignal, ErrorBoundary, For, lazy, Match, Show, Suspense, Switch } from "solid-js";
import { LoadError, Loading } from "../components/status";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import type { Dictionary } from "../i18n/de";
import {
  getEvent,
  getEventBoard,
  getEventRegistrations,
  getInstitutionEvents,
  getNetwork,
  getRegistration,
  type InvitedEvent,
} from "../lib/api";
import { useNetworkPath, useNetworkSlug } from "../lib/network";
import { useMe } from "../lib/session";

type PhaseKey = keyof Dictionary["registration"]["phase"];
type ClosedKey = keyof Dictionary["registration"]["closedNotice"];

// The parts for contacts and organisers (components/registration/) load apart from the page, as soon
// as the signed-in person turns out to have an institution or to organise (see the page): a visitor
// who is not signed in gets the event's facts without them (issue 18's budget).
const QuotaSummary = lazy(() =>
  import("../components/registration/quota-summary").then((m) => ({ default: m.QuotaSummary })),
);
const RegistrationTable = lazy(() =>
  import("../components/registration/registration-table").then((m) => ({ default: m.RegistrationTable })),
);
const RegistrationForm = lazy(() =>
  import("../components/registration/registration-form").then((m) => ({ default: m.RegistrationForm })),
);

function PhaseBadge(props: { phase: InvitedEvent["phase"]; invited?: InvitedEvent }) {
  const { t, formatDate } = useI18n();
  const text = () => {
    const i = props.invited;
    const dates = {
      deadline: i ? formatDate(i.quotaDeadline) : "",
      opens: i ? formatDate(i.registrationOpensAt) : "",
      closes: i ? formatDate(i.registrationClosesAt) : "",
    };
    return t(`registration.phase.${props.phase as PhaseKey}`, dates);
  };
  return <p class={`phase phase-${props.phase}`}>{text()}</p>;
}

export default function EventRegistrationPage() {
  const networkSlug = useNetworkSlug();
  const to = useNetworkPath();
  const { t, formatDate, formatDateTime, formatTime } = useI18n();
  const params = useParams<{ eventId: string }>();
  const [search, setSearch] = useSearchParams<{ institution?: string }>();
  const { me, isOrganiserOf } = useMe();
  const event = createAsync(() => getEvent(params.eventId));
  const network = createAsync(() => getNetwork(networkSlug() ?? ""));
  usePageTitle(() => (event() ? `${t("registration.title")}: ${event()!.title}` : t("registration.title")));

  const organiser = () => isOrganiserOf(event()?.networkId);
  const contactInstitutions = () =>
    (me()?.roles ?? []).flatMap((r) => (r.role === "institution_contact" && r.institution ? [r.institution] : []));
  // Fetched alongside the institution's data, not after it: the parts are there when the data is.
  createEffect(() => {
    if (organiser() || contactInstitutions().length > 0)
      for (const part of [QuotaSummary, RegistrationTable, RegistrationForm]) part.preload();
  });
  // The contact's institutions that are invited to this event (asked only of signed-in contacts).
  const invitedOwn = createAsync(async () => {
    const own = contactInstitutions();
    if (own.length === 0) return [];
    const lists = await Promise.all(
      own.map(async (i) => {
        const invited = (await getInstitutionEvents(i.id)).items.find((e) => e.id === params.eventId);
        return invited ? [{ id: i.id, name: i.name }] : [];
      }),
    );
    return lists.flat();
  });
  const board = createAsync(async () => (organiser() ? getEventBoard(params.eventId) : undefined));
  const options = () => {
    if (organiser())
      return (board()?.institutions ?? []).map((i) => ({ id: i.institutionId, name: i.institutionName }));
    return invitedOwn() ?? [];
  };
  const requested = () => (Array.isArray(search.institution) ? search.institution[0] : search.institution);
  const selected = () => {
    const list = options();
    return (
      list.find((o) => o.id === requested()) ??
      list.find((o) => (invitedOwn() ?? []).some((own) => own.id === o.id)) ??
      list[0]
    );
  };
  const invited = createAsync(async () => {
    const id = selected()?.id;
    if (!id) return undefined;
    return (await getInstitutionEvents(id)).items.find((e) => e.id === params.eventId);
  });
  const registrations = createAsync(async () => {
    const id = selected()?.id;
    return id ? getEventRegistrations(params.eventId, id) : undefined;
  });

  const [pageNotice, setPageNotice] = createSignal("");
  let pageStatus: HTMLParagraphElement | undefined;
  const refresh = () => revalidate([getInstitutionEvents.key, getEventRegistrations.key, getRegistration.key]);
  const onChanged = async (message: string, focusId?: string) => {
    // What happened is said at once: the change is made; the refreshed lists follow.
    setPageNotice(message);
    await refresh();
    requestAnimationFrame(() => {
      const target = focusId ? document.getElementById(focusId) : null;
      (target ?? pageStatus)?.focus();
    });
  };

  const formOpen = () => {
    const phase = invited()?.phase;
    return phase === "reserved" || phase === "awaiting_redistribution" || phase === "open";
  };
  const signedInWithoutAccess = () => me() && !organiser() && invitedOwn() !== undefined && options().length === 0;

  return (
    <ErrorBoundary fallback={(error, reset) => <LoadError error={error} reset={reset} />}>
      <p class="back">
        <A href={to(`/veranstaltungen#${params.eventId}`)}>← {t("registration.back")}</A>
      </p>
      <Show when={event()}>
        {(e) => (
          <div class="registration-page">
            <header class="registration-head">
              <p class="eyebrow">
                {t(`events.types.${e().type}`)} · {t("registration.title")}
              </p>
              <h1>{e().title}</h1>
              <Show when={invited()}>{(i) => <PhaseBadge phase={i().phase} invited={i()} />}</Show>
              <Show when={e().status === "cancelled" && !invited()}>
                <PhaseBadge phase="cancelled" />
              </Show>
              <Show when={organiser() || (invitedOwn() ?? []).length > 0}>
                <p>
                  <A href={to(`/veranstaltungen/${encodeURIComponent(e().id)}/nachrichten`)}>{t("messaging.link")}</A>
                </p>
              </Show>
            </header>

            <section class="card event-summary" aria-labelledby="event-facts-title">
              <h2 id="event-facts-title" class="visually-hidden">
                {t("registration.eventFacts")}
              </h2>
              <div>
                <h3>{t("events.sessions")}</h3>
                <ol class="dates session-dates">
                  <For each={e().sessions}>
                    {(s) => (
                      <li>
                        <time datetime={s.startsAt}>{formatDateTime(s.startsAt)}</time>–
                        <time datetime={s.endsAt}>{formatTime(s.endsAt)}</time>
                        <Show when={s.title}>
                          <span class="muted session-title">{s.title}</span>
                        </Show>
                      </li>
                    )}
                  </For>
                </ol>
              </div>
              <div>
                <h3>{t("events.venue")}</h3>
                <p>
                  {e().venueName}
                  <br />
                  {e().venueAddress}
                </p>
                <Show when={e().venueAccessibility}>
                  <h3>{t("events.accessibility")}</h3>
                  <p class="muted">{e().venueAccessibility}</p>
                </Show>
              </div>
            </section>

            <div class="registration-main">
              <Switch>
                <Match when={me() === null}>
                  <div class="notice">
                    <p>{t("registration.signInFirst")}</p>
                    <A class="button" href="/anmelden">
                      {t("nav.signIn")}
                    </A>
                  </div>
                </Match>
                <Match when={signedInWithoutAccess()}>
                  <p class="notice">{t("registration.notInvited")}</p>
                </Match>
                <Match when={selected()}>
                  {(institution) => (
                    <>
                      <Show when={options().length > 1}>
                        <div class="field institution-picker">
                          <label for="institution-select">{t("registration.institution")}</label>
                          <select
                            id="institution-select"
                            value={institution().id}
                            onChange={(ev) => {
                              setPageNotice("");
                              setSearch({ institution: ev.currentTarget.value }, { replace: true });
                            }}
                          >
                            <For each={options()}>{(o) => <option value={o.id}>{o.name}</option>}</For>
                          </select>
                        </div>
                      </Show>
                      <p class="page-status" role="status" tabindex="-1" ref={pageStatus}>
                        <Show when={pageNotice()}>
                          <span class="notice notice-ok">{pageNotice()}</span>
                        </Show>
                      </p>
                      <Suspense fallback={<Loading />}>
                        <Show when={invited()} fallback={<p class="notice">{t("registration.notInvited")}</p>}>
                          {(i) => (
                            <>
                              <QuotaSummary
                                invited={i()}
                                institutionName={institution().name}
                                forOrganiser={
                                  organiser() && !(invitedOwn() ?? []).some((o) => o.id === institution().id)
                                }
                              />
                              <section class="card" aria-labelledby="list-title">
                                <h2 id="list-title">{t("registration.list.title")}</h2>
                                <Show
                                  when={(registrations()?.items.length ?? 0) > 0}
                                  fallback={<p class="muted">{t("registration.list.empty")}</p>}
                                >
                                  <RegistrationTable
                                    items={registrations()!.items}
                                    tracks={e().tracks}
                                    sessions={e().sessions}
                                    actionsAllowed={i().phase !== "cancelled"}
                                    onChanged={onChanged}
                                  />
                                </Show>
                              </section>
                              <Show
                                when={formOpen()}
                                fallback={
                                  <p class="notice">
                                    {t(`registration.closedNotice.${i().phase as ClosedKey}`, {
                                      opens: formatDate(i().registrationOpensAt),
                                    })}
                                  </p>
                                }
                              >
                                <RegistrationForm
                                  eventId={e().id}
                                  institutionId={institution().id}
                                  tracks={e().tracks}
                                  privacyNotice={network()?.privacyNotice ?? ""}
                                  legalBasis={e().legalBasis}
                                  retentionMonths={e().retentionMonths ?? network()?.retentionMonths}
                                  invited={i()}
                                  onRegistered={async () => {
                                    setPageNotice("");
                                    await refresh();
                                  }}
                                />
                              </Show>
                            </>
                          )}
                        </Show>
                      </Suspense>
                    </>
                  )}
                </Match>
              </Switch>
            </div>
          </div>
        )}
      </Show>
    </ErrorBoundary>
  );
}
