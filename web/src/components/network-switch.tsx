import { A, createAsync } from "@solidjs/router";
import { createMemo, For, Show } from "solid-js";
import { useI18n } from "../i18n";
import { getNetworks } from "../lib/api";
import { networkPath, useNetworkSlug } from "../lib/network";
import { useMe } from "../lib/session";

const LAST_NETWORK = "nw.network";

/**
 * The network the header's navigation belongs to: the page's own, else the one last visited,
 * else the signed-in person's own (their first role's), else the installation's only network.
 */
export function useHeaderNetwork() {
  const slug = useNetworkSlug();
  const networks = createAsync(() => getNetworks());
  const { me } = useMe();
  return createMemo(() => {
    const items = networks()?.items ?? [];
    const current = slug();
    const byAddress = items.find((n) => n.slug === current);
    if (byAddress) {
      localStorage.setItem(LAST_NETWORK, byAddress.slug);
      return byAddress;
    }
    if (current) return undefined;
    const last = localStorage.getItem(LAST_NETWORK);
    const own = me()?.roles[0]?.network.id;
    return (
      items.find((n) => n.slug === last) ??
      items.find((n) => n.id === own) ??
      (items.length === 1 ? items[0] : undefined)
    );
  });
}

/**
 * For a person with roles in several networks: which network this is, and a way to the others.
 * A disclosure of plain links, so choosing one is an ordinary navigation.
 */
export function NetworkSwitch(props: { currentSlug: string | undefined }) {
  const { t } = useI18n();
  const { me } = useMe();
  const mine = createMemo(() => {
    const seen = new Map<string, { slug: string; name: string }>();
    for (const r of me()?.roles ?? []) seen.set(r.network.id, { slug: r.network.slug, name: r.network.name });
    return [...seen.values()];
  });
  return (
    <Show when={mine().length > 1}>
      <details class="network-switch">
        <summary>{t("networkSwitch.change")}</summary>
        <ul>
          <For each={mine()}>
            {(n) => (
              <li>
                <A
                  href={networkPath(n.slug)}
                  aria-current={n.slug === props.currentSlug ? "true" : undefined}
                  onClick={(e) => e.currentTarget.closest("details")?.removeAttribute("open")}
                >
                  {n.name}
                </A>
              </li>
            )}
          </For>
          <li>
            <A href="/" onClick={(e) => e.currentTarget.closest("details")?.removeAttribute("open")}>
              {t("networkSwitch.all")}
            </A>
          </li>
        </ul>
      </details>
    </Show>
  );
}
