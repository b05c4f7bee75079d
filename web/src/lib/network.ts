import { useParams } from "@solidjs/router";

/** The address of a page of a network: every such page carries the network's slug first. */
export const networkPath = (slug: string, path = "") => `/${encodeURIComponent(slug)}${path}`;

/** The slug of the network the current page belongs to (undefined outside a network's pages). */
export function useNetworkSlug() {
  const params = useParams();
  return () => params.networkSlug;
}

/** Links within the current page's network: `href={to("/verzeichnis")}`. */
export function useNetworkPath() {
  const slug = useNetworkSlug();
  return (path = "") => networkPath(slug() ?? "", path);
}
