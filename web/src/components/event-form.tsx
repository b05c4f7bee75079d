import { createEffect, createMemo, createSignal, For, type JSX, Show } from "solid-js";
import { createStore, produce } from "solid-js/store";
import { quotasApply } from "../../../worker/domain/allocation";
import { useI18n } from "../i18n";
import { ApiProblem, type EventDetail, type EventInput, type InstitutionSummary } from "../lib/api";
import { berlinLocalToIso, berlinToIso, isoToBerlin, isoToBerlinLocal } from "../lib/berlin-time";
import { useSectors } from "../lib/sectors";
import { buildReminders, EventReminders, type ReminderDraft, reminderDraftOf } from "./event-reminders";
import "../i18n/organisers";

const eventTypes = ["kickoff", "workshop", "quality_workshop", "network_conference", "training"] as const;
type EventType = (typeof eventTypes)[number];
type InvitationMode = "all" | "sectors" | "picked";

type SessionDraft = {
  key: string;
  id?: string;
  date: string;
  start: string;
  end: string;
  title: string;
  topic: string;
};
type TrackDraft = {
  key: string;
  id?: string;
  title: string;
  description: string;
  capacity: string;
  sessionKey: string;
};
type Draft = {
  type: EventType;
  title: string;
  description: string;
  venueName: string;
  venueAddress: string;
  venueAccessibility: string;
  sessions: SessionDraft[];
  tracks: TrackDraft[];
  capacity: string;
  defaultQuota: string;
  registrationOpensAt: string;
  quotaDeadline: string;
  registrationClosesAt: string;
  promotionMode: "offer" | "direct";
  offerHours: string;
  /** Check-in opens this many minutes before a session starts. */
  checkInMinutesBefore: string;
  /** Data protection: shown with the privacy notice at registration. */
  legalBasis: string;
  /** Empty: the network's retention period applies. */
  retentionMonths: string;
  invitationMode: InvitationMode;
  sectorKeys: string[];
  institutionIds: string[];
  /** Per institution id: the quota typed in; empty means the event's default applies. */
  overrides: Record<string, string>;
  reminders: ReminderDraft;
};
type TextKey = "title" | "description" | "venueName" | "venueAddress" | "venueAccessibility";
type NumberKey = "capacity" | "defaultQuota" | "offerHours" | "checkInMinutesBefore";
/** The largest lead time the API takes: a week. */
const MAX_CHECK_IN_MINUTES = 10_080;
type DateKey = "registrationOpensAt" | "quotaDeadline" | "registrationClosesAt";

let sequence = 0;
const nextKey = (prefix: string) => `${prefix}${++sequence}`;

const emptySession = (): SessionDraft => ({ key: nextKey("s"), date: "", start: "", end: "", title: "", topic: "" });
const emptyTrack = (): TrackDraft => ({ key: nextKey("t"), title: "", description: "", capacity: "", sessionKey: "" });

/** The form's values from a saved event, or sensible blanks for a new one. */
function draftOf(event: EventDetail | undefined): Draft {
  if (!event)
    return {
      type: "workshop",
      title: "",
      description: "",
      venueName: "",
      venueAddress: "",
      venueAccessibility: "",
      sessions: [emptySession()],
      tracks: [],
      capacity: "40",
      defaultQuota: "2",
      registrationOpensAt: "",
      quotaDeadline: "",
      registrationClosesAt: "",
      promotionMode: "offer",
      offerHours: "48",
      checkInMinutesBefore: "120",
      legalBasis: "",
      retentionMonths: "",
      invitationMode: "all",
      sectorKeys: [],
      institutionIds: [],
      overrides: {},
      reminders: reminderDraftOf(),
    };
  const sessions = event.sessions.map((s) => {
    const start = isoToBerlin(s.startsAt);
    return {
      key: nextKey("s"),
      id: s.id,
      date: start.date,
      start: start.time,
      end: isoToBerlin(s.endsAt).time,
      title: s.title,
      topic: s.topic,
    };
  });
  const keyOfSession = (id: string | null) => sessions[event.sessions.findIndex((s) => s.id === id)]?.key ?? "";
  return {
    type: event.type,
    title: event.title,
    description: event.description,
    venueName: event.venueName,
    venueAddress: event.venueAddress,
    venueAccessibility: event.venueAccessibility,
    sessions,
    tracks: event.tracks.map((t) => ({
      key: nextKey("t"),
      id: t.id,
      title: t.title,
      description: t.description,
      capacity: String(t.capacity),
      sessionKey: keyOfSession(t.sessionId),
    })),
    capacity: String(event.capacity),
    defaultQuota: String(event.defaultQuota),
    registrationOpensAt: isoToBerlinLocal(event.registrationOpensAt),
    quotaDeadline: isoToBerlinLocal(event.quotaDeadline),
    registrationClosesAt: isoToBerlinLocal(event.registrationClosesAt),
    promotionMode: event.promotionMode,
    offerHours: String(event.offerHours),
    checkInMinutesBefore: String(event.checkInMinutesBefore),
    legalBasis: event.legalBasis,
    retentionMonths: event.retentionMonths === null ? "" : String(event.retentionMonths),
    invitationMode: event.invitation.mode,
    sectorKeys: [...event.invitation.sectorKeys],
    institutionIds: [...event.invitation.institutionIds],
    overrides: Object.fromEntries(event.quotaOverrides.map((o) => [o.institutionId, String(o.places)])),
    reminders: reminderDraftOf(event),
  };
}

const wholeNumber = (value: string) => (/^\d+$/.test(value.trim()) ? Number(value.trim()) : undefined);

type Errors = Record<string, string>;

/** Moves focus to the first field marked invalid inside `root`, after the DOM has caught up. */
function focusFirstError(root: HTMLElement | undefined) {
  requestAnimationFrame(() => root?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}

/**
 * The organiser's event form, shared by the new and the edit page: what, where, when (sessions in
 * Berlin time), parallel tracks, places and registration window, whom to invite and their quotas.
 * `onSubmit` gets the complete input; when it answers the saved event, the form starts over from it
 * (so new sessions and tracks keep their ids on the next save).
 */
export function EventForm(props: {
  initial?: EventDetail;
  /** The network's active institutions, sorted by name. */
  institutions: InstitutionSummary[];
  submitLabel: string;
  /** `allowOverbooking`: the organiser confirmed lowering places below those already held. */
  onSubmit: (input: EventInput, options: { allowOverbooking: boolean }) => Promise<EventDetail | undefined>;
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const { t } = useI18n();
  const sectors = useSectors();
  const [draft, setDraft] = createStore<Draft>(draftOf(props.initial));
  const [baseline, setBaseline] = createSignal(JSON.stringify(draft));
  const dirty = createMemo(() => JSON.stringify(draft) !== baseline());
  createEffect(() => props.onDirtyChange?.(dirty()));
  const [errors, setErrors] = createSignal<Errors>({});
  const [message, setMessage] = createSignal<{ kind: "ok" | "error"; text: string }>();
  // Shown once the server refused to lower places below those held; ticking it lets the next save overbook.
  const [overbookAsked, setOverbookAsked] = createSignal(false);
  const [overbook, setOverbook] = createSignal(false);
  const [announcement, setAnnouncement] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const [filter, setFilter] = createSignal("");
  let form: HTMLFormElement | undefined;

  const error = (id: string) => errors()[id];
  /** A corrected field loses its error mark (the server checks everything again on saving). */
  const clearError = (id: string) => {
    if (!errors()[id]) return;
    const { [id]: _, ...rest } = errors();
    setErrors(rest);
  };
  const clearFor = (e: Event) => {
    const id = (e.target as HTMLElement | null)?.id ?? "";
    if (id.startsWith("ev-sector-")) clearError("ev-sectorKeys");
    else if (id.startsWith("ev-inst-")) clearError("ev-institutionIds");
    else if (id) clearError(id);
  };
  /** aria attributes of a field that may carry an error, plus an optional hint. */
  const described = (id: string, hint = false) => ({
    "aria-invalid": error(id) ? ("true" as const) : undefined,
    "aria-describedby":
      [hint ? `${id}-hint` : "", error(id) ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined,
  });
  const ErrorText = (p: { id: string }) => (
    <Show when={error(p.id)}>
      <p id={`${p.id}-error`} class="field-error">
        {error(p.id)}
      </p>
    </Show>
  );

  // Who is invited follows from the mode; archived institutions do not appear in the directory list.
  const known = createMemo(() => new Set(props.institutions.map((i) => i.id)));
  const invited = createMemo(() => {
    switch (draft.invitationMode) {
      case "sectors":
        return props.institutions.filter((i) => draft.sectorKeys.includes(i.sectorKey));
      case "picked":
        return props.institutions.filter((i) => draft.institutionIds.includes(i.id));
      default:
        return props.institutions;
    }
  });
  const defaultQuota = () => wholeNumber(draft.defaultQuota) ?? 0;
  const quotaOf = (id: string) => wholeNumber(draft.overrides[id] ?? "") ?? defaultQuota();
  const quotaSum = createMemo(() => invited().reduce((sum, i) => sum + quotaOf(i.id), 0));
  const capacity = () => wholeNumber(draft.capacity) ?? 0;
  const over = () => Math.max(0, quotaSum() - capacity());

  const sectorName = (key: string) => sectors.name(key);
  const shownForPicking = createMemo(() => {
    const words = filter().trim().toLocaleLowerCase("de").split(/\s+/).filter(Boolean);
    return props.institutions.filter((i) => {
      const text = `${i.name} ${sectorName(i.sectorKey)} ${i.city} ${i.municipality.name}`.toLocaleLowerCase("de");
      return words.every((w) => text.includes(w));
    });
  });

  const toggle = (list: "sectorKeys" | "institutionIds", value: string, on: boolean) =>
    setDraft(list, (current) => (on ? [...new Set([...current, value])] : current.filter((v) => v !== value)));

  const focusLater = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());

  // Sessions: added, removed and reordered with buttons that keep the keyboard focus in place.
  const addSession = () => {
    const row = emptySession();
    setDraft("sessions", (list) => [...list, row]);
    clearError("add-session");
    setAnnouncement(t("eventEditor.session.added", { n: String(draft.sessions.length) }));
    focusLater(`ses-${row.key}-date`);
  };
  const removeSession = (index: number) => {
    const removed = draft.sessions[index];
    setDraft(
      produce((d) => {
        d.sessions.splice(index, 1);
        for (const track of d.tracks) if (track.sessionKey === removed.key) track.sessionKey = "";
      }),
    );
    setAnnouncement(t("eventEditor.session.removed", { n: String(index + 1) }));
    const neighbour = draft.sessions[Math.min(index, draft.sessions.length - 1)];
    focusLater(neighbour ? `ses-${neighbour.key}-remove` : "add-session");
  };
  const moveSession = (index: number, by: -1 | 1) => {
    const target = index + by;
    if (target < 0 || target >= draft.sessions.length) return;
    const key = draft.sessions[index].key;
    setDraft("sessions", (list) => {
      const next = [...list];
      [next[index], next[target]] = [next[target], next[index]];
      return next;
    });
    setAnnouncement(t("eventEditor.session.moved", { n: String(target + 1) }));
    // The button pressed may have gone (first row has no "up"): then its sibling takes the focus.
    const first = target === 0;
    const last = target === draft.sessions.length - 1;
    const direction = by < 0 ? (first ? "down" : "up") : last ? "up" : "down";
    focusLater(`ses-${key}-${direction}`);
  };
  const addTrack = () => {
    const row = emptyTrack();
    setDraft("tracks", (list) => [...list, row]);
    setAnnouncement(t("eventEditor.track.added", { n: String(draft.tracks.length) }));
    focusLater(`trk-${row.key}-title`);
  };
  const removeTrack = (index: number) => {
    setDraft("tracks", (list) => list.filter((_, i) => i !== index));
    setAnnouncement(t("eventEditor.track.removed", { n: String(index + 1) }));
    const neighbour = draft.tracks[Math.min(index, draft.tracks.length - 1)];
    focusLater(neighbour ? `trk-${neighbour.key}-remove` : "add-track");
  };

  /** Checks the draft, and builds the API input with field ids for the server's error paths. */
  const build = () => {
    const found: Errors = {};
    const paths: Record<string, string> = {};
    const d = draft;
    if (!d.title.trim()) found["ev-title"] = t("eventEditor.errors.title");
    const numbers: Partial<Record<NumberKey, number>> = {};
    for (const key of ["capacity", "defaultQuota", "offerHours"] as const) {
      if (key === "offerHours" && d.promotionMode !== "offer") continue;
      const n = wholeNumber(d[key]);
      if (n === undefined || (key === "offerHours" && (n < 1 || n > 336)))
        found[`ev-${key}`] = t(key === "offerHours" ? "eventEditor.errors.offerHours" : "eventEditor.errors.number");
      else numbers[key] = n;
    }
    const lead = wholeNumber(d.checkInMinutesBefore);
    if (lead === undefined || lead > MAX_CHECK_IN_MINUTES)
      found["ev-checkInMinutesBefore"] = t("eventEditor.errors.checkInMinutesBefore");
    else numbers.checkInMinutesBefore = lead;
    const instants: Partial<Record<DateKey, string>> = {};
    for (const key of ["registrationOpensAt", "quotaDeadline", "registrationClosesAt"] as const) {
      const iso = berlinLocalToIso(d[key]);
      if (!iso) found[`ev-${key}`] = t("eventEditor.errors.dateTime");
      else instants[key] = iso;
    }
    const retention = d.retentionMonths.trim() ? wholeNumber(d.retentionMonths) : null;
    if (retention === undefined || (retention !== null && (retention < 1 || retention > 120)))
      found["ev-retentionMonths"] = t("dataProtection.eventForm.retentionError");
    const { registrationOpensAt: opens, quotaDeadline: deadline, registrationClosesAt: closes } = instants;
    if (opens && deadline && closes && !(opens <= deadline && deadline <= closes))
      found["ev-quotaDeadline"] = t("eventEditor.errors.windowOrder");

    if (d.sessions.length === 0) found["add-session"] = t("eventEditor.errors.sessions");
    const sessions = d.sessions.map((s, i) => {
      const id = `ses-${s.key}`;
      paths[`sessions.${i}.startsAt`] = `${id}-start`;
      paths[`sessions.${i}.endsAt`] = `${id}-end`;
      paths[`sessions.${i}.title`] = `${id}-title`;
      paths[`sessions.${i}.topic`] = `${id}-topic`;
      paths[`sessions.${i}.id`] = `${id}-date`;
      if (!s.date) found[`${id}-date`] = t("eventEditor.errors.sessionDate");
      if (!s.start) found[`${id}-start`] = t("eventEditor.errors.sessionTime");
      if (!s.end) found[`${id}-end`] = t("eventEditor.errors.sessionTime");
      const startsAt = berlinToIso(s.date, s.start) ?? "";
      const endsAt = berlinToIso(s.date, s.end) ?? "";
      if (startsAt && endsAt && endsAt <= startsAt) found[`${id}-end`] = t("eventEditor.errors.sessionOrder");
      return { ...(s.id && { id: s.id }), title: s.title.trim(), topic: s.topic.trim(), startsAt, endsAt };
    });
    const tracks = d.tracks.map((tr, i) => {
      const id = `trk-${tr.key}`;
      paths[`tracks.${i}.title`] = `${id}-title`;
      paths[`tracks.${i}.description`] = `${id}-description`;
      paths[`tracks.${i}.capacity`] = `${id}-capacity`;
      paths[`tracks.${i}.sessionPosition`] = `${id}-session`;
      paths[`tracks.${i}.id`] = `${id}-title`;
      if (!tr.title.trim()) found[`${id}-title`] = t("eventEditor.errors.trackTitle");
      const cap = wholeNumber(tr.capacity);
      if (cap === undefined) found[`${id}-capacity`] = t("eventEditor.errors.number");
      const position = d.sessions.findIndex((s) => s.key === tr.sessionKey);
      return {
        ...(tr.id && { id: tr.id }),
        title: tr.title.trim(),
        description: tr.description.trim(),
        capacity: cap ?? 0,
        sessionPosition: position >= 0 ? position + 1 : null,
      };
    });
    if (d.invitationMode === "sectors" && d.sectorKeys.length === 0)
      found["ev-sectorKeys"] = t("eventEditor.errors.sectors");
    if (d.invitationMode === "picked" && d.institutionIds.length === 0)
      found["ev-institutionIds"] = t("eventEditor.errors.institutions");
    paths["invitation.sectorKeys"] = "ev-sectorKeys";
    paths["invitation.institutionIds"] = "ev-institutionIds";

    // Overrides of the invited institutions, and those of invited archived ones (not listed here) kept as they were.
    const invitedIds = new Set(invited().map((i) => i.id));
    const quotaOverrides: { institutionId: string; places: number }[] = [];
    for (const [institutionId, value] of Object.entries(d.overrides)) {
      if (!value.trim() || (known().has(institutionId) && !invitedIds.has(institutionId))) continue;
      const places = wholeNumber(value);
      const id = `quota-${institutionId}`;
      if (places === undefined) found[id] = t("eventEditor.errors.number");
      paths[`quotaOverrides.${quotaOverrides.length}.places`] = id;
      paths[`quotaOverrides.${quotaOverrides.length}.institutionId`] = id;
      quotaOverrides.push({ institutionId, places: places ?? 0 });
    }
    for (const key of ["type", "title", "description", "venueName", "venueAddress", "venueAccessibility"])
      paths[key] = `ev-${key}`;
    for (const key of ["capacity", "defaultQuota", "offerHours", "promotionMode", "checkInMinutesBefore"])
      paths[key] = `ev-${key}`;
    for (const key of ["registrationOpensAt", "quotaDeadline", "registrationClosesAt"]) paths[key] = `ev-${key}`;
    paths.sessions = "add-session";
    paths.legalBasis = "ev-legalBasis";
    paths.retentionMonths = "ev-retentionMonths";
    const reminders = buildReminders(d.reminders, (key) => t(`reminders.errors.${key}`));
    Object.assign(found, reminders.found);
    Object.assign(paths, reminders.paths);

    const input: EventInput = {
      type: d.type,
      title: d.title.trim(),
      description: d.description.trim(),
      venueName: d.venueName.trim(),
      venueAddress: d.venueAddress.trim(),
      venueAccessibility: d.venueAccessibility.trim(),
      capacity: numbers.capacity ?? 0,
      defaultQuota: numbers.defaultQuota ?? 0,
      registrationOpensAt: opens ?? "",
      quotaDeadline: deadline ?? "",
      registrationClosesAt: closes ?? "",
      promotionMode: d.promotionMode,
      offerHours: numbers.offerHours ?? Math.min(336, Math.max(1, wholeNumber(d.offerHours) ?? 48)),
      checkInMinutesBefore: numbers.checkInMinutesBefore ?? 120,
      legalBasis: d.legalBasis.trim(),
      retentionMonths: retention ?? null,
      sessions,
      tracks,
      invitation: {
        mode: d.invitationMode,
        sectorKeys: d.invitationMode === "sectors" ? [...d.sectorKeys] : [],
        institutionIds: d.invitationMode === "picked" ? [...d.institutionIds] : [],
      },
      quotaOverrides,
      ...reminders.fields,
    };
    return { input, found, paths };
  };

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy()) return;
    setMessage();
    const { input, found, paths } = build();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setMessage({ kind: "error", text: t("eventEditor.errors.checkFields") });
      focusFirstError(form);
      return;
    }
    setBusy(true);
    try {
      const saved = await props.onSubmit(input, { allowOverbooking: overbookAsked() && overbook() });
      setOverbookAsked(false);
      setOverbook(false);
      if (saved) setDraft(draftOf(saved));
      setBaseline(JSON.stringify(draft));
      setMessage({ kind: "ok", text: t("eventEditor.saved") });
    } catch (err) {
      if (err instanceof ApiProblem) {
        if (err.code === "places_below_held") setOverbookAsked(true);
        const fields: Errors = {};
        const unplaced: string[] = [];
        for (const f of err.errors) {
          const id = paths[f.path] ?? paths[f.path.split(".").slice(0, 3).join(".")];
          if (id && !fields[id]) fields[id] = f.message;
          else if (!id) unplaced.push(f.message);
        }
        setErrors(fields);
        const text = Object.keys(fields).length > 0 ? t("eventEditor.errors.checkFields") : err.message;
        setMessage({ kind: "error", text: [text, ...unplaced].join(" ") });
        focusFirstError(form);
      } else setMessage({ kind: "error", text: t("eventEditor.errors.network") });
    } finally {
      setBusy(false);
    }
  };

  const textInput = (key: TextKey, opts: { required?: boolean; hint?: string; rows?: number; wide?: boolean } = {}) => {
    const id = `ev-${key}`;
    const attrs = {
      id,
      value: draft[key],
      onInput: (e: InputEvent & { currentTarget: HTMLInputElement | HTMLTextAreaElement }) =>
        setDraft(key, e.currentTarget.value),
      ...described(id, !!opts.hint),
    };
    return (
      <div class="field" classList={{ "field-wide": !!opts.wide }}>
        <label for={id}>
          {t(`eventEditor.fields.${key}`)}
          <Show when={!opts.required}>
            <span class="optional"> {t("eventEditor.optional")}</span>
          </Show>
        </label>
        <Show when={opts.hint}>
          <p id={`${id}-hint`} class="hint field-hint">
            {opts.hint}
          </p>
        </Show>
        <Show
          when={opts.rows}
          fallback={
            <input
              {...attrs}
              type="text"
              required={opts.required}
              aria-required={opts.required ? "true" : undefined}
              autocomplete="off"
            />
          }
        >
          <textarea {...attrs} rows={opts.rows} />
        </Show>
        <ErrorText id={id} />
      </div>
    );
  };

  const numberInput = (key: NumberKey, hint?: string) => {
    const id = `ev-${key}`;
    return (
      <div class="field">
        <label for={id}>{t(`eventEditor.fields.${key}`)}</label>
        <input
          id={id}
          type="number"
          inputmode="numeric"
          min={key === "offerHours" ? 1 : 0}
          max={key === "offerHours" ? 336 : key === "checkInMinutesBefore" ? MAX_CHECK_IN_MINUTES : undefined}
          step="1"
          required
          aria-required="true"
          value={draft[key]}
          onInput={(e) => setDraft(key, e.currentTarget.value)}
          {...described(id, !!hint)}
        />
        <ErrorText id={id} />
        <Show when={hint}>
          <p id={`${id}-hint`} class="hint field-hint-after">
            {hint}
          </p>
        </Show>
      </div>
    );
  };

  const dateInput = (key: DateKey, hint?: string) => {
    const id = `ev-${key}`;
    return (
      <div class="field">
        <label for={id}>{t(`eventEditor.fields.${key}`)}</label>
        <input
          id={id}
          type="datetime-local"
          required
          value={draft[key]}
          onInput={(e) => setDraft(key, e.currentTarget.value)}
          {...described(id, !!hint)}
        />
        <ErrorText id={id} />
        <Show when={hint}>
          <p id={`${id}-hint`} class="hint field-hint-after">
            {hint}
          </p>
        </Show>
      </div>
    );
  };

  const Section = (p: { id: string; title: string; children: JSX.Element; intro?: string }) => (
    <section class="card form-section" aria-labelledby={`${p.id}-title`}>
      <h2 id={`${p.id}-title`}>{p.title}</h2>
      <Show when={p.intro}>
        <p class="hint section-intro">{p.intro}</p>
      </Show>
      {p.children}
    </section>
  );

  return (
    <form ref={form} class="event-form" novalidate onSubmit={submit} onInput={clearFor} onChange={clearFor}>
      <Section id="basics" title={t("eventEditor.sections.basics")}>
        <div class="form-grid form-grid-top basics-grid">
          <div class="field">
            <label for="ev-type">{t("eventEditor.fields.type")}</label>
            <select
              id="ev-type"
              value={draft.type}
              onChange={(e) => setDraft("type", e.currentTarget.value as EventType)}
            >
              <For each={eventTypes}>
                {(type) => (
                  <option value={type} selected={type === draft.type}>
                    {t(`events.types.${type}`)}
                  </option>
                )}
              </For>
            </select>
          </div>
          {textInput("title", { required: true })}
          {textInput("description", { rows: 5, wide: true })}
        </div>
      </Section>

      <Section id="venue" title={t("eventEditor.sections.venue")}>
        <div class="form-grid form-grid-top pair-grid">
          {textInput("venueName")}
          {textInput("venueAddress")}
          {textInput("venueAccessibility", { rows: 2, wide: true, hint: t("eventEditor.hints.venueAccessibility") })}
        </div>
      </Section>

      <Section id="sessions" title={t("eventEditor.sections.sessions")} intro={t("eventEditor.timesHint")}>
        <ol class="repeat-list">
          <For each={draft.sessions}>
            {(session, index) => {
              const id = `ses-${session.key}`;
              const n = () => String(index() + 1);
              return (
                <li>
                  <fieldset class="repeat-row">
                    <legend>{t("eventEditor.session.legend", { n: n() })}</legend>
                    <div class="session-grid">
                      <div class="field">
                        <label for={`${id}-date`}>{t("eventEditor.session.date")}</label>
                        <input
                          id={`${id}-date`}
                          type="date"
                          required
                          value={session.date}
                          onInput={(e) => setDraft("sessions", index(), "date", e.currentTarget.value)}
                          {...described(`${id}-date`)}
                        />
                        <ErrorText id={`${id}-date`} />
                      </div>
                      <div class="field">
                        <label for={`${id}-start`}>{t("eventEditor.session.start")}</label>
                        <input
                          id={`${id}-start`}
                          type="time"
                          required
                          value={session.start}
                          onInput={(e) => setDraft("sessions", index(), "start", e.currentTarget.value)}
                          {...described(`${id}-start`)}
                        />
                        <ErrorText id={`${id}-start`} />
                      </div>
                      <div class="field">
                        <label for={`${id}-end`}>{t("eventEditor.session.end")}</label>
                        <input
                          id={`${id}-end`}
                          type="time"
                          required
                          value={session.end}
                          onInput={(e) => setDraft("sessions", index(), "end", e.currentTarget.value)}
                          {...described(`${id}-end`)}
                        />
                        <ErrorText id={`${id}-end`} />
                      </div>
                      <div class="field ses-title-field">
                        <label for={`${id}-title`}>
                          {t("eventEditor.session.title")}
                          <span class="optional"> {t("eventEditor.optional")}</span>
                        </label>
                        <input
                          id={`${id}-title`}
                          value={session.title}
                          autocomplete="off"
                          onInput={(e) => setDraft("sessions", index(), "title", e.currentTarget.value)}
                          {...described(`${id}-title`)}
                        />
                        <ErrorText id={`${id}-title`} />
                      </div>
                      <div class="field field-wide">
                        <label for={`${id}-topic`}>
                          {t("eventEditor.session.topic")}
                          <span class="optional"> {t("eventEditor.optional")}</span>
                        </label>
                        <textarea
                          id={`${id}-topic`}
                          rows={2}
                          value={session.topic}
                          onInput={(e) => setDraft("sessions", index(), "topic", e.currentTarget.value)}
                          {...described(`${id}-topic`)}
                        />
                        <ErrorText id={`${id}-topic`} />
                      </div>
                    </div>
                    <div class="row-tools">
                      <Show when={index() > 0}>
                        <button
                          type="button"
                          id={`${id}-up`}
                          class="button button-secondary button-small"
                          aria-label={t("eventEditor.session.upLabel", { n: n() })}
                          onClick={() => moveSession(index(), -1)}
                        >
                          <span aria-hidden="true">↑ </span>
                          {t("eventEditor.session.up")}
                        </button>
                      </Show>
                      <Show when={index() < draft.sessions.length - 1}>
                        <button
                          type="button"
                          id={`${id}-down`}
                          class="button button-secondary button-small"
                          aria-label={t("eventEditor.session.downLabel", { n: n() })}
                          onClick={() => moveSession(index(), 1)}
                        >
                          <span aria-hidden="true">↓ </span>
                          {t("eventEditor.session.down")}
                        </button>
                      </Show>
                      <Show when={draft.sessions.length > 1}>
                        <button
                          type="button"
                          id={`${id}-remove`}
                          class="button button-secondary button-small button-remove"
                          aria-label={t("eventEditor.session.removeLabel", { n: n() })}
                          onClick={() => removeSession(index())}
                        >
                          {t("eventEditor.session.remove")}
                        </button>
                      </Show>
                    </div>
                  </fieldset>
                </li>
              );
            }}
          </For>
        </ol>
        <button
          type="button"
          id="add-session"
          class="button button-secondary"
          onClick={addSession}
          {...described("add-session")}
        >
          <span aria-hidden="true">+ </span>
          {t("eventEditor.session.add")}
        </button>
        <ErrorText id="add-session" />
        <div class="form-grid form-grid-top narrow-grid">
          {numberInput("checkInMinutesBefore", t("eventEditor.hints.checkInMinutesBefore"))}
        </div>
      </Section>

      <Section id="tracks" title={t("eventEditor.sections.tracks")} intro={t("eventEditor.track.intro")}>
        <Show when={draft.tracks.length > 0} fallback={<p class="muted">{t("eventEditor.track.none")}</p>}>
          <ol class="repeat-list">
            <For each={draft.tracks}>
              {(track, index) => {
                const id = `trk-${track.key}`;
                const n = () => String(index() + 1);
                return (
                  <li>
                    <fieldset class="repeat-row">
                      <legend>{t("eventEditor.track.legend", { n: n() })}</legend>
                      <div class="form-grid form-grid-top track-grid">
                        <div class="field">
                          <label for={`${id}-title`}>{t("eventEditor.track.title")}</label>
                          <input
                            id={`${id}-title`}
                            required
                            aria-required="true"
                            autocomplete="off"
                            value={track.title}
                            onInput={(e) => setDraft("tracks", index(), "title", e.currentTarget.value)}
                            {...described(`${id}-title`)}
                          />
                          <ErrorText id={`${id}-title`} />
                        </div>
                        <div class="field">
                          <label for={`${id}-capacity`}>{t("eventEditor.track.capacity")}</label>
                          <input
                            id={`${id}-capacity`}
                            type="number"
                            inputmode="numeric"
                            min="0"
                            step="1"
                            required
                            aria-required="true"
                            value={track.capacity}
                            onInput={(e) => setDraft("tracks", index(), "capacity", e.currentTarget.value)}
                            {...described(`${id}-capacity`)}
                          />
                          <ErrorText id={`${id}-capacity`} />
                        </div>
                        <div class="field">
                          <label for={`${id}-session`}>{t("eventEditor.track.session")}</label>
                          <select
                            id={`${id}-session`}
                            value={track.sessionKey}
                            onChange={(e) => setDraft("tracks", index(), "sessionKey", e.currentTarget.value)}
                            {...described(`${id}-session`)}
                          >
                            <option value="" selected={!track.sessionKey}>
                              {t("eventEditor.track.wholeEvent")}
                            </option>
                            <For each={draft.sessions}>
                              {(s, i) => (
                                <option value={s.key} selected={s.key === track.sessionKey}>
                                  {t("eventEditor.track.sessionOption", { n: String(i() + 1) })}
                                  {s.title ? `: ${s.title}` : ""}
                                </option>
                              )}
                            </For>
                          </select>
                          <ErrorText id={`${id}-session`} />
                        </div>
                        <div class="field field-wide">
                          <label for={`${id}-description`}>
                            {t("eventEditor.track.description")}
                            <span class="optional"> {t("eventEditor.optional")}</span>
                          </label>
                          <textarea
                            id={`${id}-description`}
                            rows={2}
                            value={track.description}
                            onInput={(e) => setDraft("tracks", index(), "description", e.currentTarget.value)}
                            {...described(`${id}-description`)}
                          />
                          <ErrorText id={`${id}-description`} />
                        </div>
                      </div>
                      <div class="row-tools">
                        <button
                          type="button"
                          id={`${id}-remove`}
                          class="button button-secondary button-small button-remove"
                          aria-label={t("eventEditor.track.removeLabel", { n: n() })}
                          onClick={() => removeTrack(index())}
                        >
                          {t("eventEditor.track.remove")}
                        </button>
                      </div>
                    </fieldset>
                  </li>
                );
              }}
            </For>
          </ol>
        </Show>
        <button type="button" id="add-track" class="button button-secondary" onClick={addTrack}>
          <span aria-hidden="true">+ </span>
          {t("eventEditor.track.add")}
        </button>
      </Section>

      <Section id="places" title={t("eventEditor.sections.places")} intro={t("eventEditor.timesHint")}>
        <div class="form-grid form-grid-top narrow-grid">
          {numberInput("capacity", t("eventEditor.hints.capacity"))}
          {numberInput("defaultQuota", t("eventEditor.hints.defaultQuota"))}
        </div>
        <div class="form-grid form-grid-top">
          {dateInput("registrationOpensAt")}
          {dateInput("quotaDeadline", t("eventEditor.hints.quotaDeadline"))}
          {dateInput("registrationClosesAt", t("eventEditor.hints.registrationClosesAt"))}
        </div>
        <fieldset class="choice-group">
          <legend>{t("eventEditor.fields.promotionMode")}</legend>
          <For each={["offer", "direct"] as const}>
            {(mode) => (
              <div class="choice">
                <input
                  type="radio"
                  id={`ev-promotion-${mode}`}
                  name="promotionMode"
                  value={mode}
                  checked={draft.promotionMode === mode}
                  onChange={() => setDraft("promotionMode", mode)}
                />
                <label for={`ev-promotion-${mode}`}>{t(`eventEditor.promotion.${mode}`)}</label>
              </div>
            )}
          </For>
        </fieldset>
        <Show when={draft.promotionMode === "offer"}>
          <div class="form-grid form-grid-top narrow-grid">{numberInput("offerHours")}</div>
        </Show>
        <div class="form-grid form-grid-top">
          <div class="field">
            <label for="ev-legalBasis">{t("dataProtection.eventForm.legalBasis")}</label>
            <p id="ev-legalBasis-hint" class="hint field-hint">
              {t("dataProtection.eventForm.legalBasisHint")}
            </p>
            <input
              id="ev-legalBasis"
              type="text"
              autocomplete="off"
              value={draft.legalBasis}
              onInput={(e) => setDraft("legalBasis", e.currentTarget.value)}
              {...described("ev-legalBasis", true)}
            />
            <ErrorText id="ev-legalBasis" />
          </div>
          <div class="field">
            <label for="ev-retentionMonths">{t("dataProtection.eventForm.retentionMonths")}</label>
            <p id="ev-retentionMonths-hint" class="hint field-hint">
              {t("dataProtection.eventForm.retentionHint")}
            </p>
            <input
              id="ev-retentionMonths"
              type="number"
              inputmode="numeric"
              min="1"
              max="120"
              step="1"
              value={draft.retentionMonths}
              onInput={(e) => setDraft("retentionMonths", e.currentTarget.value)}
              {...described("ev-retentionMonths", true)}
            />
            <ErrorText id="ev-retentionMonths" />
          </div>
        </div>
      </Section>

      <Section id="invitation" title={t("eventEditor.sections.invitation")}>
        <fieldset class="choice-group">
          <legend>{t("eventEditor.invitation.legend")}</legend>
          <For each={["all", "sectors", "picked"] as const}>
            {(mode) => (
              <div class="choice">
                <input
                  type="radio"
                  id={`ev-invitation-${mode}`}
                  name="invitationMode"
                  value={mode}
                  checked={draft.invitationMode === mode}
                  onChange={() => setDraft("invitationMode", mode)}
                />
                <label for={`ev-invitation-${mode}`}>{t(`eventEditor.invitation.${mode}`)}</label>
              </div>
            )}
          </For>
        </fieldset>

        <Show when={draft.invitationMode === "sectors"}>
          <fieldset
            class="choice-group pick-group"
            aria-describedby={error("ev-sectorKeys") ? "ev-sectorKeys-error" : undefined}
          >
            <legend>{t("eventEditor.invitation.sectorsLegend")}</legend>
            <ul class="choice-list">
              <For each={sectors.list()}>
                {(sector) => (
                  <li class="choice">
                    <input
                      type="checkbox"
                      id={`ev-sector-${sector.key}`}
                      checked={draft.sectorKeys.includes(sector.key)}
                      onChange={(e) => toggle("sectorKeys", sector.key, e.currentTarget.checked)}
                      aria-invalid={error("ev-sectorKeys") ? "true" : undefined}
                    />
                    <label for={`ev-sector-${sector.key}`}>
                      {sectorName(sector.key)}{" "}
                      <span class="muted">({props.institutions.filter((i) => i.sectorKey === sector.key).length})</span>
                    </label>
                  </li>
                )}
              </For>
            </ul>
            <ErrorText id="ev-sectorKeys" />
          </fieldset>
        </Show>

        <Show when={draft.invitationMode === "picked"}>
          <fieldset
            class="choice-group pick-group"
            aria-describedby={error("ev-institutionIds") ? "ev-institutionIds-error" : undefined}
          >
            <legend>{t("eventEditor.invitation.pickedLegend")}</legend>
            <div class="pick-tools">
              <div class="field">
                <label for="ev-institution-filter">{t("eventEditor.invitation.filter")}</label>
                <input
                  id="ev-institution-filter"
                  type="search"
                  value={filter()}
                  placeholder={t("eventEditor.invitation.filterHint")}
                  onInput={(e) => setFilter(e.currentTarget.value)}
                />
              </div>
              <div class="actions">
                <button
                  type="button"
                  class="button button-secondary button-small"
                  onClick={() =>
                    setDraft("institutionIds", (ids) => [...new Set([...ids, ...shownForPicking().map((i) => i.id)])])
                  }
                >
                  {t("eventEditor.invitation.selectShown")}
                </button>
                <button
                  type="button"
                  class="button button-secondary button-small"
                  onClick={() => setDraft("institutionIds", [])}
                >
                  {t("eventEditor.invitation.clear")}
                </button>
              </div>
            </div>
            <ul class="choice-list pick-list">
              <For each={shownForPicking()} fallback={<li class="muted">{t("eventEditor.invitation.noMatch")}</li>}>
                {(institution) => (
                  <li class="choice">
                    <input
                      type="checkbox"
                      id={`ev-inst-${institution.id}`}
                      checked={draft.institutionIds.includes(institution.id)}
                      onChange={(e) => toggle("institutionIds", institution.id, e.currentTarget.checked)}
                      aria-invalid={error("ev-institutionIds") ? "true" : undefined}
                    />
                    <label for={`ev-inst-${institution.id}`}>
                      {institution.name}
                      <span class="choice-meta">
                        {sectorName(institution.sectorKey)} · {institution.city || institution.municipality.name}
                      </span>
                    </label>
                  </li>
                )}
              </For>
            </ul>
            <ErrorText id="ev-institutionIds" />
          </fieldset>
        </Show>
        <p class="invited-count">
          <strong>{t("eventEditor.invitation.invitedCount", { count: String(invited().length) })}</strong>
        </p>
      </Section>

      <Section id="quotas" title={t("eventEditor.sections.quotas")}>
        <div class="quota-sum" aria-live="polite">
          <p class="quota-sum-line">
            {t("eventEditor.quotas.sum", { sum: String(quotaSum()), capacity: String(capacity()) })}
          </p>
          <div class="meter" classList={{ "meter-over": over() > 0 }} aria-hidden="true">
            <span style={{ width: `${capacity() > 0 ? Math.min(100, (quotaSum() / capacity()) * 100) : 100}%` }} />
          </div>
          {/* After the redistribution no registration waits because of a quota: the warning would be untrue. */}
          <Show when={over() > 0 && (!props.initial || quotasApply(props.initial.phase))}>
            <div class="notice notice-warning over-commitment">
              <p>
                <strong>
                  <span aria-hidden="true">⚠ </span>
                  {t("eventEditor.quotas.overCommittedTitle")}
                </strong>
              </p>
              <p>
                {t("eventEditor.quotas.overCommitted", {
                  sum: String(quotaSum()),
                  capacity: String(capacity()),
                  over: String(over()),
                })}
              </p>
            </div>
          </Show>
        </div>
        <p class="hint section-intro">{t("eventEditor.quotas.intro", { count: String(defaultQuota()) })}</p>
        <Show when={invited().length > 0} fallback={<p class="muted">{t("eventEditor.quotas.none")}</p>}>
          <table class="quota-table">
            <caption class="visually-hidden">{t("eventEditor.quotas.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("eventEditor.quotas.institution")}</th>
                <th scope="col" class="num">
                  {t("eventEditor.quotas.quota")}
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={invited()}>
                {(institution) => {
                  const id = `quota-${institution.id}`;
                  return (
                    <tr>
                      <th scope="row">
                        {institution.name}
                        <span class="choice-meta">{sectorName(institution.sectorKey)}</span>
                      </th>
                      <td class="num">
                        <label for={id} class="visually-hidden">
                          {t("eventEditor.quotas.label", { name: institution.name })}
                        </label>
                        <input
                          id={id}
                          class="quota-input"
                          type="number"
                          inputmode="numeric"
                          min="0"
                          step="1"
                          placeholder={String(defaultQuota())}
                          value={draft.overrides[institution.id] ?? ""}
                          onInput={(e) => setDraft("overrides", institution.id, e.currentTarget.value)}
                          {...described(id)}
                        />
                        <ErrorText id={id} />
                      </td>
                    </tr>
                  );
                }}
              </For>
            </tbody>
          </table>
        </Show>
      </Section>

      <EventReminders
        value={draft.reminders}
        onChange={(patch) => setDraft("reminders", patch)}
        described={described}
        errorText={(id) => <ErrorText id={id} />}
      />

      <div class="form-actions">
        <button type="submit" class="button" aria-disabled={busy() ? "true" : undefined}>
          {busy() ? t("eventEditor.saving") : props.submitLabel}
        </button>
        <div role="status" class="form-status">
          <Show when={message()?.kind === "ok"}>
            <p class="notice notice-ok">{message()!.text}</p>
          </Show>
        </div>
        <div role="alert" class="form-status">
          <Show when={message()?.kind === "error"}>
            <p class="notice notice-error">{message()!.text}</p>
          </Show>
        </div>
        <Show when={overbookAsked()}>
          <div class="field check overbook-confirm">
            <input
              id="ev-overbook"
              type="checkbox"
              checked={overbook()}
              onChange={(e) => setOverbook(e.currentTarget.checked)}
            />
            <label for="ev-overbook">{t("eventEditor.overbook")}</label>
          </div>
        </Show>
      </div>
      <p class="visually-hidden" role="status">
        {announcement()}
      </p>
    </form>
  );
}
