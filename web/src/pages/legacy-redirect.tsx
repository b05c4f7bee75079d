import { A, createAsync, Navigate, useLocation } from "@solidjs/router";
import { ErrorBoundary, For, Match, Show, Switch } from "solid-js";
import { LoadError } from "../components/status";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import { getEvent, getNetworks } from "../lib/api";
import { networkPath } from "../lib/network";

/**
 * An address from before every network page carried its network's slug (links in older mails,
 * bookmarks): an event's page goes to its own network, anything else to the only network, or
 * the person chooses.
 */
export default function LegacyRedirect() {
  const { t } = useI18n();
  const location = useLocation();
  usePageTitle(() => t("legacy.title"));
  const rest = () => `${location.pathname}${location.search}${location.hash}`;
  const target = createAsync(async () => {
    const { items } = await getNetworks();
    const eventId = /^\/veranstaltungen\/([^/]+)\/./.exec(location.pathname)?.[1];
    if (eventId) {
      const event = await getEvent(decodeURIComponent(eventId)).catch(() => undefined);
      const own = items.find((n) => n.id === event?.networkId);
      if (own) return { slug: own.slug, networks: items };
    }
    return { slug: items.length === 1 ? items[0].slug : undefined, networks: items };
  });

  return (
    <ErrorBoundary fallback={(error, reset) => <LoadError error={error} reset={reset} />}>
      <Show when={target()}>
        {(found) => (
          <Switch>
            <Match when={found().slug}>{(slug) => <Navigate href={networkPath(slug(), rest())} />}</Match>
            <Match when={!found().slug}>
              <h1>{t("legacy.title")}</h1>
              <p class="lead">{t("legacy.text")}</p>
              <ul>
                <For each={found().networks}>
                  {(n) => (
                    <li>
                      <A href={networkPath(n.slug, rest())}>{n.name}</A>
                    </li>
                  )}
                </For>
              </ul>
            </Match>
          </Switch>
        )}
      </Show>
    </ErrorBoundary>
  );
}
