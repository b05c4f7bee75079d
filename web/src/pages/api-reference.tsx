import { createAsync } from "@solidjs/router";
import { ErrorBoundary, For, Show } from "solid-js";
import { LoadError } from "../components/status";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import { getOpenApi } from "../lib/api";
import "../i18n/organisers";

type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: { type?: string } };
type Operation = {
  tags?: string[];
  summary?: string;
  parameters?: Parameter[];
  responses?: Record<string, { description?: string }>;
};
type Document = {
  info: { title: string; version: string; description?: string };
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
};

/** The API reference, rendered from the OpenAPI document the server generates. */
export default function ApiReferencePage() {
  const { t } = useI18n();
  usePageTitle(() => t("api.title"));
  const doc = createAsync(async () => (await getOpenApi()) as unknown as Document);
  const operations = (tag: string) =>
    Object.entries(doc()?.paths ?? {}).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => (op.tags ?? [])[0] === tag)
        .map(([method, op]) => ({ path, method, op })),
    );

  return (
    <>
      <h1>{t("api.title")}</h1>
      <p class="lead">{t("api.intro")}</p>
      <p>
        <a class="button" href="/api/openapi.json" download="netzwerkstatt-openapi.json">
          {t("api.document")}
        </a>
      </p>
      <section class="card" aria-labelledby="api-errors">
        <h2 id="api-errors">{t("api.errors")}</h2>
        <p>{t("api.errorsText")}</p>
      </section>
      <ErrorBoundary fallback={(error, reset) => <LoadError error={error} reset={reset} />}>
        <Show when={doc()}>
          {(d) => (
            <For each={d().tags ?? []}>
              {(tag) => (
                <section aria-labelledby={`tag-${tag.name}`} class="api-tag" lang="en">
                  <h2 id={`tag-${tag.name}`}>{tag.name}</h2>
                  <p class="muted">{tag.description}</p>
                  <For each={operations(tag.name)}>
                    {({ path, method, op }) => (
                      <article class="card api-operation">
                        <h3>
                          <span class={`method method-${method}`}>{method.toUpperCase()}</span> <code>{path}</code>
                        </h3>
                        <p>{op.summary}</p>
                        <Show when={(op.parameters ?? []).length > 0}>
                          <section
                            class="table-scroll"
                            tabindex="0"
                            aria-label={`${t("api.parameters")}: ${method.toUpperCase()} ${path}`}
                          >
                            <table>
                              <caption>{t("api.parameters")}</caption>
                              <thead>
                                <tr>
                                  <th scope="col">{t("api.name")}</th>
                                  <th scope="col">{t("api.location")}</th>
                                  <th scope="col">{t("api.type")}</th>
                                  <th scope="col">{t("api.required")}</th>
                                  <th scope="col">{t("api.description")}</th>
                                </tr>
                              </thead>
                              <tbody>
                                <For each={op.parameters}>
                                  {(p) => (
                                    <tr>
                                      <td>
                                        <code>{p.name}</code>
                                      </td>
                                      <td>{p.in}</td>
                                      <td>{p.schema?.type ?? ""}</td>
                                      <td>{p.required ? t("api.required") : t("api.optional")}</td>
                                      <td>{p.description ?? ""}</td>
                                    </tr>
                                  )}
                                </For>
                              </tbody>
                            </table>
                          </section>
                        </Show>
                        <h4>{t("api.responses")}</h4>
                        <ul class="responses">
                          <For each={Object.entries(op.responses ?? {})}>
                            {([status, r]) => (
                              <li>
                                <code class={`status status-${status[0]}xx`}>{status}</code> {r.description}
                              </li>
                            )}
                          </For>
                        </ul>
                      </article>
                    )}
                  </For>
                </section>
              )}
            </For>
          )}
        </Show>
      </ErrorBoundary>
    </>
  );
}
