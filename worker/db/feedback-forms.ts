// Feedback forms as organisers see and change them: a form with its event and session
// titles and how many answered (never who), the forms of an event, opening and closing,
// and the aggregated results with the trend across a series. The answers themselves and
// why none can be tied to a person: worker/db/feedback.ts.
import { and, asc, eq } from "drizzle-orm";
import { type Question, resultsHidden, summarise, trendOf } from "../domain/feedback";
import type { Db } from "./client";
import { countsAndTexts, type FeedbackForm, loadForm, responseCount, responseCounts, trendInput } from "./feedback";
import { eventSessions, events, feedbackForms } from "./schema";

export { formStatuses } from "./schema";

export type FormView = {
  id: string;
  eventId: string;
  eventTitle: string;
  sessionId: string | null;
  sessionTitle: string | null;
  title: string;
  version: number;
  previousFormId: string | null;
  status: FeedbackForm["status"];
  minResponses: number;
  frozen: boolean;
  responses: number;
  questions: Question[];
};

/** A form with its questions, titles and response count; null if there is no such form. */
export async function formView(db: Db, formId: string): Promise<FormView | null> {
  const loaded = await loadForm(db, formId);
  if (!loaded) return null;
  const { form, questions } = loaded;
  const [event] = await db.select({ title: events.title }).from(events).where(eq(events.id, form.eventId));
  const [session] = form.sessionId
    ? await db.select({ title: eventSessions.title }).from(eventSessions).where(eq(eventSessions.id, form.sessionId))
    : [];
  return {
    id: form.id,
    eventId: form.eventId,
    eventTitle: event?.title ?? "",
    sessionId: form.sessionId,
    sessionTitle: session?.title ?? null,
    title: form.title,
    version: form.version,
    previousFormId: form.previousFormId,
    status: form.status,
    minResponses: form.minResponses,
    frozen: form.frozen,
    responses: await responseCount(db, form.id),
    questions,
  };
}

/** The forms of an event by session position and version, each with its session's title and response count. */
export async function formsOfEvent(db: Db, eventId: string) {
  const forms = await db
    .select({ form: feedbackForms, sessionTitle: eventSessions.title })
    .from(feedbackForms)
    .leftJoin(eventSessions, eq(eventSessions.id, feedbackForms.sessionId))
    .where(eq(feedbackForms.eventId, eventId))
    .orderBy(asc(eventSessions.position), asc(feedbackForms.version));
  const counts = await responseCounts(
    db,
    forms.map((f) => f.form.id),
  );
  return forms.map(({ form, sessionTitle }) => ({
    form,
    sessionTitle: sessionTitle ?? null,
    responses: counts.get(form.id) ?? 0,
  }));
}

/** The title of a session of the event; null if the event has no such session. */
export async function sessionTitleOf(db: Db, eventId: string, sessionId: string) {
  const [session] = await db
    .select()
    .from(eventSessions)
    .where(and(eq(eventSessions.id, sessionId), eq(eventSessions.eventId, eventId)));
  return session ? session.title : null;
}

/** Moves a form from one status to the next; false if it was not in `from` (nothing changed). */
export async function setFormStatus(db: Db, formId: string, from: "draft" | "open", to: "open" | "closed") {
  const updated = await db
    .update(feedbackForms)
    .set({ status: to })
    .where(and(eq(feedbackForms.id, formId), eq(feedbackForms.status, from)))
    .returning({ id: feedbackForms.id });
  return updated.length > 0;
}

/**
 * Changes the title and the minimum number of responses. Lowering the minimum after answers
 * came in could reveal them, so a new minimum is taken only before the first answer: false
 * (and nothing changed) if the form is frozen.
 */
export async function changeForm(
  db: Db,
  form: Pick<FeedbackForm, "id" | "minResponses">,
  patch: { title?: string; minResponses?: number },
) {
  if (patch.minResponses !== undefined && patch.minResponses !== form.minResponses) {
    const updated = await db
      .update(feedbackForms)
      .set({ minResponses: patch.minResponses })
      .where(and(eq(feedbackForms.id, form.id), eq(feedbackForms.frozen, false)))
      .returning({ id: feedbackForms.id });
    if (updated.length === 0) return false;
  }
  if (patch.title !== undefined)
    await db.update(feedbackForms).set({ title: patch.title }).where(eq(feedbackForms.id, form.id));
  return true;
}

/**
 * The results of a form: no figures at all below its minimum of responses, and the trend of
 * each scale question across the session forms of the event where it has more than one point.
 * Null if the form is gone.
 */
export async function formResults(db: Db, form: FeedbackForm, questions: Question[]) {
  const responses = await responseCount(db, form.id);
  const hidden = resultsHidden(responses, form.minResponses);
  const view = await formView(db, form.id);
  if (!view) return null;
  let figures: ReturnType<typeof summarise> = [];
  if (!hidden) {
    const { counts, texts } = await countsAndTexts(db, [form.id]);
    figures = summarise(questions, counts, texts);
  }
  const trendData = await trendInput(db, form.eventId);
  const trend = trendOf(questions, trendData.sessions, trendData.forms, form.minResponses).filter(
    (t) => t.points.length > 1,
  );
  return {
    formId: form.id,
    title: form.title,
    eventTitle: view.eventTitle,
    sessionTitle: view.sessionTitle,
    status: form.status,
    responses,
    minResponses: form.minResponses,
    hidden,
    questions: figures,
    trend,
  };
}
