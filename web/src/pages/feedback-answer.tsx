import { useLocation, useParams } from "@solidjs/router";
import { createResource, createSignal, Match, Show, Switch } from "solid-js";
import { isAnswered, QuestionFields } from "../components/feedback";
import { Loading } from "../components/status";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import { ApiProblem } from "../lib/api";
import { type AnswerValue, type Credentials, feedbackApi } from "../lib/feedback-api";

/**
 * The answer page, phone first. Who answers comes from the fragment of the link (`#t=` personal
 * link, `#k=` mailed link; never sent to the server in the URL). Opened from the QR code on a slide,
 * without either, the page asks for the e-mail address and has a link mailed there: a ticket code
 * would not do, as organisers and institution contacts see it.
 */
export default function FeedbackAnswerPage() {
  const { t, locale } = useI18n();
  const params = useParams<{ formId: string }>();
  const location = useLocation();
  const fragment = new URLSearchParams((location.hash || window.location.hash).replace(/^#/, ""));
  const credentials: Credentials = {
    participantToken: fragment.get("t") ?? undefined,
    feedbackToken: fragment.get("k") ?? undefined,
  };
  const byLink = Boolean(credentials.participantToken || credentials.feedbackToken);
  const [form] = createResource(() => feedbackApi.publicForm(params.formId, credentials));
  usePageTitle(() => form()?.title ?? t("feedback.answer.title"));

  // A plain signal, not a store: solid-js/store would be this participant page's only use of it (`npm run size`).
  const [values, setValues] = createSignal<Record<string, AnswerValue>>({});
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [email, setEmail] = createSignal("");
  const [emailError, setEmailError] = createSignal("");
  const [linkSent, setLinkSent] = createSignal(false);
  const [problem, setProblem] = createSignal<{ code: string; message: string }>();
  const [busy, setBusy] = createSignal(false);
  const [done, setDone] = createSignal(false);
  let summary: HTMLDivElement | undefined;
  let thanks: HTMLDivElement | undefined;
  let sent: HTMLDivElement | undefined;

  const change = (questionId: string, value: AnswerValue | undefined) => {
    setValues((current) => ({ ...current, [questionId]: value as AnswerValue }));
    if (errors()[questionId] && isAnswered(value)) {
      const { [questionId]: _, ...rest } = errors();
      setErrors(rest);
    }
  };

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const f = form();
    if (!f || busy()) return;
    const missing: Record<string, string> = {};
    for (const q of f.questions)
      if (q.required && !isAnswered(values()[q.id])) missing[q.id] = t("feedback.answer.requiredMissing");
    setErrors(missing);
    if (Object.keys(missing).length > 0) {
      setProblem({ code: "validation", message: t("feedback.answer.errorsSummary") });
      // The alert announces the summary; the focus goes to the first field to fix.
      const first = CSS.escape(f.questions.find((q) => missing[q.id])?.id ?? "");
      requestAnimationFrame(() => {
        const target = document.querySelector<HTMLElement>(
          `#answer-${first}-item input, #answer-${first}-item textarea`,
        );
        (target ?? summary)?.focus();
      });
      return;
    }
    const answers = Object.fromEntries(Object.entries(values()).filter(([, v]) => isAnswered(v))) as Record<
      string,
      AnswerValue
    >;
    setBusy(true);
    setProblem(undefined);
    try {
      await feedbackApi.answer(f.id, credentials, answers);
      setDone(true);
      requestAnimationFrame(() => thanks?.focus());
    } catch (e) {
      const p = e instanceof ApiProblem ? e : new ApiProblem(0, "unknown", String(e));
      setProblem({ code: p.code, message: p.message });
      requestAnimationFrame(() => summary?.focus());
    } finally {
      setBusy(false);
    }
  }

  async function requestLink(event: SubmitEvent) {
    event.preventDefault();
    const f = form();
    if (!f || busy()) return;
    setEmailError(email().trim() ? "" : t("feedback.answer.emailMissing"));
    if (emailError()) {
      requestAnimationFrame(() => document.getElementById("feedback-email")?.focus());
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      await feedbackApi.requestLink(f.id, email().trim(), locale());
      setLinkSent(true);
      requestAnimationFrame(() => sent?.focus());
    } catch (e) {
      const p = e instanceof ApiProblem ? e : new ApiProblem(0, "unknown", String(e));
      setProblem({ code: p.code, message: p.message });
      requestAnimationFrame(() => summary?.focus());
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="feedback-answer">
      <Show when={form.loading}>
        <h1>{t("feedback.answer.title")}</h1>
        <Loading />
      </Show>
      <Show when={form.error}>
        <h1>{t("feedback.answer.title")}</h1>
        <div class="notice notice-error" role="alert">
          <p>
            {form.error instanceof ApiProblem && form.error.code === "participant_link_invalid"
              ? form.error.message
              : t("feedback.answer.loadError")}
          </p>
        </div>
      </Show>
      <Show when={form()}>
        {(f) => (
          <>
            <header class="feedback-answer-head">
              <p class="eyebrow">{f().eventTitle}</p>
              <h1>{f().sessionTitle ?? f().title}</h1>
            </header>
            <Switch
              fallback={
                <form class="card feedback-answer-form" novalidate onSubmit={submit}>
                  <p class="feedback-anonymous">{t("feedback.answer.anonymous")}</p>
                  <QuestionFields
                    idPrefix="answer"
                    questions={f().questions}
                    values={values()}
                    onChange={change}
                    errors={errors()}
                    disabled={busy()}
                  />
                  <div class="feedback-problem" role="alert" tabindex="-1" ref={summary}>
                    <Show when={problem()}>{(p) => <p class="notice notice-error">{p().message}</p>}</Show>
                  </div>
                  <button type="submit" class="button feedback-submit" disabled={busy()}>
                    {busy() ? t("feedback.answer.sending") : t("feedback.answer.submit")}
                  </button>
                </form>
              }
            >
              <Match when={!byLink && linkSent()}>
                <div class="notice notice-ok feedback-link-sent" role="status" tabindex="-1" ref={sent}>
                  <p>{t("feedback.answer.linkSent")}</p>
                </div>
              </Match>
              <Match when={!byLink && f().status === "open"}>
                <form class="card feedback-answer-form feedback-link-request" novalidate onSubmit={requestLink}>
                  <p>{t("feedback.answer.linkIntro")}</p>
                  <div class="field">
                    <label for="feedback-email">{t("feedback.answer.email")}</label>
                    <input
                      id="feedback-email"
                      name="email"
                      type="email"
                      autocomplete="email"
                      aria-describedby={`feedback-email-hint${emailError() ? " feedback-email-error" : ""}`}
                      aria-invalid={emailError() ? "true" : undefined}
                      value={email()}
                      onInput={(e) => setEmail(e.currentTarget.value)}
                    />
                    <p class="hint" id="feedback-email-hint">
                      {t("feedback.answer.emailHint")}
                    </p>
                    <Show when={emailError()}>
                      <p class="field-error" id="feedback-email-error">
                        {emailError()}
                      </p>
                    </Show>
                  </div>
                  <p class="feedback-anonymous">{t("feedback.answer.anonymous")}</p>
                  <div class="feedback-problem" role="alert" tabindex="-1" ref={summary}>
                    <Show when={problem()}>{(p) => <p class="notice notice-error">{p().message}</p>}</Show>
                  </div>
                  <button type="submit" class="button feedback-submit" disabled={busy()}>
                    {busy() ? t("feedback.answer.requesting") : t("feedback.answer.requestLink")}
                  </button>
                </form>
              </Match>
              <Match when={done()}>
                <div class="notice notice-ok feedback-thanks" role="status" tabindex="-1" ref={thanks}>
                  <p>
                    <strong>{t("feedback.answer.thanks")}</strong>
                  </p>
                  <p>{t("feedback.answer.thanksHint")}</p>
                </div>
              </Match>
              <Match when={f().status === "closed"}>
                <p class="notice">{t("feedback.answer.closed")}</p>
              </Match>
              <Match when={f().you?.answered}>
                <p class="notice notice-ok">{t("feedback.answer.already")}</p>
              </Match>
              <Match when={f().you && !f().you!.attended}>
                <p class="notice notice-error">{t("feedback.answer.notAttended")}</p>
              </Match>
            </Switch>
          </>
        )}
      </Show>
    </div>
  );
}
