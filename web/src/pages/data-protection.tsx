import { A } from "@solidjs/router";
import { DataProtectionLinks } from "../components/data-protection-links";
import { OrganiserGate } from "../components/organiser-gate";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import { useNetworkSlug } from "../lib/network";

/** The organiser's entry to everything on data protection. */
export default function DataProtectionPage() {
  const { t } = useI18n();
  const networkSlug = useNetworkSlug();
  usePageTitle(() => t("dataProtection.title"));
  return (
    <>
      <p class="back">
        <A href="/konto">← {t("dataProtection.back")}</A>
      </p>
      <h1>{t("dataProtection.title")}</h1>
      <p class="lead">{t("dataProtection.intro")}</p>
      <OrganiserGate signIn={t("dataProtection.signInFirst")} notAllowed={t("dataProtection.notAllowed")}>
        {() => <DataProtectionLinks slug={networkSlug() ?? ""} class="card" />}
      </OrganiserGate>
    </>
  );
}
