import { A } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { OrganiserGate } from "../components/organiser-gate";
import { LoadError, Loading } from "../components/status";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import { privacyApi } from "../lib/api";
import { useNetworkPath } from "../lib/network";

function RetentionTable(props: { networkId: string }) {
  const to = useNetworkPath();
  const { t, formatDate } = useI18n();
  const [data, { refetch }] = createResource(() => privacyApi.retention(props.networkId));
  return (
    <>
      <Show when={data.loading}>
        <Loading />
      </Show>
      <Show when={data.error}>
        <LoadError error={data.error} reset={refetch} />
      </Show>
      <Show when={data()}>
        {(d) => (
          <>
            <p>
              {t("dataProtection.retention.networkPeriod", { months: String(d().retentionMonths) })}{" "}
              <A href={to("/datenschutz/hinweise")}>{t("dataProtection.links.notice")}</A>
            </p>
            <Show when={d().items.length > 0} fallback={<p>{t("dataProtection.retention.empty")}</p>}>
              <section class="table-scroll" tabindex="0" aria-labelledby="retention-caption">
                <table class="board-table retention-table">
                  <caption id="retention-caption" class="visually-hidden">
                    {t("dataProtection.retention.caption")}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("dataProtection.retention.event")}</th>
                      <th scope="col">{t("dataProtection.retention.lastSession")}</th>
                      <th scope="col">{t("dataProtection.retention.period")}</th>
                      <th scope="col">{t("dataProtection.retention.dueAt")}</th>
                      <th scope="col" class="num">
                        {t("dataProtection.retention.pending")}
                      </th>
                      <th scope="col" class="num">
                        {t("dataProtection.retention.erased")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={d().items}>
                      {(item) => (
                        <tr>
                          <th scope="row">{item.title}</th>
                          <td>
                            {item.lastSessionEndsAt
                              ? formatDate(item.lastSessionEndsAt)
                              : t("dataProtection.retention.none")}
                          </td>
                          <td>
                            {t("dataProtection.retention.months", { months: String(item.months) })}
                            <Show when={item.monthsFromEvent}>
                              {" "}
                              <span class="muted">({t("dataProtection.retention.ownPeriod")})</span>
                            </Show>
                          </td>
                          <td>
                            {item.dueAt ? formatDate(item.dueAt) : "–"}
                            <Show when={item.due && item.pending > 0}>
                              <br />
                              <span class="badge badge-waiting">{t("dataProtection.retention.due")}</span>
                            </Show>
                          </td>
                          <td class="num">{item.pending}</td>
                          <td class="num">
                            {item.erased}
                            <Show when={item.erasedAt}>
                              {(at) => (
                                <>
                                  <br />
                                  <span class="muted">{formatDate(at())}</span>
                                </>
                              )}
                            </Show>
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </section>
            </Show>
          </>
        )}
      </Show>
    </>
  );
}

export default function RetentionPage() {
  const to = useNetworkPath();
  const { t } = useI18n();
  usePageTitle(() => t("dataProtection.retention.title"));
  return (
    <>
      <p class="back">
        <A href={to("/datenschutz")}>← {t("dataProtection.title")}</A>
      </p>
      <h1>{t("dataProtection.retention.title")}</h1>
      <p class="lead">{t("dataProtection.retention.intro")}</p>
      <OrganiserGate signIn={t("dataProtection.signInFirst")} notAllowed={t("dataProtection.notAllowed")}>
        {(networkId) => <RetentionTable networkId={networkId} />}
      </OrganiserGate>
    </>
  );
}
