// The delegates the chosen institution has registered, with what can be done to each (panels in
// row-panels.tsx). Loaded with the contact's parts of the page.
import { createMemo, createSignal, For, Match, Show, Suspense, Switch } from "solid-js";
import { useI18n } from "../../i18n";
import { api, type EventDetail, type Registration } from "../../lib/api";
import { Loading } from "../status";
import { useReasons } from "./person";
import { AbsencePanel, CancelConfirm, HistoryList, SwapForm } from "./row-panels";

function StatusBadge(props: { registration: Registration }) {
  const { t, formatDateTime } = useI18n();
  return (
    <Switch>
      <Match when={props.registration.status === "confirmed"}>
        <span class="badge badge-positive">{t("registration.status.confirmed")}</span>
      </Match>
      <Match when={props.registration.status === "waitlisted" && props.registration.offeredUntil}>
        <span class="badge badge-offer">{t("registration.status.offered")}</span>
        <span class="reason offer-until">
          {t("registration.status.offeredUntil", { until: formatDateTime(props.registration.offeredUntil!) })}
        </span>
      </Match>
      <Match when={props.registration.status === "waitlisted"}>
        <span class="badge badge-waiting">{t("registration.status.waitlisted")}</span>
      </Match>
      <Match when={props.registration.status === "cancelled"}>
        <span class="badge badge-muted">{t("registration.status.cancelled")}</span>
      </Match>
    </Switch>
  );
}

export function RegistrationTable(props: {
  items: Registration[];
  tracks: EventDetail["tracks"];
  sessions: EventDetail["sessions"];
  actionsAllowed: boolean;
  onChanged: (message: string, focusId?: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const reason = useReasons();
  // Kept by id, so that a refreshed list does not close what is open.
  const [panel, setPanel] = createSignal<{ id: string; kind: "swap" | "cancel" | "absence" }>();
  const [historyOpen, setHistoryOpen] = createSignal<string[]>([]);
  const toggleHistory = (id: string) =>
    setHistoryOpen(historyOpen().includes(id) ? historyOpen().filter((x) => x !== id) : [...historyOpen(), id]);
  const trackTitle = (id: string | null) => props.tracks.find((tr) => tr.id === id)?.title ?? "";
  // Live registrations first, in order of request; cancelled ones after them.
  const ordered = createMemo(() => [
    ...props.items.filter((r) => r.status !== "cancelled"),
    ...props.items.filter((r) => r.status === "cancelled"),
  ]);
  const columns = () => (props.tracks.length > 0 ? 5 : 4);
  const closePanel = (id: string, button: "swap" | "cancel") => {
    setPanel();
    requestAnimationFrame(() => document.getElementById(`${button}-button-${id}`)?.focus());
  };

  return (
    <table class="registrations">
      <caption class="visually-hidden">{t("registration.list.caption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("registration.fields.name")}</th>
          <th scope="col">{t("registration.fields.function")}</th>
          <Show when={props.tracks.length > 0}>
            <th scope="col">{t("registration.fields.track")}</th>
          </Show>
          <th scope="col">{t("registration.list.status")}</th>
          <th scope="col">
            <span class="visually-hidden">{t("registration.list.actions")}</span>
          </th>
        </tr>
      </thead>
      <For each={ordered()}>
        {(r) => {
          const live = () => r.status !== "cancelled";
          const open = () => (panel()?.id === r.id ? panel()!.kind : undefined);
          const history = () => historyOpen().includes(r.id);
          return (
            <tbody classList={{ "row-cancelled": !live() }}>
              <tr>
                <th scope="row" data-label={t("registration.fields.name")}>
                  <span class="person-name">{r.name}</span>
                  <span class="muted person-email">{r.email}</span>
                </th>
                <td data-label={t("registration.fields.function")}>
                  {r.function || <span class="muted">–</span>}
                  <Show when={r.accessibilityNeeds}>
                    <span class="muted needs">
                      {t("registration.list.needs")}: {r.accessibilityNeeds}
                    </span>
                  </Show>
                </td>
                <Show when={props.tracks.length > 0}>
                  <td data-label={t("registration.fields.track")}>{trackTitle(r.trackId) || "–"}</td>
                </Show>
                <td data-label={t("registration.list.status")}>
                  <StatusBadge registration={r} />
                  <Show when={reason(r.reasonCode)}>
                    <span class="reason">{reason(r.reasonCode)}</span>
                  </Show>
                </td>
                <td class="row-actions">
                  <div class="row-actions-inner">
                    <Show when={live() && props.actionsAllowed}>
                      <button
                        type="button"
                        id={`swap-button-${r.id}`}
                        aria-label={`${t("registration.actions.swap")}: ${r.name}`}
                        class="button button-secondary button-small"
                        aria-expanded={open() === "swap"}
                        aria-controls={`panel-${r.id}`}
                        onClick={() => setPanel(open() === "swap" ? undefined : { id: r.id, kind: "swap" })}
                      >
                        {t("registration.actions.swap")}
                      </button>
                      <button
                        type="button"
                        id={`cancel-button-${r.id}`}
                        aria-label={`${t("registration.actions.cancel")}: ${r.name}`}
                        class="button button-secondary button-small"
                        aria-expanded={open() === "cancel"}
                        aria-controls={`panel-${r.id}`}
                        onClick={() => setPanel(open() === "cancel" ? undefined : { id: r.id, kind: "cancel" })}
                      >
                        {t("registration.actions.cancel")}
                      </button>
                    </Show>
                    <Show when={r.status === "confirmed" && props.sessions.length > 0}>
                      <button
                        type="button"
                        id={`absence-button-${r.id}`}
                        aria-label={`${t("attendance.contact.toggle")}: ${r.name}`}
                        class="button button-secondary button-small"
                        aria-expanded={open() === "absence"}
                        aria-controls={`panel-${r.id}`}
                        onClick={() => setPanel(open() === "absence" ? undefined : { id: r.id, kind: "absence" })}
                      >
                        {t("attendance.contact.toggle")}
                      </button>
                    </Show>
                    <button
                      type="button"
                      class="button-link"
                      aria-label={`${t("registration.actions.history")}: ${r.name}`}
                      aria-expanded={history()}
                      aria-controls={`history-${r.id}`}
                      onClick={() => toggleHistory(r.id)}
                    >
                      {t("registration.actions.history")}
                    </button>
                  </div>
                </td>
              </tr>
              <tr class="detail-row" hidden={!open() && !history()}>
                <td colspan={columns()}>
                  <div id={`panel-${r.id}`}>
                    <Switch>
                      <Match when={open() === "swap"}>
                        <SwapForm
                          registration={r}
                          onCancel={() => closePanel(r.id, "swap")}
                          onDone={async (name) => {
                            setPanel();
                            await props.onChanged(
                              t("registration.swap.done", { old: r.name, name }),
                              `swap-button-${r.id}`,
                            );
                          }}
                        />
                      </Match>
                      <Match when={open() === "absence"}>
                        <AbsencePanel
                          registration={r}
                          sessions={props.sessions}
                          onChanged={(message) => props.onChanged(message, `absence-button-${r.id}`)}
                        />
                      </Match>
                      <Match when={open() === "cancel"}>
                        <CancelConfirm
                          registration={r}
                          onKeep={() => closePanel(r.id, "cancel")}
                          onConfirm={async () => {
                            await api.cancelRegistration(r.id);
                            setPanel();
                            await props.onChanged(t("registration.cancel.done", { name: r.name }));
                          }}
                        />
                      </Match>
                    </Switch>
                  </div>
                  <div id={`history-${r.id}`} class="history-panel" hidden={!history()}>
                    <Show when={history()}>
                      <h3 class="history-title">{t("registration.history.title", { name: r.name })}</h3>
                      <Suspense fallback={<Loading />}>
                        <HistoryList registrationId={r.id} />
                      </Suspense>
                    </Show>
                  </div>
                </td>
              </tr>
            </tbody>
          );
        }}
      </For>
    </table>
  );
}
