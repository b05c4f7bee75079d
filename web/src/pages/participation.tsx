import { A } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import { ApiProblem, api, getParticipation } from "../lib/api";

/** A participant's page, opened from the personal link in their mail (token in the fragment). */
export default function ParticipationPage() {
  const { t, formatDateTime, formatTime } = useI18n();
  usePageTitle(() => t("participation.title"));
  const token = new URLSearchParams(location.hash.slice(1)).get("t") ?? "";
  const [data] = createResource(() => (token ? getParticipation(token) : Promise.reject(new ApiProblem(401, "", ""))));
  const [revoked, setRevoked] = createSignal(false);

  return (
    <section>
      <h1>{t("participation.title")}</h1>
      <Show
        when={!data.error && !revoked()}
        fallback={
          <div class="notice notice-error" role="alert">
            <p>{revoked() ? t("participation.revoked") : t("participation.invalid")}</p>
            <A class="button" href="/anmelden">
              {t("auth.newLink")}
            </A>
          </div>
        }
      >
        <Show when={data()}>
          {(p) => (
            <div class="card">
              <p class="eyebrow">{p().registration.institution.name}</p>
              <h2>{p().event.title}</h2>
              <p>
                {p().registration.name} · {p().registration.email}
              </p>
              <p>
                <span class={`badge status-${p().registration.status}`}>
                  {t(`participation.status.${p().registration.status}`)}
                </span>
              </p>
              <h3>{t("events.sessions")}</h3>
              <ol class="dates">
                <For each={p().event.sessions}>
                  {(s) => (
                    <li>
                      {formatDateTime(s.startsAt)}–{formatTime(s.endsAt)} · {s.title}
                    </li>
                  )}
                </For>
              </ol>
              <p>
                {p().event.venueName}, {p().event.venueAddress}
              </p>
              <button
                type="button"
                class="button button-secondary"
                onClick={async () => {
                  await api.revokeParticipantLink(token);
                  setRevoked(true);
                }}
              >
                {t("participation.revoke")}
              </button>
              <p class="hint">{t("participation.revokeHint")}</p>
            </div>
          )}
        </Show>
      </Show>
    </section>
  );
}
