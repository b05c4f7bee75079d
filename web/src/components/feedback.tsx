// Building blocks of the feedback pages: the questions as form fields (answer page and the
// builder's preview), a QR code for the last slide, charts with their numbers beside them, and
// the participant page's list of forms to answer.
import { A } from "@solidjs/router";
import { CategoryScale, Chart, LinearScale, LineController, LineElement, PointElement, Tooltip } from "chart.js";
import { createEffect, createMemo, createResource, For, onCleanup, onMount, Show } from "solid-js";
import { useI18n } from "../i18n";
import { type AnswerValue, answerPath, type FeedbackQuestion, feedbackApi } from "../lib/feedback-api";
import { BarChart } from "./bar-chart";
import "./feedback.css";

Chart.register(CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip);

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

/** Bars of a distribution; the canvas is an image with a description, the numbers are in the table beside it. */
export function DistributionChart(props: { labels: string[]; counts: number[]; description: string }) {
  return (
    <BarChart
      description={props.description}
      labels={props.labels}
      series={[{ label: "", data: props.counts, color: "#1d5c96" }]}
      height={224}
    />
  );
}

/** The mean per session as a line from 1 to 5; hidden points are gaps. */
export function TrendChart(props: { labels: string[]; means: (number | null)[]; description: string }) {
  let canvas!: HTMLCanvasElement;
  onMount(() => {
    const chart = new Chart<"line", (number | null)[], string>(canvas, {
      type: "line",
      data: { labels: [], datasets: [] },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        // No animation: the figures are read, not watched (and screenshots show the final state).
        animation: false,
        plugins: { legend: { display: false } },
        scales: { y: { min: 1, max: 5, ticks: { stepSize: 1 }, grid: { color: "#e3e8ee" } } },
      },
    });
    createEffect(() => {
      chart.data.labels = props.labels;
      chart.data.datasets = [
        { data: props.means, borderColor: "#163a5f", backgroundColor: "#163a5f", pointRadius: 5, spanGaps: false },
      ];
      chart.update();
    });
    onCleanup(() => chart.destroy());
  });
  return (
    <div class="feedback-chart feedback-chart-trend">
      <canvas ref={canvas} role="img" aria-label={props.description} />
    </div>
  );
}

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
