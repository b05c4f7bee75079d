import { createAsync, revalidate } from "@solidjs/router";
import { ErrorBoundary, For, Show } from "solid-js";
import { LoadError } from "../components/status";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import { getMailbox } from "../lib/api";

/** Splits plain text into text and links, so links in mails can be followed here. */
const withLinks = (text: string) =>
  text.split(/(https?:\/\/[^\s<>"]+)/g).map((part, i) => (i % 2 === 1 ? <a href={part}>{part}</a> : part));

/** Local development only: the mails the app would have sent. */
export default function MailboxPage() {
  const { t, formatDateTime } = useI18n();
  usePageTitle(() => t("mailbox.title"));
  const mails = createAsync(() => getMailbox());
  return (
    <>
      <h1>{t("mailbox.title")}</h1>
      <p class="lead">{t("mailbox.intro")}</p>
      <p>
        <button type="button" class="button button-secondary" onClick={() => revalidate(getMailbox.key)}>
          {t("mailbox.refresh")}
        </button>
      </p>
      <ErrorBoundary fallback={(error, reset) => <LoadError error={error} reset={reset} />}>
        <Show when={mails()}>
          {(m) => (
            <Show when={m().items.length > 0} fallback={<p>{t("mailbox.empty")}</p>}>
              <ol class="mail-list">
                <For each={m().items}>
                  {(mail) => (
                    <li class="card mail">
                      <h2>{mail.subject}</h2>
                      <p class="meta muted">
                        {t("mailbox.to")}: {mail.to} · {formatDateTime(mail.createdAt)}
                      </p>
                      <div class="mail-body" lang={mail.locale}>
                        {withLinks(mail.text)}
                      </div>
                    </li>
                  )}
                </For>
              </ol>
            </Show>
          )}
        </Show>
      </ErrorBoundary>
    </>
  );
}
