// The participant's own data on their personal page: the data as a file, erasing it, ending the
// personal link. Loaded once the page shows the registration: it sits at the bottom and its
// confirmation is needed only by someone erasing (issue 18's budget).
import { createSignal, type Setter, Show } from "solid-js";
import { useI18n } from "../../i18n";
import { api, privacyApi, saveJson } from "../../lib/api";
import { InlineConfirm } from "../inline-confirm";

export function OwnData(props: {
  token: string;
  busy: boolean;
  /** The page's runner: marks it busy and shows a problem in its alert region. */
  run: <T>(action: () => Promise<T>, done?: (result: T) => void) => Promise<boolean>;
  setError: Setter<string>;
  onErased: () => void;
  onRevoked: () => void;
}) {
  const { t } = useI18n();
  const [confirmingErasure, setConfirmingErasure] = createSignal(false);
  let eraseButton: HTMLButtonElement | undefined;
  return (
    <>
      <section aria-labelledby="my-data-title" class="card">
        <h2 id="my-data-title">{t("dataProtection.participant.title")}</h2>
        <p>{t("dataProtection.participant.text")}</p>
        <div class="actions">
          <button
            type="button"
            class="button button-secondary"
            disabled={props.busy}
            onClick={() =>
              props
                .run(
                  () => privacyApi.myData(props.token),
                  (d) => saveJson(d, "meine-daten-netzwerkstatt.json"),
                )
                .then((ok) => {
                  if (!ok) props.setError((e) => `${t("dataProtection.participant.downloadFailed")} ${e}`);
                })
            }
          >
            {t("dataProtection.participant.download")}
          </button>
          <Show when={!confirmingErasure()}>
            <button
              type="button"
              class="button button-danger"
              ref={eraseButton}
              disabled={props.busy}
              onClick={() => setConfirmingErasure(true)}
            >
              {t("dataProtection.participant.erase")}
            </button>
          </Show>
        </div>
        <Show when={confirmingErasure()}>
          <InlineConfirm
            id="erase-me"
            danger
            question={t("dataProtection.participant.eraseQuestion")}
            text={t("dataProtection.participant.eraseText")}
            yes={t("dataProtection.participant.eraseYes")}
            no={t("dataProtection.participant.keep")}
            onConfirm={async () => {
              await privacyApi.eraseMe(props.token);
              props.onErased();
            }}
            onKeep={() => {
              setConfirmingErasure(false);
              eraseButton?.focus();
            }}
          />
        </Show>
      </section>

      <section aria-labelledby="link-title" class="card">
        <h2 id="link-title">{t("participation.linkTitle")}</h2>
        <p>{t("participation.revokeHint")}</p>
        <button
          type="button"
          class="button button-secondary"
          disabled={props.busy}
          onClick={() =>
            props.run(
              () => api.revokeParticipantLink(props.token),
              () => props.onRevoked(),
            )
          }
        >
          {t("participation.revoke")}
        </button>
      </section>
    </>
  );
}
