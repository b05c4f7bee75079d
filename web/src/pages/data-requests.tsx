import { A } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { InlineConfirm } from "../components/inline-confirm";
import { OrganiserGate } from "../components/organiser-gate";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import { ApiProblem, type PersonalData, privacyApi, saveFile, saveJson } from "../lib/api";
import { useNetworkPath } from "../lib/network";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Answers a person's request for access or erasure, found by e-mail address. */
function Requests(props: { networkId: string }) {
  const { t } = useI18n();
  const [email, setEmail] = createSignal("");
  const [error, setError] = createSignal("");
  const [result, setResult] = createSignal<{ email: string; data: PersonalData }>();
  const [confirming, setConfirming] = createSignal(false);
  const [message, setMessage] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  let eraseButton: HTMLButtonElement | undefined;

  const search = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy()) return;
    setMessage("");
    setConfirming(false);
    const value = email().trim();
    if (!EMAIL.test(value)) {
      setError(t("dataProtection.requests.emailInvalid"));
      document.getElementById("request-email")?.focus();
      return;
    }
    setError("");
    setBusy(true);
    try {
      setResult({ email: value, data: await privacyApi.access(props.networkId, value) });
    } catch (err) {
      setError(err instanceof ApiProblem ? err.message : t("app.loadError"));
    } finally {
      setBusy(false);
    }
  };

  const fileName = (address: string) => `auskunft-${address.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}.json`;

  const downloadLetter = async (address: string) => {
    if (busy()) return;
    setBusy(true);
    setMessage("");
    try {
      saveFile(await privacyApi.accessLetter(props.networkId, address));
    } catch (err) {
      setMessage(err instanceof ApiProblem ? err.message : t("app.loadError"));
    } finally {
      setBusy(false);
    }
  };
  const letterButton = (address: string) => (
    <button
      type="button"
      class="button"
      aria-disabled={busy() ? "true" : undefined}
      onClick={() => downloadLetter(address)}
    >
      {t("dataProtection.requests.downloadLetter")}
    </button>
  );

  return (
    <>
      <form class="card form" onSubmit={search} novalidate>
        <div class="field">
          <label for="request-email">{t("dataProtection.requests.email")}</label>
          <input
            id="request-email"
            type="email"
            autocomplete="off"
            value={email()}
            onInput={(e) => setEmail(e.currentTarget.value)}
            aria-invalid={error() ? "true" : undefined}
            aria-describedby={error() ? "request-email-error" : undefined}
          />
          <Show when={error()}>
            <p id="request-email-error" class="field-error">
              {error()}
            </p>
          </Show>
        </div>
        <button type="submit" class="button" aria-disabled={busy() ? "true" : undefined}>
          {t("dataProtection.requests.search")}
        </button>
      </form>
      <div role="status" class="form-status">
        <Show when={message()}>
          <p class="notice">{message()}</p>
        </Show>
      </div>
      <Show when={result()}>
        {(r) => (
          <section class="card" aria-labelledby="request-result">
            <h2 id="request-result">{r().email}</h2>
            <Show
              when={r().data.registrations.length > 0 || r().data.mails.length > 0}
              fallback={
                <>
                  <p>{t("dataProtection.requests.none")}</p>
                  <div class="actions">{letterButton(r().email)}</div>
                </>
              }
            >
              <p>
                {t("dataProtection.requests.found", {
                  n: String(r().data.registrations.length),
                  mails: String(r().data.mails.length),
                })}
              </p>
              <ul class="plain-list">
                <For each={r().data.registrations}>
                  {(reg) => (
                    <li>
                      <strong>{reg.event.title}</strong> · {reg.institution.name} ·{" "}
                      {t(`participation.status.${reg.status}`)}
                    </li>
                  )}
                </For>
              </ul>
              <div class="actions">
                <button type="button" class="button" onClick={() => saveJson(r().data, fileName(r().email))}>
                  {t("dataProtection.requests.download")}
                </button>
                {letterButton(r().email)}
                <Show when={r().data.registrations.length > 0 && !confirming()}>
                  <button
                    type="button"
                    class="button button-danger"
                    ref={eraseButton}
                    onClick={() => setConfirming(true)}
                  >
                    {t("dataProtection.requests.erase")}
                  </button>
                </Show>
              </div>
              <Show when={confirming()}>
                <InlineConfirm
                  id="erase-person"
                  danger
                  question={t("dataProtection.requests.eraseQuestion")}
                  text={t("dataProtection.requests.eraseText")}
                  yes={t("dataProtection.requests.eraseYes")}
                  no={t("dataProtection.requests.keep")}
                  onConfirm={async () => {
                    const { erased } = await privacyApi.erase(props.networkId, r().email);
                    setConfirming(false);
                    setResult();
                    setMessage(t("dataProtection.requests.erased", { n: String(erased.length) }));
                    document.getElementById("request-email")?.focus();
                  }}
                  onKeep={() => {
                    setConfirming(false);
                    eraseButton?.focus();
                  }}
                />
              </Show>
            </Show>
          </section>
        )}
      </Show>
    </>
  );
}

export default function DataRequestsPage() {
  const to = useNetworkPath();
  const { t } = useI18n();
  usePageTitle(() => t("dataProtection.requests.title"));
  return (
    <>
      <p class="back">
        <A href={to("/datenschutz")}>← {t("dataProtection.title")}</A>
      </p>
      <h1>{t("dataProtection.requests.title")}</h1>
      <p class="lead">{t("dataProtection.requests.intro")}</p>
      <OrganiserGate signIn={t("dataProtection.signInFirst")} notAllowed={t("dataProtection.notAllowed")}>
        {(networkId) => <Requests networkId={networkId} />}
      </OrganiserGate>
    </>
  );
}
