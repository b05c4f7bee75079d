import { A, createAsync, useParams } from "@solidjs/router";
import { ErrorBoundary, Show } from "solid-js";
import { LoadError } from "../components/status";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import { ApiProblem, getInstitution } from "../lib/api";
import { useNetworkPath } from "../lib/network";
import { useSectors } from "../lib/sectors";
import { useMe } from "../lib/session";
import "../i18n/organisers";

export default function InstitutionPage() {
  const to = useNetworkPath();
  const { t, formatDate } = useI18n();
  const params = useParams<{ institutionId: string }>();
  const institution = createAsync(() => getInstitution(params.institutionId));
  const sectors = useSectors();
  usePageTitle(() => institution()?.name);
  const { isOrganiserOf, isContactOf } = useMe();
  const mayEdit = () => isOrganiserOf(institution()?.networkId) || isContactOf(institution()?.id);

  return (
    <>
      <p class="back">
        <A href={to("/verzeichnis")}>← {t("institution.back")}</A>
      </p>
      <ErrorBoundary
        fallback={(error, reset) =>
          error instanceof ApiProblem && error.status === 404 ? (
            <>
              <h1>{t("notFound.title")}</h1>
              <p>{t("institution.notFound")}</p>
            </>
          ) : (
            <LoadError error={error} reset={reset} />
          )
        }
      >
        <Show when={institution()}>
          {(i) => (
            <article class="profile">
              <header class="profile-head">
                <p class="eyebrow">
                  {sectors.name(i().sectorKey)} · {i().municipality.name}
                </p>
                <h1>{i().name}</h1>
                <Show when={mayEdit()}>
                  <A class="button" href={to(`/verzeichnis/${i().id}/bearbeiten`)}>
                    {t("edit.edit")}
                  </A>
                </Show>
              </header>
              <div class="profile-grid">
                <div class="profile-main">
                  <section aria-labelledby="offers">
                    <h2 id="offers">{t("institution.offers")}</h2>
                    <p>{i().offers}</p>
                  </section>
                  <Show when={i().targetGroups}>
                    <section aria-labelledby="target-groups">
                      <h2 id="target-groups">{t("institution.targetGroups")}</h2>
                      <p>{i().targetGroups}</p>
                    </section>
                  </Show>
                  <Show when={i().reachability}>
                    <section aria-labelledby="reachability">
                      <h2 id="reachability">{t("institution.reachability")}</h2>
                      <p>{i().reachability}</p>
                    </section>
                  </Show>
                  <section aria-labelledby="leitbild">
                    <h2 id="leitbild">{t("institution.leitbild")}</h2>
                    <p>
                      <Show when={i().leitbildSignedAt} fallback={t("institution.leitbildOpen")}>
                        {(at) => t("institution.leitbildSigned", { date: formatDate(at()) })}
                      </Show>
                    </p>
                  </section>
                </div>
                <aside class="card profile-contact" aria-labelledby="contact">
                  <h2 id="contact">{t("institution.contact")}</h2>
                  <dl>
                    <Show when={i().street || i().postalCode}>
                      <dt>{t("institution.address")}</dt>
                      <dd>
                        {i().street}
                        <Show when={i().street}>
                          <br />
                        </Show>
                        {i().postalCode} {i().city}
                      </dd>
                    </Show>
                    <Show when={i().email}>
                      <dt>{t("institution.email")}</dt>
                      <dd>
                        <a href={`mailto:${i().email}`}>{i().email}</a>
                      </dd>
                    </Show>
                    <Show when={i().phone}>
                      <dt>{t("institution.phone")}</dt>
                      <dd>
                        <a href={`tel:${i().phone.replace(/[^\d+]/g, "")}`}>{i().phone}</a>
                      </dd>
                    </Show>
                    <Show when={i().website}>
                      <dt>{t("institution.website")}</dt>
                      <dd>
                        <a href={i().website} rel="noopener noreferrer">
                          {i().website.replace(/^https?:\/\//, "")}
                        </a>
                      </dd>
                    </Show>
                  </dl>
                  <p class="hint">{t("institution.personalDataNote")}</p>
                </aside>
              </div>
            </article>
          )}
        </Show>
      </ErrorBoundary>
    </>
  );
}
