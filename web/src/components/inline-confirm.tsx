import { createSignal, Show } from "solid-js";
import { useI18n } from "../i18n";
import { ApiProblem } from "../lib/api";

/**
 * A confirmation step in place of a dialog: the question takes the focus, says what will happen,
 * and offers yes and no. A failure is shown inside, so the question can be answered again.
 */
export function InlineConfirm(props: {
  id: string;
  question: string;
  text: string;
  yes: string;
  no: string;
  danger?: boolean;
  onConfirm: () => Promise<void>;
  onKeep: () => void;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal("");
  return (
    <div id={props.id} class="inline-panel" classList={{ "confirm-panel": props.danger }}>
      <p
        id={`${props.id}-question`}
        tabindex="-1"
        ref={(el) => requestAnimationFrame(() => el.focus())}
        class="confirm-question"
      >
        <strong>{props.question}</strong>
        <br />
        {props.text}
      </p>
      <div class="actions">
        <button
          type="button"
          class={props.danger ? "button button-danger" : "button"}
          aria-disabled={busy() ? "true" : undefined}
          onClick={async () => {
            if (busy()) return;
            setBusy(true);
            setError("");
            try {
              await props.onConfirm();
            } catch (err) {
              setError(err instanceof ApiProblem ? err.message : t("app.loadError"));
            } finally {
              setBusy(false);
            }
          }}
        >
          {props.yes}
        </button>
        <button type="button" class="button button-secondary" onClick={() => props.onKeep()}>
          {props.no}
        </button>
      </div>
      <div role="alert" class="form-status">
        <Show when={error()}>
          <p class="notice notice-error">{error()}</p>
        </Show>
      </div>
    </div>
  );
}
