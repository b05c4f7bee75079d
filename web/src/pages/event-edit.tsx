import { A, createAsync, revalidate, useLocation, useParams } from "@solidjs/router";
import { createSignal, ErrorBoundary, For, Show } from "solid-js";
import { EventForm } from "../components/event-form";
import { InlineConfirm } from "../components/inline-confirm";
import { OrganiserGate } from "../components/organiser-gate";
import { LoadError } from "../components/status";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import {
  ApiProblem,
  getEvent,
  getEventBoard,
  getEvents,
  getManagedEvents,
  organiserApi,
  searchInstitutions,
} from "../lib/api";
import { useNetworkPath } from "../lib/network";
import "../i18n/organisers";

type Invitations = Awaited<ReturnType<typeof organiserApi.publishEvent>>["invitations"];

/** Whom publishing reached, and the invited institutions nobody could be mailed at, each with the way to invite a contact. */
function PublishReport(props: { invitations: Invitations }) {
  const to = useNetworkPath();
  const { t } = useI18n();
  const reached = () => props.invitations.institutionsReached;
  const missing = () => props.invitations.institutionsWithoutContact;
  return (
    <div class="notice publish-report" classList={{ "notice-warning": missing().length > 0 }}>
      <p>
        {reached() === 0
          ? t("eventEditor.publish.reachedNone")
          : reached() === 1
            ? t("eventEditor.publish.reachedOne")
            : t("eventEditor.publish.reached", { count: String(reached()) })}
      </p>
      <Show when={missing().length > 0}>
        <p>
          {missing().length === 1
            ? t("eventEditor.publish.withoutContactOne")
            : t("eventEditor.publish.withoutContact", { count: String(missing().length) })}
        </p>
        <ul class="without-contact">
          <For each={missing()}>
            {(institution) => (
              <li>
                {institution.name}:{" "}
                <A href={to(`/verzeichnis/${encodeURIComponent(institution.id)}/bearbeiten#contacts-title`)}>
                  {t("eventEditor.publish.inviteContact")}
                  <span class="visually-hidden"> ({institution.name})</span>
                </A>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}

function EditEvent(props: { networkId: string; eventId: string }) {
  const to = useNetworkPath();
  const { t } = useI18n();
  const location = useLocation<{ created?: boolean }>();
  const event = createAsync(() => getEvent(props.eventId));
  const institutions = createAsync(() => searchInstitutions(props.networkId, {}));
  usePageTitle(() => (event() ? `${t("eventEditor.editTitle")}: ${event()!.title}` : t("eventEditor.editTitle")));
  const [dirty, setDirty] = createSignal(false);
  const [notice, setNotice] = createSignal<{ kind: "ok" | "error"; text: string } | undefined>(
    location.state?.created ? { kind: "ok", text: t("eventEditor.created") } : undefined,
  );
  const [confirmCancel, setConfirmCancel] = createSignal(false);
  const [publishing, setPublishing] = createSignal(false);
  const [report, setReport] = createSignal<Invitations>();
  let pageStatus: HTMLDivElement | undefined;

  const refresh = () => revalidate([getEvent.key, getManagedEvents.key, getEvents.key, getEventBoard.key]);
  const announce = (kind: "ok" | "error", text: string) => {
    setNotice({ kind, text });
    setReport();
    requestAnimationFrame(() => pageStatus?.focus());
  };

  const publish = async () => {
    if (dirty() || publishing()) return;
    setPublishing(true);
    try {
      const published = await organiserApi.publishEvent(props.eventId);
      await refresh();
      announce("ok", t("eventEditor.publish.done"));
      setReport(published.invitations);
    } catch (err) {
      announce("error", err instanceof ApiProblem ? err.message : t("app.loadError"));
    } finally {
      setPublishing(false);
    }
  };

  return (
    <ErrorBoundary fallback={(error, reset) => <LoadError error={error} reset={reset} />}>
      <Show when={event() && institutions()}>
        <header class="page-head">
          <div>
            <p class="eyebrow">
              {t(`events.types.${event()!.type}`)} · {t("eventEditor.editTitle")}{" "}
              <span class={`badge badge-status badge-${event()!.status}`}>
                {t(`eventAdmin.status.${event()!.status}`)}
              </span>
            </p>
            <h1>{event()!.title}</h1>
          </div>
          <div class="page-head-row">
            <A
              class="button button-secondary"
              href={to(`/veranstaltungen/${encodeURIComponent(props.eventId)}/platzvergabe`)}
            >
              {t("eventEditor.toBoard")}
            </A>
          </div>
        </header>
        <div class="page-status" role="status" tabindex="-1" ref={pageStatus}>
          <Show when={notice()}>
            {(n) => <p class={n().kind === "ok" ? "notice notice-ok" : "notice notice-error"}>{n().text}</p>}
          </Show>
          <Show when={report()}>{(r) => <PublishReport invitations={r()} />}</Show>
        </div>

        <Show
          when={event()!.status !== "cancelled"}
          fallback={<p class="notice">{t("eventEditor.cancel.isCancelled")}</p>}
        >
          <EventForm
            initial={event()!}
            institutions={institutions()!.items}
            submitLabel={t("eventEditor.saveChanges")}
            onDirtyChange={setDirty}
            onSubmit={async (input, { allowOverbooking }) => {
              setNotice();
              setReport();
              const saved = await organiserApi.updateEvent(
                props.eventId,
                allowOverbooking ? { ...input, allowOverbooking } : input,
              );
              await refresh();
              return saved;
            }}
          />

          <Show
            when={event()!.status === "draft"}
            fallback={<p class="notice notice-ok">{t("eventEditor.publish.published")}</p>}
          >
            <section class="card publish-card" aria-labelledby="publish-title">
              <h2 id="publish-title">{t("eventEditor.publish.title")}</h2>
              <p>{t("eventEditor.publish.text", { count: String(event()!.invitedInstitutionCount) })}</p>
              <Show when={dirty()}>
                <p id="publish-unsaved" class="hint">
                  {t("eventEditor.publish.unsaved")}
                </p>
              </Show>
              <button
                type="button"
                class="button"
                aria-disabled={dirty() || publishing() ? "true" : undefined}
                aria-describedby={dirty() ? "publish-unsaved" : undefined}
                onClick={publish}
              >
                {t("eventEditor.publish.button")}
              </button>
            </section>
          </Show>

          <section class="card danger-zone" aria-labelledby="cancel-title">
            <h2 id="cancel-title">{t("eventEditor.cancel.title")}</h2>
            <p>{t("eventEditor.cancel.text")}</p>
            <Show
              when={confirmCancel()}
              fallback={
                <button
                  type="button"
                  id="cancel-event"
                  class="button button-danger"
                  onClick={() => setConfirmCancel(true)}
                >
                  {t("eventEditor.cancel.button")}
                </button>
              }
            >
              <InlineConfirm
                id="cancel-confirm"
                danger
                question={t("eventEditor.cancel.question", { title: event()!.title })}
                text={t("eventEditor.cancel.consequence")}
                yes={t("eventEditor.cancel.yes")}
                no={t("eventEditor.cancel.no")}
                onKeep={() => {
                  setConfirmCancel(false);
                  requestAnimationFrame(() => document.getElementById("cancel-event")?.focus());
                }}
                onConfirm={async () => {
                  const result = await organiserApi.cancelEvent(props.eventId);
                  setConfirmCancel(false);
                  await refresh();
                  announce("ok", t("eventEditor.cancel.done", { count: String(result.notified) }));
                }}
              />
            </Show>
          </section>
        </Show>
      </Show>
    </ErrorBoundary>
  );
}

export default function EventEditPage() {
  const to = useNetworkPath();
  const { t } = useI18n();
  const params = useParams<{ eventId: string }>();
  return (
    <>
      <p class="back">
        <A href={to(`/veranstaltungen#${params.eventId}`)}>← {t("eventEditor.back")}</A>
      </p>
      <OrganiserGate
        heading={t("eventEditor.editTitle")}
        signIn={t("eventEditor.signInFirst")}
        notAllowed={t("eventEditor.notAllowed")}
      >
        {(networkId) => <EditEvent networkId={networkId} eventId={params.eventId} />}
      </OrganiserGate>
    </>
  );
}
