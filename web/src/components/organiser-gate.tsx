import { A } from "@solidjs/router";
import { createSignal, type JSX, Match, onMount, Show, Switch } from "solid-js";
import { useI18n } from "../i18n";
import { useNetworkSlug } from "../lib/network";
import { useMe } from "../lib/session";

/**
 * Shows its children only to organisers: visitors are asked to sign in, everyone else gets a
 * clear "not allowed". Nothing organiser-only is requested before that is known. The network is
 * the page's (its slug in the address), if the signed-in account coordinates it (taken from its
 * role, so no further request is needed).
 */
export function OrganiserGate(props: {
  /** The page's heading while its own content is not shown (pages that show one themselves leave it out). */
  heading?: string;
  signIn: string;
  notAllowed: string;
  children: (networkId: string) => JSX.Element;
}) {
  const { t } = useI18n();
  const { me } = useMe();
  const networkSlug = useNetworkSlug();
  const networkId = () =>
    (me()?.roles ?? []).find(
      (r) => r.role === "organiser" && (r.network.slug === networkSlug() || r.network.id === networkSlug()),
    )?.network.id;
  // The page's own data is asked for once the navigation has settled: resources created inside the
  // router's navigation transition were seen to stay pending for good (solid-router 0.15).
  const [settled, setSettled] = createSignal(false);
  onMount(() => setTimeout(() => setSettled(true)));
  return (
    <Switch>
      <Match when={me() === null}>
        <Show when={props.heading}>
          <h1>{props.heading}</h1>
        </Show>
        <div class="notice">
          <p>{props.signIn}</p>
          <A class="button" href="/anmelden">
            {t("nav.signIn")}
          </A>
        </div>
      </Match>
      <Match when={me() && !networkId()}>
        <Show when={props.heading}>
          <h1>{props.heading}</h1>
        </Show>
        <p class="notice notice-error">{props.notAllowed}</p>
      </Match>
      <Match when={settled() && networkId()}>{(id) => props.children(id())}</Match>
    </Switch>
  );
}
