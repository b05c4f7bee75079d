// What registering and swapping share: the person's fields, their checks, and server problems
// turned into field errors (the registration page's contact parts, components/registration/).
import { For, Show } from "solid-js";
import { useI18n } from "../../i18n";
import type { Dictionary } from "../../i18n/de";
import { ApiProblem } from "../../lib/api";

type ReasonKey = keyof Dictionary["reasons"];

/** The person fields shared by registering and swapping. */
export type Person = { name: string; email: string; function: string; accessibilityNeeds: string };
export const emptyPerson = (): Person => ({ name: "", email: "", function: "", accessibilityNeeds: "" });
export const personFields = ["name", "email", "function", "accessibilityNeeds"] as const;
// Deliberately loose: the server checks the address; this only catches typing slips before sending.
const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());

/** Plain words for a rule code; empty when the catalogue does not know the code. */
export function useReasons() {
  const { t } = useI18n();
  return (code: string | null | undefined) => {
    if (!code) return "";
    const text = t(`reasons.${code as ReasonKey}`);
    return typeof text === "string" ? text : "";
  };
}

/** Moves focus to the first field marked invalid inside `root`, after the DOM has caught up. */
export function focusFirstError(root: HTMLElement | undefined) {
  requestAnimationFrame(() => root?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}

export type Errors = Record<string, string>;
export type Notice = { kind: "ok" | "error"; text: string };

/** Server problems become field errors where they belong to a field, otherwise one message. */
export function problemToErrors(err: unknown, t: ReturnType<typeof useI18n>["t"]): { fields: Errors; message: string } {
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

export function PersonInputs(props: {
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

export function PrivacyCheck(props: {
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
export function validatePerson(person: Person, privacy: boolean, t: ReturnType<typeof useI18n>["t"]): Errors {
  const errors: Errors = {};
  if (!person.name.trim()) errors.name = t("registration.errors.name");
  if (!looksLikeEmail(person.email)) errors.email = t("registration.errors.email");
  if (!privacy) errors.privacyAcknowledged = t("registration.errors.privacy");
  return errors;
}
