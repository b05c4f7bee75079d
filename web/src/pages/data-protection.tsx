import { A } from "@solidjs/router";
import { OrganiserGate } from "../components/organiser-gate";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";

/** The organiser's entry to everything on data protection. */
export default function DataProtectionPage() {
  const { t } = useI18n();
  usePageTitle(() => t("dataProtection.title"));
  return (
    <>
      <p class="back">
        <A href="/konto">← {t("dataProtection.back")}</A>
      </p>
      <h1>{t("dataProtection.title")}</h1>
      <p class="lead">{t("dataProtection.intro")}</p>
      <OrganiserGate signIn={t("dataProtection.signInFirst")} notAllowed={t("dataProtection.notAllowed")}>
        {() => (
          <ul class="card plain-list">
            <li>
              <A href="/datenschutz/hinweise">{t("dataProtection.links.notice")}</A>
            </li>
            <li>
              <A href="/datenschutz/aufbewahrung">{t("dataProtection.links.retention")}</A>
            </li>
            <li>
              <A href="/datenschutz/auskunft">{t("dataProtection.links.requests")}</A>
            </li>
            <li>
              <A href="/datenschutz/protokoll">{t("dataProtection.links.auditLog")}</A>
            </li>
          </ul>
        )}
      </OrganiserGate>
    </>
  );
}
