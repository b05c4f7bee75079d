import { action, createAsync, revalidate, useSubmission } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { useI18n } from "../../i18n";
import { getOrganisers, type Network, settingsApi } from "../../lib/api";
import { useMe } from "../../lib/session";
import { InlineConfirm } from "../inline-confirm";
import { SubmissionStatus } from "./status";
import "../../i18n/organisers";

const inviteOrganiser = action(async (networkId: string, form: FormData) => {
  const email = String(form.get("email") ?? "").trim();
  await settingsApi.invite(networkId, { email, displayName: String(form.get("displayName") ?? "") });
  return { email };
}, "settings-organiser-invite");

export function OrganiserSettings(props: { network: Network }) {
  const { t, formatDateTime } = useI18n();
  const { me } = useMe();
  const organisers = createAsync(() => getOrganisers(props.network.id));
  const invite = useSubmission(inviteOrganiser);
  const [removing, setRemoving] = createSignal<string>();
  const [removed, setRemoved] = createSignal("");
  const onlyOne = () => (organisers()?.items.length ?? 0) <= 1;
  return (
    <section class="card form" aria-labelledby="organisers-title">
      <h2 id="organisers-title">{t("settings.organisers.legend")}</h2>
      <p class="field-hint">{t("settings.organisers.hint")}</p>
      <ul class="settings-list">
        <For each={organisers()?.items}>
          {(o) => {
            const self = () => o.accountId === me()?.account.id;
            return (
              <li>
                <div class="settings-row">
                  <span>
                    <strong>{o.displayName || o.email}</strong>
                    <Show when={self()}> ({t("settings.organisers.you")})</Show>
                    <br />
                    <span class="hint">
                      {o.displayName ? `${o.email} · ` : ""}
                      {o.lastSignInAt
                        ? t("settings.organisers.lastSignIn", { date: formatDateTime(o.lastSignInAt) })
                        : t("settings.organisers.neverSignedIn")}
                    </span>
                  </span>
                  <Show
                    when={!(self() && onlyOne())}
                    fallback={<span class="hint">{t("settings.organisers.lastOne")}</span>}
                  >
                    <button
                      type="button"
                      class="button button-secondary"
                      aria-label={`${t("settings.organisers.remove")}: ${o.email}`}
                      onClick={() => setRemoving(o.accountId)}
                    >
                      {t("settings.organisers.remove")}
                    </button>
                  </Show>
                </div>
                <Show when={removing() === o.accountId}>
                  <InlineConfirm
                    id={`remove-organiser-${o.accountId}`}
                    question={t("settings.organisers.removeQuestion", { email: o.email })}
                    text={t("settings.organisers.removeText")}
                    yes={t("settings.organisers.remove")}
                    no={t("settings.cancel")}
                    danger
                    onConfirm={async () => {
                      await settingsApi.removeOrganiser(props.network.id, o.accountId);
                      setRemoving(undefined);
                      setRemoved(t("settings.organisers.removed", { email: o.email }));
                      await revalidate(getOrganisers.key);
                    }}
                    onKeep={() => setRemoving(undefined)}
                  />
                </Show>
              </li>
            );
          }}
        </For>
      </ul>
      <div role="status" class="form-status">
        <Show when={removed()}>
          <p class="notice">{removed()}</p>
        </Show>
      </div>
      <form class="form" action={inviteOrganiser.with(props.network.id)} method="post">
        <div class="form-grid">
          <div class="field">
            <label for="organiser-email">{t("settings.organisers.email")}</label>
            <input id="organiser-email" name="email" type="email" required autocomplete="off" maxlength="254" />
          </div>
          <div class="field">
            <label for="organiser-name">{t("settings.organisers.displayName")}</label>
            <input id="organiser-name" name="displayName" autocomplete="off" maxlength="200" />
          </div>
        </div>
        <SubmissionStatus
          submission={invite}
          done={t("settings.organisers.invited", { email: (invite.result as { email?: string })?.email ?? "" })}
        />
        <button type="submit" class="button" aria-disabled={invite.pending ? "true" : undefined}>
          {t("settings.organisers.invite")}
        </button>
      </form>
    </section>
  );
}
