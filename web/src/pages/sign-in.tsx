import { A, createAsync, revalidate } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import { ApiProblem, api, getMailbox } from "../lib/api";

export default function SignInPage() {
  const { t, locale } = useI18n();
  usePageTitle(() => t("auth.title"));
  const [email, setEmail] = createSignal("");
  const [sent, setSent] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  // Only answers in local development: then the page points to the dev mailbox.
  const devMailbox = createAsync(() => getMailbox().catch(() => null));

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.requestLink(email(), locale());
      setSent(true);
      void revalidate(getMailbox.key);
    } catch (err) {
      setError(err instanceof ApiProblem ? err.message : t("app.loadError"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="narrow">
      <h1>{t("auth.title")}</h1>
      <p class="lead">{t("auth.intro")}</p>
      <Show
        when={!sent()}
        fallback={
          <div class="notice" role="status">
            <p>
              <strong>{t("auth.sentTitle")}</strong>
            </p>
            <p>{t("auth.sentText", { email: email() })}</p>
            <button type="button" class="button button-secondary" onClick={() => setSent(false)}>
              {t("auth.again")}
            </button>
          </div>
        }
      >
        <form class="card form" onSubmit={submit} novalidate={false}>
          <div class="field">
            <label for="sign-in-email">{t("auth.email")}</label>
            <input
              id="sign-in-email"
              type="email"
              required
              autocomplete="email"
              value={email()}
              onInput={(e) => setEmail(e.currentTarget.value)}
              aria-describedby={error() ? "sign-in-error" : undefined}
            />
          </div>
          <Show when={error()}>
            <p id="sign-in-error" class="field-error" role="alert">
              {error()}
            </p>
          </Show>
          <button type="submit" class="button" disabled={busy()}>
            {t("auth.submit")}
          </button>
        </form>
      </Show>
      <p class="hint">{t("auth.participantHint")}</p>
      <Show when={devMailbox()}>
        <p class="notice">
          {t("auth.devHint")} <A href="/dev/postfach">{t("mailbox.title")}</A>
        </p>
      </Show>
    </section>
  );
}
