import { A } from "@solidjs/router";
import { createMemo, createResource, createSignal, For, type JSX, lazy, Show, Suspense } from "solid-js";
import { eventEnded } from "../../../worker/domain/event-state";
import { formatTicketCode } from "../../../worker/domain/ticket-code";
import { FeedbackLinks } from "../components/feedback-links";
import { QrSvg } from "../components/qr-svg";
import { ReminderSwitch } from "../components/reminder-switch";
import { Loading } from "../components/status";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import type { Dictionary } from "../i18n/de";
import { ApiProblem, api, getParticipation, type Participation, saveFile } from "../lib/api";
import { forgetParticipantToken, takeParticipantToken } from "../lib/personal-token";

type ReasonCode = keyof Dictionary["reasons"];
type Shown = "confirmed" | "waitlisted" | "offered" | "cancelled";

// The sections on the participant's own data load once the registration shows, not with the page (issue 18's budget).
const OwnData = lazy(() => import("../components/participation/own-data").then((m) => ({ default: m.OwnData })));

/** A participant's page, opened from the personal link in their mail (token in the fragment, see lib/personal-token). */
export default function ParticipationPage() {
  const { t, formatDateTime, formatTime } = useI18n();
  usePageTitle(() => t("participation.title"));
  const token = takeParticipantToken();
  const [data, { mutate }] = createResource(() =>
    token ? getParticipation(token) : Promise.reject(new ApiProblem(401, "", "")),
  );
  const [revoked, setRevoked] = createSignal(false);
  const [erased, setErased] = createSignal(false);
  const [message, setMessage] = createSignal("");
  const [error, setError] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const [confirming, setConfirming] = createSignal(false);
  let cancelButton: HTMLButtonElement | undefined;
  let confirmQuestion: HTMLLegendElement | undefined;

  const shown = (p: Participation): Shown =>
    p.registration.status === "waitlisted" && p.registration.offeredUntil ? "offered" : p.registration.status;
  const offerOpen = (p: Participation) =>
    p.registration.offeredUntil !== null && new Date(p.registration.offeredUntil).getTime() > Date.now();
  // A past event needs no ticket, no calendar entry and no cancelling (the API refuses it too).
  const over = (p: Participation) => eventEnded(p.event.sessions, new Date());
  const reasonText = (code: string | null) =>
    code ? (t(`reasons.${code as ReasonCode}`) as string | undefined) : undefined;

  /** Runs an action against the API; a problem is shown in the alert region. */
  async function run<T>(action: () => Promise<T>, done?: (result: T) => void) {
    setBusy(true);
    setError("");
    setMessage("");
    try {
      done?.(await action());
      return true;
    } catch (e) {
      setError(e instanceof ApiProblem ? e.message : String(e));
      return false;
    } finally {
      setBusy(false);
    }
  }

  const accept = () =>
    run(
      () => api.acceptOffer(token),
      (p) => {
        mutate(p);
        setMessage(t("participation.accepted"));
      },
    );

  const cancel = () =>
    run(
      () => api.cancelParticipation(token),
      (p) => {
        setConfirming(false);
        mutate(p);
        setMessage(t("participation.cancelled"));
      },
    );

  const downloadCalendar = () =>
    run(
      () => api.participationCalendar(token),
      ({ text, filename }) => {
        const url = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
        const link = document.createElement("a");
        link.href = url;
        link.download = filename;
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      },
    ).then((ok) => {
      if (!ok) setError((e) => `${t("participation.calendarFailed")} ${e}`);
    });

  const downloadCertificate = () =>
    run(() => api.participationCertificate(token), saveFile).then((ok) => {
      if (!ok) setError((e) => `${t("participation.certificateFailed")} ${e}`);
    });

  const openConfirm = () => {
    setConfirming(true);
    confirmQuestion?.focus();
  };
  const closeConfirm = () => {
    setConfirming(false);
    cancelButton?.focus();
  };

  const Section = (props: { id: string; title: string; class?: string; children: JSX.Element }) => (
    <section aria-labelledby={props.id} class={`card ${props.class ?? ""}`}>
      <h2 id={props.id}>{props.title}</h2>
      {props.children}
    </section>
  );

  return (
    <div class="participation">
      <h1>{t("participation.title")}</h1>
      <Show when={data.loading}>
        <Loading />
      </Show>
      <Show
        when={!data.error && !revoked() && !erased()}
        fallback={
          <div class={erased() ? "notice" : "notice notice-error"} role="alert">
            <p>
              {erased()
                ? t("dataProtection.participant.erased")
                : revoked()
                  ? t("participation.revoked")
                  : t("participation.invalid")}
            </p>
            <A class="button" href="/anmelden">
              {t("auth.newLink")}
            </A>
          </div>
        }
      >
        <Show when={data()}>
          {(p) => (
            <>
              <section aria-labelledby="event-title" class="card">
                <p class="eyebrow">{p().registration.institution.name}</p>
                <h2 id="event-title">{p().event.title}</h2>
                <p>
                  {p().registration.name} · <span class="break">{p().registration.email}</span>
                </p>
                <div class={`status-panel status-${shown(p())}`} role="status">
                  <p class="status-label">
                    <strong>{t(`participation.status.${shown(p())}`)}</strong>
                  </p>
                  <Show when={reasonText(p().registration.reasonCode)}>
                    {(reason) => <p>{t("participation.reason", { reason: reason() })}</p>}
                  </Show>
                  <Show when={p().registration.track}>
                    {(track) => <p>{t("participation.track", { title: track().title })}</p>}
                  </Show>
                  <Show when={shown(p()) === "waitlisted"}>
                    <p>{t("participation.waitingText")}</p>
                  </Show>
                  <Show when={shown(p()) === "offered" && p().registration.offeredUntil}>
                    {(until) => (
                      <p>
                        {offerOpen(p())
                          ? t("participation.offerText", { deadline: formatDateTime(until()) })
                          : t("participation.offerExpired", { deadline: formatDateTime(until()) })}
                      </p>
                    )}
                  </Show>
                  <Show when={over(p()) && p().registration.status !== "cancelled"}>
                    <p class="event-over">{t("participation.eventOver")}</p>
                  </Show>
                  <Show when={message()}>
                    <p class="status-message">{message()}</p>
                  </Show>
                </div>
                <div role="alert">
                  <Show when={error()}>
                    <p class="field-error">{error()}</p>
                  </Show>
                </div>
                <Show when={shown(p()) === "offered" && offerOpen(p())}>
                  <button type="button" class="button" disabled={busy()} onClick={accept}>
                    {t("participation.accept")}
                  </button>
                </Show>
              </section>

              <Show when={p().registration.status === "confirmed" && !over(p())}>
                <Section id="ticket-title" title={t("participation.ticket")} class="ticket">
                  <Show when={p().registration.ticketQr}>
                    {(qr) => <QrSvg shape={qr()} label={t("participation.qrLabel")} />}
                  </Show>
                  <p class="ticket-code">
                    {t("participation.ticketCode")}:{" "}
                    <code>
                      {p().registration.shortCode
                        ? formatTicketCode(p().registration.shortCode!)
                        : p().registration.ticketCode}
                    </code>
                  </p>
                  <p class="hint">{t("participation.ticketHint")}</p>
                  <div class="ticket-calendar">
                    <button type="button" class="button" disabled={busy()} onClick={downloadCalendar}>
                      {t("participation.calendar")}
                    </button>
                    <p class="hint">{t("participation.calendarHint")}</p>
                  </div>
                </Section>
              </Show>

              <FeedbackLinks token={token} />
              <ReminderSwitch token={token} participation={p()} onSaved={mutate} />
              <Section id="dates-title" title={t("participation.dates")}>
                <ol class="dates session-list">
                  <For each={p().event.sessions}>
                    {(s) => (
                      <li>
                        <strong>
                          <time datetime={s.startsAt}>{formatDateTime(s.startsAt)}</time>–
                          <time datetime={s.endsAt}>{formatTime(s.endsAt)}</time>
                        </strong>
                        <Show when={s.title}>
                          <br />
                          {s.title}
                        </Show>
                        <Show when={s.topic}>
                          <br />
                          <span class="muted">{s.topic}</span>
                        </Show>
                        <Show when={p().attendance.find((a) => a.sessionId === s.id)}>
                          {(a) => (
                            <>
                              <br />
                              <span class={a().kind === "present" ? "badge badge-positive" : "badge badge-muted"}>
                                {a().kind === "present"
                                  ? t("participation.attendedSession")
                                  : t("participation.excusedSession")}
                              </span>
                            </>
                          )}
                        </Show>
                      </li>
                    )}
                  </For>
                </ol>
                <h3>{t("participation.venue")}</h3>
                <p>
                  {p().event.venueName}
                  <br />
                  {p().event.venueAddress}
                </p>
                <Show when={p().event.venueAccessibility}>
                  <h3>{t("participation.venueAccessibility")}</h3>
                  <p>{p().event.venueAccessibility}</p>
                </Show>
                <Show when={p().registration.accessibilityNeeds}>
                  <h3>{t("participation.yourNeeds")}</h3>
                  <p>{p().registration.accessibilityNeeds}</p>
                </Show>
                <Show when={p().event.description}>
                  <details>
                    <summary>{t("participation.about")}</summary>
                    <p>{p().event.description}</p>
                  </details>
                </Show>
              </Section>

              {/* A certificate lists only sessions that have taken place (worker/domain/check-in-window.ts). */}
              <Show
                when={p().attendance.some(
                  (a) =>
                    a.kind === "present" &&
                    p().event.sessions.some((s) => s.id === a.sessionId && Date.parse(s.startsAt) <= Date.now()),
                )}
              >
                <Section id="certificate-title" title={t("participation.certificateTitle")}>
                  <p>{t("participation.certificateText")}</p>
                  <button type="button" class="button" disabled={busy()} onClick={downloadCertificate}>
                    {t("participation.certificate")}
                  </button>
                </Section>
              </Show>

              <Show when={p().registration.status !== "cancelled" && !over(p())}>
                <Section id="cancel-title" title={t("participation.cancelTitle")} class="danger-zone">
                  <p>{t("participation.cancelText")}</p>
                  <Show
                    when={confirming()}
                    fallback={
                      <button
                        type="button"
                        class="button button-secondary"
                        ref={cancelButton}
                        disabled={busy()}
                        onClick={openConfirm}
                      >
                        {t("participation.cancel")}
                      </button>
                    }
                  >
                    <fieldset class="confirm">
                      <legend tabindex="-1" ref={confirmQuestion}>
                        {t("participation.cancelConfirm")}
                      </legend>
                      <div class="actions">
                        <button type="button" class="button button-danger" disabled={busy()} onClick={cancel}>
                          {t("participation.cancelYes")}
                        </button>
                        <button type="button" class="button button-secondary" disabled={busy()} onClick={closeConfirm}>
                          {t("participation.cancelNo")}
                        </button>
                      </div>
                    </fieldset>
                  </Show>
                </Section>
              </Show>

              {/* Its own boundary: the page above stays while the sections arrive. */}
              <Suspense>
                <OwnData
                  token={token}
                  busy={busy()}
                  run={run}
                  setError={setError}
                  onErased={() => {
                    forgetParticipantToken();
                    setErased(true);
                  }}
                  onRevoked={() => {
                    forgetParticipantToken();
                    setRevoked(true);
                  }}
                />
              </Suspense>
            </>
          )}
        </Show>
      </Show>
    </div>
  );
}
