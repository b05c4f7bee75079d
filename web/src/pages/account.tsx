import { A, createAsync, revalidate, useNavigate } from "@solidjs/router";
import { For, Show } from "solid-js";
import { DataProtectionLinks } from "../components/data-protection-links";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import { api, getMe, getSessions } from "../lib/api";
import { networkPath } from "../lib/network";
import { useMe } from "../lib/session";
import "../i18n/organisers";

export default function AccountPage() {
  const { t, formatDateTime } = useI18n();
  usePageTitle(() => t("account.title"));
  const { me } = useMe();
  const sessions = createAsync(async () => ((await getMe()) ? getSessions() : undefined));
  const navigate = useNavigate();

  const after = async (action: () => Promise<unknown>, signedOut: boolean) => {
    await action();
    await revalidate([getMe.key, getSessions.key]);
    if (signedOut) navigate("/anmelden");
  };

  return (
    <Show when={me() !== undefined}>
      <Show
        when={me()}
        fallback={
          <section class="narrow">
            <h1>{t("account.title")}</h1>
            <p>{t("account.signedOut")}</p>
            <A class="button" href="/anmelden">
              {t("nav.signIn")}
            </A>
          </section>
        }
      >
        {(account) => (
          <>
            <h1>{t("account.title")}</h1>
            <p class="lead">{t("account.signedInAs", { email: account().account.email })}</p>
            <section aria-labelledby="roles-title" class="card">
              <h2 id="roles-title">{t("account.roles")}</h2>
              <Show when={account().roles.length > 0} fallback={<p>{t("account.noRoles")}</p>}>
                <ul class="plain-list">
                  <For each={account().roles}>
                    {(role) => (
                      <li>
                        <strong>{t(`account.role.${role.role}`)}</strong> ·{" "}
                        <A href={networkPath(role.network.slug)}>{role.network.name}</A>
                        <Show when={role.institution}>
                          {(i) => (
                            <>
                              {" "}
                              · <A href={networkPath(role.network.slug, `/verzeichnis/${i().id}`)}>{i().name}</A>
                            </>
                          )}
                        </Show>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </section>
            <Show when={account().operator}>
              <section aria-labelledby="operator-title" class="card">
                <h2 id="operator-title">{t("operator.title")}</h2>
                <p>{t("operator.intro")}</p>
                <p>
                  <A href="/betrieb">{t("operator.link")}</A>
                </p>
              </section>
            </Show>
            <Show when={account().roles.some((r) => r.role === "organiser")}>
              <section aria-labelledby="data-protection-title" class="card">
                <h2 id="data-protection-title">{t("dataProtection.title")}</h2>
                <p>{t("dataProtection.intro")}</p>
                <For each={account().roles.filter((r) => r.role === "organiser")}>
                  {(role) => (
                    <>
                      <Show when={account().roles.filter((r) => r.role === "organiser").length > 1}>
                        <h3>{role.network.name}</h3>
                      </Show>
                      <DataProtectionLinks slug={role.network.slug} />
                    </>
                  )}
                </For>
              </section>
            </Show>
            <section aria-labelledby="sessions-title" class="card">
              <h2 id="sessions-title">{t("account.sessions")}</h2>
              <ul class="plain-list">
                <For each={sessions()?.items ?? []}>
                  {(s) => (
                    <li class="session-row">
                      <span>
                        {s.current ? <strong>{t("account.thisDevice")}</strong> : s.userAgent.slice(0, 60) || "–"}
                        <br />
                        <span class="muted">{t("account.since", { date: formatDateTime(s.createdAt) })}</span>
                      </span>
                      <Show when={!s.current}>
                        <button
                          type="button"
                          class="button button-secondary"
                          onClick={() => after(() => api.endSession(s.id), false)}
                        >
                          {t("account.endSession")}
                        </button>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
              <div class="actions">
                <button type="button" class="button" onClick={() => after(api.signOut, true)}>
                  {t("nav.signOut")}
                </button>
                <button
                  type="button"
                  class="button button-secondary"
                  onClick={() => after(api.signOutEverywhere, true)}
                >
                  {t("account.signOutEverywhere")}
                </button>
              </div>
            </section>
          </>
        )}
      </Show>
    </Show>
  );
}
