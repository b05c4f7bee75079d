// Check-in at the door, made for a phone: tick from the list, typed or scanned ticket codes, walk-ins.
// Every change goes into a queue in localStorage first and is sent when the connection allows, so that
// bad venue Wi-Fi loses nothing; the server is idempotent by clientOpId, so a replay never counts twice.
import { A, createAsync, useParams } from "@solidjs/router";
import type { InferResponseType } from "hono/client";
import { createMemo, createSignal, For, onCleanup, onMount, Show } from "solid-js";
import { readTicket } from "../../../worker/domain/ticket-code";
import { CheckInWindowNotice, OVERRIDE_ID, windowState } from "../components/check-in-window";
import { OrganiserGate } from "../components/organiser-gate";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import { client, searchInstitutions } from "../lib/api";
import { useNetworkPath } from "../lib/network";
import "../i18n/organisers";

type AttendanceList = InferResponseType<(typeof client.sessions)[":eventSessionId"]["attendance"]["$get"], 200>;
type Person = AttendanceList["items"][number];

type Op =
  | {
      kind: "checkIn";
      clientOpId: string;
      registrationId?: string;
      ticketCode?: string;
      method: "qr" | "list";
      /** Confirmed by the organiser outside the check-in window. */
      overrideWindow?: boolean;
    }
  | { kind: "undo"; clientOpId: string; registrationId: string; ticketCode?: undefined }
  | {
      kind: "walkIn";
      clientOpId: string;
      name: string;
      email?: string;
      institutionId: string;
      institutionName: string;
      function?: string;
      overrideWindow?: boolean;
    };

const queueKey = (sessionId: string) => `nw.checkIn.queue.${sessionId}`;
const listKey = (sessionId: string) => `nw.checkIn.list.${sessionId}`;

function readJson<T>(key: string): T | undefined {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Sends one queued entry. "done": answered for good (2xx), with the name of whoever was checked in;
 * "rejected": a definitive 4xx; "retry": try later.
 */
async function send(
  sessionId: string,
  op: Op,
): Promise<{ result: "done" | "rejected" | "retry"; message?: string; name?: string }> {
  const param = { eventSessionId: sessionId };
  const override = op.kind !== "undo" && op.overrideWindow ? { overrideWindow: true } : {};
  let response: Response;
  try {
    if (op.kind === "checkIn") {
      response = await client.sessions[":eventSessionId"]["check-ins"].$post({
        param,
        json: op.registrationId
          ? { registrationId: op.registrationId, method: op.method, clientOpId: op.clientOpId, ...override }
          : { ticketCode: op.ticketCode ?? "", method: op.method, clientOpId: op.clientOpId, ...override },
      });
    } else if (op.kind === "undo") {
      response = await client.sessions[":eventSessionId"]["check-ins"][":registrationId"].$delete({
        param: { ...param, registrationId: op.registrationId },
      });
      // Undone already (by another device or an earlier replay): nothing left to do.
      if (response.status === 404) return { result: "done" };
    } else {
      response = await client.sessions[":eventSessionId"]["walk-ins"].$post({
        param,
        json: {
          name: op.name,
          email: op.email || undefined,
          institutionId: op.institutionId,
          function: op.function ?? "",
          clientOpId: op.clientOpId,
          ...override,
        },
      });
    }
  } catch {
    return { result: "retry" };
  }
  if (response.ok) return { result: "done", name: op.kind === "checkIn" ? await nameOf(response) : undefined };
  // Signed out, rate limited or a server fault: keep the entry for a later attempt.
  if (response.status === 401 || response.status === 403 || response.status === 408 || response.status === 429) {
    return { result: "retry", message: await problemTitle(response) };
  }
  if (response.status >= 500) return { result: "retry" };
  return { result: "rejected", message: await problemTitle(response) };
}

async function nameOf(response: Response) {
  try {
    return ((await response.json()) as { name?: string }).name;
  } catch {
    return undefined;
  }
}

async function problemTitle(response: Response) {
  try {
    const body = (await response.json()) as { title?: string; code?: string; detail?: string };
    // A queue replayed after the door closed: the detail says until when it was open.
    if (body.code === "check_in_outside_window" && body.detail) return `${body.title}. ${body.detail}`;
    return body.title ?? `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}

type BarcodeDetectorClass = {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats?: () => Promise<readonly string[]>;
};

/** The browser's own QR reader where it has one, else the ponyfill (loaded only now: lib/qr-scanner.ts). */
async function qrDetector(): Promise<BarcodeDetectorLike> {
  const native = (window as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  const formats: readonly string[] = (await native?.getSupportedFormats?.().catch(() => [])) ?? [];
  if (native && formats.includes("qr_code")) {
    return new native({ formats: ["qr_code"] });
  }
  const { BarcodeDetector } = await import("../lib/qr-scanner");
  return new BarcodeDetector({ formats: ["qr_code"] });
}

function Scanner(props: { onCode: (code: string) => void }) {
  const { t } = useI18n();
  const [active, setActive] = createSignal(false);
  const [error, setError] = createSignal("");
  let video: HTMLVideoElement | undefined;
  let stream: MediaStream | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    for (const track of stream?.getTracks() ?? []) track.stop();
    stream = undefined;
    setActive(false);
  };
  onCleanup(stop);
  const start = async () => {
    setError("");
    try {
      const detector = await qrDetector();
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
      setActive(true);
      if (!video) return stop();
      video.srcObject = stream;
      await video.play();
      const tick = async () => {
        if (!stream || !video) return;
        try {
          const codes = await detector.detect(video);
          const code = codes.find((c) => c.rawValue)?.rawValue;
          if (code) {
            stop();
            props.onCode(code);
            return;
          }
        } catch {
          // A frame that could not be read; the next one may.
        }
        timer = setTimeout(tick, 250);
      };
      void tick();
    } catch {
      stop();
      setError(t("checkIn.scan.noCamera"));
    }
  };
  return (
    <div class="check-in-scan">
      <Show
        when={active()}
        fallback={
          <button type="button" class="button button-secondary" onClick={start}>
            {t("checkIn.scan.start")}
          </button>
        }
      >
        <button type="button" class="button button-secondary" onClick={stop}>
          {t("checkIn.scan.stop")}
        </button>
      </Show>
      <video
        ref={video}
        class="check-in-video"
        hidden={!active()}
        muted
        playsinline
        aria-label={t("checkIn.scan.video")}
      />
      <Show when={error()}>
        <p class="field-error">{error()}</p>
      </Show>
    </div>
  );
}

function CheckIn(props: { networkId: string; eventId: string; sessionId: string }) {
  const to = useNetworkPath();
  const { t, formatDateTime } = useI18n();
  const [list, setList] = createSignal<AttendanceList | undefined>(readJson<AttendanceList>(listKey(props.sessionId)));
  const [queue, setQueue] = createSignal<Op[]>(readJson<Op[]>(queueKey(props.sessionId)) ?? []);
  const [online, setOnline] = createSignal(navigator.onLine);
  const [sendFailed, setSendFailed] = createSignal(false);
  const [problems, setProblems] = createSignal<string[]>([]);
  const [loadFailed, setLoadFailed] = createSignal(false);
  const [search, setSearch] = createSignal("");
  const [ticket, setTicket] = createSignal("");
  const [ticketError, setTicketError] = createSignal("");
  const [notice, setNotice] = createSignal("");
  // The ticket of no one on the list that the notice says is queued: its answer replaces the notice.
  let noticeFor: string | undefined;
  const say = (text: string, clientOpId?: string) => {
    setNotice(text);
    noticeFor = clientOpId;
  };
  const [now, setNow] = createSignal(Date.now());
  const [override, setOverride] = createSignal(false);
  const window_ = () => list()?.session.checkInWindow;
  const state = () => windowState(window_(), now());
  /** Outside the window nothing is queued until the organiser confirmed the override. */
  const mayCheckIn = () => {
    if (state() === "open" || override()) return true;
    setNotice("");
    setProblems([t("checkIn.window.confirmFirst")]);
    document.getElementById(OVERRIDE_ID)?.focus();
    return false;
  };
  const overrideWindow = () => (state() !== "open" ? { overrideWindow: true } : {});
  const institutions = createAsync(() => searchInstitutions(props.networkId, {}));
  usePageTitle(() => (list() ? `${t("checkIn.title")}: ${list()!.session.title}` : t("checkIn.title")));

  const storeList = (next: AttendanceList) => {
    setList(next);
    try {
      localStorage.setItem(listKey(props.sessionId), JSON.stringify(next));
    } catch {
      // Storage full: the list is only a convenience for reloading offline.
    }
  };
  const storeQueue = (update: (q: Op[]) => Op[]) => {
    // Always from storage: another tab of the same session may have added entries.
    const next = update(readJson<Op[]>(queueKey(props.sessionId)) ?? queue());
    localStorage.setItem(queueKey(props.sessionId), JSON.stringify(next));
    setQueue(next);
  };

  const load = async () => {
    try {
      const response = await client.sessions[":eventSessionId"].attendance.$get({
        param: { eventSessionId: props.sessionId },
      });
      if (!response.ok) throw new Error(String(response.status));
      storeList((await response.json()) as AttendanceList);
      setLoadFailed(false);
    } catch {
      setLoadFailed(true);
    }
  };

  let flushing = false;
  const flush = async () => {
    // No point in trying while the browser knows it is offline; the `online` event starts again.
    if (flushing || !navigator.onLine) return;
    flushing = true;
    let changed = false;
    try {
      for (;;) {
        const op = queue()[0];
        if (!op) break;
        const answer = await send(props.sessionId, op);
        if (answer.result === "retry") {
          setSendFailed(true);
          if (answer.message) setProblems([answer.message]);
          break;
        }
        setSendFailed(false);
        if (answer.result === "rejected") {
          // One message, not "queued" above and "not found" below.
          if (noticeFor === op.clientOpId) say("");
          setProblems((p) => [...p, `${describe(op)}: ${answer.message ?? ""}`]);
        } else if (noticeFor === op.clientOpId && answer.name) {
          say(t("checkIn.checkedIn", { name: answer.name }));
        }
        storeQueue((q) => q.filter((o) => o.clientOpId !== op.clientOpId));
        changed = true;
      }
    } finally {
      flushing = false;
    }
    if (changed) await load();
  };

  /** Whom a ticket names on the list: by short code, or by the registration's id of an older ticket. */
  const listed = (items: Person[], ticket: string) => {
    const read = readTicket(ticket);
    return read.kind === "code"
      ? items.find((p) => p.ticketCode === read.code)
      : items.find((p) => p.registrationId === read.id);
  };
  const registrationOf = (op: Exclude<Op, { kind: "walkIn" }>) =>
    op.registrationId ?? listed(list()?.items ?? [], op.ticketCode ?? "")?.registrationId ?? op.ticketCode ?? "";

  const describe = (op: Op) => {
    if (op.kind === "walkIn") return op.name;
    const id = registrationOf(op);
    return list()?.items.find((p) => p.registrationId === id)?.name ?? op.ticketCode ?? id;
  };

  const enqueue = (op: Op) => {
    storeQueue((q) => [...q, op]);
    setProblems([]);
    void flush();
  };

  onMount(() => {
    void load().then(flush);
    const goOnline = () => {
      setOnline(true);
      void flush();
    };
    const goOffline = () => setOnline(false);
    window.addEventListener("online", goOnline);
    window.addEventListener("offline", goOffline);
    const retry = setInterval(() => {
      setNow(Date.now());
      if (queue().length > 0) void flush();
    }, 10_000);
    onCleanup(() => {
      window.removeEventListener("online", goOnline);
      window.removeEventListener("offline", goOffline);
      clearInterval(retry);
    });
  });

  /** The server's list with the queued entries applied, in order. */
  const people = createMemo(() => {
    const items = new Map<string, Person>((list()?.items ?? []).map((p) => [p.registrationId, { ...p }]));
    for (const op of queue()) {
      if (op.kind === "walkIn") {
        items.set(`pending:${op.clientOpId}`, {
          registrationId: `pending:${op.clientOpId}`,
          ticketCode: null,
          name: op.name,
          institutionId: op.institutionId,
          institutionName: op.institutionName,
          function: op.function ?? "",
          status: "present",
          method: "walk_in",
          at: null,
          isWalkIn: true,
        });
        continue;
      }
      const person = items.get(registrationOf(op));
      if (person) person.status = op.kind === "undo" ? "none" : "present";
    }
    return [...items.values()];
  });
  const pendingIds = createMemo(() => {
    const ids = new Set<string>();
    for (const op of queue()) {
      if (op.kind === "walkIn") ids.add(`pending:${op.clientOpId}`);
      else ids.add(registrationOf(op));
    }
    return ids;
  });
  const present = () => people().filter((p) => p.status === "present").length;
  const expected = () => list()?.counts.expected ?? 0;
  const shown = createMemo(() => {
    const q = search().trim().toLocaleLowerCase("de");
    return q
      ? people().filter(
          (p) => p.name.toLocaleLowerCase("de").includes(q) || p.institutionName.toLocaleLowerCase("de").includes(q),
        )
      : people();
  });

  const checkIn = (p: Person) => {
    if (!mayCheckIn()) return;
    enqueue({
      kind: "checkIn",
      clientOpId: crypto.randomUUID(),
      registrationId: p.registrationId,
      method: "list",
      ...overrideWindow(),
    });
    say(t("checkIn.checkedIn", { name: p.name }));
  };
  const undo = (p: Person) => {
    enqueue({ kind: "undo", clientOpId: crypto.randomUUID(), registrationId: p.registrationId });
    say(t("checkIn.undone", { name: p.name }));
  };
  const refuseTicket = (message: string) => {
    setTicketError(message);
    say("");
    document.getElementById("ticket-code")?.focus();
  };
  const checkInTicket = (code: string, method: "qr" | "list") => {
    const read = readTicket(code);
    if (read.kind === "id" && !read.id) return refuseTicket(t("checkIn.ticket.empty"));
    const person = listed(people(), code);
    // A mistyped short code is said at once, offline too; an id of an older ticket may belong
    // to someone added since the list was loaded, so the server decides.
    if (!person && read.kind === "id" && read.mistypedCode) return refuseTicket(t("checkIn.ticket.invalid"));
    setTicketError("");
    if (person?.status === "present") {
      say(t("checkIn.already", { name: person.name }));
      return;
    }
    if (!mayCheckIn()) return;
    const clientOpId = crypto.randomUUID();
    enqueue({ kind: "checkIn", clientOpId, ticketCode: code.trim(), method, ...overrideWindow() });
    setTicket("");
    if (person) say(t("checkIn.checkedIn", { name: person.name }));
    // Online, the answer follows in a moment and says who it was, or why not.
    else say(online() ? "" : t("checkIn.ticket.queued", { code: code.trim() }), clientOpId);
  };

  const waiting = () => queue().length;
  const queueText = () => {
    const n = String(waiting());
    if (!online() || sendFailed())
      return t(waiting() === 1 ? "checkIn.queue.offlineOne" : "checkIn.queue.offline", { count: n });
    return t("checkIn.queue.sending", { count: n });
  };

  return (
    <>
      <header class="page-head">
        <div>
          <p class="eyebrow">{t("checkIn.title")}</p>
          <h1>{list()?.session.title ?? t("checkIn.title")}</h1>
          <Show when={list()}>
            <p class="muted">{formatDateTime(list()!.session.startsAt)}</p>
          </Show>
        </div>
      </header>

      <CheckInWindowNotice
        window={window_()}
        state={state()}
        override={override()}
        onOverride={(confirmed) => {
          setOverride(confirmed);
          setProblems([]);
        }}
      />

      <p class="check-in-count" aria-live="polite">
        <span class="check-in-count-number">
          {present()} / {expected()}
        </span>{" "}
        <span>{t("checkIn.count", { present: String(present()), expected: String(expected()) })}</span>
      </p>

      <div class="page-status" role="status">
        <Show when={waiting() > 0}>
          <p class="notice notice-warning check-in-queue">{queueText()}</p>
        </Show>
        <Show when={notice()}>
          <p class="notice notice-ok">{notice()}</p>
        </Show>
        <For each={problems()}>{(p) => <p class="notice notice-error">{p}</p>}</For>
        <Show when={loadFailed() && !list()}>
          <p class="notice notice-error">{t("app.loadError")}</p>
        </Show>
      </div>

      <section class="card check-in-ticket" aria-labelledby="ticket-title">
        <h2 id="ticket-title">{t("checkIn.ticket.title")}</h2>
        <form
          class="inline-fields"
          novalidate
          onSubmit={(e) => {
            e.preventDefault();
            checkInTicket(ticket(), "qr");
          }}
        >
          <div class="field">
            <label for="ticket-code">{t("checkIn.ticket.label")}</label>
            <input
              id="ticket-code"
              type="text"
              autocomplete="off"
              autocapitalize="characters"
              spellcheck={false}
              value={ticket()}
              aria-invalid={ticketError() ? "true" : undefined}
              aria-describedby={ticketError() ? "ticket-code-error" : undefined}
              onInput={(e) => setTicket(e.currentTarget.value)}
            />
          </div>
          <button type="submit" class="button">
            {t("checkIn.ticket.submit")}
          </button>
        </form>
        <Show when={ticketError()}>
          <p id="ticket-code-error" class="field-error">
            {ticketError()}
          </p>
        </Show>
        <Show when={!!navigator.mediaDevices}>
          <Scanner onCode={(code) => checkInTicket(code, "qr")} />
        </Show>
      </section>

      <section class="card" aria-labelledby="people-title">
        <h2 id="people-title">{t("checkIn.list.title")}</h2>
        <div class="field">
          <label for="check-in-search">{t("checkIn.list.search")}</label>
          <input
            id="check-in-search"
            type="search"
            autocomplete="off"
            value={search()}
            onInput={(e) => setSearch(e.currentTarget.value)}
          />
        </div>
        <Show when={shown().length > 0} fallback={<p class="muted">{t("checkIn.list.none")}</p>}>
          <ul class="check-in-list">
            <For each={shown()}>
              {(p) => (
                <li classList={{ "is-present": p.status === "present" }}>
                  <div class="check-in-person">
                    <span class="person-name">{p.name}</span>
                    <span class="muted">{p.institutionName}</span>
                    <span class="check-in-state">
                      {p.status === "present"
                        ? t("checkIn.list.present")
                        : p.status === "excused"
                          ? t("checkIn.list.excused")
                          : ""}
                      <Show when={p.isWalkIn}> · {t("checkIn.list.walkIn")}</Show>
                      <Show when={pendingIds().has(p.registrationId)}> · {t("checkIn.list.pending")}</Show>
                    </span>
                  </div>
                  <Show
                    when={p.status === "present"}
                    fallback={
                      <button type="button" class="button check-in-tick" onClick={() => checkIn(p)}>
                        <span aria-hidden="true">✓ </span>
                        {t("checkIn.list.tick")}
                        <span class="visually-hidden">: {p.name}</span>
                      </button>
                    }
                  >
                    <Show when={!p.registrationId.startsWith("pending:")}>
                      <button type="button" class="button button-secondary button-small" onClick={() => undo(p)}>
                        {t("checkIn.list.undo")}
                        <span class="visually-hidden">: {p.name}</span>
                      </button>
                    </Show>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </section>

      <WalkInForm
        institutions={(institutions()?.items ?? []).map((i) => ({ id: i.id, name: i.name }))}
        onAdd={(input) => {
          if (!mayCheckIn()) return false;
          enqueue({ kind: "walkIn", clientOpId: crypto.randomUUID(), ...input, ...overrideWindow() });
          say(t("checkIn.walkIn.added", { name: input.name }));
          return true;
        }}
      />
      <p class="back">
        <A href={to(`/veranstaltungen/${encodeURIComponent(props.eventId)}/platzvergabe`)}>← {t("checkIn.back")}</A>
      </p>
    </>
  );
}

function WalkInForm(props: {
  institutions: { id: string; name: string }[];
  onAdd: (input: {
    name: string;
    email?: string;
    institutionId: string;
    institutionName: string;
    function?: string;
  }) => boolean;
}) {
  const { t } = useI18n();
  const [name, setName] = createSignal("");
  const [institutionId, setInstitutionId] = createSignal("");
  const [email, setEmail] = createSignal("");
  const [fn, setFn] = createSignal("");
  const [errors, setErrors] = createSignal<{ name?: string; institution?: string; email?: string }>({});
  const sorted = createMemo(() => [...props.institutions].sort((a, b) => a.name.localeCompare(b.name, "de")));
  return (
    <section class="card" aria-labelledby="walk-in-title">
      <h2 id="walk-in-title">{t("checkIn.walkIn.title")}</h2>
      <form
        class="check-in-walk-in"
        novalidate
        onSubmit={(e) => {
          e.preventDefault();
          const next = {
            name: name().trim() ? undefined : t("checkIn.walkIn.nameMissing"),
            institution: institutionId() ? undefined : t("checkIn.walkIn.institutionMissing"),
            email:
              !email().trim() || /^\S+@\S+\.\S+$/.test(email().trim()) ? undefined : t("checkIn.walkIn.emailInvalid"),
          };
          setErrors(next);
          const first = next.name
            ? "walk-in-name"
            : next.institution
              ? "walk-in-institution"
              : next.email
                ? "walk-in-email"
                : "";
          if (first) {
            document.getElementById(first)?.focus();
            return;
          }
          const added = props.onAdd({
            name: name().trim(),
            email: email().trim() || undefined,
            institutionId: institutionId(),
            institutionName: props.institutions.find((i) => i.id === institutionId())?.name ?? "",
            function: fn().trim() || undefined,
          });
          if (!added) return;
          setName("");
          setEmail("");
          setFn("");
          setInstitutionId("");
        }}
      >
        <div class="field">
          <label for="walk-in-name">{t("checkIn.walkIn.name")}</label>
          <input
            id="walk-in-name"
            type="text"
            autocomplete="off"
            value={name()}
            aria-invalid={errors().name ? "true" : undefined}
            aria-describedby={errors().name ? "walk-in-name-error" : undefined}
            onInput={(e) => setName(e.currentTarget.value)}
          />
          <Show when={errors().name}>
            <p id="walk-in-name-error" class="field-error">
              {errors().name}
            </p>
          </Show>
        </div>
        <div class="field">
          <label for="walk-in-institution">{t("checkIn.walkIn.institution")}</label>
          <select
            id="walk-in-institution"
            value={institutionId()}
            aria-invalid={errors().institution ? "true" : undefined}
            aria-describedby={errors().institution ? "walk-in-institution-error" : undefined}
            onChange={(e) => setInstitutionId(e.currentTarget.value)}
          >
            <option value="">{t("checkIn.walkIn.choose")}</option>
            <For each={sorted()}>{(i) => <option value={i.id}>{i.name}</option>}</For>
          </select>
          <Show when={errors().institution}>
            <p id="walk-in-institution-error" class="field-error">
              {errors().institution}
            </p>
          </Show>
        </div>
        <div class="field">
          <label for="walk-in-email">{t("checkIn.walkIn.email")}</label>
          <input
            id="walk-in-email"
            type="email"
            autocomplete="off"
            value={email()}
            aria-invalid={errors().email ? "true" : undefined}
            aria-describedby={errors().email ? "walk-in-email-error" : undefined}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
          <Show when={errors().email}>
            <p id="walk-in-email-error" class="field-error">
              {errors().email}
            </p>
          </Show>
        </div>
        <div class="field">
          <label for="walk-in-function">{t("checkIn.walkIn.function")}</label>
          <input
            id="walk-in-function"
            type="text"
            autocomplete="off"
            value={fn()}
            onInput={(e) => setFn(e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="button">
          {t("checkIn.walkIn.submit")}
        </button>
      </form>
    </section>
  );
}

export default function CheckInPage() {
  const { t } = useI18n();
  const params = useParams<{ eventId: string; eventSessionId: string }>();
  usePageTitle(() => t("checkIn.title"));
  return (
    <OrganiserGate heading={t("checkIn.title")} signIn={t("checkIn.signInFirst")} notAllowed={t("checkIn.notAllowed")}>
      {(networkId) => <CheckIn networkId={networkId} eventId={params.eventId} sessionId={params.eventSessionId} />}
    </OrganiserGate>
  );
}
