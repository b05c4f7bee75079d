// The event form's reminder settings (issue 17): participants before each session, contacts of
// institutions with free quota places before the deadline, the organisers' summary after the
// redistribution. On by default; the rules are in worker/domain/reminders.ts.
import { type JSX, Show } from "solid-js";
import {
  MAX_QUOTA_REMINDER_DAYS,
  MAX_QUOTA_REMINDERS,
  MAX_SESSION_REMINDER_DAYS,
} from "../../../worker/domain/reminders";
import { useI18n } from "../i18n";

export type ReminderDraft = { sessionOn: boolean; sessionDays: string; quotaDays: string; summary: boolean };

export type ReminderSettings = {
  sessionReminderDays: number | null;
  quotaReminderDays: number[];
  deadlineSummary: boolean;
};

/** The form's values from a saved event, or the defaults for a new one. */
export function reminderDraftOf(event?: ReminderSettings): ReminderDraft {
  return {
    sessionOn: event ? event.sessionReminderDays !== null : true,
    sessionDays: String(event?.sessionReminderDays ?? 2),
    quotaDays: (event?.quotaReminderDays ?? [7, 1]).join(", "),
    summary: event?.deadlineSummary ?? true,
  };
}

const whole = (value: string) => (/^\d+$/.test(value.trim()) ? Number(value.trim()) : undefined);

/** The API fields from the draft, the errors found (by field id) and the ids of the server's error paths. */
export function buildReminders(d: ReminderDraft, message: (key: "sessionDays" | "quotaDays") => string) {
  const found: Record<string, string> = {};
  const days = whole(d.sessionDays);
  if (d.sessionOn && (days === undefined || days > MAX_SESSION_REMINDER_DAYS))
    found["ev-sessionReminderDays"] = message("sessionDays");
  const parts = d.quotaDays.split(/[,;\s]+/).filter(Boolean);
  const quota = parts.map(whole);
  if (
    quota.some((n) => n === undefined || n < 1 || n > MAX_QUOTA_REMINDER_DAYS) ||
    quota.length > MAX_QUOTA_REMINDERS ||
    new Set(quota).size !== quota.length
  )
    found["ev-quotaReminderDays"] = message("quotaDays");
  const fields: ReminderSettings = {
    sessionReminderDays: d.sessionOn ? (days ?? 2) : null,
    quotaReminderDays: quota.filter((n): n is number => n !== undefined).sort((a, b) => b - a),
    deadlineSummary: d.summary,
  };
  const paths: Record<string, string> = {
    sessionReminderDays: "ev-sessionReminderDays",
    quotaReminderDays: "ev-quotaReminderDays",
    deadlineSummary: "ev-deadlineSummary",
  };
  for (let i = 0; i < MAX_QUOTA_REMINDERS + 1; i++) paths[`quotaReminderDays.${i}`] = "ev-quotaReminderDays";
  return { fields, found, paths };
}

/** The "Erinnerungen" section; `described` and `errorText` are the form's own, so errors look the same everywhere. */
export function EventReminders(props: {
  value: ReminderDraft;
  onChange: (patch: Partial<ReminderDraft>) => void;
  described: (id: string, hint?: boolean) => JSX.HTMLAttributes<HTMLInputElement>;
  errorText: (id: string) => JSX.Element;
}) {
  const { t } = useI18n();
  return (
    <section class="card form-section" aria-labelledby="reminders-title">
      <h2 id="reminders-title">{t("reminders.title")}</h2>
      <p class="hint section-intro">{t("reminders.intro")}</p>
      <fieldset class="choice-group">
        <legend class="visually-hidden">{t("reminders.title")}</legend>
        <div class="field check">
          <input
            id="ev-sessionReminder"
            type="checkbox"
            checked={props.value.sessionOn}
            onChange={(e) => props.onChange({ sessionOn: e.currentTarget.checked })}
          />
          <label for="ev-sessionReminder">{t("reminders.session")}</label>
        </div>
        <Show when={props.value.sessionOn}>
          <div class="field narrow-grid">
            <label for="ev-sessionReminderDays">{t("reminders.sessionDays")}</label>
            <input
              id="ev-sessionReminderDays"
              type="number"
              inputmode="numeric"
              min="0"
              max={MAX_SESSION_REMINDER_DAYS}
              step="1"
              value={props.value.sessionDays}
              onInput={(e) => props.onChange({ sessionDays: e.currentTarget.value })}
              {...props.described("ev-sessionReminderDays", true)}
            />
            {props.errorText("ev-sessionReminderDays")}
            <p id="ev-sessionReminderDays-hint" class="hint field-hint-after">
              {t("reminders.sessionDaysHint")}
            </p>
          </div>
        </Show>
        <div class="field">
          <label for="ev-quotaReminderDays">{t("reminders.quotaDays")}</label>
          <input
            id="ev-quotaReminderDays"
            type="text"
            inputmode="numeric"
            autocomplete="off"
            value={props.value.quotaDays}
            onInput={(e) => props.onChange({ quotaDays: e.currentTarget.value })}
            {...props.described("ev-quotaReminderDays", true)}
          />
          {props.errorText("ev-quotaReminderDays")}
          <p id="ev-quotaReminderDays-hint" class="hint field-hint-after">
            {t("reminders.quotaDaysHint")}
          </p>
        </div>
        <div class="field check">
          <input
            id="ev-deadlineSummary"
            type="checkbox"
            checked={props.value.summary}
            onChange={(e) => props.onChange({ summary: e.currentTarget.checked })}
          />
          <label for="ev-deadlineSummary">{t("reminders.summary")}</label>
        </div>
      </fieldset>
    </section>
  );
}
