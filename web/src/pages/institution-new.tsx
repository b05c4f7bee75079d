import { A, createAsync, revalidate, useNavigate } from "@solidjs/router";
import { Show } from "solid-js";
import { InstitutionForm } from "../components/institution-form";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import { api, getNetwork, searchInstitutions } from "../lib/api";
import { useNetworkPath, useNetworkSlug } from "../lib/network";
import { useSectors } from "../lib/sectors";
import { useMe } from "../lib/session";
import "../i18n/organisers";

export default function InstitutionNewPage() {
  const networkSlug = useNetworkSlug();
  const to = useNetworkPath();
  const { t } = useI18n();
  usePageTitle(() => t("edit.newTitle"));
  const network = createAsync(() => getNetwork(networkSlug() ?? ""));
  const { me, isOrganiserOf } = useMe();
  const sectors = useSectors();
  const navigate = useNavigate();

  return (
    <>
      <p class="back">
        <A href={to("/verzeichnis")}>← {t("institution.back")}</A>
      </p>
      <h1>{t("edit.newTitle")}</h1>
      <Show when={network() && me() !== undefined && sectors.list().length > 0}>
        <Show when={isOrganiserOf(network()!.id)} fallback={<p class="notice notice-error">{t("edit.notAllowed")}</p>}>
          <InstitutionForm
            initial={{
              name: "",
              sectorKey: sectors.list()[0].key,
              municipalityId: network()!.municipalities[0]?.id ?? "",
              street: "",
              postalCode: "",
              city: "",
              email: "",
              phone: "",
              website: "",
              reachability: "",
              offers: "",
              targetGroups: "",
            }}
            organiser
            municipalities={network()!.municipalities}
            submitLabel={t("edit.create")}
            onSubmit={async (values) => {
              const created = await api.createInstitution(network()!.id, {
                name: values.name ?? "",
                sectorKey: values.sectorKey ?? sectors.list()[0].key,
                municipalityId: values.municipalityId ?? network()!.municipalities[0]?.id ?? "",
                ...values,
              });
              await revalidate(searchInstitutions.key);
              navigate(to(`/verzeichnis/${created.id}`));
            }}
          />
        </Show>
      </Show>
    </>
  );
}
