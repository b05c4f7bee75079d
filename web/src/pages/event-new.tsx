import { A, createAsync, revalidate, useNavigate } from "@solidjs/router";
import { Show } from "solid-js";
import { EventForm } from "../components/event-form";
import { OrganiserGate } from "../components/organiser-gate";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import { getEvents, getManagedEvents, organiserApi, searchInstitutions } from "../lib/api";
import { useNetworkPath } from "../lib/network";
import "../i18n/organisers";

function NewEvent(props: { networkId: string }) {
  const to = useNetworkPath();
  const { t } = useI18n();
  const navigate = useNavigate();
  const institutions = createAsync(() => searchInstitutions(props.networkId, {}));
  return (
    <Show when={institutions()}>
      {(list) => (
        <EventForm
          institutions={list().items}
          submitLabel={t("eventEditor.save")}
          onSubmit={async (input) => {
            const created = await organiserApi.createEvent(props.networkId, input);
            await revalidate([getManagedEvents.key, getEvents.key]);
            navigate(to(`/veranstaltungen/${encodeURIComponent(created.id)}/bearbeiten`), { state: { created: true } });
            return undefined;
          }}
        />
      )}
    </Show>
  );
}

export default function EventNewPage() {
  const to = useNetworkPath();
  const { t } = useI18n();
  usePageTitle(() => t("eventEditor.newTitle"));
  return (
    <>
      <p class="back">
        <A href={to("/veranstaltungen")}>← {t("eventEditor.back")}</A>
      </p>
      <h1>{t("eventEditor.newTitle")}</h1>
      <OrganiserGate signIn={t("eventEditor.signInFirst")} notAllowed={t("eventEditor.notAllowed")}>
        {(networkId) => <NewEvent networkId={networkId} />}
      </OrganiserGate>
    </>
  );
}
