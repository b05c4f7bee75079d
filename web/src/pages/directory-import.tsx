import { A, action, createAsync, revalidate, useAction, useSubmission } from "@solidjs/router";
import { createMemo, createSignal, ErrorBoundary, For, Show, Suspense } from "solid-js";
import { foldForSearch } from "../../../worker/domain/directory";
import { guessMapping, IMPORT_FIELDS, type ImportField, mapRows } from "../../../worker/domain/directory-import";
import { LoadError } from "../components/status";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import { api, type DirectoryImportResult, getNetwork, searchInstitutions } from "../lib/api";
import { useNetworkPath, useNetworkSlug } from "../lib/network";
import { useMe } from "../lib/session";
import { readTable } from "../lib/spreadsheet";
import "./directory-import.css";
import "../i18n/organisers";

const MAX_ROWS = 1000;
type Mapping = (ImportField | null)[];

// The last mapping is remembered per network in this browser, by folded column name: it holds
// no personal data, and the file it belongs to never leaves the browser anyway.
const memoryKey = (networkId: string) => `nw.directoryImport.mapping.${networkId}`;
function rememberedMapping(networkId: string, headers: string[]): Mapping {
  const guessed = guessMapping(headers);
  let memory: Record<string, ImportField | null> = {};
  try {
    memory = JSON.parse(localStorage.getItem(memoryKey(networkId)) ?? "{}");
  } catch {}
  const mapping = headers.map((h, i) => {
    const remembered = memory[foldForSearch(h)];
    return remembered === undefined || (remembered !== null && !IMPORT_FIELDS.includes(remembered))
      ? guessed[i]
      : remembered;
  });
  // A field remembered for one column wins over the same field guessed for another.
  return mapping.map((f, i) => (f && mapping.indexOf(f) !== i ? null : f));
}
function rememberMapping(networkId: string, headers: string[], mapping: Mapping) {
  localStorage.setItem(
    memoryKey(networkId),
    JSON.stringify(Object.fromEntries(headers.map((h, i) => [foldForSearch(h), mapping[i]]))),
  );
}

const commitImport = action(async (networkId: string, rows: ReturnType<typeof mapRows>, skipInvalid: boolean) => {
  const result = await api.importDirectory(networkId, { rows, dryRun: false, skipInvalid });
  await revalidate([searchInstitutions.key, getNetwork.key]);
  return result;
}, "directory-import");

export default function DirectoryImportPage() {
  const { t } = useI18n();
  const networkSlug = useNetworkSlug();
  const to = useNetworkPath();
  usePageTitle(() => t("directoryImport.title"));
  const network = createAsync(() => getNetwork(networkSlug() ?? ""));
  const { me, isOrganiserOf } = useMe();

  const [table, setTable] = createSignal<string[][] | null>(null);
  const [readError, setReadError] = createSignal("");
  const [mapping, setMapping] = createSignal<Mapping>([]);
  const [skipInvalid, setSkipInvalid] = createSignal(false);
  const [done, setDone] = createSignal<DirectoryImportResult | null>(null);
  const headers = () => table()?.[0] ?? [];
  const rows = createMemo(() => (table() ? mapRows(table()!, mapping()) : []));

  const onFile = async (file: File | undefined) => {
    setTable(null);
    setDone(null);
    setReadError("");
    setSkipInvalid(false);
    if (!file || !network()) return;
    try {
      const cells = await readTable(file);
      const dataRows = cells.slice(1).filter((r) => r.some((c) => c.trim()));
      if (dataRows.length === 0) return setReadError(t("directoryImport.empty"));
      if (dataRows.length > MAX_ROWS)
        return setReadError(t("directoryImport.tooMany", { count: String(dataRows.length), max: String(MAX_ROWS) }));
      setMapping(rememberedMapping(network()!.id, cells[0]));
      setTable(cells);
    } catch (error) {
      setReadError(t("directoryImport.readError", { message: (error as Error).message }));
    }
  };
  const setField = (column: number, field: ImportField | null) =>
    setMapping((m) => m.map((f, i) => (i === column ? field : f === field ? null : f)));

  // The dry run: every change of the file or the mapping asks the server what would happen.
  const preview = createAsync(async () => {
    const n = network();
    const r = rows();
    if (!n || !table() || done() || r.length === 0) return undefined;
    return api.importDirectory(n.id, { rows: r, dryRun: true });
  });

  const commit = useAction(commitImport);
  const submission = useSubmission(commitImport);
  const onCommit = async () => {
    const n = network()!;
    try {
      const result = await commit(n.id, rows(), skipInvalid());
      rememberMapping(n.id, headers(), mapping());
      setDone(result);
    } catch {
      // Shown from submission.error.
    }
  };
  const summaryText = (s: DirectoryImportResult["summary"]) =>
    t("directoryImport.summary", {
      new: String(s.new),
      update: String(s.update),
      unchanged: String(s.unchanged),
      error: String(s.error),
    });

  return (
    <>
      <p class="back">
        <A href={to("/verzeichnis")}>← {t("institution.back")}</A>
      </p>
      <h1>{t("directoryImport.title")}</h1>
      <Show when={network() && me() !== undefined}>
        <Show when={isOrganiserOf(network()!.id)} fallback={<p class="notice notice-error">{t("edit.notAllowed")}</p>}>
          <p class="lead">{t("directoryImport.intro")}</p>
          <div class="field">
            <label for="import-file">{t("directoryImport.file")}</label>
            <input
              id="import-file"
              type="file"
              accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby="import-file-hint"
              onChange={(e) => onFile(e.currentTarget.files?.[0])}
            />
            <p id="import-file-hint" class="hint">
              {t("directoryImport.fileHint")}
            </p>
          </div>
          <Show when={readError()}>
            <p class="notice notice-error" role="alert">
              {readError()}
            </p>
          </Show>

          <Show when={done()}>
            {(result) => (
              <div class="notice notice-ok" role="status">
                <p>
                  {result().committed
                    ? t("directoryImport.done", {
                        new: String(result().summary.new),
                        update: String(result().summary.update),
                        unchanged: String(result().summary.unchanged),
                        error: String(result().summary.error),
                      })
                    : t("directoryImport.nothingToDo")}
                </p>
                <A class="button" href={to("/verzeichnis")}>
                  {t("directoryImport.toDirectory")}
                </A>
              </div>
            )}
          </Show>

          <Show when={table() && !done()}>
            <h2>{t("directoryImport.mapping")}</h2>
            <p class="hint">{t("directoryImport.mappingHint")}</p>
            <section class="table-scroll" tabindex="0" aria-label={t("directoryImport.mapping")}>
              <table class="import-mapping">
                <thead>
                  <tr>
                    <th scope="col">{t("directoryImport.column")}</th>
                    <th scope="col">{t("directoryImport.field")}</th>
                    <th scope="col">{t("directoryImport.example")}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={headers()}>
                    {(header, i) => (
                      <tr>
                        <th scope="row">
                          <label for={`import-column-${i()}`}>{header || `#${i() + 1}`}</label>
                        </th>
                        <td>
                          <select
                            id={`import-column-${i()}`}
                            value={mapping()[i()] ?? ""}
                            onChange={(e) => setField(i(), (e.currentTarget.value || null) as ImportField | null)}
                          >
                            <option value="">{t("directoryImport.skipColumn")}</option>
                            <For each={IMPORT_FIELDS}>
                              {(field) => <option value={field}>{t(`directoryImport.fields.${field}`)}</option>}
                            </For>
                          </select>
                        </td>
                        <td class="import-example">{table()![1]?.[i()] ?? ""}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </section>

            <h2>{t("directoryImport.preview")}</h2>
            <ErrorBoundary fallback={(error, reset) => <LoadError error={error} reset={reset} />}>
              <Suspense fallback={<p class="status">…</p>}>
                <Show when={preview()}>
                  {(p) => (
                    <>
                      <p class="result-count" role="status" aria-live="polite">
                        {summaryText(p().summary)}
                      </p>
                      {/* Not in a scroll box: its cells wrap, so it fits a phone without keyboard scrolling. */}
                      <div>
                        <table class="import-preview">
                          <thead>
                            <tr>
                              <th scope="col">{t("directoryImport.line")}</th>
                              <th scope="col">{t("directoryImport.name")}</th>
                              <th scope="col">{t("directoryImport.outcome")}</th>
                              <th scope="col">{t("directoryImport.details")}</th>
                            </tr>
                          </thead>
                          <tbody>
                            <For each={p().rows}>
                              {(row) => (
                                <tr data-outcome={row.outcome}>
                                  <td>{row.line}</td>
                                  <th scope="row">{row.name}</th>
                                  <td>
                                    <span
                                      class={`badge ${row.outcome === "new" ? "badge-positive" : `outcome-${row.outcome}`}`}
                                    >
                                      {t(`directoryImport.outcomes.${row.outcome}`)}
                                    </span>
                                  </td>
                                  <td>
                                    <For each={row.errors}>
                                      {(e) => (
                                        <p class="import-error">
                                          {t(`directoryImport.fields.${e.field}`)}: {e.message}
                                          <Show when={e.suggestion}>
                                            {". "}
                                            {t("directoryImport.suggestion", { value: e.suggestion ?? "" })}
                                          </Show>
                                        </p>
                                      )}
                                    </For>
                                    <Show when={row.outcome === "update"}>
                                      {t("directoryImport.changedFields", {
                                        fields: row.changed.map((f) => t(`directoryImport.fields.${f}`)).join(", "),
                                      })}
                                    </Show>
                                  </td>
                                </tr>
                              )}
                            </For>
                          </tbody>
                        </table>
                      </div>
                      <Show when={p().summary.error > 0}>
                        <div class="field check">
                          <input
                            id="import-skip-invalid"
                            type="checkbox"
                            checked={skipInvalid()}
                            onChange={(e) => setSkipInvalid(e.currentTarget.checked)}
                          />
                          <label for="import-skip-invalid">
                            {t("directoryImport.skipInvalid", { count: String(p().summary.error) })}
                          </label>
                        </div>
                      </Show>
                      <Show when={submission.error}>
                        <p class="notice notice-error" role="alert">
                          {(submission.error as Error).message}
                        </p>
                      </Show>
                      <button
                        type="button"
                        class="button"
                        disabled={submission.pending || (p().summary.error > 0 && !skipInvalid())}
                        onClick={onCommit}
                      >
                        {submission.pending ? t("directoryImport.committing") : t("directoryImport.commit")}
                      </button>
                    </>
                  )}
                </Show>
              </Suspense>
            </ErrorBoundary>
          </Show>
        </Show>
      </Show>
    </>
  );
}
