// The form that registers a delegate of the chosen institution: confirmed within the quota, or on
// the waiting list, as the event's phase says. Loaded with the contact's parts of the page.
import { createSignal, For, Show } from "solid-js";
import { useI18n } from "../../i18n";
import { ApiProblem, api, type EventDetail, type InvitedEvent } from "../../lib/api";
import {
  type Errors,
  emptyPerson,
  focusFirstError,
  type Notice,
  PersonInputs,
  PrivacyCheck,
  problemToErrors,
  validatePerson,
} from "./person";

export function RegistrationForm(props: {
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
