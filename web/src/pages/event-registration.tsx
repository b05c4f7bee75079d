import { A, createAsync, revalidate, useParams, useSearchParams } from "@solidjs/router";
import { createMemo, createSignal, ErrorBoundary, For, Match, Show, Suspense, Switch } from "solid-js";
import { LoadError, Loading } from "../components/status";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import type { Dictionary } from "../i18n/de";
import {
  ApiProblem,
  api,
  attendanceApi,
  type EventDetail,
  getEvent,
  getEventBoard,
  getEventRegistrations,
  getInstitutionEvents,
  getNetwork,
  getRegistration,
  type InvitedEvent,
  type Registration,
} from "../lib/api";
import { quotaUse, useEventState } from "../lib/event-state";
import { useNetworkPath, useNetworkSlug } from "../lib/network";
import { useMe } from "../lib/session";

type ReasonKey = keyof Dictionary["reasons"];
type ActionKey = keyof Dictionary["registration"]["history"]["actions"];
type PhaseKey = keyof Dictionary["registration"]["phase"];
type ClosedKey = keyof Dictionary["registration"]["closedNotice"];

/** The person fields shared by registering and swapping. */
type Person = { name: string; email: string; function: string; accessibilityNeeds: string };
const emptyPerson = (): Person => ({ name: "", email: "", function: "", accessibilityNeeds: "" });
const personFields = ["name", "email", "function", "accessibilityNeeds"] as const;
// Deliberately loose: the server checks the address; this only catches typing slips before sending.
const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());

/** Plain words for a rule code; empty when the catalogue does not know the code. */
function useReasons() {
  const { t } = useI18n();
  return (code: string | null | undefined) => {
    if (!code) return "";
    const text = t(`reasons.${code as ReasonKey}`);
    return typeof text === "string" ? text : "";
  };
}

/** Moves focus to the first field marked invalid inside `root`, after the DOM has caught up. */
function focusFirstError(root: HTMLElement | undefined) {
  requestAnimationFrame(() => root?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}

type Errors = Record<string, string>;
type Notice = { kind: "ok" | "error"; text: string };

/** Server problems become field errors where they belong to a field, otherwise one message. */
function problemToErrors(err: unknown, t: ReturnType<typeof useI18n>["t"]): { fields: Errors; message: string } {
  if (err instanceof ApiProblem) {
    if (err.code === "already_registered")
      return { fields: { email: t("registration.errors.alreadyRegistered") }, message: "" };
    if (err.code === "track_not_found" || err.code === "track_full")
      return { fields: { trackId: err.message }, message: "" };
    const fields = Object.fromEntries(err.errors.map((f) => [f.path, f.message]));
    return { fields, message: err.errors.length > 0 ? t("registration.errors.checkFields") : err.message };
  }
  return { fields: {}, message: t("registration.errors.network") };
}

function PersonInputs(props: {
  prefix: string;
  values: Person;
  errors: Errors;
  onInput: (key: keyof Person, value: string) => void;
}) {
  const { t } = useI18n();
  const describedBy = (key: string, hint: boolean) =>
    [hint ? `${props.prefix}-${key}-hint` : "", props.errors[key] ? `${props.prefix}-${key}-error` : ""]
      .filter(Boolean)
      .join(" ") || undefined;
  return (
    <div class="person-fields">
      <For each={personFields}>
        {(key) => {
          const hint = key !== "name";
          const id = `${props.prefix}-${key}`;
          // Getters, so that value and error state follow the signals after the spread.
          const attrs = {
            id,
            autocomplete: "off",
            get value() {
              return props.values[key];
            },
            get "aria-invalid"() {
              return props.errors[key] ? ("true" as const) : undefined;
            },
            get "aria-describedby"() {
              return describedBy(key, hint);
            },
          };
          return (
            <div class="field">
              <label for={id}>
                {t(`registration.fields.${key}`)}
                <Show when={key === "function" || key === "accessibilityNeeds"}>
                  <span class="optional"> {t("registration.optional")}</span>
                </Show>
              </label>
              <Show when={hint}>
                <p id={`${id}-hint`} class="hint field-hint">
                  {t(`registration.hints.${key as Exclude<keyof Person, "name">}`)}
                </p>
              </Show>
              <Show
                when={key === "accessibilityNeeds"}
                fallback={
                  <input
                    {...attrs}
                    type={key === "email" ? "email" : "text"}
                    required={key === "name" || key === "email"}
                    aria-required={key === "name" || key === "email" ? "true" : undefined}
                    spellcheck={key === "email" ? false : undefined}
                    onInput={(e) => props.onInput(key, e.currentTarget.value)}
                  />
                }
              >
                <textarea {...attrs} rows={2} onInput={(e) => props.onInput(key, e.currentTarget.value)} />
              </Show>
              <Show when={props.errors[key]}>
                <p id={`${id}-error`} class="field-error">
                  {props.errors[key]}
                </p>
              </Show>
            </div>
          );
        }}
      </For>
    </div>
  );
}

function PrivacyCheck(props: {
  id: string;
  label: string;
  checked: boolean;
  error?: string;
  onChange: (checked: boolean) => void;
}) {
  return (
    <div class="field check">
      <input
        id={props.id}
        type="checkbox"
        checked={props.checked}
        required
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />
      <label for={props.id}>{props.label}</label>
      <Show when={props.error}>
        <p id={`${props.id}-error`} class="field-error">
          {props.error}
        </p>
      </Show>
    </div>
  );
}

/** Checks what the browser cannot judge well, in the interface language; the server checks again. */
function validatePerson(person: Person, privacy: boolean, t: ReturnType<typeof useI18n>["t"]): Errors {
  const errors: Errors = {};
  if (!person.name.trim()) errors.name = t("registration.errors.name");
  if (!looksLikeEmail(person.email)) errors.email = t("registration.errors.email");
  if (!privacy) errors.privacyAcknowledged = t("registration.errors.privacy");
  return errors;
}

function RegistrationForm(props: {
  eventId: string;
  institutionId: string;
  tracks: EventDetail["tracks"];
  privacyNotice: string;
  /** The event's legal basis and retention period, shown with the network's notice. */
  legalBasis?: string;
  retentionMonths?: number;
  invited: InvitedEvent;
  onRegistered: () => Promise<void>;
}) {
  const { t } = useI18n();
  const [person, setPerson] = createSignal(emptyPerson());
  const [trackId, setTrackId] = createSignal("");
  const [privacy, setPrivacy] = createSignal(false);
  const [errors, setErrors] = createSignal<Errors>({});
  const [notice, setNotice] = createSignal<Notice>();
  const [busy, setBusy] = createSignal(false);
  // One key per filled-in form: a retry after a lost answer gets the registration made first, never a second one.
  let idempotencyKey = crypto.randomUUID();
  let form: HTMLFormElement | undefined;

  const waitlist = () =>
    props.invited.phase === "awaiting_redistribution" ||
    (props.invited.phase === "reserved" && props.invited.remaining <= 0);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy()) return;
    setNotice();
    const found = validatePerson(person(), privacy(), t);
    if (props.tracks.length > 0 && !trackId()) found.trackId = t("registration.errors.track");
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setNotice({ kind: "error", text: t("registration.errors.checkFields") });
      focusFirstError(form);
      return;
    }
    setBusy(true);
    try {
      const made = await api.register(props.eventId, idempotencyKey, {
        ...person(),
        institutionId: props.institutionId,
        trackId: trackId() || null,
        privacyAcknowledged: true,
      });
      idempotencyKey = crypto.randomUUID();
      setPerson(emptyPerson());
      setTrackId("");
      setPrivacy(false);
      await props.onRegistered();
      setNotice({
        kind: "ok",
        text:
          made.status === "confirmed"
            ? t("registration.result.confirmed", { name: made.name })
            : t("registration.result.waitlisted", { name: made.name }),
      });
    } catch (err) {
      if (err instanceof ApiProblem && err.code === "idempotency_key_reused") {
        // The earlier attempt did arrive (its answer was lost) and these entries differ: show the list, start afresh.
        idempotencyKey = crypto.randomUUID();
        await props.onRegistered();
        setNotice({ kind: "error", text: t("registration.errors.keyReused") });
        return;
      }
      const { fields, message } = problemToErrors(err, t);
      setErrors(fields);
      setNotice({ kind: "error", text: message || t("registration.errors.checkFields") });
      focusFirstError(form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={form} class="card form" novalidate onSubmit={submit} aria-labelledby="register-title">
      <div>
        <h2 id="register-title">{t("registration.form.title")}</h2>
        <p class="hint">
          {waitlist()
            ? t("registration.form.waitlistHint")
            : props.invited.phase === "open"
              ? t("registration.form.openHint")
              : t("registration.form.quotaHint", { count: String(props.invited.remaining) })}
        </p>
      </div>
      <PersonInputs
        prefix="reg"
        values={person()}
        errors={errors()}
        onInput={(key, value) => setPerson({ ...person(), [key]: value })}
      />
      <Show when={props.tracks.length > 0}>
        <div class="field person-fields">
          <label for="reg-trackId">{t("registration.fields.track")}</label>
          <select
            id="reg-trackId"
            value={trackId()}
            required
            aria-required="true"
            aria-invalid={errors().trackId ? "true" : undefined}
            aria-describedby={errors().trackId ? "reg-trackId-error" : undefined}
            onChange={(e) => setTrackId(e.currentTarget.value)}
          >
            <option value="">{t("registration.form.chooseTrack")}</option>
            <For each={props.tracks}>
              {(track) => (
                <option value={track.id}>
                  {track.title} ({t("events.places", { count: String(track.capacity) })})
                </option>
              )}
            </For>
          </select>
          <Show when={errors().trackId}>
            <p id="reg-trackId-error" class="field-error">
              {errors().trackId}
            </p>
          </Show>
        </div>
      </Show>
      <details class="privacy-notice">
        <summary>{t("registration.form.privacyNotice")}</summary>
        <p>{props.privacyNotice}</p>
        <Show when={props.legalBasis}>
          {(basis) => <p>{t("dataProtection.registration.legalBasis", { basis: basis() })}</p>}
        </Show>
        <Show when={props.retentionMonths}>
          {(months) => <p>{t("dataProtection.registration.retention", { months: String(months()) })}</p>}
        </Show>
      </details>
      <PrivacyCheck
        id="reg-privacyAcknowledged"
        label={t("registration.form.privacyCheck")}
        checked={privacy()}
        error={errors().privacyAcknowledged}
        onChange={setPrivacy}
      />
      <div class="form-footer">
        <button type="submit" class="button" aria-disabled={busy() ? "true" : undefined}>
          {busy()
            ? t("registration.form.sending")
            : waitlist()
              ? t("registration.form.submitWaitlist")
              : t("registration.form.submit")}
        </button>
        <div role="status" class="form-status">
          <Show when={notice()?.kind === "ok"}>
            <p class="notice notice-ok">{notice()!.text}</p>
          </Show>
        </div>
        <div role="alert" class="form-status">
          <Show when={notice()?.kind === "error"}>
            <p class="notice notice-error">{notice()!.text}</p>
          </Show>
        </div>
      </div>
    </form>
  );
}

function SwapForm(props: {
  registration: Registration;
  onDone: (name: string) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [person, setPerson] = createSignal(emptyPerson());
  const [privacy, setPrivacy] = createSignal(false);
  const [errors, setErrors] = createSignal<Errors>({});
  const [message, setMessage] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const prefix = `swap-${props.registration.id}`;
  let form: HTMLFormElement | undefined;

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy()) return;
    setMessage("");
    const found = validatePerson(person(), privacy(), t);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setMessage(t("registration.errors.checkFields"));
      focusFirstError(form);
      return;
    }
    setBusy(true);
    try {
      const swapped = await api.swapRegistration(props.registration.id, { ...person(), privacyAcknowledged: true });
      await props.onDone(swapped.name);
    } catch (err) {
      const { fields, message } = problemToErrors(err, t);
      setErrors(fields);
      setMessage(message || t("registration.errors.checkFields"));
      focusFirstError(form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      ref={(el) => {
        form = el;
        requestAnimationFrame(() => el.querySelector<HTMLElement>("input")?.focus());
      }}
      class="inline-panel form"
      novalidate
      aria-labelledby={`${prefix}-title`}
      onSubmit={submit}
    >
      <div>
        <h3 id={`${prefix}-title`}>{t("registration.swap.title", { name: props.registration.name })}</h3>
        <p class="hint">{t("registration.swap.hint", { name: props.registration.name })}</p>
      </div>
      <PersonInputs
        prefix={prefix}
        values={person()}
        errors={errors()}
        onInput={(key, value) => setPerson({ ...person(), [key]: value })}
      />
      <PrivacyCheck
        id={`${prefix}-privacyAcknowledged`}
        label={t("registration.swap.privacyCheck")}
        checked={privacy()}
        error={errors().privacyAcknowledged}
        onChange={setPrivacy}
      />
      <div class="form-footer">
        <div class="actions">
          <button type="submit" class="button" aria-disabled={busy() ? "true" : undefined}>
            {busy() ? t("registration.form.sending") : t("registration.swap.submit")}
          </button>
          <button type="button" class="button button-secondary" onClick={() => props.onCancel()}>
            {t("registration.cancelAction")}
          </button>
        </div>
        <div role="alert" class="form-status">
          <Show when={message()}>
            <p class="notice notice-error">{message()}</p>
          </Show>
        </div>
      </div>
    </form>
  );
}

function CancelConfirm(props: { registration: Registration; onConfirm: () => Promise<void>; onKeep: () => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal("");
  const id = `cancel-${props.registration.id}`;
  return (
    <div class="inline-panel confirm-panel">
      <p
        id={`${id}-question`}
        tabindex="-1"
        ref={(el) => requestAnimationFrame(() => el.focus())}
        class="confirm-question"
      >
        <strong>{t("registration.cancel.question", { name: props.registration.name })}</strong>
        <br />
        {props.registration.status === "confirmed"
          ? t("registration.cancel.confirmedHint")
          : t("registration.cancel.waitingHint")}
      </p>
      <div class="actions">
        <button
          type="button"
          class="button button-danger"
          aria-disabled={busy() ? "true" : undefined}
          onClick={async () => {
            if (busy()) return;
            setBusy(true);
            setError("");
            try {
              await props.onConfirm();
            } catch (err) {
              setError(err instanceof ApiProblem ? err.message : t("registration.errors.network"));
            } finally {
              setBusy(false);
            }
          }}
        >
          {t("registration.cancel.yes")}
        </button>
        <button type="button" class="button button-secondary" onClick={() => props.onKeep()}>
          {t("registration.cancel.no")}
        </button>
      </div>
      <div role="alert" class="form-status">
        <Show when={error()}>
          <p class="notice notice-error">{error()}</p>
        </Show>
      </div>
    </div>
  );
}

function HistoryList(props: { registrationId: string }) {
  const { t, formatDateTime } = useI18n();
  const reason = useReasons();
  const detail = createAsync(() => getRegistration(props.registrationId));
  const what = (entry: { action: string; reasonParams: Record<string, unknown> | null }) => {
    const place = entry.reasonParams?.place;
    const key = (typeof place === "number" ? `${entry.action}Place` : entry.action) as ActionKey;
    return t(`registration.history.actions.${key}`, { place: String(place ?? "") }) || entry.action;
  };
  return (
    <ErrorBoundary fallback={(error, reset) => <LoadError error={error} reset={reset} />}>
      <Show when={detail()}>
        {(d) => (
          <ol class="history">
            <For each={d().history} fallback={<li class="muted">{t("registration.history.empty")}</li>}>
              {(entry) => (
                <li>
                  <time datetime={entry.at}>{formatDateTime(entry.at)}</time>
                  <span>
                    <strong>{what(entry)}</strong>
                    <Show when={reason(entry.reasonCode)}>
                      <span class="visually-hidden">: </span>
                      <span class="reason">{reason(entry.reasonCode)}</span>
                    </Show>
                  </span>
                </li>
              )}
            </For>
          </ol>
        )}
      </Show>
    </ErrorBoundary>
  );
}

function StatusBadge(props: { registration: Registration }) {
  const { t, formatDateTime } = useI18n();
  return (
    <Switch>
      <Match when={props.registration.status === "confirmed"}>
        <span class="badge badge-positive">{t("registration.status.confirmed")}</span>
      </Match>
      <Match when={props.registration.status === "waitlisted" && props.registration.offeredUntil}>
        <span class="badge badge-offer">{t("registration.status.offered")}</span>
        <span class="reason offer-until">
          {t("registration.status.offeredUntil", { until: formatDateTime(props.registration.offeredUntil!) })}
        </span>
      </Match>
      <Match when={props.registration.status === "waitlisted"}>
        <span class="badge badge-waiting">{t("registration.status.waitlisted")}</span>
      </Match>
      <Match when={props.registration.status === "cancelled"}>
        <span class="badge badge-muted">{t("registration.status.cancelled")}</span>
      </Match>
    </Switch>
  );
}

/** Sessions the delegate is excused from, or was present at; the contact can excuse and withdraw. */
function AbsencePanel(props: {
  registration: Registration;
  sessions: EventDetail["sessions"];
  onChanged: (message: string) => Promise<void>;
}) {
  const { t, formatDateTime } = useI18n();
  const [busy, setBusy] = createSignal("");
  const [error, setError] = createSignal("");
  const kindAt = (sessionId: string) => props.registration.attendance.find((a) => a.sessionId === sessionId)?.kind;
  const toggle = async (session: EventDetail["sessions"][number]) => {
    const excused = kindAt(session.id) === "excused";
    setBusy(session.id);
    setError("");
    try {
      if (excused) await attendanceApi.withdrawExcuse(session.id, props.registration.id);
      else await attendanceApi.excuse(session.id, props.registration.id);
      const vars = { name: props.registration.name, session: session.title || formatDateTime(session.startsAt) };
      await props.onChanged(t(excused ? "attendance.contact.withdrawn" : "attendance.contact.marked", vars));
    } catch (e) {
      setError(e instanceof ApiProblem ? e.message : String(e));
    } finally {
      setBusy("");
    }
  };
  return (
    <div class="absence-panel">
      <h3>{t("attendance.contact.title", { name: props.registration.name })}</h3>
      <p class="hint">{t("attendance.excuses.hint")}</p>
      <div role="alert">
        <Show when={error()}>
          <p class="field-error">{error()}</p>
        </Show>
      </div>
      <ul class="excuse-list">
        <For each={props.sessions}>
          {(s) => (
            <li>
              <span>
                <span class="person-name">{s.title}</span>
                <span class="muted block">{formatDateTime(s.startsAt)}</span>
              </span>
              <Show
                when={kindAt(s.id) !== "present"}
                fallback={<span class="badge badge-positive">{t("attendance.contact.present")}</span>}
              >
                <Show when={kindAt(s.id) === "excused"}>
                  <span class="badge badge-muted">{t("attendance.contact.excused")}</span>
                </Show>
                <button
                  type="button"
                  class="button button-secondary button-small"
                  disabled={busy() === s.id}
                  onClick={() => toggle(s)}
                >
                  {kindAt(s.id) === "excused" ? t("attendance.contact.withdraw") : t("attendance.contact.excuse")}
                  <span class="visually-hidden">
                    : {props.registration.name}, {s.title}
                  </span>
                </button>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}

function RegistrationTable(props: {
  items: Registration[];
  tracks: EventDetail["tracks"];
  sessions: EventDetail["sessions"];
  actionsAllowed: boolean;
  onChanged: (message: string, focusId?: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const reason = useReasons();
  // Kept by id, so that a refreshed list does not close what is open.
  const [panel, setPanel] = createSignal<{ id: string; kind: "swap" | "cancel" | "absence" }>();
  const [historyOpen, setHistoryOpen] = createSignal<string[]>([]);
  const toggleHistory = (id: string) =>
    setHistoryOpen(historyOpen().includes(id) ? historyOpen().filter((x) => x !== id) : [...historyOpen(), id]);
  const trackTitle = (id: string | null) => props.tracks.find((tr) => tr.id === id)?.title ?? "";
  // Live registrations first, in order of request; cancelled ones after them.
  const ordered = createMemo(() => [
    ...props.items.filter((r) => r.status !== "cancelled"),
    ...props.items.filter((r) => r.status === "cancelled"),
  ]);
  const columns = () => (props.tracks.length > 0 ? 5 : 4);
  const closePanel = (id: string, button: "swap" | "cancel") => {
    setPanel();
    requestAnimationFrame(() => document.getElementById(`${button}-button-${id}`)?.focus());
  };

  return (
    <table class="registrations">
      <caption class="visually-hidden">{t("registration.list.caption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("registration.fields.name")}</th>
          <th scope="col">{t("registration.fields.function")}</th>
          <Show when={props.tracks.length > 0}>
            <th scope="col">{t("registration.fields.track")}</th>
          </Show>
          <th scope="col">{t("registration.list.status")}</th>
          <th scope="col">
            <span class="visually-hidden">{t("registration.list.actions")}</span>
          </th>
        </tr>
      </thead>
      <For each={ordered()}>
        {(r) => {
          const live = () => r.status !== "cancelled";
          const open = () => (panel()?.id === r.id ? panel()!.kind : undefined);
          const history = () => historyOpen().includes(r.id);
          return (
            <tbody classList={{ "row-cancelled": !live() }}>
              <tr>
                <th scope="row" data-label={t("registration.fields.name")}>
                  <span class="person-name">{r.name}</span>
                  <span class="muted person-email">{r.email}</span>
                </th>
                <td data-label={t("registration.fields.function")}>
                  {r.function || <span class="muted">–</span>}
                  <Show when={r.accessibilityNeeds}>
                    <span class="muted needs">
                      {t("registration.list.needs")}: {r.accessibilityNeeds}
                    </span>
                  </Show>
                </td>
                <Show when={props.tracks.length > 0}>
                  <td data-label={t("registration.fields.track")}>{trackTitle(r.trackId) || "–"}</td>
                </Show>
                <td data-label={t("registration.list.status")}>
                  <StatusBadge registration={r} />
                  <Show when={reason(r.reasonCode)}>
                    <span class="reason">{reason(r.reasonCode)}</span>
                  </Show>
                </td>
                <td class="row-actions">
                  <div class="row-actions-inner">
                    <Show when={live() && props.actionsAllowed}>
                      <button
                        type="button"
                        id={`swap-button-${r.id}`}
                        aria-label={`${t("registration.actions.swap")}: ${r.name}`}
                        class="button button-secondary button-small"
                        aria-expanded={open() === "swap"}
                        aria-controls={`panel-${r.id}`}
                        onClick={() => setPanel(open() === "swap" ? undefined : { id: r.id, kind: "swap" })}
                      >
                        {t("registration.actions.swap")}
                      </button>
                      <button
                        type="button"
                        id={`cancel-button-${r.id}`}
                        aria-label={`${t("registration.actions.cancel")}: ${r.name}`}
                        class="button button-secondary button-small"
                        aria-expanded={open() === "cancel"}
                        aria-controls={`panel-${r.id}`}
                        onClick={() => setPanel(open() === "cancel" ? undefined : { id: r.id, kind: "cancel" })}
                      >
                        {t("registration.actions.cancel")}
                      </button>
                    </Show>
                    <Show when={r.status === "confirmed" && props.sessions.length > 0}>
                      <button
                        type="button"
                        id={`absence-button-${r.id}`}
                        aria-label={`${t("attendance.contact.toggle")}: ${r.name}`}
                        class="button button-secondary button-small"
                        aria-expanded={open() === "absence"}
                        aria-controls={`panel-${r.id}`}
                        onClick={() => setPanel(open() === "absence" ? undefined : { id: r.id, kind: "absence" })}
                      >
                        {t("attendance.contact.toggle")}
                      </button>
                    </Show>
                    <button
                      type="button"
                      class="button-link"
                      aria-label={`${t("registration.actions.history")}: ${r.name}`}
                      aria-expanded={history()}
                      aria-controls={`history-${r.id}`}
                      onClick={() => toggleHistory(r.id)}
                    >
                      {t("registration.actions.history")}
                    </button>
                  </div>
                </td>
              </tr>
              <tr class="detail-row" hidden={!open() && !history()}>
                <td colspan={columns()}>
                  <div id={`panel-${r.id}`}>
                    <Switch>
                      <Match when={open() === "swap"}>
                        <SwapForm
                          registration={r}
                          onCancel={() => closePanel(r.id, "swap")}
                          onDone={async (name) => {
                            setPanel();
                            await props.onChanged(
                              t("registration.swap.done", { old: r.name, name }),
                              `swap-button-${r.id}`,
                            );
                          }}
                        />
                      </Match>
                      <Match when={open() === "absence"}>
                        <AbsencePanel
                          registration={r}
                          sessions={props.sessions}
                          onChanged={(message) => props.onChanged(message, `absence-button-${r.id}`)}
                        />
                      </Match>
                      <Match when={open() === "cancel"}>
                        <CancelConfirm
                          registration={r}
                          onKeep={() => closePanel(r.id, "cancel")}
                          onConfirm={async () => {
                            await api.cancelRegistration(r.id);
                            setPanel();
                            await props.onChanged(t("registration.cancel.done", { name: r.name }));
                          }}
                        />
                      </Match>
                    </Switch>
                  </div>
                  <div id={`history-${r.id}`} class="history-panel" hidden={!history()}>
                    <Show when={history()}>
                      <h3 class="history-title">{t("registration.history.title", { name: r.name })}</h3>
                      <Suspense fallback={<Loading />}>
                        <HistoryList registrationId={r.id} />
                      </Suspense>
                    </Show>
                  </div>
                </td>
              </tr>
            </tbody>
          );
        }}
      </For>
    </table>
  );
}

function QuotaSummary(props: { invited: InvitedEvent; institutionName: string; forOrganiser: boolean }) {
  const { t } = useI18n();
  const eventState = useEventState();
  const used = () => props.invited.confirmed + props.invited.offered;
  const use = () => quotaUse(props.invited.phase, props.invited.quota, used());
  // Once the quotas no longer apply, a place "still free" in them would promise what is not there.
  const quotaApplies = () => use().key !== "past";
  // One mark per reserved place (and per waiting request beyond it); capped so a large quota stays one line.
  const marks = () => {
    const { quota, confirmed, offered, waiting } = props.invited;
    const list: ("confirmed" | "offered" | "free" | "waiting")[] = [];
    for (let i = 0; i < (quotaApplies() ? Math.max(quota, confirmed + offered) : confirmed + offered); i++)
      list.push(i < confirmed ? "confirmed" : i < confirmed + offered ? "offered" : "free");
    for (let i = 0; i < waiting; i++) list.push("waiting");
    return list.slice(0, 40);
  };
  const sentence = () => {
    const u = use();
    const values = { used: String(used()), quota: String(props.invited.quota) };
    if (u.key === "past") return t("registration.quota.past", values);
    if (u.key === "beyond") return t("registration.quota.beyond", { ...values, over: String(u.over) });
    if (props.forOrganiser) return t("registration.quota.usedOrganiser", values);
    return props.invited.quota === 1 ? t("registration.quota.usedOne", values) : t("registration.quota.used", values);
  };
  return (
    <section class="card quota-card" aria-labelledby="quota-title">
      <h2 id="quota-title">{t("registration.quota.title", { institution: props.institutionName })}</h2>
      <p class="quota-sentence">{sentence()}</p>
      <div class="quota-marks" aria-hidden="true">
        <For each={marks()}>{(kind) => <span class={`mark mark-${kind}`} />}</For>
      </div>
      <dl class="stats quota-stats">
        <div>
          <dt>{t("registration.quota.quota")}</dt>
          <dd>{props.invited.quota}</dd>
        </div>
        <div class="stat-confirmed">
          <dt>{t("registration.quota.confirmed")}</dt>
          <dd>{props.invited.confirmed}</dd>
        </div>
        <Show when={props.invited.offered > 0}>
          <div class="stat-offered">
            <dt>{t("registration.quota.offered")}</dt>
            <dd>{props.invited.offered}</dd>
          </div>
        </Show>
        <div class="stat-waiting">
          <dt>{t("registration.quota.waiting")}</dt>
          <dd>{props.invited.waiting}</dd>
        </div>
        <Show when={quotaApplies()}>
          <div class="stat-free">
            <dt>{t("registration.quota.remaining")}</dt>
            <dd>{props.invited.remaining}</dd>
          </div>
        </Show>
      </dl>
      <p class="hint quota-hint">{eventState.quotaHint(props.invited)}</p>
    </section>
  );
}

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
    await refresh();
    setPageNotice(message);
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
