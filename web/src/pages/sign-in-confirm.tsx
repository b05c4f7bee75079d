import { A, revalidate, useNavigate } from "@solidjs/router";
import { createSignal, onMount, Show } from "solid-js";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import { ApiProblem, api, getMe } from "../lib/api";

/** The link in the mail lands here; its token sits in the fragment, which never reaches a server log. */
export default function SignInConfirmPage() {
  const { t } = useI18n();
  usePageTitle(() => t("auth.confirmTitle"));
  const navigate = useNavigate();
  const [error, setError] = createSignal<string>();

  onMount(async () => {
    const token = new URLSearchParams(location.hash.slice(1)).get("token") ?? "";
    history.replaceState(null, "", location.pathname);
    try {
      await api.signIn(token);
      await revalidate(getMe.key);
      navigate("/konto", { replace: true });
    } catch (err) {
      setError(err instanceof ApiProblem ? err.message : t("app.loadError"));
    }
  });

  return (
    <section class="narrow">
      <h1>{t("auth.confirmTitle")}</h1>
      <Show when={error()} fallback={<p role="status">{t("auth.confirming")}</p>}>
        <div class="notice notice-error" role="alert">
          <p>{error()}</p>
          <A class="button" href="/anmelden">
            {t("auth.newLink")}
          </A>
        </div>
      </Show>
    </section>
  );
}
