import { A } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { OrganiserGate } from "../components/organiser-gate";
import { LoadError, Loading } from "../components/status";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import { type AuditFilter, privacyApi } from "../lib/api";
import { useNetworkPath } from "../lib/network";

const PAGE = 50;

function AuditLog(props: { networkId: string }) {
  const { t, formatDateTime, locale } = useI18n();
  // The form's values; the applied filter changes only on submit, so typing asks the server nothing.
  const [draft, setDraft] = createSignal<AuditFilter>({});
  const [filter, setFilter] = createSignal<AuditFilter>({});
  const [offset, setOffset] = createSignal(0);
  // The server words the entries in the interface language: a switch of language reads them again.
  const [page, { refetch }] = createResource(
    () => ({ filter: filter(), offset: offset(), locale: locale() }),
    ({ filter, offset }) => privacyApi.auditLog(props.networkId, filter, PAGE, offset),
  );
  const actionGroups = () => {
    const byGroup = new Map<string, { label: string; options: { action: string; label: string }[] }>();
    for (const o of page.latest?.actionOptions ?? []) {
      const key = o.group ?? "";
      const group = byGroup.get(key) ?? { label: o.groupLabel ?? t("dataProtection.audit.otherActions"), options: [] };
      group.options.push(o);
      byGroup.set(key, group);
    }
    return [...byGroup.values()];
  };
  const set = (key: keyof AuditFilter, value: string) => setDraft({ ...draft(), [key]: value || undefined });
  const apply = (e: SubmitEvent) => {
    e.preventDefault();
    setOffset(0);
    setFilter({ ...draft() });
  };
  const reset = () => {
    setDraft({});
    setOffset(0);
    setFilter({});
  };
  const input = (key: "entityId" | "person" | "from" | "to", type = "text") => (
    <div class="field">
      <label for={`audit-${key}`}>{t(`dataProtection.audit.${key}`)}</label>
      <input
        id={`audit-${key}`}
        type={type}
        value={draft()[key] ?? ""}
        onInput={(e) => set(key, e.currentTarget.value.trim())}
      />
    </div>
  );

  return (
    <>
      <form class="card filters" onSubmit={apply} aria-labelledby="audit-filters">
        <h2 id="audit-filters">{t("dataProtection.audit.filters")}</h2>
        <div class="filter-grid audit-filters">
          <div class="field">
            <label for="audit-actionGroup">{t("dataProtection.audit.actionGroup")}</label>
            <select
              id="audit-actionGroup"
              value={draft().actionGroup ?? ""}
              onChange={(e) => set("actionGroup", e.currentTarget.value)}
            >
              <option value="">{t("dataProtection.audit.allGroups")}</option>
              <For each={page.latest?.actionGroupOptions ?? []}>
                {(g) => (
                  <option value={g.group} selected={draft().actionGroup === g.group}>
                    {g.label}
                  </option>
                )}
              </For>
            </select>
          </div>
          <div class="field">
            <label for="audit-action">{t("dataProtection.audit.action")}</label>
            <select
              id="audit-action"
              value={draft().action ?? ""}
              onChange={(e) => set("action", e.currentTarget.value)}
            >
              <option value="">{t("dataProtection.audit.allActions")}</option>
              <For each={actionGroups()}>
                {(g) => (
                  <optgroup label={g.label}>
                    <For each={g.options}>
                      {(a) => (
                        <option value={a.action} selected={draft().action === a.action}>
                          {a.label}
                        </option>
                      )}
                    </For>
                  </optgroup>
                )}
              </For>
            </select>
          </div>
          <div class="field">
            <label for="audit-entityType">{t("dataProtection.audit.entityType")}</label>
            <select
              id="audit-entityType"
              value={draft().entityType ?? ""}
              onChange={(e) => set("entityType", e.currentTarget.value)}
            >
              <option value="">{t("dataProtection.audit.allEntityTypes")}</option>
              <For each={page.latest?.entityTypeOptions ?? []}>
                {(o) => (
                  <option value={o.entityType} selected={draft().entityType === o.entityType}>
                    {o.label}
                  </option>
                )}
              </For>
            </select>
          </div>
          {input("person")}
          {input("entityId")}
          {input("from", "date")}
          {input("to", "date")}
        </div>
        <div class="actions">
          <button type="submit" class="button">
            {t("dataProtection.audit.apply")}
          </button>
          <button type="button" class="button button-secondary" onClick={reset}>
            {t("dataProtection.audit.reset")}
          </button>
          <a
            class="button button-secondary"
            href={privacyApi.auditLogCsvPath(props.networkId, filter(), locale())}
            download=""
          >
            {t("dataProtection.audit.export")}
          </a>
        </div>
      </form>
      <Show when={page.error}>
        <LoadError error={page.error} reset={refetch} />
      </Show>
      <Show when={page.loading && !page.latest}>
        <Loading />
      </Show>
      <Show when={page.latest}>
        {(p) => (
          <section aria-labelledby="audit-caption">
            <p role="status" class="result-count">
              {p().total === 0
                ? t("dataProtection.audit.empty")
                : t("dataProtection.audit.range", {
                    from: String(offset() + 1),
                    to: String(offset() + p().items.length),
                    total: String(p().total),
                  })}
            </p>
            <Show when={p().items.length > 0}>
              <section class="table-scroll" tabindex="0" aria-labelledby="audit-caption">
                <table class="board-table audit-table">
                  <caption id="audit-caption" class="visually-hidden">
                    {t("dataProtection.audit.caption")}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("dataProtection.audit.at")}</th>
                      <th scope="col">{t("dataProtection.audit.actor")}</th>
                      <th scope="col">{t("dataProtection.audit.action")}</th>
                      <th scope="col">{t("dataProtection.audit.entity")}</th>
                      <th scope="col">{t("dataProtection.audit.fields")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={p().items}>
                      {(e) => (
                        <tr>
                          <td data-label={t("dataProtection.audit.at")}>
                            <time datetime={e.at}>{formatDateTime(e.at)}</time>
                          </td>
                          <td data-label={t("dataProtection.audit.actor")}>
                            <Show when={e.actor} fallback={e.actorRole}>
                              {(a) => (
                                <>
                                  <strong>{a().displayName || e.actorEmail || a().id}</strong>
                                  <Show when={a().displayName && e.actorEmail}>
                                    <br />
                                    <span class="break">{e.actorEmail}</span>
                                  </Show>
                                  <br />
                                  <span class="muted">{e.actorRole}</span>
                                </>
                              )}
                            </Show>
                          </td>
                          <td data-label={t("dataProtection.audit.action")}>
                            {e.actionLabel}
                            <br />
                            <code class="muted break">{e.action}</code>
                          </td>
                          <td data-label={t("dataProtection.audit.entity")}>
                            {e.entityTypeLabel}
                            <Show when={e.entityName}>
                              {(name) => (
                                <>
                                  {": "}
                                  <span class={e.entityState === "named" ? "" : "muted"}>{name()}</span>
                                </>
                              )}
                            </Show>
                            <Show when={e.entityId}>
                              <br />
                              <code class="break">{e.entityId}</code>
                            </Show>
                          </td>
                          <td data-label={t("dataProtection.audit.fields")}>
                            {e.fieldLabels.join(", ")}
                            <Show when={e.fields.length > 0}>
                              <br />
                              <code class="muted break">{e.fields.join(", ")}</code>
                            </Show>
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </section>
            </Show>
            <div class="actions">
              <button
                type="button"
                class="button button-secondary"
                disabled={offset() === 0}
                onClick={() => setOffset(Math.max(0, offset() - PAGE))}
              >
                {t("dataProtection.audit.previous")}
              </button>
              <button
                type="button"
                class="button button-secondary"
                disabled={offset() + PAGE >= p().total}
                onClick={() => setOffset(offset() + PAGE)}
              >
                {t("dataProtection.audit.next")}
              </button>
            </div>
          </section>
        )}
      </Show>
    </>
  );
}

export default function AuditLogPage() {
  const to = useNetworkPath();
  const { t } = useI18n();
  usePageTitle(() => t("dataProtection.audit.title"));
  return (
    <>
      <p class="back">
        <A href={to("/datenschutz")}>← {t("dataProtection.title")}</A>
      </p>
      <h1>{t("dataProtection.audit.title")}</h1>
      <p class="lead">{t("dataProtection.audit.intro")}</p>
      <OrganiserGate signIn={t("dataProtection.signInFirst")} notAllowed={t("dataProtection.notAllowed")}>
        {(networkId) => <AuditLog networkId={networkId} />}
      </OrganiserGate>
    </>
  );
}
