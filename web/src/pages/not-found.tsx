import { A } from "@solidjs/router";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";

export default function NotFoundPage() {
  const { t } = useI18n();
  usePageTitle(() => t("notFound.title"));
  return (
    <section class="not-found">
      <h1>{t("notFound.title")}</h1>
      <p>{t("notFound.text")}</p>
      <p>
        <A class="button" href="/">
          {t("notFound.home")}
        </A>
      </p>
    </section>
  );
}
