// The questions of a feedback form as form fields (answer page and the builder's preview). The
// charts are in feedback-charts.tsx and the participant page's list in feedback-links.tsx, so the
// participants' pages load neither chart.js nor more than they show (`npm run size`).
import { For, Show } from "solid-js";
import { useI18n } from "../i18n";
import type { AnswerValue, FeedbackQuestion } from "../lib/feedback-api";
import "./feedback.css";

export const TEXT_LIMIT = 2000;

/** Whether a question has an answer worth sending (an empty text or list is none). */
export const isAnswered = (value: AnswerValue | undefined) =>
  value !== undefined && (Array.isArray(value) ? value.length > 0 : String(value).trim() !== "");

/**
 * The questions of a form as accessible fields: a fieldset with a legend per choice or scale
 * question, a labelled text area per text question; errors are linked to their field.
 */
export function QuestionFields(props: {
  questions: FeedbackQuestion[];
  values: Record<string, AnswerValue>;
  onChange: (questionId: string, value: AnswerValue | undefined) => void;
  errors?: Record<string, string>;
  disabled?: boolean;
  idPrefix: string;
}) {
  const { t } = useI18n();
  const id = (q: FeedbackQuestion, suffix = "") => `${props.idPrefix}-${q.id}${suffix}`;
  const error = (q: FeedbackQuestion) => props.errors?.[q.id];
  const Marker = (p: { q: FeedbackQuestion }) => (
    <span class={p.q.required ? "required-mark" : "optional"}>
      {p.q.required ? ` (${t("feedback.answer.required")})` : ` (${t("feedback.answer.optional")})`}
    </span>
  );
  const ErrorText = (p: { q: FeedbackQuestion }) => (
    <Show when={error(p.q)}>
      <p class="field-error" id={id(p.q, "-error")}>
        {error(p.q)}
      </p>
    </Show>
  );
  return (
    <ol class="feedback-questions">
      <For each={props.questions}>
        {(q, index) => (
          <li class="feedback-question" id={id(q, "-item")}>
            <Show
              when={q.kind !== "text"}
              fallback={
                <div class="field">
                  <label for={id(q)}>
                    <span class="question-number">{index() + 1}. </span>
                    {q.prompt}
                    <Marker q={q} />
                  </label>
                  <textarea
                    id={id(q)}
                    rows={4}
                    maxlength={TEXT_LIMIT}
                    disabled={props.disabled}
                    aria-invalid={error(q) ? "true" : undefined}
                    aria-describedby={`${id(q, "-hint")}${error(q) ? ` ${id(q, "-error")}` : ""}`}
                    value={(props.values[q.id] as string | undefined) ?? ""}
                    onInput={(e) => props.onChange(q.id, e.currentTarget.value)}
                  />
                  <p class="hint" id={id(q, "-hint")}>
                    {t("feedback.answer.textLimit")}
                  </p>
                  <ErrorText q={q} />
                </div>
              }
            >
              <fieldset
                class="question-fieldset"
                aria-invalid={error(q) ? "true" : undefined}
                aria-describedby={error(q) ? id(q, "-error") : undefined}
              >
                <legend>
                  <span class="question-number">{index() + 1}. </span>
                  {q.prompt}
                  <Marker q={q} />
                </legend>
                <Show when={q.kind === "scale"}>
                  <div class="scale">
                    <For each={[1, 2, 3, 4, 5]}>
                      {(v) => (
                        <label class="scale-option">
                          <input
                            type="radio"
                            name={id(q)}
                            value={v}
                            disabled={props.disabled}
                            checked={props.values[q.id] === v}
                            onChange={() => props.onChange(q.id, v)}
                          />
                          <span>{v}</span>
                        </label>
                      )}
                    </For>
                  </div>
                  <Show when={q.options.length === 2}>
                    <p class="scale-labels hint">
                      <span>{t("feedback.answer.scaleLow", { label: q.options[0] })}</span>
                      <span>{t("feedback.answer.scaleHigh", { label: q.options[1] })}</span>
                    </p>
                  </Show>
                </Show>
                <Show when={q.kind === "single" || q.kind === "multiple"}>
                  <div class="choices">
                    <For each={q.options}>
                      {(option) => {
                        const checked = () =>
                          q.kind === "single"
                            ? props.values[q.id] === option
                            : ((props.values[q.id] as string[] | undefined) ?? []).includes(option);
                        return (
                          <label class="choice">
                            <input
                              type={q.kind === "single" ? "radio" : "checkbox"}
                              name={id(q)}
                              value={option}
                              disabled={props.disabled}
                              checked={checked()}
                              onChange={(e) => {
                                if (q.kind === "single") return props.onChange(q.id, option);
                                const current = (props.values[q.id] as string[] | undefined) ?? [];
                                const next = e.currentTarget.checked
                                  ? [...current, option]
                                  : current.filter((o) => o !== option);
                                // In the order of the options, whatever order they were ticked in.
                                props.onChange(
                                  q.id,
                                  q.options.filter((o) => next.includes(o)),
                                );
                              }}
                            />
                            <span>{option}</span>
                          </label>
                        );
                      }}
                    </For>
                  </div>
                </Show>
                <ErrorText q={q} />
              </fieldset>
            </Show>
          </li>
        )}
      </For>
    </ol>
  );
}
