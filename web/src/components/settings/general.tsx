import { action, useSubmission } from "@solidjs/router";
import { Show } from "solid-js";
import { useI18n } from "../../i18n";
import { type Network, settingsApi } from "../../lib/api";
import { SubmissionStatus } from "./status";
import "../../i18n/organisers";

const saveGeneral = action(async (networkId: string, form: FormData) => {
  await settingsApi.update(networkId, {
    name: String(form.get("name") ?? ""),
    description: String(form.get("description") ?? ""),
    senderName: String(form.get("senderName") ?? ""),
  });
  return { ok: true as const };
}, "settings-general");

export function GeneralSettings(props: { network: Network }) {
  const { t } = useI18n();
  const submission = useSubmission(saveGeneral);
  return (
    <form class="card form" action={saveGeneral.with(props.network.id)} method="post" aria-labelledby="general-title">
      <h2 id="general-title">{t("settings.general.legend")}</h2>
      <div class="field">
        <label for="network-name">{t("settings.general.name")}</label>
        <input id="network-name" name="name" required maxlength="200" value={props.network.name} />
      </div>
      <div class="field">
        <label for="network-description">{t("settings.general.description")}</label>
        <textarea id="network-description" name="description" rows={3} maxlength="2000">
          {props.network.description}
        </textarea>
      </div>
      <div class="field">
        <label for="network-sender">{t("settings.general.senderName")}</label>
        <p id="network-sender-hint" class="field-hint">
          {t("settings.general.senderHint")}
        </p>
        <input
          id="network-sender"
          name="senderName"
          maxlength="100"
          value={props.network.senderName}
          aria-describedby="network-sender-hint"
        />
      </div>
      <SubmissionStatus submission={submission} done={t("settings.saved")} />
      <button type="submit" class="button" aria-disabled={submission.pending ? "true" : undefined}>
        <Show when={submission.pending} fallback={t("settings.save")}>
          {t("app.loading")}
        </Show>
      </button>
    </form>
  );
}
