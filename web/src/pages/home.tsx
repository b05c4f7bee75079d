import { A, createAsync } from "@solidjs/router";
import { ErrorBoundary, For, Show } from "solid-js";
import { FirstSteps } from "../components/first-steps";
import { YourInvitations } from "../components/invitations";
import { LoadError } from "../components/status";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import { getEvents, getNetwork } from "../lib/api";
import { useNetworkPath, useNetworkSlug } from "../lib/network";
import { useSectors } from "../lib/sectors";
import { EventDates } from "./events";

export default function HomePage() {
  const networkSlug = useNetworkSlug();
  const to = useNetworkPath();
  const { t } = useI18n();
  const network = createAsync(() => getNetwork(networkSlug() ?? ""));
  const events = createAsync(async () => {
    const n = network();
    return n ? getEvents(n.id) : undefined;
  });
  const sectors = useSectors();
  const upcoming = () =>
    (events()?.items ?? []).filter((e) => e.sessions.some((s) => new Date(s.endsAt) > new Date())).slice(0, 3);
  usePageTitle(() => network()?.name);

  return (
    <ErrorBoundary fallback={(error, reset) => <LoadError error={error} reset={reset} />}>
      <Show when={network()}>
        {(n) => (
          <>
            <section class="hero" aria-labelledby="home-title">
              <p class="eyebrow">
                <For each={n().municipalities}>
                  {(m, i) => (
                    <>
                      {i() > 0 && " · "}
                      {m.name}
                    </>
                  )}
                </For>
              </p>
              <h1 id="home-title">{t("home.title", { network: n().name })}</h1>
              <p class="lead">{n().description}</p>
              <p>{t("home.intro")}</p>
              <dl class="stats" aria-label={t("home.statsHeading")}>
                <div>
                  <dt>{t("home.institutions")}</dt>
                  <dd>{n().institutionCount}</dd>
                </div>
                <div>
                  <dt>{t("home.sectors")}</dt>
                  <dd>{sectors.list().length}</dd>
                </div>
                <div>
                  <dt>{t("home.municipalities")}</dt>
                  <dd>{n().municipalities.length}</dd>
                </div>
              </dl>
            </section>

            <FirstSteps networkId={n().id} />

            <YourInvitations />

            <section aria-labelledby="roles-title">
              <h2 id="roles-title">{t("home.rolesHeading")}</h2>
              <ul class="role-cards">
                <li class="card role-card role-organiser">
                  <h3>{t("home.organiser.title")}</h3>
                  <p>{t("home.organiser.text")}</p>
                  <A class="button" href={to("/verzeichnis")}>
                    {t("home.organiser.action")}
                  </A>
                </li>
                <li class="card role-card role-contact">
                  <h3>{t("home.contact.title")}</h3>
                  <p>{t("home.contact.text")}</p>
                  <A class="button" href={to("/verzeichnis")}>
                    {t("home.contact.action")}
                  </A>
                </li>
                <li class="card role-card role-participant">
                  <h3>{t("home.participant.title")}</h3>
                  <p>{t("home.participant.text")}</p>
                  <A class="button" href={to("/veranstaltungen")}>
                    {t("home.participant.action")}
                  </A>
                </li>
              </ul>
            </section>

            <section aria-labelledby="upcoming-title">
              <div class="section-head">
                <h2 id="upcoming-title">{t("home.upcoming")}</h2>
                <A href={to("/veranstaltungen")}>{t("home.allEvents")}</A>
              </div>
              <ul class="event-teasers">
                <For each={upcoming()}>
                  {(event) => (
                    <li class="card">
                      <p class="eyebrow">{t(`events.types.${event.type}`)}</p>
                      <h3>
                        <A href={to(`/veranstaltungen#${event.id}`)}>{event.title}</A>
                      </h3>
                      <EventDates event={event} compact />
                    </li>
                  )}
                </For>
              </ul>
            </section>
          </>
        )}
      </Show>
    </ErrorBoundary>
  );
}
