import { A, useNavigate, useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import "../components/feedback.css";
import { OrganiserGate } from "../components/organiser-gate";
import { LoadError, Loading } from "../components/status";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import { ApiProblem, getEvent } from "../lib/api";
import { feedbackApi } from "../lib/feedback-api";
import { useNetworkPath } from "../lib/network";

// Relative to the network's pages: `to(formsPath(…))`.
export const formsPath = (eventId: string) => `/veranstaltungen/${encodeURIComponent(eventId)}/rueckmeldungen`;
export const builderPath = (eventId: string, formId: string) => `${formsPath(eventId)}/${encodeURIComponent(formId)}`;
export const resultsPath = (eventId: string, formId: string) => `${builderPath(eventId, formId)}/ergebnisse`;

function Forms(props: { eventId: string }) {
  const to = useNetworkPath();
  const { t, formatDate } = useI18n();
  const navigate = useNavigate();
  // Loaded once the organiser gate has settled (see OrganiserGate), not during the navigation.
  const [event] = createResource(() => getEvent(props.eventId));
  const [forms] = createResource(() => feedbackApi.forms(props.eventId));
  const [target, setTarget] = createSignal("");
  const [template, setTemplate] = createSignal<"standard" | "empty">("standard");
  const [error, setError] = createSignal("");
  const [busy, setBusy] = createSignal(false);

  async function create(e: SubmitEvent) {
    e.preventDefault();
    setBusy(true);
    setError("");
    try {
      // The select shows the first session until another choice is made.
      const chosen = target() || event()?.sessions[0]?.id || "event";
      const form = await feedbackApi.createForm(props.eventId, {
        sessionId: chosen === "event" ? null : chosen,
        template: template(),
      });
      navigate(to(builderPath(props.eventId, form.id)));
    } catch (err) {
      setError(err instanceof ApiProblem ? err.message : String(err));
      setBusy(false);
    }
  }

  return (
    <>
      <Show when={event.error || forms.error}>
        <LoadError error={event.error ?? forms.error} reset={() => location.reload()} />
      </Show>
      <Show
        when={event() && forms()}
        fallback={
          <Show when={!event.error && !forms.error}>
            <Loading />
          </Show>
        }
      >
        <header class="page-head">
          <div>
            <p class="eyebrow">{event()!.title}</p>
            <h1>{t("feedback.forms.title")}</h1>
          </div>
        </header>
        <p class="lead">{t("feedback.forms.intro")}</p>
        <div class="feedback-grid">
          <section class="card" aria-labelledby="forms-list-title">
            <h2 id="forms-list-title">{t("feedback.forms.title")}</h2>
            <Show when={forms()!.items.length > 0} fallback={<p>{t("feedback.forms.none")}</p>}>
              <ul class="feedback-form-list">
                <For each={forms()!.items}>
                  {(f) => (
                    <li id={`form-${f.id}`}>
                      <div>
                        <h3>{f.title}</h3>
                        <p>
                          <span class={`badge ${f.status === "open" ? "badge-positive" : "badge-muted"}`}>
                            {t(`feedback.status.${f.status}`)}
                          </span>{" "}
                          {f.sessionTitle ?? t("feedback.forms.wholeEvent")} ·{" "}
                          {t("feedback.forms.version", { version: String(f.version) })} ·{" "}
                          {t("feedback.forms.responses", { count: String(f.responses) })}
                        </p>
                      </div>
                      <div class="actions">
                        <A class="button button-secondary button-small" href={to(builderPath(props.eventId, f.id))}>
                          {t("feedback.forms.edit")}
                          <span class="visually-hidden">: {f.title}</span>
                        </A>
                        <Show when={f.status !== "draft"}>
                          <A class="button button-small" href={to(resultsPath(props.eventId, f.id))}>
                            {t("feedback.forms.results")}
                            <span class="visually-hidden">: {f.title}</span>
                          </A>
                        </Show>
                      </div>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </section>

          <section class="card" aria-labelledby="forms-create-title">
            <h2 id="forms-create-title">{t("feedback.forms.createTitle")}</h2>
            <form onSubmit={create}>
              <div class="field">
                <label for="form-target">{t("feedback.forms.for")}</label>
                <select id="form-target" value={target()} onChange={(e) => setTarget(e.currentTarget.value)}>
                  <For each={event()!.sessions}>
                    {(s) => (
                      <option value={s.id}>
                        {s.title || formatDate(s.startsAt)} ({formatDate(s.startsAt)})
                      </option>
                    )}
                  </For>
                  <option value="event">{t("feedback.forms.wholeEvent")}</option>
                </select>
              </div>
              <fieldset class="field choice-fieldset">
                <legend>{t("feedback.forms.template")}</legend>
                <label class="choice">
                  <input
                    type="radio"
                    name="template"
                    checked={template() === "standard"}
                    onChange={() => setTemplate("standard")}
                  />
                  <span>{t("feedback.forms.templateStandard")}</span>
                </label>
                <label class="choice">
                  <input
                    type="radio"
                    name="template"
                    checked={template() === "empty"}
                    onChange={() => setTemplate("empty")}
                  />
                  <span>{t("feedback.forms.templateEmpty")}</span>
                </label>
              </fieldset>
              <div role="alert">
                <Show when={error()}>
                  <p class="field-error">{error()}</p>
                </Show>
              </div>
              <button type="submit" class="button" disabled={busy()}>
                {t("feedback.forms.create")}
              </button>
            </form>
          </section>
        </div>
      </Show>
    </>
  );
}

export default function FeedbackFormsPage() {
  const to = useNetworkPath();
  const { t } = useI18n();
  const params = useParams<{ eventId: string }>();
  usePageTitle(() => t("feedback.forms.title"));
  return (
    <>
      <p class="back">
        <A href={to(`/veranstaltungen/${encodeURIComponent(params.eventId)}/platzvergabe`)}>
          ← {t("feedback.forms.back")}
        </A>
      </p>
      <OrganiserGate
        heading={t("feedback.forms.title")}
        signIn={t("feedback.forms.signInFirst")}
        notAllowed={t("feedback.forms.notAllowed")}
      >
        {() => <Forms eventId={params.eventId} />}
      </OrganiserGate>
    </>
  );
}
