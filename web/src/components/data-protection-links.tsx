import { A } from "@solidjs/router";
import { useI18n } from "../i18n";

/** The organiser's data-protection pages, listed on /datenschutz and on the account page. */
export function DataProtectionLinks(props: { class?: string }) {
  const { t } = useI18n();
  return (
    <ul class={`plain-list ${props.class ?? ""}`}>
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
  );
}
