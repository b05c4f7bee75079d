import { Show } from "solid-js";
import { ApiProblem } from "../../lib/api";

/** The outcome of the last submission of a form, announced politely: what went wrong, or that it worked. */
export function SubmissionStatus(props: {
  submission: { pending?: boolean; result?: unknown; error?: unknown };
  done: string;
}) {
  const message = () => {
    const error = props.submission.error;
    if (error) {
      if (error instanceof ApiProblem)
        return { ok: false, text: [error.message, ...error.errors.map((e) => e.message)].join(" ") };
      return { ok: false, text: String((error as Error)?.message ?? error) };
    }
    if (props.submission.result && !props.submission.pending) return { ok: true, text: props.done };
    return undefined;
  };
  return (
    <div role="status" class="form-status">
      <Show when={message()}>{(m) => <p class={m().ok ? "notice" : "notice notice-error"}>{m().text}</p>}</Show>
    </div>
  );
}
