// The participant's switch for reminders by e-mail, on their personal page (issue 17).
import { action, useAction, useSubmission } from "@solidjs/router";
import { Show } from "solid-js";
import { eventEnded } from "../../../worker/domain/event-state";
import { useI18n } from "../i18n";
import { api, type Participation } from "../lib/api";

const setReminders = action(
  (token: string, remindersOff: boolean) => api.setParticipationReminders(token, remindersOff),
  "participation-reminders",
);

/** Shown while reminders can still come: a live registration of an event not over. */
export function ReminderSwitch(props: {
  token: string;
  participation: Participation;
  onSaved: (p: Participation) => void;
}) {
  const { t } = useI18n();
  const save = useAction(setReminders);
  const submission = useSubmission(setReminders);
  const toggle = async (on: boolean) => {
    try {
      props.onSaved(await save(props.token, !on));
    } catch {
      // Shown from the submission's error below.
    }
  };
  const off = () => props.participation.registration.remindersOff;
  const shown = () =>
    props.participation.registration.status !== "cancelled" &&
    !eventEnded(props.participation.event.sessions, new Date());
  return (
    <Show when={shown()}>
      <section aria-labelledby="reminders-title" class="card">
        <h2 id="reminders-title">{t("reminders.participant.title")}</h2>
        <p>{t("reminders.participant.text")}</p>
        <div class="field check">
          <input
            id="reminders-switch"
            type="checkbox"
            role="switch"
            checked={!off()}
            aria-checked={off() ? "false" : "true"}
            aria-describedby="reminders-state"
            disabled={submission.pending}
            onChange={(e) => toggle(e.currentTarget.checked)}
          />
          <label for="reminders-switch">{t("reminders.participant.switch")}</label>
        </div>
        <p id="reminders-state" role="status">
          {off() ? t("reminders.participant.off") : t("reminders.participant.on")}
        </p>
        <div role="alert">
          <Show when={submission.error}>
            <p class="field-error">{t("reminders.participant.failed")}</p>
          </Show>
        </div>
      </section>
    </Show>
  );
}
