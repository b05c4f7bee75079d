import { action, useSubmission } from "@solidjs/router";
import { Show } from "solid-js";
import { useI18n } from "../../i18n";
import { ApiProblem, type Network, settingsApi } from "../../lib/api";
import { SubmissionStatus } from "./status";
import "../../i18n/organisers";

const MAX_BYTES = 256 * 1024;

const uploadLogo = action(async (networkId: string, form: FormData) => {
  const file = form.get("logo");
  if (!(file instanceof File) || file.size === 0) throw new ApiProblem(400, "no_file", "");
  if (file.size > MAX_BYTES) throw new ApiProblem(413, "logo_too_large", "");
  await settingsApi.uploadLogo(networkId, file);
  return { done: "uploaded" as const };
}, "settings-logo-upload");

const removeLogo = action(async (networkId: string) => {
  await settingsApi.removeLogo(networkId);
  return { done: "removed" as const };
}, "settings-logo-remove");

export function LogoSettings(props: { network: Network }) {
  const { t } = useI18n();
  const upload = useSubmission(uploadLogo);
  const remove = useSubmission(removeLogo);
  // Checks made here before sending get their own words; the server's answer otherwise.
  const uploadState = () => {
    const error = upload.error;
    if (error instanceof ApiProblem && error.code === "no_file")
      return { error: new ApiProblem(400, "no_file", t("settings.logo.choose")) };
    if (error instanceof ApiProblem && error.code === "logo_too_large" && !error.message)
      return { error: new ApiProblem(413, "logo_too_large", t("settings.logo.tooLarge")) };
    return upload;
  };
  return (
    <section class="card form" aria-labelledby="logo-title">
      <h2 id="logo-title">{t("settings.logo.legend")}</h2>
      <p id="logo-hint" class="field-hint">
        {t("settings.logo.hint")}
      </p>
      <Show when={props.network.logo} fallback={<p>{t("settings.logo.none")}</p>}>
        {(logo) => (
          <figure class="logo-preview">
            <img src={logo().url} alt={t("settings.logo.current", { network: props.network.name })} />
          </figure>
        )}
      </Show>
      <form class="form" action={uploadLogo.with(props.network.id)} method="post" enctype="multipart/form-data">
        <div class="field">
          <label for="logo-file">{t("settings.logo.file")}</label>
          <input
            id="logo-file"
            name="logo"
            type="file"
            accept="image/png,image/svg+xml,.png,.svg"
            aria-describedby="logo-hint"
          />
        </div>
        <SubmissionStatus submission={uploadState()} done={t("settings.logo.uploaded")} />
        <button type="submit" class="button" aria-disabled={upload.pending ? "true" : undefined}>
          {t("settings.logo.upload")}
        </button>
      </form>
      <SubmissionStatus submission={remove} done={t("settings.logo.removed")} />
      <Show when={props.network.logo}>
        <form action={removeLogo.with(props.network.id)} method="post">
          <button type="submit" class="button button-secondary" aria-disabled={remove.pending ? "true" : undefined}>
            {t("settings.logo.remove")}
          </button>
        </form>
      </Show>
    </section>
  );
}
