import { action, revalidate, useSubmission } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { useI18n } from "../../i18n";
import { getNetwork, type Network, settingsApi } from "../../lib/api";
import { InlineConfirm } from "../inline-confirm";
import { SubmissionStatus } from "./status";
import "../../i18n/organisers";

const addMunicipality = action(async (networkId: string, form: FormData) => {
  await settingsApi.addMunicipality(networkId, String(form.get("name") ?? ""));
  return { ok: true as const };
}, "settings-municipality-add");

const changeMunicipality = action(
  async (networkId: string, municipalityId: string, change: { name?: string; role?: "model" }) => {
    await settingsApi.updateMunicipality(networkId, municipalityId, change);
    return { ok: true as const };
  },
  "settings-municipality-change",
);

export function MunicipalitySettings(props: { network: Network }) {
  const { t } = useI18n();
  const add = useSubmission(addMunicipality);
  const change = useSubmission(changeMunicipality);
  const [renaming, setRenaming] = createSignal<string>();
  const [removing, setRemoving] = createSignal<string>();
  let addForm!: HTMLFormElement;
  return (
    <section class="card form" aria-labelledby="municipalities-title">
      <h2 id="municipalities-title">{t("settings.municipalities.legend")}</h2>
      <p class="field-hint">{t("settings.municipalities.hint")}</p>
      <ul class="settings-list">
        <For each={props.network.municipalities}>
          {(m) => (
            <li>
              <div class="settings-row">
                <span>
                  <strong>{m.name}</strong>{" "}
                  <span class="badge">
                    {m.role === "model" ? t("settings.municipalities.model") : t("settings.municipalities.partner")}
                  </span>
                </span>
                <span class="actions">
                  <Show when={m.role !== "model"}>
                    <button
                      type="button"
                      class="button button-secondary"
                      onClick={() => changeMunicipality(props.network.id, m.id, { role: "model" })}
                    >
                      {t("settings.municipalities.makeModel")}
                    </button>
                  </Show>
                  <button
                    type="button"
                    class="button button-secondary"
                    aria-expanded={renaming() === m.id ? "true" : "false"}
                    onClick={() => setRenaming(renaming() === m.id ? undefined : m.id)}
                  >
                    {t("settings.municipalities.rename")}
                  </button>
                  <button type="button" class="button button-secondary" onClick={() => setRemoving(m.id)}>
                    {t("settings.municipalities.remove")}
                  </button>
                </span>
              </div>
              <Show when={renaming() === m.id}>
                <form
                  class="inline-panel form"
                  onSubmit={async (e) => {
                    e.preventDefault();
                    const name = String(new FormData(e.currentTarget).get("name") ?? "");
                    await changeMunicipality(props.network.id, m.id, { name });
                    if (!change.error) setRenaming(undefined);
                  }}
                >
                  <div class="field">
                    <label for={`rename-${m.id}`}>{t("settings.municipalities.renameLabel", { name: m.name })}</label>
                    <input id={`rename-${m.id}`} name="name" required maxlength="120" value={m.name} />
                  </div>
                  <button type="submit" class="button">
                    {t("settings.save")}
                  </button>
                </form>
              </Show>
              <Show when={removing() === m.id}>
                <InlineConfirm
                  id={`remove-${m.id}`}
                  question={t("settings.municipalities.removeQuestion", { name: m.name })}
                  text={t("settings.municipalities.removeText")}
                  yes={t("settings.municipalities.remove")}
                  no={t("settings.cancel")}
                  danger
                  onConfirm={async () => {
                    await settingsApi.removeMunicipality(props.network.id, m.id);
                    setRemoving(undefined);
                    await revalidate(getNetwork.key);
                  }}
                  onKeep={() => setRemoving(undefined)}
                />
              </Show>
            </li>
          )}
        </For>
      </ul>
      <SubmissionStatus submission={change} done={t("settings.saved")} />
      <form
        ref={addForm}
        class="form-grid"
        action={addMunicipality.with(props.network.id)}
        method="post"
        onSubmit={() => queueMicrotask(() => add.result && addForm.reset())}
      >
        <div class="field">
          <label for="municipality-new">{t("settings.municipalities.newName")}</label>
          <input id="municipality-new" name="name" required maxlength="120" />
        </div>
        <div class="field-action">
          <button type="submit" class="button" aria-disabled={add.pending ? "true" : undefined}>
            {t("settings.municipalities.add")}
          </button>
        </div>
      </form>
      <SubmissionStatus submission={add} done={t("settings.saved")} />
    </section>
  );
}
