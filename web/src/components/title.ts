import { createEffect } from "solid-js";
import { useI18n } from "../i18n";

/** Each page names itself in the browser tab, as WCAG 2.4.2 asks. */
export function usePageTitle(title: () => string | undefined) {
  const { t } = useI18n();
  createEffect(() => {
    let own: string | undefined;
    try {
      own = title();
    } catch {
      // A failed load is shown by the page's error boundary; the tab keeps the app's name.
    }
    document.title = own ? `${own} – ${t("app.name")}` : t("app.name");
  });
}
