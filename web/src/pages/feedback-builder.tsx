import { A, useNavigate, useParams } from "@solidjs/router";
import { createEffect, createResource, createSignal, For, Index, on, Show } from "solid-js";
import { createStore, produce } from "solid-js/store";
import { QuestionFields } from "../components/feedback";
import { OrganiserGate } from "../components/organiser-gate";
import { QrCode } from "../components/qr-code";
import { LoadError, Loading } from "../components/status";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import { ApiProblem } from "../lib/api";
import {
  type AnswerValue,
  answerPath,
  type FeedbackForm,
  type FeedbackQuestion,
  feedbackApi,
  type QuestionInput,
} from "../lib/feedback-api";
import { useNetworkPath } from "../lib/network";
import { builderPath, formsPath, resultsPath } from "./feedback-forms";

type Kind = FeedbackQuestion["kind"];
const KINDS: Kind[] = ["scale", "single", "multiple", "text"];

/** A question while it is edited: options as the lines of a text area, and a key of its own. */
type Draft = { key: string; id?: string; kind: Kind; prompt: string; optionsText: string; required: boolean };

let nextKey = 0;
const toDraft = (q: FeedbackQuestion): Draft => ({
  key: `q${nextKey++}`,
  id: q.id,
  kind: q.kind,
  prompt: q.prompt,
  optionsText: q.options.join("\n"),
  required: q.required,
});
const optionsOf = (d: Draft) =>
  d.kind === "text"
    ? []
    : d.optionsText
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean);
const toInput = (d: Draft): QuestionInput => ({
  ...(d.id ? { id: d.id } : {}),
  kind: d.kind,
  prompt: d.prompt.trim(),
  options: optionsOf(d),
  required: d.required,
});

function Builder(props: { eventId: string; formId: string }) {
  const to = useNetworkPath();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [form, { mutate }] = createResource(
    () => props.formId,
    (id) => feedbackApi.form(id),
  );
  usePageTitle(() => (form() ? `${t("feedback.builder.title")}: ${form()!.title}` : t("feedback.builder.title")));
  const [drafts, setDrafts] = createStore<Draft[]>([]);
  const [dirty, setDirty] = createSignal(false);
  const [title, setTitle] = createSignal("");
  const [min, setMin] = createSignal("5");
  const [notice, setNotice] = createSignal<{ kind: "ok" | "error"; text: string }>();
  const [fieldErrors, setFieldErrors] = createSignal<{ path: string; message: string }[]>([]);
  const [busy, setBusy] = createSignal(false);
  const [previewValues, setPreviewValues] = createStore<Record<string, AnswerValue>>({});
  let status: HTMLDivElement | undefined;

  const load = (f: FeedbackForm) => {
    setDrafts(f.questions.map(toDraft));
    setTitle(f.title);
    setMin(String(f.minResponses));
    setDirty(false);
  };
  createEffect(on(form, (f) => f && load(f)));

  const say = (kind: "ok" | "error", text: string) => {
    setNotice({ kind, text });
    requestAnimationFrame(() => status?.focus());
  };

  async function run(action: () => Promise<FeedbackForm>, done: (f: FeedbackForm) => string) {
    setBusy(true);
    setFieldErrors([]);
    try {
      const f = await action();
      mutate(f);
      load(f);
      say("ok", done(f));
    } catch (e) {
      if (e instanceof ApiProblem) {
        setFieldErrors(e.errors);
        say("error", e.message);
      } else say("error", String(e));
    } finally {
      setBusy(false);
    }
  }

  const edit = (index: number, patch: Partial<Draft>) => {
    setDrafts(index, patch);
    setDirty(true);
  };
  const move = (index: number, by: -1 | 1, buttonId: string) => {
    const to = index + by;
    if (to < 0 || to >= drafts.length) return;
    setDrafts(
      produce((list) => {
        const [item] = list.splice(index, 1);
        list.splice(to, 0, item);
      }),
    );
    setDirty(true);
    // Focus stays with the question that moved, on the same button where it still applies.
    const key = drafts[to].key;
    requestAnimationFrame(() => {
      const same = document.getElementById(`${key}-${buttonId}`) as HTMLButtonElement | null;
      (same && !same.disabled ? same : document.getElementById(`${key}-prompt`))?.focus();
    });
  };
  const remove = (index: number) => {
    setDrafts(produce((list) => list.splice(index, 1)));
    setDirty(true);
    requestAnimationFrame(() => document.getElementById("add-question")?.focus());
  };
  const add = () => {
    const draft: Draft = { key: `q${nextKey++}`, kind: "scale", prompt: "", optionsText: "", required: false };
    setDrafts(drafts.length, draft);
    setDirty(true);
    requestAnimationFrame(() => document.getElementById(`${draft.key}-prompt`)?.focus());
  };

  const previewQuestions = (): FeedbackQuestion[] =>
    drafts
      .filter((d) => d.prompt.trim())
      .map((d) => ({ id: d.key, kind: d.kind, prompt: d.prompt, options: optionsOf(d), required: d.required }));
  /** The builder's own check before saving, in the interface language (the server checks the same). */
  const check = (d: Draft) => {
    const options = optionsOf(d);
    if (!d.prompt.trim()) return t("feedback.builder.errors.prompt");
    if (new Set(options).size !== options.length) return t("feedback.builder.errors.duplicate");
    if ((d.kind === "single" || d.kind === "multiple") && options.length < 2)
      return t("feedback.builder.errors.choices");
    if (d.kind === "scale" && options.length !== 0 && options.length !== 2) return t("feedback.builder.errors.labels");
    return "";
  };
  const errorFor = (index: number) =>
    fieldErrors()
      .filter((e) => e.path.startsWith(`questions.${index}.`) || e.path === `questions.${index}`)
      .map((e) => e.message)
      .join(" ");

  const answerUrl = () => `${location.origin}${answerPath(props.formId)}`;

  return (
    <>
      <Show when={form.error}>
        <LoadError error={form.error} reset={() => location.reload()} />
      </Show>
      <Show
        when={form()}
        fallback={
          <Show when={!form.error}>
            <Loading />
          </Show>
        }
      >
        {(f) => (
          <>
            <header class="page-head">
              <div>
                <p class="eyebrow">
                  {f().eventTitle} · {t("feedback.builder.title")}
                </p>
                <h1>{f().title}</h1>
                <p>
                  <span class={`badge ${f().status === "open" ? "badge-positive" : "badge-muted"}`}>
                    {t(`feedback.status.${f().status}`)}
                  </span>{" "}
                  {f().sessionTitle ?? t("feedback.forms.wholeEvent")} ·{" "}
                  {t("feedback.forms.version", { version: String(f().version) })} ·{" "}
                  {t("feedback.builder.responses", { count: String(f().responses) })}
                </p>
              </div>
              <div class="actions page-actions">
                <Show when={f().status === "draft"}>
                  <button
                    type="button"
                    class="button"
                    disabled={busy() || dirty()}
                    onClick={() =>
                      run(
                        () => feedbackApi.open(f().id),
                        () => t("feedback.builder.opened"),
                      )
                    }
                  >
                    {t("feedback.builder.open")}
                  </button>
                </Show>
                <Show when={f().status === "open"}>
                  <button
                    type="button"
                    class="button button-secondary"
                    disabled={busy()}
                    onClick={() =>
                      run(
                        () => feedbackApi.close(f().id),
                        () => t("feedback.builder.closed"),
                      )
                    }
                  >
                    {t("feedback.builder.close")}
                  </button>
                </Show>
                <Show when={f().frozen || f().status === "closed"}>
                  <button
                    type="button"
                    class="button button-secondary"
                    disabled={busy()}
                    onClick={async () => {
                      setBusy(true);
                      try {
                        const next = await feedbackApi.newVersion(f().id);
                        navigate(to(builderPath(props.eventId, next.id)));
                      } catch (e) {
                        say("error", e instanceof ApiProblem ? e.message : String(e));
                      } finally {
                        setBusy(false);
                      }
                    }}
                  >
                    {t("feedback.builder.newVersion")}
                  </button>
                </Show>
                <Show when={f().status !== "draft"}>
                  <A class="button button-secondary" href={resultsPath(props.eventId, f().id)}>
                    {t("feedback.builder.results")}
                  </A>
                </Show>
              </div>
            </header>
            <div class="page-status" role="status" tabindex="-1" ref={status}>
              <Show when={notice()}>
                {(n) => <p class={n().kind === "ok" ? "notice notice-ok" : "notice notice-error"}>{n().text}</p>}
              </Show>
            </div>

            <div class="feedback-grid">
              <Show when={f().status === "open"}>
                <section class="card" aria-labelledby="share-title">
                  <h2 id="share-title">{t("feedback.builder.share")}</h2>
                  <div class="feedback-share">
                    <QrCode text={answerUrl()} label={t("feedback.builder.qrLabel")} class="feedback-qr" />
                    <div>
                      <p>{t("feedback.builder.shareHint")}</p>
                      <p>
                        {t("feedback.builder.answerLink")}:{" "}
                        <a class="answer-url" href={answerPath(f().id)}>
                          {answerUrl()}
                        </a>
                      </p>
                    </div>
                  </div>
                </section>
              </Show>

              <section class="card" aria-labelledby="settings-title">
                <h2 id="settings-title">{t("feedback.builder.formTitle")}</h2>
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    const minimum = Number(min());
                    run(
                      () =>
                        feedbackApi.updateForm(f().id, {
                          title: title().trim(),
                          ...(f().frozen || minimum === f().minResponses ? {} : { minResponses: minimum }),
                        }),
                      () => t("feedback.builder.saved"),
                    );
                  }}
                >
                  <div class="field">
                    <label for="form-title">{t("feedback.builder.formTitle")}</label>
                    <input id="form-title" value={title()} onInput={(e) => setTitle(e.currentTarget.value)} />
                  </div>
                  <div class="field">
                    <label for="form-min">{t("feedback.builder.minResponses")}</label>
                    <input
                      id="form-min"
                      type="number"
                      min="3"
                      max="1000"
                      inputmode="numeric"
                      disabled={f().frozen}
                      aria-describedby="form-min-hint"
                      value={min()}
                      onInput={(e) => setMin(e.currentTarget.value)}
                    />
                    <p class="hint" id="form-min-hint">
                      {t("feedback.builder.minHint")}
                    </p>
                  </div>
                  <button type="submit" class="button button-secondary" disabled={busy()}>
                    {t("feedback.builder.saveSettings")}
                  </button>
                </form>
              </section>

              <section class="card" aria-labelledby="questions-title">
                <h2 id="questions-title">{t("feedback.builder.questions")}</h2>
                <Show
                  when={!f().frozen && f().status !== "closed"}
                  fallback={
                    <>
                      <p class="notice">{t("feedback.builder.frozen")}</p>
                      <ol>
                        <For each={f().questions}>
                          {(q) => (
                            <li>
                              {q.prompt} <span class="muted">({t(`feedback.kinds.${q.kind}`)})</span>
                            </li>
                          )}
                        </For>
                      </ol>
                    </>
                  }
                >
                  <form
                    onSubmit={(e) => {
                      e.preventDefault();
                      const problems = drafts.flatMap((d, i) => {
                        const message = check(d);
                        return message ? [{ path: `questions.${i}`, message }] : [];
                      });
                      if (problems.length > 0) {
                        setFieldErrors(problems);
                        say("error", t("feedback.builder.checkFailed"));
                        return;
                      }
                      run(
                        () => feedbackApi.saveQuestions(f().id, drafts.map(toInput)),
                        () => t("feedback.builder.saved"),
                      );
                    }}
                  >
                    <Index each={drafts}>
                      {(d, index) => {
                        const n = () => String(index + 1);
                        const key = () => d().key;
                        return (
                          <fieldset class="builder-question" id={`${key()}-item`}>
                            <legend>{t("feedback.builder.question", { n: n() })}</legend>
                            <div class="builder-row">
                              <div class="field">
                                <label for={`${key()}-kind`}>{t("feedback.builder.kind")}</label>
                                <select
                                  id={`${key()}-kind`}
                                  value={d().kind}
                                  onChange={(e) => edit(index, { kind: e.currentTarget.value as Kind })}
                                >
                                  <For each={KINDS}>{(k) => <option value={k}>{t(`feedback.kinds.${k}`)}</option>}</For>
                                </select>
                              </div>
                              <div class="field">
                                <label for={`${key()}-prompt`}>{t("feedback.builder.prompt")}</label>
                                <textarea
                                  id={`${key()}-prompt`}
                                  rows={2}
                                  value={d().prompt}
                                  aria-invalid={errorFor(index) ? "true" : undefined}
                                  aria-describedby={errorFor(index) ? `${key()}-error` : undefined}
                                  onInput={(e) => edit(index, { prompt: e.currentTarget.value })}
                                />
                              </div>
                            </div>
                            <Show when={d().kind !== "text"}>
                              <div class="field">
                                <label for={`${key()}-options`}>
                                  {d().kind === "scale" ? t("feedback.builder.labels") : t("feedback.builder.options")}
                                </label>
                                <textarea
                                  id={`${key()}-options`}
                                  rows={d().kind === "scale" ? 2 : 4}
                                  value={d().optionsText}
                                  onInput={(e) => edit(index, { optionsText: e.currentTarget.value })}
                                />
                              </div>
                            </Show>
                            <div class="field check">
                              <input
                                id={`${key()}-required`}
                                type="checkbox"
                                checked={d().required}
                                onChange={(e) => edit(index, { required: e.currentTarget.checked })}
                              />
                              <label for={`${key()}-required`}>{t("feedback.builder.required")}</label>
                            </div>
                            <Show when={errorFor(index)}>
                              <p class="field-error" id={`${key()}-error`}>
                                {errorFor(index)}
                              </p>
                            </Show>
                            <div class="builder-tools">
                              <button
                                type="button"
                                id={`${key()}-up`}
                                class="button button-secondary button-small"
                                disabled={index === 0}
                                aria-label={t("feedback.builder.moveUp", { n: n() })}
                                onClick={() => move(index, -1, "up")}
                              >
                                <span aria-hidden="true">↑ </span>
                                {t("feedback.builder.up")}
                              </button>
                              <button
                                type="button"
                                id={`${key()}-down`}
                                class="button button-secondary button-small"
                                disabled={index === drafts.length - 1}
                                aria-label={t("feedback.builder.moveDown", { n: n() })}
                                onClick={() => move(index, 1, "down")}
                              >
                                <span aria-hidden="true">↓ </span>
                                {t("feedback.builder.down")}
                              </button>
                              <button
                                type="button"
                                class="button button-secondary button-small"
                                aria-label={t("feedback.builder.removeQuestion", { n: n() })}
                                onClick={() => remove(index)}
                              >
                                {t("feedback.builder.remove")}
                              </button>
                            </div>
                          </fieldset>
                        );
                      }}
                    </Index>
                    <div class="actions">
                      <button type="button" id="add-question" class="button button-secondary" onClick={add}>
                        {t("feedback.builder.add")}
                      </button>
                      <button type="submit" class="button" disabled={busy()}>
                        {t("feedback.builder.save")}
                      </button>
                    </div>
                    <Show when={dirty()}>
                      <p class="hint">{t("feedback.builder.unsaved")}</p>
                    </Show>
                  </form>
                </Show>
              </section>

              <section class="card feedback-preview" aria-labelledby="preview-title">
                <h2 id="preview-title">{t("feedback.builder.preview")}</h2>
                <p class="hint">{t("feedback.builder.previewHint")}</p>
                <div class="feedback-answer">
                  <QuestionFields
                    idPrefix="preview"
                    questions={previewQuestions()}
                    values={previewValues}
                    onChange={(id, value) => setPreviewValues(id, value as AnswerValue)}
                  />
                </div>
              </section>
            </div>
          </>
        )}
      </Show>
    </>
  );
}

export default function FeedbackBuilderPage() {
  const to = useNetworkPath();
  const { t } = useI18n();
  const params = useParams<{ eventId: string; formId: string }>();
  return (
    <>
      <p class="back">
        <A href={to(formsPath(params.eventId))}>← {t("feedback.builder.back")}</A>
      </p>
      <OrganiserGate
        heading={t("feedback.builder.title")}
        signIn={t("feedback.forms.signInFirst")}
        notAllowed={t("feedback.forms.notAllowed")}
      >
        {() => <Builder eventId={params.eventId} formId={params.formId} />}
      </OrganiserGate>
    </>
  );
}
