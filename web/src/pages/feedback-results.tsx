import { A, useParams } from "@solidjs/router";
import { createResource, For, Match, Show, Switch } from "solid-js";
import { DistributionChart, TrendChart } from "../components/feedback-charts";
import { OrganiserGate } from "../components/organiser-gate";
import { LoadError, Loading } from "../components/status";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import { type FeedbackResults, feedbackApi, resultsCsvUrl } from "../lib/feedback-api";
import { useNetworkPath } from "../lib/network";
import { builderPath } from "./feedback-forms";

type QuestionResult = FeedbackResults["questions"][number];

function Results(props: { eventId: string; formId: string }) {
  const { t, locale, formatDate } = useI18n();
  const [results] = createResource(
    () => props.formId,
    (id) => feedbackApi.results(id),
  );
  usePageTitle(() => (results() ? `${t("feedback.results.title")}: ${results()!.title}` : t("feedback.results.title")));
  const number = (x: number | null | undefined) =>
    x === null || x === undefined ? "–" : new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(x);
  const percent = (part: number, whole: number) =>
    whole > 0
      ? new Intl.NumberFormat(locale(), { style: "percent", maximumFractionDigits: 0 }).format(part / whole)
      : "–";

  const Distribution = (p: { q: QuestionResult; index: number }) => {
    const rows = () => p.q.distribution ?? [];
    const labelOf = (value: string) => {
      if (p.q.kind !== "scale" || !p.q.labels || p.q.labels.length !== 2) return value;
      return value === "1" ? `1 (${p.q.labels[0]})` : value === "5" ? `5 (${p.q.labels[1]})` : value;
    };
    return (
      <div class="feedback-result has-chart">
        <DistributionChart
          labels={rows().map((r) => r.value)}
          counts={rows().map((r) => r.count)}
          description={t(p.q.kind === "scale" ? "feedback.results.chartScale" : "feedback.results.chartChoice", {
            prompt: p.q.prompt,
          })}
        />
        <div>
          <Show when={p.q.kind === "scale"}>
            <dl class="result-figures">
              <div>
                <dt>{t("feedback.results.mean")}</dt>
                <dd>{number(p.q.mean)}</dd>
              </div>
              <div>
                <dt>{t("feedback.results.median")}</dt>
                <dd>{number(p.q.median)}</dd>
              </div>
            </dl>
          </Show>
          <table class="result-table">
            <caption class="visually-hidden">{p.q.prompt}</caption>
            <thead>
              <tr>
                <th scope="col">{t("feedback.results.value")}</th>
                <th scope="col" class="num">
                  {t("feedback.results.count")}
                </th>
                <th scope="col" class="num">
                  {t("feedback.results.share")}
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={rows()}>
                {(r) => (
                  <tr>
                    <th scope="row">{labelOf(r.value)}</th>
                    <td class="num">{r.count}</td>
                    <td class="num">{percent(r.count, p.q.answered)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </div>
    );
  };

  return (
    <>
      <Show when={results.error}>
        <LoadError error={results.error} reset={() => location.reload()} />
      </Show>
      <Show
        when={results()}
        fallback={
          <Show when={!results.error}>
            <Loading />
          </Show>
        }
      >
        {(r) => (
          <>
            <header class="page-head">
              <div>
                <p class="eyebrow">
                  {r().eventTitle} · {t("feedback.results.title")}
                </p>
                <h1>{r().title}</h1>
                <p class="result-count">
                  <strong>{t("feedback.results.responses", { count: String(r().responses) })}</strong> ·{" "}
                  {t(`feedback.status.${r().status}`)}
                </p>
              </div>
              <Show when={!r().hidden}>
                <div class="actions page-actions">
                  <a
                    class="button button-secondary"
                    href={`${resultsCsvUrl(r().formId)}${locale() === "en" ? "?lang=en" : ""}`}
                    download=""
                  >
                    {t("feedback.results.csv")}
                  </a>
                </div>
              </Show>
            </header>
            <p class="hint">{t("feedback.results.privacy")}</p>
            <Show when={r().hidden}>
              <p class="notice results-hidden" role="status">
                {t("feedback.results.hidden", { count: String(r().responses), min: String(r().minResponses) })}
              </p>
            </Show>
            <div class="feedback-grid">
              <For each={r().questions}>
                {(q, index) => (
                  <section class="card result-question" aria-labelledby={`result-${index()}`}>
                    <h2 id={`result-${index()}`}>
                      {index() + 1}. {q.prompt}
                    </h2>
                    <p class="hint">{t("feedback.results.answered", { count: String(q.answered) })}</p>
                    <Switch>
                      <Match when={q.kind === "text"}>
                        <Show when={(q.texts ?? []).length > 0} fallback={<p>{t("feedback.results.noTexts")}</p>}>
                          <h3 class="visually-hidden">{t("feedback.results.texts")}</h3>
                          <ul class="free-texts">
                            <For each={q.texts}>{(text) => <li>{text}</li>}</For>
                          </ul>
                        </Show>
                      </Match>
                      <Match when={q.kind !== "text"}>
                        <Distribution q={q} index={index()} />
                      </Match>
                    </Switch>
                  </section>
                )}
              </For>
              <Show when={r().trend.length > 0}>
                <section class="card" aria-labelledby="trend-title">
                  <h2 id="trend-title">{t("feedback.results.trend")}</h2>
                  <p class="hint">{t("feedback.results.trendHint")}</p>
                  <For each={r().trend}>
                    {(trend, index) => (
                      <div class="feedback-result has-chart trend-item">
                        <div>
                          <h3 id={`trend-${index()}`}>{trend.prompt}</h3>
                          <TrendChart
                            labels={trend.points.map((p) => `${p.position}. ${formatDate(p.startsAt)}`)}
                            means={trend.points.map((p) => p.mean)}
                            description={`${trend.prompt}: ${t("feedback.results.trendChart")}`}
                          />
                        </div>
                        <table class="result-table" aria-labelledby={`trend-${index()}`}>
                          <thead>
                            <tr>
                              <th scope="col">{t("feedback.results.session")}</th>
                              <th scope="col" class="num">
                                {t("feedback.results.mean")}
                              </th>
                              <th scope="col" class="num">
                                {t("feedback.results.count")}
                              </th>
                            </tr>
                          </thead>
                          <tbody>
                            <For each={trend.points}>
                              {(p) => (
                                <tr>
                                  <th scope="row">
                                    {p.title || `${p.position}.`} ({formatDate(p.startsAt)})
                                  </th>
                                  <td class="num">{p.hidden ? t("feedback.results.hiddenPoint") : number(p.mean)}</td>
                                  <td class="num">{p.answered}</td>
                                </tr>
                              )}
                            </For>
                          </tbody>
                        </table>
                      </div>
                    )}
                  </For>
                </section>
              </Show>
            </div>
          </>
        )}
      </Show>
    </>
  );
}

export default function FeedbackResultsPage() {
  const to = useNetworkPath();
  const { t } = useI18n();
  const params = useParams<{ eventId: string; formId: string }>();
  return (
    <>
      <p class="back">
        <A href={to(builderPath(params.eventId, params.formId))}>← {t("feedback.results.back")}</A>
      </p>
      <OrganiserGate
        heading={t("feedback.results.title")}
        signIn={t("feedback.forms.signInFirst")}
        notAllowed={t("feedback.forms.notAllowed")}
      >
        {() => <Results eventId={params.eventId} formId={params.formId} />}
      </OrganiserGate>
    </>
  );
}
