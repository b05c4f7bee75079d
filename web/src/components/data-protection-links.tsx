import { A } from "@solidjs/router";
import { useI18n } from "../i18n";
import { networkPath } from "../lib/network";

/** A network's data-protection pages for its organisers, listed on its /datenschutz and on the account page. */
export function DataProtectionLinks(props: { slug: string; class?: string }) {
  const to = (path: string) => networkPath(props.slug, path);
  const { t } = useI18n();
  return (
    <ul class={`plain-list ${props.class ?? ""}`}>
      <li>
        <A href={to("/datenschutz/hinweise")}>{t("dataProtection.links.notice")}</A>
      </li>
      <li>
        <A href={to("/datenschutz/aufbewahrung")}>{t("dataProtection.links.retention")}</A>
      </li>
      <li>
        <A href={to("/datenschutz/auskunft")}>{t("dataProtection.links.requests")}</A>
      </li>
      <li>
        <A href={to("/datenschutz/protokoll")}>{t("dataProtection.links.auditLog")}</A>
      </li>
    </ul>
  );
}
