import { createSignal, For, Show } from "solid-js";
import { useI18n } from "../i18n";
import { ApiProblem } from "../lib/api";
import { useSectors } from "../lib/sectors";
import "../i18n/organisers";

export type InstitutionValues = {
  name: string;
  sectorKey: string;
  municipalityId: string;
  street: string;
  postalCode: string;
  city: string;
  email: string;
  phone: string;
  website: string;
  reachability: string;
  offers: string;
  targetGroups: string;
};

const profileFields = ["street", "postalCode", "city", "email", "phone", "website"] as const;
const longFields = ["offers", "targetGroups", "reachability"] as const;

/**
 * The institution's editable fields. Organisers also see name, profession and
 * municipality; contacts only the profile. Field errors from the server are shown at their fields.
 */
export function InstitutionForm(props: {
  initial: InstitutionValues;
  organiser: boolean;
  municipalities: { id: string; name: string }[];
  submitLabel: string;
  onSubmit: (values: Partial<InstitutionValues>) => Promise<void>;
}) {
  const { t } = useI18n();
  const sectors = useSectors();
  const [values, setValues] = createSignal({ ...props.initial });
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [message, setMessage] = createSignal<{ kind: "ok" | "error"; text: string }>();
  const [busy, setBusy] = createSignal(false);
  const set = (key: keyof InstitutionValues, value: string) => setValues({ ...values(), [key]: value });

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setMessage();
    const all = values();
    const changed = Object.fromEntries(
      Object.entries(all).filter(
        ([k, v]) =>
          v !== props.initial[k as keyof InstitutionValues] &&
          (props.organiser || !["name", "sectorKey", "municipalityId"].includes(k)),
      ),
    );
    try {
      await props.onSubmit(changed);
      setMessage({ kind: "ok", text: t("edit.saved") });
    } catch (err) {
      if (err instanceof ApiProblem) {
        setErrors(Object.fromEntries(err.errors.map((f) => [f.path, f.message])));
        setMessage({ kind: "error", text: err.message });
      } else setMessage({ kind: "error", text: t("app.loadError") });
    } finally {
      setBusy(false);
    }
  };

  const input = (key: keyof InstitutionValues, type = "text", autocomplete = "off") => (
    <div class="field">
      <label for={`inst-${key}`}>{t(`edit.fields.${key}`)}</label>
      <input
        id={`inst-${key}`}
        type={type}
        value={values()[key]}
        autocomplete={autocomplete}
        onInput={(e) => set(key, e.currentTarget.value)}
        aria-invalid={errors()[key] ? "true" : undefined}
        aria-describedby={errors()[key] ? `inst-${key}-error` : undefined}
      />
      <Show when={errors()[key]}>
        <p id={`inst-${key}-error`} class="field-error">
          {errors()[key]}
        </p>
      </Show>
    </div>
  );

  return (
    <form class="card form" onSubmit={submit}>
      <Show when={props.organiser}>
        <div class="form-grid">
          {input("name")}
          <div class="field">
            <label for="inst-sectorKey">{t("directory.sector")}</label>
            <select
              id="inst-sectorKey"
              value={values().sectorKey}
              onChange={(e) => set("sectorKey", e.currentTarget.value)}
            >
              <For each={sectors.list()}>{(s) => <option value={s.key}>{sectors.name(s.key)}</option>}</For>
            </select>
          </div>
          <div class="field">
            <label for="inst-municipalityId">{t("directory.municipality")}</label>
            <select
              id="inst-municipalityId"
              value={values().municipalityId}
              onChange={(e) => set("municipalityId", e.currentTarget.value)}
            >
              <For each={props.municipalities}>{(m) => <option value={m.id}>{m.name}</option>}</For>
            </select>
          </div>
        </div>
      </Show>
      <div class="form-grid">
        <For each={profileFields}>
          {(key) =>
            input(key, key === "email" ? "email" : key === "website" ? "url" : key === "phone" ? "tel" : "text")
          }
        </For>
      </div>
      <For each={longFields}>
        {(key) => (
          <div class="field">
            <label for={`inst-${key}`}>{t(`edit.fields.${key}`)}</label>
            <textarea
              id={`inst-${key}`}
              rows={key === "offers" ? 5 : 3}
              value={values()[key]}
              onInput={(e) => set(key, e.currentTarget.value)}
              aria-invalid={errors()[key] ? "true" : undefined}
            />
            <Show when={errors()[key]}>
              <p class="field-error">{errors()[key]}</p>
            </Show>
          </div>
        )}
      </For>
      <Show when={message()}>
        {(m) => (
          <p class={m().kind === "ok" ? "notice" : "notice notice-error"} role={m().kind === "ok" ? "status" : "alert"}>
            {m().text}
          </p>
        )}
      </Show>
      <button type="submit" class="button" disabled={busy()}>
        {props.submitLabel}
      </button>
    </form>
  );
}
