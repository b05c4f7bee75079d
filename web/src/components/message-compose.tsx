// The form that writes a message: who it goes to, subject and text with placeholders, then a
// preview as the first recipient sees it, a test mail to oneself, and sending after a confirmation.
import { action, json, useAction, useSubmission, useSubmissions } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { useI18n } from "../i18n";
import { ApiProblem, type EventDetail } from "../lib/api";
import { getMessages, type MessageAudience, type MessageInput, messagesApi } from "../lib/messages-api";
import { InlineConfirm } from "./inline-confirm";

// Each refreshes the history only (a test mail and a preview change nothing, sending adds a row).
const previewMessage = action(
  async (eventId: string, input: MessageInput) =>
    json(await messagesApi.preview(eventId, input), { revalidate: getMessages.keyFor(eventId) }),
  "message-preview",
);
const testMessage = action(
  async (eventId: string, input: MessageInput) =>
    json(await messagesApi.test(eventId, input), { revalidate: getMessages.keyFor(eventId) }),
  "message-test",
);
const sendMessage = action(
  async (eventId: string, input: MessageInput) =>
    json(await messagesApi.send(eventId, input), { revalidate: getMessages.keyFor(eventId) }),
  "message-send",
);

const PLACEHOLDERS = {
  de: ["Name", "Veranstaltung", "Termine", "Ort", "Link"],
  en: ["name", "event", "dates", "venue", "link"],
};
const KNOWN = new Set([...PLACEHOLDERS.de, ...PLACEHOLDERS.en].map((p) => p.toLowerCase()));

/** The placeholders the server will refuse, named the way they were typed. */
const unknownIn = (text: string) => [
  ...new Set(
    [...text.matchAll(/\{([^{}\r\n]*)\}/g)].filter((m) => !KNOWN.has(m[1].trim().toLowerCase())).map((m) => m[0]),
  ),
];

export function MessageCompose(props: {
  event: EventDetail;
  /** Institutions to choose from: all invited (organisers) or one's own (contacts, who must choose one). */
  institutions: { id: string; name: string }[];
  organiser: boolean;
}) {
  const { t, locale } = useI18n();
  const eventId = () => props.event.id;
  const [group, setGroup] = createSignal<"registrants" | "contacts">("registrants");
  const [status, setStatus] = createSignal<"all" | "confirmed" | "waitlisted">("all");
  const [sessionId, setSessionId] = createSignal("");
  const [trackId, setTrackId] = createSignal("");
  const [institutionId, setInstitutionId] = createSignal(props.organiser ? "" : (props.institutions[0]?.id ?? ""));
  const [filter, setFilter] = createSignal<"all" | "unused_quota">("all");
  const [subject, setSubject] = createSignal("");
  const [body, setBody] = createSignal("");
  const [confirming, setConfirming] = createSignal(false);
  // Submitting found nobody to write to: said here, since no request is refused for it.
  const [nobody, setNobody] = createSignal(false);
  let textarea: HTMLTextAreaElement | undefined;

  const audience = (): MessageAudience =>
    group() === "contacts"
      ? { group: "contacts", filter: filter() }
      : {
          group: "registrants",
          status: status(),
          ...(sessionId() ? { sessionId: sessionId() } : {}),
          ...(trackId() ? { trackId: trackId() } : {}),
          ...(institutionId() ? { institutionId: institutionId() } : {}),
        };
  const input = (): MessageInput => ({ audience: audience(), subject: subject(), body: body() });

  const preview = useAction(previewMessage);
  const previewing = useSubmission(previewMessage);
  const previews = useSubmissions(previewMessage);
  const test = useAction(testMessage);
  const testing = useSubmission(testMessage);
  const tests = useSubmissions(testMessage);
  const send = useAction(sendMessage);
  const sending = useSubmission(sendMessage);

  const problemText = (error: unknown) => {
    if (error instanceof ApiProblem && error.code === "message_unknown_placeholder")
      return t("messaging.unknownPlaceholders", { list: unknownIn(`${subject()}\n${body()}`).join(", ") });
    if (error instanceof ApiProblem)
      return [error.detail ?? error.message, ...error.errors.map((e) => e.message)].join(" ");
    return t("app.loadError");
  };

  const insert = (name: string) => {
    const el = textarea;
    if (!el) return;
    el.focus();
    el.setRangeText(`{${name}}`, el.selectionStart, el.selectionEnd, "end");
    setBody(el.value);
  };

  const askToSend = async (e: SubmitEvent) => {
    e.preventDefault();
    setConfirming(false);
    setNobody(false);
    if (sending.error) sending.clear();
    // The count in the question is the audience as it is now.
    const result = await preview(eventId(), input()).catch(() => undefined);
    if (result && result.recipientCount > 0) setConfirming(true);
    else if (result) setNobody(true);
  };

  /** Sent: a new message starts empty (same audience), so a second click cannot send the same one again. */
  const confirmSend = async () => {
    const sent = await send(eventId(), input()).then(
      () => true,
      () => false,
    );
    setConfirming(false);
    if (!sent) return;
    setSubject("");
    setBody("");
    // Every earlier one: clearing only the latest would bring back the one before it.
    for (const submission of [...previews, ...tests]) submission.clear();
  };

  const tracks = () => props.event.tracks.filter((tr) => !sessionId() || !tr.sessionId || tr.sessionId === sessionId());

  return (
    <section class="card message-compose" aria-labelledby="compose-title">
      <h2 id="compose-title">{t("messaging.compose")}</h2>
      <form onSubmit={askToSend}>
        <Show when={props.organiser}>
          <fieldset class="field choice-fieldset">
            <legend>{t("messaging.to")}</legend>
            <label class="choice">
              <input
                type="radio"
                name="group"
                checked={group() === "registrants"}
                onChange={() => setGroup("registrants")}
              />
              <span>{t("messaging.registrants")}</span>
            </label>
            <label class="choice">
              <input type="radio" name="group" checked={group() === "contacts"} onChange={() => setGroup("contacts")} />
              <span>{t("messaging.contacts")}</span>
            </label>
          </fieldset>
        </Show>
        <Show
          when={group() === "registrants"}
          fallback={
            <fieldset class="field choice-fieldset">
              <legend>{t("messaging.contacts")}</legend>
              <label class="choice">
                <input type="radio" name="filter" checked={filter() === "all"} onChange={() => setFilter("all")} />
                <span>{t("messaging.contactsAll")}</span>
              </label>
              <label class="choice">
                <input
                  type="radio"
                  name="filter"
                  checked={filter() === "unused_quota"}
                  onChange={() => setFilter("unused_quota")}
                />
                <span>{t("messaging.contactsUnused")}</span>
              </label>
            </fieldset>
          }
        >
          <fieldset class="field choice-fieldset">
            <legend>{t("messaging.status")}</legend>
            <For each={["all", "confirmed", "waitlisted"] as const}>
              {(value) => (
                <label class="choice">
                  <input type="radio" name="status" checked={status() === value} onChange={() => setStatus(value)} />
                  <span>
                    {t(
                      value === "all"
                        ? "messaging.statusAll"
                        : value === "confirmed"
                          ? "messaging.statusConfirmed"
                          : "messaging.statusWaitlisted",
                    )}
                  </span>
                </label>
              )}
            </For>
          </fieldset>
          <div class="message-filters">
            <Show when={props.event.sessions.length > 1}>
              <div class="field">
                <label for="message-session">{t("messaging.session")}</label>
                <select id="message-session" value={sessionId()} onChange={(e) => setSessionId(e.currentTarget.value)}>
                  <option value="">{t("messaging.any")}</option>
                  <For each={props.event.sessions}>
                    {(s) => <option value={s.id}>{s.title || `${t("messaging.session")} ${s.position}`}</option>}
                  </For>
                </select>
              </div>
            </Show>
            <Show when={props.event.tracks.length > 0}>
              <div class="field">
                <label for="message-track">{t("messaging.track")}</label>
                <select id="message-track" value={trackId()} onChange={(e) => setTrackId(e.currentTarget.value)}>
                  <option value="">{t("messaging.any")}</option>
                  <For each={tracks()}>{(tr) => <option value={tr.id}>{tr.title}</option>}</For>
                </select>
              </div>
            </Show>
            <Show when={props.organiser || props.institutions.length > 1}>
              <div class="field">
                <label for="message-institution">{t("messaging.institution")}</label>
                <select
                  id="message-institution"
                  value={institutionId()}
                  onChange={(e) => setInstitutionId(e.currentTarget.value)}
                >
                  <Show when={props.organiser}>
                    <option value="">{t("messaging.any")}</option>
                  </Show>
                  <For each={props.institutions}>{(i) => <option value={i.id}>{i.name}</option>}</For>
                </select>
              </div>
            </Show>
          </div>
        </Show>

        <div class="field">
          <label for="message-subject">{t("messaging.subject")}</label>
          <input
            id="message-subject"
            required
            maxlength="200"
            value={subject()}
            onInput={(e) => setSubject(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="message-text">{t("messaging.text")}</label>
          <p id="message-greeting-hint" class="field-hint">
            {t("messaging.greetingHint")}
          </p>
          <p id="message-text-hint" class="field-hint">
            {t(props.organiser ? "messaging.placeholderHint" : "messaging.placeholderHintContact")}
          </p>
          <fieldset class="placeholder-buttons">
            <legend class="visually-hidden">{t("messaging.placeholders")}</legend>
            <For each={PLACEHOLDERS[locale()]}>
              {(name) => (
                <button
                  type="button"
                  class="button button-secondary button-small"
                  aria-label={t("messaging.insert", { placeholder: `{${name}}` })}
                  onClick={() => insert(name)}
                >
                  {`{${name}}`}
                </button>
              )}
            </For>
          </fieldset>
          <textarea
            id="message-text"
            ref={textarea}
            required
            rows={10}
            maxlength="20000"
            aria-describedby="message-greeting-hint message-text-hint"
            value={body()}
            onInput={(e) => setBody(e.currentTarget.value)}
          />
        </div>

        <div class="actions">
          <button
            type="button"
            class="button button-secondary"
            aria-disabled={previewing.pending ? "true" : undefined}
            onClick={(e) => {
              const form = e.currentTarget.form;
              if (form && !form.reportValidity()) return;
              setConfirming(false);
              setNobody(false);
              if (sending.error) sending.clear();
              preview(eventId(), input()).catch(() => undefined);
            }}
          >
            {t("messaging.preview")}
          </button>
          <button
            type="button"
            class="button button-secondary"
            aria-disabled={testing.pending ? "true" : undefined}
            onClick={(e) => {
              const form = e.currentTarget.form;
              if (form && !form.reportValidity()) return;
              test(eventId(), input()).catch(() => undefined);
            }}
          >
            {t("messaging.testMail")}
          </button>
          <button type="submit" class="button" aria-disabled={previewing.pending ? "true" : undefined}>
            {t("messaging.send")}
          </button>
        </div>
      </form>

      <div role="status" class="form-status">
        <Show when={previewing.error ?? testing.error ?? sending.error}>
          {(error) => <p class="notice notice-error">{problemText(error())}</p>}
        </Show>
        <Show when={nobody() && !previewing.pending}>
          <p class="notice notice-error">{t("messaging.nobodyToSend")}</p>
        </Show>
        <Show when={!testing.pending && testing.result}>
          {(r) => <p class="notice">{t("messaging.testSent", { to: r().to })}</p>}
        </Show>
        <Show when={!sending.pending && sending.result}>
          {(r) => (
            <p class="notice">
              {r().recipientCount === 1
                ? t("messaging.sentOne")
                : t("messaging.sent", { count: String(r().recipientCount) })}
            </p>
          )}
        </Show>
      </div>

      <Show when={confirming() && previewing.result}>
        {(p) => (
          <InlineConfirm
            id="message-confirm"
            question={
              p().recipientCount === 1
                ? t("messaging.confirmQuestionOne")
                : t("messaging.confirmQuestion", { count: String(p().recipientCount) })
            }
            text={t("messaging.confirmText")}
            yes={t("messaging.confirmYes")}
            no={t("messaging.confirmNo")}
            onConfirm={confirmSend}
            onKeep={() => setConfirming(false)}
          />
        )}
      </Show>

      <Show when={!previewing.pending && previewing.result}>
        {(p) => (
          <section class="message-preview" aria-labelledby="preview-title">
            <h3 id="preview-title">{t("messaging.previewTitle")}</h3>
            <p>
              <strong>{t("messaging.recipients", { count: String(p().recipientCount) })}</strong>
            </p>
            <Show when={p().sample} fallback={<p>{t("messaging.nobody")}</p>}>
              {(s) => (
                <>
                  <p>{t("messaging.previewFor", { to: s().to, language: t(`messaging.languages.${s().locale}`) })}</p>
                  <p class="message-preview-subject">
                    <strong>{t("messaging.subject")}:</strong> {s().subject}
                  </p>
                  <pre class="message-preview-text" lang={s().locale}>
                    {s().text}
                  </pre>
                </>
              )}
            </Show>
          </section>
        )}
      </Show>
    </section>
  );
}
