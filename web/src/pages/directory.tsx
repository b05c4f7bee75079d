import { A, createAsync, useSearchParams } from "@solidjs/router";
import { createSignal, ErrorBoundary, For, onCleanup, Show } from "solid-js";
import { LoadError } from "../components/status";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import { directoryExportPaths, getNetwork, searchInstitutions } from "../lib/api";
import { useNetworkPath, useNetworkSlug } from "../lib/network";
import { useSectors } from "../lib/sectors";
import { useMe } from "../lib/session";
import "../i18n/organisers";

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

export default function DirectoryPage() {
  const networkSlug = useNetworkSlug();
  const to = useNetworkPath();
  const { t } = useI18n();
  usePageTitle(() => t("directory.title"));
  const [params, setParams] = useSearchParams();
  const network = createAsync(() => getNetwork(networkSlug() ?? ""));
  const sectors = useSectors();
  const { isOrganiserOf } = useMe();
  // The filters live in the URL, so a search can be bookmarked and shared.
  const filters = () => ({
    q: first(params.q) || undefined,
    sector: first(params.sector) || undefined,
    municipality: first(params.municipality) || undefined,
  });
  const results = createAsync(async () => {
    const n = network();
    return n ? searchInstitutions(n.id, filters()) : undefined;
  });

  const [query, setQuery] = createSignal(first(params.q));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onInput = (value: string) => {
    setQuery(value);
    clearTimeout(timer);
    timer = setTimeout(() => setParams({ q: value.trim() || undefined }, { replace: true }), 250);
  };
  onCleanup(() => clearTimeout(timer));
  const reset = () => {
    setQuery("");
    setParams({ q: undefined, sector: undefined, municipality: undefined });
  };
  const hasFilters = () => Boolean(filters().q || filters().sector || filters().municipality);

  return (
    <>
      <div class="section-head">
        <h1>{t("directory.title")}</h1>
        <Show when={isOrganiserOf(network()?.id)}>
          <div class="section-actions">
            <A class="button" href={to("/verzeichnis/neu")}>
              {t("edit.add")}
            </A>
            <A class="button button-secondary" href={to("/verzeichnis/import")}>
              {t("directoryImport.link")}
            </A>
            <a class="button button-secondary" href={directoryExportPaths(network()!.id).csv} download="">
              {t("directoryImport.exportCsv")}
            </a>
            <a class="button button-secondary" href={directoryExportPaths(network()!.id).xlsx} download="">
              {t("directoryImport.exportXlsx")}
            </a>
          </div>
        </Show>
      </div>
      <p class="lead">{t("directory.intro")}</p>

      <search class="filters card" aria-label={t("directory.filters")}>
        <form onSubmit={(e) => e.preventDefault()} class="filter-grid">
          <div class="field field-wide">
            <label for="directory-q">{t("directory.search")}</label>
            <input
              id="directory-q"
              type="search"
              value={query()}
              onInput={(e) => onInput(e.currentTarget.value)}
              aria-describedby="directory-q-hint"
              autocomplete="off"
              maxLength={200}
            />
            <p id="directory-q-hint" class="hint">
              {t("directory.searchHint")}
            </p>
          </div>
          <div class="field">
            <label for="directory-sector">{t("directory.sector")}</label>
            <select
              id="directory-sector"
              value={filters().sector ?? ""}
              onChange={(e) => setParams({ sector: e.currentTarget.value || undefined })}
            >
              <option value="">{t("directory.all")}</option>
              <For each={sectors.list()}>{(s) => <option value={s.key}>{sectors.name(s.key)}</option>}</For>
            </select>
          </div>
          <div class="field">
            <label for="directory-municipality">{t("directory.municipality")}</label>
            <select
              id="directory-municipality"
              value={filters().municipality ?? ""}
              onChange={(e) => setParams({ municipality: e.currentTarget.value || undefined })}
            >
              <option value="">{t("directory.all")}</option>
              <For each={network()?.municipalities ?? []}>{(m) => <option value={m.id}>{m.name}</option>}</For>
            </select>
          </div>
          <Show when={hasFilters()}>
            <div class="field field-action">
              <button type="button" class="button button-secondary" onClick={reset}>
                {t("directory.reset")}
              </button>
            </div>
          </Show>
        </form>
      </search>

      <ErrorBoundary fallback={(error, reset) => <LoadError error={error} reset={reset} />}>
        <p class="result-count" role="status" aria-live="polite">
          <Show when={results()}>
            {/* Inside JSX, so that the count follows the filters: Show runs its child function only once.
                It counts the cards listed below, not a total that could ever mean more than is shown. */}
            {(r) => (
              <>
                {r().items.length === 1
                  ? t("directory.result")
                  : t("directory.results", { count: String(r().items.length) })}
              </>
            )}
          </Show>
        </p>
        <Show when={results()}>
          {(r) => (
            <Show
              when={r().items.length > 0}
              fallback={
                // An empty directory is the organiser's next step, not a search without hits.
                <Show
                  when={!hasFilters() && isOrganiserOf(network()?.id)}
                  fallback={<p class="notice">{t("directory.noResults")}</p>}
                >
                  <div class="notice">
                    <p>{t("setup.emptyDirectory")}</p>
                    <p class="actions">
                      <A class="button" href={to("/verzeichnis/neu")}>
                        {t("setup.directoryAdd")}
                      </A>
                      <A class="button button-secondary" href={to("/verzeichnis/import")}>
                        {t("setup.directoryImport")}
                      </A>
                    </p>
                  </div>
                </Show>
              }
            >
              <ul class="institution-list">
                <For each={r().items}>
                  {(institution) => (
                    <li class="card institution-card">
                      <h2>
                        <A href={to(`/verzeichnis/${institution.id}`)}>{institution.name}</A>
                      </h2>
                      <p class="meta">
                        <span class="badge">{sectors.name(institution.sectorKey)}</span>
                        <span>{institution.city || institution.municipality.name}</span>
                        <Show when={institution.leitbildSigned}>
                          <span class="badge badge-positive">{t("directory.leitbild")}</span>
                        </Show>
                      </p>
                      <p class="excerpt">{institution.offers}</p>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </ErrorBoundary>
    </>
  );
}
