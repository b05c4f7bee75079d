import { A, revalidate } from "@solidjs/router";
import { createResource, createSignal, Show } from "solid-js";
import { OrganiserGate } from "../components/organiser-gate";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import { ApiProblem, getNetwork, privacyApi } from "../lib/api";
import { useNetworkPath, useNetworkSlug } from "../lib/network";

// The notice is legal text for German public bodies, so the template is German in both interface languages.
export const PRIVACY_TEMPLATE = `Datenschutzhinweise nach Art. 13 DSGVO

Verantwortliche Stelle: [Name der Behörde, Organisationseinheit, Anschrift, E-Mail-Adresse, Telefon]

Behördliche_r Datenschutzbeauftragte_r: [Name oder Funktion, Anschrift, E-Mail-Adresse]

Zweck: Wir verarbeiten Ihren Namen, Ihre dienstliche E-Mail-Adresse, Ihre Einrichtung und Funktion, Ihre Angaben zur Barrierefreiheit und Ihre Anwesenheit, um Ihre Teilnahme an Veranstaltungen des Netzwerks zu organisieren, Plätze zu vergeben und Teilnahmebescheinigungen auszustellen.

Rechtsgrundlage: Art. 6 Abs. 1 lit. e DSGVO i. V. m. [§ 3 KKG / Landesrecht]. Die Rechtsgrundlage jeder Veranstaltung wird bei der Anmeldung genannt.

Empfänger: Ihre Daten verarbeitet nur die Netzwerkkoordination; sie werden nicht an Dritte weitergegeben. Die Anwendung und ihre Datenbank werden in der Europäischen Union betrieben [Auftragsverarbeiter nach Art. 28 DSGVO: …].

Speicherdauer: Personenbezogene Daten werden [12] Monate nach dem letzten Termin einer Veranstaltung gelöscht; die Zahl der Teilnehmenden je Einrichtung bleibt ohne Personenbezug erhalten. Rückmeldungen zu Veranstaltungen erfolgen anonym.

Ihre Rechte: Sie haben das Recht auf Auskunft (Art. 15), Berichtigung (Art. 16), Löschung (Art. 17), Einschränkung der Verarbeitung (Art. 18) und Widerspruch (Art. 21 DSGVO). Über den persönlichen Link in Ihrer Bestätigungs-E-Mail können Sie Ihre Daten selbst herunterladen und Ihre Anmeldung mit Löschung Ihrer Daten zurückziehen. Sie können sich bei der Aufsichtsbehörde beschweren: [Landesbeauftragte_r für den Datenschutz und die Informationsfreiheit, Anschrift].`;

function NoticeEditor(props: { networkId: string }) {
  const networkSlug = useNetworkSlug();
  const { t } = useI18n();
  const [network] = createResource(() => getNetwork(networkSlug() ?? ""));
  const [text, setText] = createSignal<string>();
  const [months, setMonths] = createSignal<string>();
  const [errors, setErrors] = createSignal<{ notice?: string; months?: string }>({});
  const [message, setMessage] = createSignal<{ ok: boolean; text: string }>();
  const [busy, setBusy] = createSignal(false);
  const notice = () => text() ?? network()?.privacyNotice ?? "";
  const period = () => months() ?? String(network()?.retentionMonths ?? 12);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy()) return;
    const n = Number(period());
    const found = {
      notice: notice().trim() ? undefined : t("dataProtection.notice.errors.notice"),
      months:
        /^\d+$/.test(period().trim()) && n >= 1 && n <= 120 ? undefined : t("dataProtection.notice.errors.months"),
    };
    setErrors(found);
    setMessage();
    if (found.notice || found.months) {
      document.getElementById(found.notice ? "privacy-notice-text" : "privacy-retention")?.focus();
      return;
    }
    setBusy(true);
    try {
      await privacyApi.saveSettings(props.networkId, { privacyNotice: notice(), retentionMonths: n });
      await revalidate(getNetwork.key);
      setMessage({ ok: true, text: t("dataProtection.notice.saved") });
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiProblem ? err.message : t("app.loadError") });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Show when={network()}>
      <form class="card form" onSubmit={submit} novalidate>
        <div class="field">
          <label for="privacy-notice-text">{t("dataProtection.notice.label")}</label>
          <p id="privacy-notice-hint" class="field-hint">
            {t("dataProtection.notice.hint")}
          </p>
          <textarea
            id="privacy-notice-text"
            rows={16}
            value={notice()}
            onInput={(e) => setText(e.currentTarget.value)}
            aria-invalid={errors().notice ? "true" : undefined}
            aria-describedby={errors().notice ? "privacy-notice-hint privacy-notice-error" : "privacy-notice-hint"}
          />
          <Show when={errors().notice}>
            <p id="privacy-notice-error" class="field-error">
              {errors().notice}
            </p>
          </Show>
        </div>
        <div class="actions">
          <button
            type="button"
            class="button button-secondary"
            aria-describedby="privacy-template-hint"
            onClick={() => {
              setText(PRIVACY_TEMPLATE);
              document.getElementById("privacy-notice-text")?.focus();
            }}
          >
            {t("dataProtection.notice.template")}
          </button>
          <span id="privacy-template-hint" class="hint">
            {t("dataProtection.notice.templateHint")}
          </span>
        </div>
        <div class="field field-narrow">
          <label for="privacy-retention">{t("dataProtection.notice.retentionLabel")}</label>
          <p id="privacy-retention-hint" class="field-hint">
            {t("dataProtection.notice.retentionHint")}
          </p>
          <input
            id="privacy-retention"
            type="number"
            inputmode="numeric"
            min="1"
            max="120"
            value={period()}
            onInput={(e) => setMonths(e.currentTarget.value)}
            aria-invalid={errors().months ? "true" : undefined}
            aria-describedby={
              errors().months ? "privacy-retention-hint privacy-retention-error" : "privacy-retention-hint"
            }
          />
          <Show when={errors().months}>
            <p id="privacy-retention-error" class="field-error">
              {errors().months}
            </p>
          </Show>
        </div>
        <div role="status" class="form-status">
          <Show when={message()}>{(m) => <p class={m().ok ? "notice" : "notice notice-error"}>{m().text}</p>}</Show>
        </div>
        <button type="submit" class="button" aria-disabled={busy() ? "true" : undefined}>
          {t("dataProtection.notice.save")}
        </button>
      </form>
      <details class="privacy-notice">
        <summary>{t("dataProtection.notice.preview")}</summary>
        <p>{notice()}</p>
      </details>
    </Show>
  );
}

export default function PrivacyNoticePage() {
  const to = useNetworkPath();
  const { t } = useI18n();
  usePageTitle(() => t("dataProtection.notice.title"));
  return (
    <>
      <p class="back">
        <A href={to("/datenschutz")}>← {t("dataProtection.title")}</A>
      </p>
      <h1>{t("dataProtection.notice.title")}</h1>
      <p class="lead">{t("dataProtection.notice.intro")}</p>
      <OrganiserGate signIn={t("dataProtection.signInFirst")} notAllowed={t("dataProtection.notAllowed")}>
        {(networkId) => <NoticeEditor networkId={networkId} />}
      </OrganiserGate>
    </>
  );
}
