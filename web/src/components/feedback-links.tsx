// On the participant's page: the feedback forms they may answer.
import { A } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { useI18n } from "../i18n";
import { answerPath, feedbackApi } from "../lib/feedback-api";
import "./feedback.css";

/** On the participant's page: the open forms they may answer, each with a button or a thank-you. */
export function FeedbackLinks(props: { token: string }) {
  const { t } = useI18n();
  const [forms] = createResource(() => feedbackApi.participantForms(props.token).catch(() => ({ items: [] })));
  return (
    <Show when={(forms()?.items.length ?? 0) > 0}>
      <section aria-labelledby="feedback-title" class="card feedback-links">
        <h2 id="feedback-title">{t("feedback.participantTitle")}</h2>
        <p>{t("feedback.participantHint")}</p>
        <ul>
          <For each={forms()?.items}>
            {(f) => (
              <li>
                <span class="feedback-link-title">{f.sessionTitle ?? f.title}</span>
                <Show when={!f.answered} fallback={<span class="badge badge-positive">{t("feedback.given")}</span>}>
                  <A class="button" href={`${answerPath(f.id)}#t=${props.token}`}>
                    {t("feedback.give")}
                  </A>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
