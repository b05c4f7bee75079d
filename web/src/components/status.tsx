import { useI18n } from "../i18n";
import { ApiProblem } from "../lib/api";

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="status" role="status">
      {t("app.loading")}
    </p>
  );
}

/** Shown by an ErrorBoundary: the server's own message when there is one. */
export function LoadError(props: { error: unknown; reset: () => void }) {
  const { t } = useI18n();
  return (
    <div class="notice notice-error" role="alert">
      <p>
        <strong>{t("app.loadError")}</strong>
      </p>
      {props.error instanceof ApiProblem && <p>{props.error.message}</p>}
      <button type="button" class="button button-secondary" onClick={() => props.reset()}>
        {t("app.retry")}
      </button>
    </div>
  );
}
