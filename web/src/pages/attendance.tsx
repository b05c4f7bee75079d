// The organiser's view of who came: per session and across the series per institution, with
// charts beside the tables, excused absences, and the lists and documents to download.
import { A, createAsync, revalidate, useParams } from "@solidjs/router";
import { createMemo, createSignal, ErrorBoundary, For, Show } from "solid-js";
import { BarChart } from "../components/bar-chart";
import { OrganiserGate } from "../components/organiser-gate";
import { LoadError } from "../components/status";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import {
  ApiProblem,
  type AttendanceFigures,
  attendanceApi,
  documentPaths,
  getAttendanceFigures,
  getEvent,
  getSessionAttendance,
} from "../lib/api";
import { useNetworkPath } from "../lib/network";
import "../i18n/organisers";

const COLOURS = { present: "#1e6b3a", walkIns: "#1d5c96", excused: "#c08a1e", noShows: "#a1261c" };

function Documents(props: { eventId: string; sessions: { id: string; title: string; position: number }[] }) {
  const to = useNetworkPath();
  const { t } = useI18n();
  const paths = createMemo(() => documentPaths(props.eventId));
  return (
    <section class="card" aria-labelledby="documents-title">
      <h2 id="documents-title">{t("attendance.documents.title")}</h2>
      <ul class="document-links">
        <li>
          <span>{t("attendance.documents.attendance")}</span>
          <a href={paths().attendanceCsv} download="">
            CSV
            <span class="visually-hidden">: {t("attendance.documents.attendance")}</span>
          </a>
          <a href={paths().attendanceXlsx} download="">
            Excel (XLSX)
            <span class="visually-hidden">: {t("attendance.documents.attendance")}</span>
          </a>
        </li>
        <li>
          <span>{t("attendance.documents.participants")}</span>
          <a href={paths().participantsCsv} download="">
            CSV
            <span class="visually-hidden">: {t("attendance.documents.participants")}</span>
          </a>
          <a href={paths().participantsXlsx} download="">
            Excel (XLSX)
            <span class="visually-hidden">: {t("attendance.documents.participants")}</span>
          </a>
          <a href={paths().participantsPdf} download="">
            PDF<span class="visually-hidden">: {t("attendance.documents.participants")}</span>
          </a>
        </li>
        <li>
          <span>{t("attendance.documents.certificates")}</span>
          <a href={paths().certificates} download="">
            PDF<span class="visually-hidden">: {t("attendance.documents.certificates")}</span>
          </a>
        </li>
        <For each={props.sessions}>
          {(s) => (
            <li>
              <span>
                {t("attendance.documents.signInSheet")}: {s.title}
              </span>
              <a href={paths().signInSheet(s.id)} download="">
                PDF
                <span class="visually-hidden">
                  : {t("attendance.documents.signInSheet")} {s.title}
                </span>
              </a>
              <A
                href={to(
                  `/veranstaltungen/${encodeURIComponent(props.eventId)}/termine/${encodeURIComponent(s.id)}/einlass`,
                )}
                // A new document: only the check-in page's own headers allow the camera (web/public/_headers).
                rel="external"
              >
                {t("checkIn.title")}
              </A>
            </li>
          )}
        </For>
      </ul>
      <p class="hint">{t("attendance.documents.hint")}</p>
    </section>
  );
}

function PerSession(props: { figures: AttendanceFigures }) {
  const { t, formatDate } = useI18n();
  const sessions = () => props.figures.sessions;
  const label = (s: AttendanceFigures["sessions"][number]) => `${s.position}. ${formatDate(s.startsAt)}`;
  return (
    <section class="card" aria-labelledby="per-session-title">
      <h2 id="per-session-title">{t("attendance.perSession.title")}</h2>
      <BarChart
        description={t("attendance.perSession.chart")}
        labels={sessions().map(label)}
        stacked
        height={260}
        series={[
          {
            label: t("attendance.present"),
            data: sessions().map((s) => s.present - s.walkIns),
            color: COLOURS.present,
          },
          { label: t("attendance.walkIns"), data: sessions().map((s) => s.walkIns), color: COLOURS.walkIns },
          { label: t("attendance.excused"), data: sessions().map((s) => s.excused), color: COLOURS.excused },
          { label: t("attendance.noShows"), data: sessions().map((s) => s.noShows ?? 0), color: COLOURS.noShows },
        ]}
      />
      <section class="table-scroll" tabindex="0" aria-labelledby="per-session-title">
        <table class="figures-table">
          <caption class="visually-hidden">{t("attendance.perSession.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("attendance.session")}</th>
              <th scope="col" class="num">
                {t("attendance.expected")}
              </th>
              <th scope="col" class="num">
                {t("attendance.present")}
              </th>
              <th scope="col" class="num">
                {t("attendance.walkIns")}
              </th>
              <th scope="col" class="num">
                {t("attendance.excused")}
              </th>
              <th scope="col" class="num">
                {t("attendance.noShows")}
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={sessions()}>
              {(s) => (
                <tr>
                  <th scope="row">
                    {label(s)}
                    <span class="muted block">{s.title}</span>
                  </th>
                  <td class="num">{s.expected}</td>
                  <td class="num">{s.present}</td>
                  <td class="num">{s.walkIns}</td>
                  <td class="num">{s.excused}</td>
                  <td class="num">
                    {s.noShows ?? <span title={t("attendance.notYetHeld")}>{t("attendance.notYetHeldShort")}</span>}
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </section>
    </section>
  );
}

function PerInstitution(props: { figures: AttendanceFigures }) {
  const { t } = useI18n();
  const rows = () => props.figures.institutions;
  const held = () => rows()[0]?.sessionsHeld ?? props.figures.sessions.filter((s) => s.noShows !== null).length;
  const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 100));
  return (
    <section class="card" aria-labelledby="per-institution-title">
      <h2 id="per-institution-title">{t("attendance.perInstitution.title")}</h2>
      <p class="hint">{t("attendance.perInstitution.hint", { held: String(held()) })}</p>
      <Show when={rows().length > 0} fallback={<p class="muted">{t("attendance.perInstitution.none")}</p>}>
        <Show when={held() > 0}>
          <BarChart
            description={t("attendance.perInstitution.chart")}
            labels={rows().map((r) => r.name)}
            horizontal
            max={100}
            unit=" %"
            height={Math.max(160, rows().length * 26 + 60)}
            series={[
              {
                label: t("attendance.perInstitution.rate"),
                data: rows().map((r) => percent(r.rate) ?? 0),
                color: COLOURS.walkIns,
              },
            ]}
          />
        </Show>
        <section class="table-scroll" tabindex="0" aria-labelledby="per-institution-title">
          <table class="figures-table">
            <caption class="visually-hidden">{t("attendance.perInstitution.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("attendance.perInstitution.institution")}</th>
                <th scope="col" class="num">
                  {t("attendance.perInstitution.registered")}
                </th>
                <th scope="col" class="num">
                  {t("attendance.perInstitution.attended")}
                </th>
                <th scope="col" class="num">
                  {t("attendance.perInstitution.rate")}
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={rows()}>
                {(r) => (
                  <tr>
                    <th scope="row">{r.name}</th>
                    <td class="num">{r.registered}</td>
                    <td class="num">
                      {t("attendance.perInstitution.ofPossible", {
                        attended: String(r.attendedSessions),
                        possible: String(r.registered * r.sessionsHeld),
                      })}
                    </td>
                    <td class="num">{percent(r.rate) === null ? "–" : `${percent(r.rate)} %`}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </section>
      </Show>
    </section>
  );
}

function Excuses(props: {
  sessions: { id: string; title: string; position: number }[];
  onChanged: (text: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const [sessionId, setSessionId] = createSignal(props.sessions[0]?.id ?? "");
  const list = createAsync(() => (sessionId() ? getSessionAttendance(sessionId()) : Promise.resolve(undefined)));
  const [busy, setBusy] = createSignal("");
  const [error, setError] = createSignal("");
  const expected = () => (list()?.items ?? []).filter((p) => p.method !== "walk_in");
  const toggle = async (registrationId: string, name: string, excused: boolean) => {
    setBusy(registrationId);
    setError("");
    try {
      if (excused) await attendanceApi.withdrawExcuse(sessionId(), registrationId);
      else await attendanceApi.excuse(sessionId(), registrationId);
      await revalidate(getSessionAttendance.key);
      await props.onChanged(t(excused ? "attendance.excuses.withdrawn" : "attendance.excuses.marked", { name }));
    } catch (e) {
      setError(e instanceof ApiProblem ? e.message : String(e));
    } finally {
      setBusy("");
    }
  };
  return (
    <section class="card" aria-labelledby="excuses-title">
      <h2 id="excuses-title">{t("attendance.excuses.title")}</h2>
      <p class="hint">{t("attendance.excuses.hint")}</p>
      <div class="field field-narrow">
        <label for="excuse-session">{t("attendance.session")}</label>
        <select id="excuse-session" value={sessionId()} onChange={(e) => setSessionId(e.currentTarget.value)}>
          <For each={props.sessions}>
            {(s) => (
              <option value={s.id}>
                {s.position}. {s.title}
              </option>
            )}
          </For>
        </select>
      </div>
      <div role="alert">
        <Show when={error()}>
          <p class="field-error">{error()}</p>
        </Show>
      </div>
      <ul class="excuse-list">
        <For each={expected()} fallback={<li class="muted">{t("attendance.excuses.none")}</li>}>
          {(p) => (
            <li>
              <span>
                <span class="person-name">{p.name}</span>
                <span class="muted block">{p.institutionName}</span>
              </span>
              <Show
                when={p.status !== "present"}
                fallback={<span class="badge badge-positive">{t("attendance.present")}</span>}
              >
                <Show when={p.status === "excused"}>
                  <span class="badge badge-muted">{t("attendance.excused")}</span>
                </Show>
                <button
                  type="button"
                  class="button button-secondary button-small"
                  disabled={busy() === p.registrationId}
                  onClick={() => toggle(p.registrationId, p.name, p.status === "excused")}
                >
                  {p.status === "excused" ? t("attendance.excuses.withdraw") : t("attendance.excuses.mark")}
                  <span class="visually-hidden">: {p.name}</span>
                </button>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}

function Attendance(props: { eventId: string }) {
  const { t } = useI18n();
  const event = createAsync(() => getEvent(props.eventId));
  const figures = createAsync(() => getAttendanceFigures(props.eventId));
  const [notice, setNotice] = createSignal("");
  usePageTitle(() => (event() ? `${t("attendance.title")}: ${event()!.title}` : t("attendance.title")));
  const onChanged = async (text: string) => {
    await revalidate(getAttendanceFigures.key);
    setNotice(text);
  };
  return (
    <ErrorBoundary fallback={(error, reset) => <LoadError error={error} reset={reset} />}>
      <Show when={event() && figures()}>
        <header class="page-head">
          <div>
            <p class="eyebrow">{t("attendance.title")}</p>
            <h1>{event()!.title}</h1>
          </div>
        </header>
        <div class="page-status" role="status">
          <Show when={notice()}>
            <p class="notice notice-ok">{notice()}</p>
          </Show>
        </div>
        <PerSession figures={figures()!} />
        <PerInstitution figures={figures()!} />
        <Show when={event()!.sessions.length > 0}>
          <Excuses sessions={event()!.sessions} onChanged={onChanged} />
        </Show>
        <Documents eventId={props.eventId} sessions={event()!.sessions} />
      </Show>
    </ErrorBoundary>
  );
}

export default function AttendancePage() {
  const to = useNetworkPath();
  const { t } = useI18n();
  const params = useParams<{ eventId: string }>();
  usePageTitle(() => t("attendance.title"));
  return (
    <>
      <p class="back">
        <A href={to(`/veranstaltungen/${encodeURIComponent(params.eventId)}/platzvergabe`)}>← {t("checkIn.back")}</A>
      </p>
      <OrganiserGate
        heading={t("attendance.title")}
        signIn={t("attendance.signInFirst")}
        notAllowed={t("attendance.notAllowed")}
      >
        {() => <Attendance eventId={params.eventId} />}
      </OrganiserGate>
    </>
  );
}
