import { A, createAsync, revalidate, useParams } from "@solidjs/router";
import { createMemo, createSignal, ErrorBoundary, For, Match, Show, Switch } from "solid-js";
import { InlineConfirm } from "../components/inline-confirm";
import { OrganiserGate } from "../components/organiser-gate";
import { LoadError } from "../components/status";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import type { Dictionary } from "../i18n/de";
import {
  type AllocationBoard,
  ApiProblem,
  api,
  type EventDetail,
  getAllEventRegistrations,
  getEvent,
  getEventBoard,
  getEventRegistrations,
  getEvents,
  getInstitutionEvents,
  getManagedEvents,
  organiserApi,
  type Registration,
} from "../lib/api";
import { useNetworkPath } from "../lib/network";
import { useSectors } from "../lib/sectors";
import "../i18n/organisers";

type ReasonKey = keyof Dictionary["reasons"];
type ActionKey = keyof Dictionary["registration"]["history"]["actions"];
type Phase = AllocationBoard["phase"];
type Line = AllocationBoard["institutions"][number];
type Notify = (kind: "ok" | "error", text: string, focusId?: string) => void;

const percent = (part: number, whole: number) => (whole > 0 ? Math.min(100, Math.max(0, (part / whole) * 100)) : 0);

/** Plain words for a rule code; empty when the catalogue does not know the code. */
function useReasons() {
  const { t } = useI18n();
  return (code: string | null | undefined) => {
    if (!code) return "";
    const text = t(`reasons.${code as ReasonKey}`);
    return typeof text === "string" ? text : "";
  };
}

/** A bar for a share, next to text that says the same (the bar alone carries no information). */
function Meter(props: { value: number; max: number; over?: boolean }) {
  return (
    <span class="meter" classList={{ "meter-over": !!props.over }} aria-hidden="true">
      <span style={{ width: `${percent(props.value, props.max)}%` }} />
    </span>
  );
}

function Figures(props: { board: AllocationBoard; event: EventDetail }) {
  const { t, formatDate } = useI18n();
  const b = () => props.board;
  const used = () => b().confirmed + b().offered;
  const dates = () => ({
    deadline: formatDate(props.event.quotaDeadline),
    opens: formatDate(props.event.registrationOpensAt),
    closes: formatDate(props.event.registrationClosesAt),
  });
  return (
    <section class="card board-figures" aria-labelledby="figures-title">
      <h2 id="figures-title">{t("board.figures")}</h2>
      <p>{t(`board.phaseHint.${b().phase}`, dates())}</p>
      <dl class="stats quota-stats board-stats">
        <div>
          <dt>{t("board.capacity")}</dt>
          <dd>{b().capacity}</dd>
        </div>
        <div class="stat-confirmed">
          <dt>{t("board.confirmed")}</dt>
          <dd>{b().confirmed}</dd>
        </div>
        <div class="stat-offered">
          <dt>{t("board.offered")}</dt>
          <dd>{b().offered}</dd>
        </div>
        <div class="stat-waiting">
          <dt>{t("board.waiting")}</dt>
          <dd>{b().waiting}</dd>
        </div>
        <div class="stat-free">
          <dt>{t("board.free")}</dt>
          <dd>{b().free}</dd>
        </div>
      </dl>
      <p class="usage-line">
        <strong>{t("board.usage", { used: String(used()), capacity: String(b().capacity) })}</strong>
      </p>
      <div class="usage-bar" aria-hidden="true">
        <span class="seg seg-confirmed" style={{ width: `${percent(b().confirmed, b().capacity)}%` }} />
        <span
          class="seg seg-offered"
          style={{
            width: `${Math.min(percent(b().offered, b().capacity), 100 - percent(b().confirmed, b().capacity))}%`,
          }}
        />
      </div>
      <ul class="usage-legend">
        <li>
          <span class="swatch swatch-confirmed" aria-hidden="true" />
          {t("board.legend.confirmed", { count: String(b().confirmed) })}
        </li>
        <li>
          <span class="swatch swatch-offered" aria-hidden="true" />
          {t("board.legend.offered", { count: String(b().offered) })}
        </li>
        <li>
          <span class="swatch swatch-free" aria-hidden="true" />
          {t("board.legend.free", { count: String(b().free) })}
        </li>
      </ul>
      <Show when={b().overbookedBy > 0}>
        <div class="notice notice-warning overbooked">
          <p>
            <strong>
              <span aria-hidden="true">⚠ </span>
              {t("board.overbooked.title")}
            </strong>
          </p>
          <p>{t("board.overbooked.text", { over: String(b().overbookedBy), capacity: String(b().capacity) })}</p>
        </div>
      </Show>
      <Show when={b().overCommitted}>
        <div class="notice notice-warning over-commitment">
          <p>
            <strong>
              <span aria-hidden="true">⚠ </span>
              {t("board.overCommitted.title")}
            </strong>
          </p>
          <p>
            {t("board.overCommitted.text", {
              quotaSum: String(b().quotaSum),
              capacity: String(b().capacity),
              over: String(b().overCommitment),
            })}
          </p>
        </div>
      </Show>
    </section>
  );
}

function CapacityForm(props: { eventId: string; capacity: number; onChanged: Notify }) {
  const { t } = useI18n();
  const [value, setValue] = createSignal("");
  const [error, setError] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  let input: HTMLInputElement | undefined;
  return (
    <form
      class="tool-form"
      novalidate
      aria-labelledby="capacity-title"
      onSubmit={async (e) => {
        e.preventDefault();
        if (busy()) return;
        const next = /^\d+$/.test(value().trim()) ? Number(value().trim()) : Number.NaN;
        if (!(next > props.capacity)) {
          setError(t("board.capacityForm.tooSmall", { capacity: String(props.capacity) }));
          input?.focus();
          return;
        }
        setBusy(true);
        setError("");
        try {
          await organiserApi.updateEvent(props.eventId, { capacity: next });
          setValue("");
          props.onChanged("ok", t("board.capacityForm.done", { capacity: String(next) }));
        } catch (err) {
          const field = err instanceof ApiProblem ? err.errors.find((f) => f.path === "capacity") : undefined;
          setError(field?.message ?? (err instanceof ApiProblem ? err.message : t("app.loadError")));
          input?.focus();
        } finally {
          setBusy(false);
        }
      }}
    >
      <h3 id="capacity-title">{t("board.capacityForm.title")}</h3>
      <p id="capacity-hint" class="hint field-hint">
        {t("board.capacityForm.hint")}
      </p>
      <div class="inline-fields">
        <div class="field">
          <label for="capacity-new">{t("board.capacityForm.label")}</label>
          <input
            ref={input}
            id="capacity-new"
            type="number"
            inputmode="numeric"
            min={props.capacity + 1}
            step="1"
            value={value()}
            placeholder={String(props.capacity + 1)}
            aria-invalid={error() ? "true" : undefined}
            aria-describedby={error() ? "capacity-hint capacity-new-error" : "capacity-hint"}
            onInput={(e) => setValue(e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="button" aria-disabled={busy() ? "true" : undefined}>
          {t("board.capacityForm.submit")}
        </button>
      </div>
      <Show when={error()}>
        <p id="capacity-new-error" class="field-error">
          {error()}
        </p>
      </Show>
    </form>
  );
}

function Redistribution(props: { eventId: string; board: AllocationBoard; onChanged: Notify }) {
  const { t, formatDateTime } = useI18n();
  const [asking, setAsking] = createSignal(false);
  const allowed = () => props.board.phase === "reserved" || props.board.phase === "awaiting_redistribution";
  return (
    <div class="tool-form">
      <h3 id="redistribution-title">{t("board.redistribution.title")}</h3>
      <Show
        when={allowed()}
        fallback={
          <p class="hint">
            {props.board.redistributedAt
              ? t("board.redistribution.ran", { date: formatDateTime(props.board.redistributedAt) })
              : t("board.redistribution.notNow")}
          </p>
        }
      >
        <p class="hint">{t("board.redistribution.text")}</p>
        <Show
          when={asking()}
          fallback={
            <button type="button" id="redistribution-start" class="button" onClick={() => setAsking(true)}>
              {t("board.redistribution.start")}
            </button>
          }
        >
          <InlineConfirm
            id="redistribution-confirm"
            question={t("board.redistribution.question")}
            text={t("board.redistribution.explain")}
            yes={t("board.redistribution.yes")}
            no={t("board.redistribution.no")}
            onKeep={() => {
              setAsking(false);
              requestAnimationFrame(() => document.getElementById("redistribution-start")?.focus());
            }}
            onConfirm={async () => {
              const before = props.board.confirmed;
              const after = await organiserApi.redistribute(props.eventId);
              setAsking(false);
              props.onChanged(
                "ok",
                t("board.redistribution.done", { count: String(Math.max(0, after.confirmed - before)) }),
              );
            }}
          />
        </Show>
      </Show>
    </div>
  );
}

type SortKey = "institutionName" | "sector" | "quota" | "confirmed" | "offered" | "waiting" | "unclaimed";

function InstitutionTable(props: { board: AllocationBoard }) {
  const { t } = useI18n();
  const sectors = useSectors();
  const [sort, setSort] = createSignal<{ key: SortKey; dir: 1 | -1 }>({ key: "institutionName", dir: 1 });
  const text = (l: Line, key: "institutionName" | "sector") =>
    key === "sector" ? sectors.name(l.sectorKey) : l.institutionName;
  const rows = createMemo(() => {
    const { key, dir } = sort();
    return [...props.board.institutions].sort((a, b) => {
      const byName = a.institutionName.localeCompare(b.institutionName, "de");
      if (key === "institutionName" || key === "sector") {
        const c = text(a, key).localeCompare(text(b, key), "de");
        return (c || byName) * dir;
      }
      return (a[key] - b[key]) * dir || byName;
    });
  });
  const total = (key: "quota" | "confirmed" | "offered" | "waiting" | "unclaimed") =>
    props.board.institutions.reduce((sum, l) => sum + l[key], 0);
  const columns: { key: SortKey; label: () => string; num?: boolean }[] = [
    { key: "institutionName", label: () => t("board.institutions.name") },
    { key: "sector", label: () => t("board.institutions.sector") },
    { key: "quota", label: () => t("board.institutions.quota"), num: true },
    { key: "confirmed", label: () => t("board.institutions.confirmed"), num: true },
    { key: "offered", label: () => t("board.institutions.offered"), num: true },
    { key: "waiting", label: () => t("board.institutions.waiting"), num: true },
    { key: "unclaimed", label: () => t("board.institutions.unclaimed"), num: true },
  ];
  const ariaSort = (key: SortKey) =>
    sort().key === key ? (sort().dir === 1 ? ("ascending" as const) : ("descending" as const)) : undefined;
  return (
    <section class="card" aria-labelledby="institutions-title">
      <h2 id="institutions-title">{t("board.institutions.title")}</h2>
      <Show when={props.board.institutions.length > 0} fallback={<p class="muted">{t("board.institutions.none")}</p>}>
        <section class="table-scroll" aria-label={t("board.institutions.scrollHint")} tabindex="0">
          <table class="board-table">
            <caption class="visually-hidden">{t("board.institutions.caption")}</caption>
            <thead>
              <tr>
                <For each={columns}>
                  {(col) => (
                    <th scope="col" class={col.num ? "num" : undefined} aria-sort={ariaSort(col.key)}>
                      <button
                        type="button"
                        class="sort-button"
                        onClick={() =>
                          setSort(
                            sort().key === col.key
                              ? { key: col.key, dir: sort().dir === 1 ? -1 : 1 }
                              : { key: col.key, dir: col.num ? -1 : 1 },
                          )
                        }
                      >
                        {col.label()}
                        <span class="sort-mark" aria-hidden="true">
                          {sort().key === col.key ? (sort().dir === 1 ? "▲" : "▼") : "↕"}
                        </span>
                      </button>
                    </th>
                  )}
                </For>
              </tr>
            </thead>
            <tbody>
              <For each={rows()}>
                {(l) => (
                  <tr classList={{ "row-quiet": l.confirmed + l.offered + l.waiting === 0 }}>
                    <th scope="row">{l.institutionName}</th>
                    <td>{sectors.name(l.sectorKey)}</td>
                    <td class="num">{l.quota}</td>
                    <td class="num">
                      <span class="num-with-meter">
                        {l.confirmed}
                        <Meter value={l.confirmed + l.offered} max={l.quota} />
                      </span>
                    </td>
                    <td class="num">{l.offered}</td>
                    <td class="num">{l.waiting}</td>
                    <td class="num">{l.unclaimed}</td>
                  </tr>
                )}
              </For>
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  {t("board.institutions.total")}
                </th>
                <td class="num">{total("quota")}</td>
                <td class="num">{total("confirmed")}</td>
                <td class="num">{total("offered")}</td>
                <td class="num">{total("waiting")}</td>
                <td class="num">{total("unclaimed")}</td>
              </tr>
            </tfoot>
          </table>
        </section>
      </Show>
    </section>
  );
}

function SectorMix(props: { board: AllocationBoard }) {
  const { t } = useI18n();
  const sectors = useSectors();
  const total = () => props.board.sectors.length;
  const represented = () => total() - props.board.sectorsWithoutConfirmed.length;
  const ordered = createMemo(() =>
    [...props.board.sectors].sort((a, b) => sectors.name(a.sectorKey).localeCompare(sectors.name(b.sectorKey), "de")),
  );
  return (
    <section class="card" aria-labelledby="sectors-title">
      <h2 id="sectors-title">{t("board.sectors.title")}</h2>
      <p>
        <strong>{t("board.sectors.represented", { count: String(represented()), total: String(total()) })}</strong>
      </p>
      <Meter value={represented()} max={total()} />
      <Show
        when={props.board.sectorsWithoutConfirmed.length > 0}
        fallback={<p class="notice notice-ok mix-note">{t("board.sectors.allRepresented")}</p>}
      >
        <div class="mix-missing">
          <p>{t("board.sectors.missing")}</p>
          <ul class="tag-list">
            <For
              each={[...props.board.sectorsWithoutConfirmed].sort((a, b) =>
                sectors.name(a).localeCompare(sectors.name(b), "de"),
              )}
            >
              {(key) => <li class="badge badge-waiting">{sectors.name(key)}</li>}
            </For>
          </ul>
        </div>
      </Show>
      <section class="table-scroll" aria-label={t("board.sectors.caption")} tabindex="0">
        <table class="board-table compact">
          <caption class="visually-hidden">{t("board.sectors.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("board.institutions.sector")}</th>
              <th scope="col" class="num">
                {t("board.sectors.institutions")}
              </th>
              <th scope="col" class="num">
                {t("board.institutions.quota")}
              </th>
              <th scope="col" class="num">
                {t("board.institutions.confirmed")}
              </th>
              <th scope="col" class="num">
                {t("board.institutions.waiting")}
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={ordered()}>
              {(s) => (
                <tr>
                  <th scope="row">
                    {sectors.name(s.sectorKey)}
                    <Show when={s.confirmed === 0}>
                      {" "}
                      <span class="badge badge-waiting badge-tiny">{t("board.sectors.notRepresented")}</span>
                    </Show>
                  </th>
                  <td class="num">{s.institutions}</td>
                  <td class="num">{s.quota}</td>
                  <td class="num">{s.confirmed}</td>
                  <td class="num">{s.waiting}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </section>
    </section>
  );
}

function TrackUsage(props: { board: AllocationBoard }) {
  const { t } = useI18n();
  return (
    <section class="card" aria-labelledby="tracks-title">
      <h2 id="tracks-title">{t("board.tracks.title")}</h2>
      <ul class="track-usage">
        <For each={props.board.tracks}>
          {(track) => (
            <li>
              <strong>{track.title}</strong>
              <span>
                {t("board.tracks.usage", { confirmed: String(track.confirmed), capacity: String(track.capacity) })}
                <Show when={track.waiting > 0}> · {t("board.tracks.waiting", { count: String(track.waiting) })}</Show>
              </span>
              <Meter value={track.confirmed} max={track.capacity} over={track.confirmed > track.capacity} />
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}

const LOG_PREVIEW = 12;

function DecisionLog(props: { board: AllocationBoard }) {
  const { t, formatDateTime } = useI18n();
  const reason = useReasons();
  const [all, setAll] = createSignal(false);
  const shown = () => (all() ? props.board.decisions : props.board.decisions.slice(0, LOG_PREVIEW));
  const sentence = (d: AllocationBoard["decisions"][number]) => {
    const place = d.reasonParams?.place;
    const institution = d.institutionName;
    if (typeof place === "number")
      return t(d.action === "offered" ? "board.log.offerPlace" : "board.log.place", {
        place: String(place),
        institution,
      });
    const action =
      d.action === "override"
        ? t("board.registrations.override")
        : t(`registration.history.actions.${d.action as ActionKey}`) || d.action;
    return t("board.log.action", { action, institution });
  };
  return (
    <section class="card" aria-labelledby="log-title">
      <h2 id="log-title">{t("board.log.title")}</h2>
      <p class="hint section-intro">{t("board.log.intro")}</p>
      <Show when={props.board.decisions.length > 0} fallback={<p class="muted">{t("board.log.empty")}</p>}>
        <ol class="history decision-log" id="decision-log">
          <For each={shown()}>
            {(d) => (
              <li>
                <time datetime={d.at}>{formatDateTime(d.at)}</time>
                <span>
                  <strong>{sentence(d)}</strong>
                  <Show when={reason(d.reasonCode)}>
                    <span class="visually-hidden">: </span>
                    <span class="reason">{reason(d.reasonCode)}</span>
                  </Show>
                </span>
              </li>
            )}
          </For>
        </ol>
        <Show when={props.board.decisions.length > LOG_PREVIEW}>
          <button
            type="button"
            class="button-link"
            aria-expanded={all()}
            aria-controls="decision-log"
            onClick={() => setAll(!all())}
          >
            {all() ? t("board.log.showLess") : t("board.log.showAll", { count: String(props.board.decisions.length) })}
          </button>
        </Show>
      </Show>
    </section>
  );
}

function StatusBadge(props: { registration: Registration }) {
  const { t, formatDateTime } = useI18n();
  return (
    <Switch>
      <Match when={props.registration.status === "confirmed"}>
        <span class="badge badge-positive">{t("registration.status.confirmed")}</span>
      </Match>
      <Match when={props.registration.status === "waitlisted" && props.registration.offeredUntil}>
        <span class="badge badge-offer">
          {t("registration.status.offered", { until: formatDateTime(props.registration.offeredUntil!) })}
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

function MoveForm(props: {
  registration: Registration;
  tracks: AllocationBoard["tracks"];
  onDone: (trackTitle: string) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const options = () => props.tracks.filter((tr) => tr.id !== props.registration.trackId);
  const [trackId, setTrackId] = createSignal(options()[0]?.id ?? "");
  const [error, setError] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const id = `move-${props.registration.id}`;
  return (
    <form
      class="inline-panel form"
      novalidate
      aria-labelledby={`${id}-title`}
      onSubmit={async (e) => {
        e.preventDefault();
        if (busy() || !trackId()) return;
        setBusy(true);
        setError("");
        try {
          await organiserApi.moveRegistration(props.registration.id, trackId());
          await props.onDone(props.tracks.find((tr) => tr.id === trackId())?.title ?? "");
        } catch (err) {
          setError(err instanceof ApiProblem ? err.message : t("app.loadError"));
          document.getElementById(`${id}-track`)?.focus();
        } finally {
          setBusy(false);
        }
      }}
    >
      <h3 id={`${id}-title`}>{t("board.registrations.moveTitle", { name: props.registration.name })}</h3>
      <div class="inline-fields">
        <div class="field">
          <label for={`${id}-track`}>{t("board.registrations.moveLabel")}</label>
          <select
            id={`${id}-track`}
            ref={(el) => requestAnimationFrame(() => el.focus())}
            value={trackId()}
            aria-invalid={error() ? "true" : undefined}
            aria-describedby={error() ? `${id}-error` : undefined}
            onChange={(e) => setTrackId(e.currentTarget.value)}
          >
            <For each={options()}>
              {(tr) => (
                <option value={tr.id}>
                  {t("board.registrations.trackUsage", {
                    title: tr.title,
                    confirmed: String(tr.confirmed),
                    capacity: String(tr.capacity),
                  })}
                </option>
              )}
            </For>
          </select>
        </div>
        <div class="actions">
          <button type="submit" class="button" aria-disabled={busy() ? "true" : undefined}>
            {t("board.registrations.moveSubmit")}
          </button>
          <button type="button" class="button button-secondary" onClick={() => props.onCancel()}>
            {t("board.registrations.keep")}
          </button>
        </div>
      </div>
      <Show when={error()}>
        <p id={`${id}-error`} class="field-error" role="alert">
          {error()}
        </p>
      </Show>
    </form>
  );
}

type StatusFilter = "live" | "all" | "confirmed" | "offered" | "waitlisted" | "cancelled";

function Participants(props: {
  items: Registration[];
  board: AllocationBoard;
  actionsAllowed: boolean;
  onChanged: Notify;
}) {
  const { t } = useI18n();
  const reason = useReasons();
  const [panel, setPanel] = createSignal<{ id: string; kind: "confirm" | "move" | "cancel" }>();
  const [status, setStatus] = createSignal<StatusFilter>("live");
  const [query, setQuery] = createSignal("");
  const hasTracks = () => props.board.tracks.length > 0;
  const trackTitle = (id: string | null) => props.board.tracks.find((tr) => tr.id === id)?.title ?? "";
  const kindOf = (r: Registration): StatusFilter =>
    r.status === "waitlisted" && r.offeredUntil ? "offered" : (r.status as StatusFilter);
  const shown = createMemo(() => {
    const words = query().trim().toLocaleLowerCase("de").split(/\s+/).filter(Boolean);
    const list = props.items.filter((r) => {
      const s = status();
      if (s === "live" && r.status === "cancelled") return false;
      if (s !== "live" && s !== "all" && kindOf(r) !== s) return false;
      const text = `${r.name} ${r.email} ${r.institutionName}`.toLocaleLowerCase("de");
      return words.every((w) => text.includes(w));
    });
    return [...list.filter((r) => r.status !== "cancelled"), ...list.filter((r) => r.status === "cancelled")];
  });
  const columns = () => (hasTracks() ? 5 : 4);
  const close = (r: Registration, kind: "confirm" | "move" | "cancel") => {
    setPanel();
    requestAnimationFrame(() => document.getElementById(`${kind}-button-${r.id}`)?.focus());
  };
  const toggle = (r: Registration, kind: "confirm" | "move" | "cancel") =>
    setPanel(panel()?.id === r.id && panel()?.kind === kind ? undefined : { id: r.id, kind });

  return (
    <section class="card" aria-labelledby="participants-title">
      <h2 id="participants-title">{t("board.registrations.title")}</h2>
      <Show when={props.items.length > 0} fallback={<p class="muted">{t("board.registrations.empty")}</p>}>
        <div class="list-filters">
          <div class="field">
            <label for="participants-status">{t("board.registrations.filterStatus")}</label>
            <select
              id="participants-status"
              value={status()}
              onChange={(e) => setStatus(e.currentTarget.value as StatusFilter)}
            >
              <option value="live">{t("board.registrations.live")}</option>
              <option value="all">{t("board.registrations.all")}</option>
              <option value="confirmed">{t("registration.status.confirmed")}</option>
              <option value="offered">{t("board.offered")}</option>
              <option value="waitlisted">{t("registration.status.waitlisted")}</option>
              <option value="cancelled">{t("registration.status.cancelled")}</option>
            </select>
          </div>
          <div class="field">
            <label for="participants-search">{t("board.registrations.search")}</label>
            <input
              id="participants-search"
              type="search"
              value={query()}
              onInput={(e) => setQuery(e.currentTarget.value)}
            />
          </div>
          <p class="result-count" aria-live="polite">
            {t("board.registrations.count", { shown: String(shown().length), total: String(props.items.length) })}
          </p>
        </div>
        <Show when={shown().length > 0} fallback={<p class="muted">{t("board.registrations.noMatch")}</p>}>
          <table class="registrations participants">
            <caption class="visually-hidden">{t("board.registrations.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("registration.fields.name")}</th>
                <th scope="col">{t("board.registrations.institution")}</th>
                <Show when={hasTracks()}>
                  <th scope="col">{t("registration.fields.track")}</th>
                </Show>
                <th scope="col">{t("registration.list.status")}</th>
                <th scope="col">
                  <span class="visually-hidden">{t("registration.list.actions")}</span>
                </th>
              </tr>
            </thead>
            <For each={shown()}>
              {(r) => {
                const live = () => r.status !== "cancelled";
                const waiting = () => r.status === "waitlisted" && !r.offeredUntil;
                const open = () => (panel()?.id === r.id ? panel()!.kind : undefined);
                return (
                  <tbody classList={{ "row-cancelled": !live() }}>
                    <tr>
                      <th scope="row" data-label={t("registration.fields.name")}>
                        <span class="person-name">{r.name}</span>
                        <span class="muted person-email">{r.email}</span>
                      </th>
                      <td data-label={t("board.registrations.institution")}>{r.institutionName}</td>
                      <Show when={hasTracks()}>
                        <td data-label={t("registration.fields.track")}>{trackTitle(r.trackId) || "–"}</td>
                      </Show>
                      <td data-label={t("registration.list.status")}>
                        <StatusBadge registration={r} />
                        <Show when={r.isOverride}>
                          {" "}
                          <span class="badge badge-override">{t("board.registrations.override")}</span>
                        </Show>
                        <Show when={reason(r.reasonCode)}>
                          <span class="reason">{reason(r.reasonCode)}</span>
                        </Show>
                      </td>
                      <td class="row-actions">
                        <Show when={live() && props.actionsAllowed}>
                          <Show when={waiting()}>
                            <button
                              type="button"
                              id={`confirm-button-${r.id}`}
                              class="button button-small"
                              aria-expanded={open() === "confirm"}
                              aria-controls={`panel-${r.id}`}
                              onClick={() => toggle(r, "confirm")}
                            >
                              {t("board.registrations.confirm")}
                              <span class="visually-hidden">: {r.name}</span>
                            </button>
                          </Show>
                          <Show when={hasTracks()}>
                            <button
                              type="button"
                              id={`move-button-${r.id}`}
                              class="button button-secondary button-small"
                              aria-expanded={open() === "move"}
                              aria-controls={`panel-${r.id}`}
                              onClick={() => toggle(r, "move")}
                            >
                              {t("board.registrations.move")}
                              <span class="visually-hidden">: {r.name}</span>
                            </button>
                          </Show>
                          <button
                            type="button"
                            id={`cancel-button-${r.id}`}
                            class="button button-secondary button-small"
                            aria-expanded={open() === "cancel"}
                            aria-controls={`panel-${r.id}`}
                            onClick={() => toggle(r, "cancel")}
                          >
                            {t("board.registrations.cancel")}
                            <span class="visually-hidden">: {r.name}</span>
                          </button>
                        </Show>
                      </td>
                    </tr>
                    <tr class="detail-row" hidden={!open()}>
                      <td colspan={columns()}>
                        <div id={`panel-${r.id}`}>
                          <Switch>
                            <Match when={open() === "confirm"}>
                              <InlineConfirm
                                id={`confirm-${r.id}`}
                                question={t("board.registrations.confirmQuestion", { name: r.name })}
                                text={t("board.registrations.confirmText")}
                                yes={t("board.registrations.confirmYes")}
                                no={t("board.registrations.keep")}
                                onKeep={() => close(r, "confirm")}
                                onConfirm={async () => {
                                  await organiserApi.confirmOverLimit(r.id);
                                  setPanel();
                                  props.onChanged("ok", t("board.registrations.confirmed", { name: r.name }));
                                }}
                              />
                            </Match>
                            <Match when={open() === "move"}>
                              <MoveForm
                                registration={r}
                                tracks={props.board.tracks}
                                onCancel={() => close(r, "move")}
                                onDone={async (track) => {
                                  setPanel();
                                  props.onChanged(
                                    "ok",
                                    t("board.registrations.moved", { name: r.name, track }),
                                    `move-button-${r.id}`,
                                  );
                                }}
                              />
                            </Match>
                            <Match when={open() === "cancel"}>
                              <InlineConfirm
                                id={`cancel-${r.id}`}
                                danger
                                question={t("board.registrations.cancelQuestion", { name: r.name })}
                                text={
                                  r.status === "confirmed" || r.offeredUntil
                                    ? t("board.registrations.cancelConfirmed")
                                    : t("board.registrations.cancelWaiting")
                                }
                                yes={t("board.registrations.cancelYes")}
                                no={t("board.registrations.keep")}
                                onKeep={() => close(r, "cancel")}
                                onConfirm={async () => {
                                  await api.cancelRegistration(r.id);
                                  setPanel();
                                  props.onChanged("ok", t("board.registrations.cancelled", { name: r.name }));
                                }}
                              />
                            </Match>
                          </Switch>
                        </div>
                      </td>
                    </tr>
                  </tbody>
                );
              }}
            </For>
          </table>
        </Show>
      </Show>
    </section>
  );
}

function Board(props: { eventId: string }) {
  const to = useNetworkPath();
  const { t, formatDate } = useI18n();
  const event = createAsync(() => getEvent(props.eventId));
  const board = createAsync(() => getEventBoard(props.eventId));
  const registrations = createAsync(() => getAllEventRegistrations(props.eventId));
  usePageTitle(() => (event() ? `${t("board.title")}: ${event()!.title}` : t("board.title")));
  const [notice, setNotice] = createSignal<{ kind: "ok" | "error"; text: string }>();
  let pageStatus: HTMLDivElement | undefined;

  const onChanged: Notify = async (kind, text, focusId) => {
    await revalidate([
      getEventBoard.key,
      getAllEventRegistrations.key,
      getEvent.key,
      getManagedEvents.key,
      getEvents.key,
      getEventRegistrations.key,
      getInstitutionEvents.key,
    ]);
    setNotice({ kind, text });
    requestAnimationFrame(() => {
      const target = focusId ? document.getElementById(focusId) : null;
      (target ?? pageStatus)?.focus();
    });
  };
  const phaseText = (phase: Phase, e: EventDetail) =>
    t(`registration.phase.${phase}`, {
      deadline: formatDate(e.quotaDeadline),
      opens: formatDate(e.registrationOpensAt),
      closes: formatDate(e.registrationClosesAt),
    });

  return (
    <ErrorBoundary fallback={(error, reset) => <LoadError error={error} reset={reset} />}>
      <Show when={event() && board()}>
        <header class="page-head">
          <div>
            <p class="eyebrow">
              {t(`events.types.${event()!.type}`)} · {t("board.title")}
            </p>
            <h1>{event()!.title}</h1>
          </div>
          <div class="page-head-row">
            <p class={`phase phase-${board()!.phase}`}>{phaseText(board()!.phase, event()!)}</p>
            <div class="actions page-actions">
              <Show when={event()!.status !== "cancelled"}>
                <A
                  class="button button-secondary"
                  href={to(`/veranstaltungen/${encodeURIComponent(props.eventId)}/bearbeiten`)}
                >
                  {t("board.edit")}
                </A>
              </Show>
              <Show when={event()!.status === "published"}>
                <A
                  class="button button-secondary"
                  href={to(`/veranstaltungen/${encodeURIComponent(props.eventId)}/anmelden`)}
                >
                  {t("board.registerFor")}
                </A>
              </Show>
              <Show when={event()!.status !== "draft"}>
                <A
                  class="button button-secondary"
                  href={to(`/veranstaltungen/${encodeURIComponent(props.eventId)}/anwesenheit`)}
                >
                  {t("attendance.link")}
                </A>
              </Show>
              <Show when={event()!.status !== "draft"}>
                <A
                  class="button button-secondary"
                  href={to(`/veranstaltungen/${encodeURIComponent(props.eventId)}/rueckmeldungen`)}
                >
                  {t("feedback.link")}
                </A>
              </Show>
              <Show when={event()!.status !== "draft"}>
                <A
                  class="button button-secondary"
                  href={to(`/veranstaltungen/${encodeURIComponent(props.eventId)}/nachrichten`)}
                >
                  {t("messaging.link")}
                </A>
              </Show>
            </div>
          </div>
          <Show when={event()!.status === "published" && event()!.sessions.length > 0}>
            <nav class="check-in-links" aria-label={t("checkIn.links")}>
              <For each={event()!.sessions}>
                {(s) => (
                  <A
                    class="button button-secondary button-small"
                    href={to(
                      `/veranstaltungen/${encodeURIComponent(props.eventId)}/termine/${encodeURIComponent(s.id)}/einlass`,
                    )}
                    // A new document: only the check-in page's own headers allow the camera (web/public/_headers).
                    rel="external"
                  >
                    {t("checkIn.title")}: {s.title}
                  </A>
                )}
              </For>
            </nav>
          </Show>
        </header>
        <div class="page-status" role="status" tabindex="-1" ref={pageStatus}>
          <Show when={notice()}>
            {(n) => <p class={n().kind === "ok" ? "notice notice-ok" : "notice notice-error"}>{n().text}</p>}
          </Show>
        </div>

        <Figures board={board()!} event={event()!} />

        <Show when={event()!.status !== "cancelled"}>
          <div class="card board-tools">
            <CapacityForm eventId={props.eventId} capacity={board()!.capacity} onChanged={onChanged} />
            <Redistribution eventId={props.eventId} board={board()!} onChanged={onChanged} />
          </div>
        </Show>

        <InstitutionTable board={board()!} />

        <div class="board-columns" classList={{ single: board()!.tracks.length === 0 }}>
          <SectorMix board={board()!} />
          <Show when={board()!.tracks.length > 0}>
            <TrackUsage board={board()!} />
          </Show>
        </div>

        <Participants
          items={registrations()?.items ?? []}
          board={board()!}
          actionsAllowed={event()!.status === "published"}
          onChanged={onChanged}
        />

        <DecisionLog board={board()!} />
      </Show>
    </ErrorBoundary>
  );
}

export default function EventBoardPage() {
  const to = useNetworkPath();
  const { t } = useI18n();
  const params = useParams<{ eventId: string }>();
  usePageTitle(() => t("board.title"));
  return (
    <>
      <p class="back">
        <A href={to(`/veranstaltungen#${params.eventId}`)}>← {t("board.back")}</A>
      </p>
      <OrganiserGate heading={t("board.title")} signIn={t("board.signInFirst")} notAllowed={t("board.notAllowed")}>
        {() => <Board eventId={params.eventId} />}
      </OrganiserGate>
    </>
  );
}
