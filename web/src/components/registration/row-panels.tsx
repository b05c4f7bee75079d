// What opens under a row of the registration table: swapping the delegate, cancelling, excusing
// from sessions, and the registration's history.
import { createAsync } from "@solidjs/router";
import { createSignal, ErrorBoundary, For, Show } from "solid-js";
import { useI18n } from "../../i18n";
import type { Dictionary } from "../../i18n/de";
import { ApiProblem, api, attendanceApi, type EventDetail, getRegistration, type Registration } from "../../lib/api";
import { LoadError } from "../status";
import {
  type Errors,
  emptyPerson,
  focusFirstError,
  PersonInputs,
  PrivacyCheck,
  problemToErrors,
  useReasons,
  validatePerson,
} from "./person";

type ActionKey = keyof Dictionary["registration"]["history"]["actions"];

export function SwapForm(props: {
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

export function CancelConfirm(props: {
  registration: Registration;
  onConfirm: () => Promise<void>;
  onKeep: () => void;
}) {
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

export function HistoryList(props: { registrationId: string }) {
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

/** Sessions the delegate is excused from, or was present at; the contact can excuse and withdraw. */
export function AbsencePanel(props: {
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
