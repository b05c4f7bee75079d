import { A, createAsync, Navigate } from "@solidjs/router";
import { ErrorBoundary, For, Match, Show, Switch } from "solid-js";
import { LoadError } from "../components/status";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import { getNetworks, type NetworkSummary } from "../lib/api";
import { networkPath } from "../lib/network";
import { useMe } from "../lib/session";

/** The installation's start: straight into its only network, or the list to choose from. */
export default function StartPage() {
  const { t } = useI18n();
  const networks = createAsync(() => getNetworks());
  const { me } = useMe();
  usePageTitle(() => t("start.title"));
  const items = () => networks()?.items ?? [];
  const yours = () => {
    const ids = new Set((me()?.roles ?? []).map((r) => r.network.id));
    return items().filter((n) => ids.has(n.id));
  };

  return (
    <ErrorBoundary fallback={(error, reset) => <LoadError error={error} reset={reset} />}>
      <Show when={networks()}>
        <Switch>
          <Match when={items().length === 1}>
            <Navigate href={networkPath(items()[0].slug)} />
          </Match>
          <Match when={items().length === 0}>
            <h1>{t("start.title")}</h1>
            <div class="notice">
              <p>{t("start.empty")}</p>
              <p>{t("start.emptyHint")}</p>
            </div>
          </Match>
          <Match when={items().length > 1}>
            <h1>{t("start.title")}</h1>
            <p class="lead">{t("start.intro")}</p>
            <Show when={yours().length > 0}>
              <NetworkList heading={t("start.yours")} id="start-yours" networks={yours()} />
            </Show>
            <NetworkList heading={t("start.all")} id="start-all" networks={items()} />
          </Match>
        </Switch>
      </Show>
    </ErrorBoundary>
  );
}

function NetworkList(props: { heading: string; id: string; networks: NetworkSummary[] }) {
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.heading}</h2>
      <ul class="role-cards network-list">
        <For each={props.networks}>
          {(n) => (
            <li class="card">
              <h3>
                <A href={networkPath(n.slug)}>{n.name}</A>
              </h3>
              <Show when={n.state}>
                <p class="eyebrow">{n.state}</p>
              </Show>
              <Show when={n.description}>
                <p>{n.description}</p>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
