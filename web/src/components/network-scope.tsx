import { createAsync, type RouteSectionProps, useParams } from "@solidjs/router";
import { Match, Switch } from "solid-js";
import { getNetworks } from "../lib/api";
import NotFoundPage from "../pages/not-found";

/**
 * Every page under `/:networkSlug`: an address whose first part names no network is the
 * not-found page, not a network page that fails to load. Decided from the list of networks the
 * header asks for anyway, so no request is made for a network that does not exist.
 */
export default function NetworkScope(props: RouteSectionProps) {
  const params = useParams();
  const networks = createAsync(() => getNetworks());
  const known = () => {
    const list = networks()?.items;
    return list && list.some((n) => n.slug === params.networkSlug || n.id === params.networkSlug);
  };
  return (
    <Switch>
      <Match when={known() === true}>{props.children}</Match>
      <Match when={known() === false}>
        <NotFoundPage />
      </Match>
    </Switch>
  );
}
