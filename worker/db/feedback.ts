// The writing side of feedback. Anonymity is a property of what is stored:
//
// - `feedback_submissions` records *that* a registration answered a form, and
//   nothing else; `feedback_answer_counts` and `feedback_text_answers` record
//   *what* was answered, with no person, registration, response id or time.
// - SQLite hands out rowids in insertion order, so the n-th submission and the
//   n-th text could be paired by order. Every row of these tables is therefore
//   inserted with a random rowid (and texts get random ids), and answers to
//   scale and choice questions are counts incremented in place, not rows.
// - The invitation mailed when a session ends (fan-out/feedback-invitation.ts) links a
//   registration to a form, as a link asked for from the slide does; neither says anything
//   about an answer.
// - An answer is one atomic batch: its first statement inserts the submission
//   only if the registration attended, the form is open and unchanged, and it
//   has not answered yet; every following statement takes effect only if the
//   submission row carries this request's random nonce. Two concurrent answers
//   of one person: one inserts, the other's statements all do nothing.

import { and, asc, eq, inArray, ne, type SQL, sql } from "drizzle-orm";
import {
  type Answers,
  answerWrites,
  type CountRow,
  type Question,
  type QuestionDraft,
  type TrendForm,
} from "../domain/feedback";
import { hashToken, randomToken } from "../lib/auth";
import { type MailLocale, mailInsertIf } from "../lib/mail";
import { type Db, runBatch } from "./client";
import {
  eventSessions,
  events,
  feedbackAnswerCounts,
  feedbackForms,
  feedbackInvitations,
  feedbackQuestions,
  feedbackSubmissions,
  feedbackTextAnswers,
} from "./schema";

/** A random non-negative rowid: rows carry no trace of the order they were written in. */
const RANDOM_ROWID = sql.raw("(random() & 9223372036854775807)");

export type FeedbackForm = typeof feedbackForms.$inferSelect;

const asQuestion = (q: typeof feedbackQuestions.$inferSelect): Question => ({
  id: q.id,
  kind: q.kind,
  prompt: q.prompt,
  options: q.options ?? [],
  required: q.required,
});

export async function loadForm(db: Db, formId: string) {
  const [form] = await db.select().from(feedbackForms).where(eq(feedbackForms.id, formId)).limit(1);
  if (!form) return null;
  const questions = (
    await db
      .select()
      .from(feedbackQuestions)
      .where(eq(feedbackQuestions.formId, formId))
      .orderBy(asc(feedbackQuestions.position))
  ).map(asQuestion);
  return { form, questions };
}

export const responseCount = async (db: Db, formId: string) =>
  (
    await db
      .select({ n: sql<number>`count(*)` })
      .from(feedbackSubmissions)
      .where(eq(feedbackSubmissions.formId, formId))
  )[0].n;

/** Response counts of several forms at once. */
export async function responseCounts(db: Db, formIds: string[]) {
  if (formIds.length === 0) return new Map<string, number>();
  const rows = await db
    .select({ formId: feedbackSubmissions.formId, n: sql<number>`count(*)` })
    .from(feedbackSubmissions)
    .where(inArray(feedbackSubmissions.formId, formIds))
    .groupBy(feedbackSubmissions.formId);
  return new Map(rows.map((r) => [r.formId, r.n]));
}

// ---------------------------------------------------------------------------
// Building

/** Statements that write `questions` as the questions of a form (positions from the order). */
function questionInserts(formId: string, questions: (QuestionDraft & { id?: string })[], condition: SQL) {
  return questions.map(
    (q, index) =>
      sql`insert into feedback_questions (id, form_id, position, kind, prompt, options, required)
        select ${q.id ?? crypto.randomUUID()}, ${formId}, ${index + 1}, ${q.kind}, ${q.prompt},
          ${JSON.stringify(q.options)}, ${q.required ? 1 : 0}
        where ${condition}`,
  );
}

export async function createForm(
  db: Db,
  input: { eventId: string; sessionId: string | null; title: string; minResponses: number },
  questions: QuestionDraft[],
  now = new Date(),
) {
  const id = crypto.randomUUID();
  await runBatch(db, [
    sql`insert into feedback_forms (id, event_id, session_id, version, title, status, min_responses, frozen, revision, created_at)
      values (${id}, ${input.eventId}, ${input.sessionId}, 1, ${input.title}, 'draft', ${input.minResponses}, 0, 0, ${now.getTime()})`,
    ...questionInserts(id, questions, sql`1`),
  ]);
  return id;
}

/**
 * Replaces the questions of a form that nobody has answered yet, in one batch:
 * every statement checks that the form is still not frozen, and the revision
 * goes up so that an answer checked against the old questions is refused.
 * Returns false if the form was frozen (nothing changed).
 */
export async function replaceQuestions(db: Db, formId: string, questions: (QuestionDraft & { id?: string })[]) {
  // Ids the client sends are kept only if they are this form's: an id of another form would collide.
  const own = new Set(
    (
      await db.select({ id: feedbackQuestions.id }).from(feedbackQuestions).where(eq(feedbackQuestions.formId, formId))
    ).map((q) => q.id),
  );
  const seen = new Set<string>();
  const withIds = questions.map((q) => {
    const keep = q.id !== undefined && own.has(q.id) && !seen.has(q.id);
    if (keep && q.id) seen.add(q.id);
    return { ...q, id: keep ? q.id : crypto.randomUUID() };
  });
  // The first statement bumps the revision of an unfrozen form; the others check the flag themselves.
  const unfrozen = sql`(select frozen from feedback_forms where id = ${formId}) = 0`;
  const [claim] = await runBatch(db, [
    sql`update feedback_forms set revision = revision + 1 where id = ${formId} and frozen = 0 returning revision`,
    sql`delete from feedback_questions where form_id = ${formId} and ${unfrozen}`,
    ...questionInserts(formId, withIds, unfrozen),
  ]);
  return claim.results.length === 1;
}

/**
 * A new draft version of a form with the same questions; the old form closes.
 * Returns the new form's id.
 */
export async function newVersion(db: Db, form: FeedbackForm, questions: Question[], now = new Date()) {
  const id = crypto.randomUUID();
  const [latest] = await db
    .select({ version: sql<number>`max(${feedbackForms.version})` })
    .from(feedbackForms)
    .where(
      and(
        eq(feedbackForms.eventId, form.eventId),
        form.sessionId === null ? sql`${feedbackForms.sessionId} is null` : eq(feedbackForms.sessionId, form.sessionId),
        eq(feedbackForms.title, form.title),
      ),
    );
  const version = Math.max(form.version, latest?.version ?? 0) + 1;
  await runBatch(db, [
    sql`insert into feedback_forms (id, event_id, session_id, version, previous_form_id, title, status, min_responses, frozen, revision, created_at)
      values (${id}, ${form.eventId}, ${form.sessionId}, ${version}, ${form.id}, ${form.title}, 'draft', ${form.minResponses}, 0, 0, ${now.getTime()})`,
    ...questionInserts(
      id,
      questions.map(({ id: _id, ...q }) => q),
      sql`1`,
    ),
    sql`update feedback_forms set status = 'closed' where id = ${form.id} and status <> 'closed'`,
  ]);
  return id;
}

// ---------------------------------------------------------------------------
// Answering

export type SubmitOutcome =
  | "counted"
  | "feedback_already_answered"
  | "feedback_not_attended"
  | "feedback_form_closed"
  | "feedback_form_changed";

/** SQL: registration `r` attended the session of form `f` (any session of its event for an event-wide form). */
const attendedSql = sql.raw(`exists (select 1 from attendances a join event_sessions s on s.id = a.session_id
    where a.registration_id = r.id and a.kind = 'present' and s.event_id = f.event_id
      and (f.session_id is null or a.session_id = f.session_id))`);

/**
 * Records one answer: the submission (conditional on attendance, an open and
 * unchanged form, and no earlier answer) and, only if that row was written by
 * this request, the counts, the texts and the frozen flag. One atomic batch.
 */
export async function submitAnswer(
  db: Db,
  input: { form: FeedbackForm; questions: Question[]; registrationId: string; answers: Answers },
): Promise<SubmitOutcome> {
  const { form, questions, registrationId } = input;
  const nonce = randomToken();
  const writes = answerWrites(questions, input.answers);
  const ours = sql`exists (select 1 from feedback_submissions
    where form_id = ${form.id} and registration_id = ${registrationId} and nonce = ${nonce})`;
  const [inserted] = await runBatch(db, [
    sql`insert into feedback_submissions (rowid, form_id, registration_id, nonce)
      select ${RANDOM_ROWID}, f.id, r.id, ${nonce}
      from feedback_forms f join registrations r on r.id = ${registrationId}
      where f.id = ${form.id} and f.status = 'open' and f.revision = ${form.revision}
        and r.event_id = f.event_id and r.anonymised_at is null and ${attendedSql}
      on conflict (form_id, registration_id) do nothing`,
    ...writes.counts.map(
      (c) =>
        sql`insert into feedback_answer_counts (rowid, form_id, question_id, value, count)
          select ${RANDOM_ROWID}, ${form.id}, ${c.questionId}, ${c.value}, 1 where ${ours}
          on conflict (question_id, value) do update set count = count + 1`,
    ),
    ...writes.texts.map(
      (t) =>
        sql`insert into feedback_text_answers (rowid, id, form_id, question_id, body)
          select ${RANDOM_ROWID}, ${crypto.randomUUID()}, ${form.id}, ${t.questionId}, ${t.body} where ${ours}`,
    ),
    sql`update feedback_forms set frozen = 1 where id = ${form.id} and frozen = 0 and ${ours}`,
  ]);
  if (inserted.meta.changes === 1) return "counted";
  return diagnose(db, form.id, registrationId, form.revision);
}

/** Why an answer was not counted, read after the batch did nothing. */
async function diagnose(db: Db, formId: string, registrationId: string, revision: number): Promise<SubmitOutcome> {
  const row = await db.get<{ status: string; revision: number; answered: number; attended: number }>(
    sql`select f.status, f.revision,
        exists (select 1 from feedback_submissions where form_id = f.id and registration_id = ${registrationId}) as answered,
        coalesce((select ${attendedSql} from registrations r where r.id = ${registrationId}
          and r.event_id = f.event_id and r.anonymised_at is null), 0) as attended
      from feedback_forms f where f.id = ${formId}`,
  );
  if (row?.status !== "open") return "feedback_form_closed";
  if (!row.attended) return "feedback_not_attended";
  if (row.answered) return "feedback_already_answered";
  if (row.revision !== revision) return "feedback_form_changed";
  // Nothing else keeps the insert from happening; a race lost to a close or an answer.
  return "feedback_already_answered";
}

/** Whether a registration may answer a form now, for the pages of the personal-link flows. */
export async function answerState(db: Db, formId: string, registrationId: string) {
  const row = await db.get<{ status: string; answered: number; attended: number }>(
    sql`select f.status,
        exists (select 1 from feedback_submissions where form_id = f.id and registration_id = ${registrationId}) as answered,
        coalesce((select ${attendedSql} from registrations r where r.id = ${registrationId}
          and r.event_id = f.event_id and r.anonymised_at is null), 0) as attended
      from feedback_forms f where f.id = ${formId}`,
  );
  return { attended: Boolean(row?.attended), answered: Boolean(row?.answered) };
}

/** Open forms of the registration's event that it may answer (attended), with whether it did. */
export async function formsForRegistration(db: Db, registrationId: string) {
  return db.all<{ id: string; title: string; session_id: string | null; answered: number }>(
    sql`select f.id, f.title, f.session_id,
        exists (select 1 from feedback_submissions s where s.form_id = f.id and s.registration_id = r.id) as answered
      from registrations r join feedback_forms f on f.event_id = r.event_id
      where r.id = ${registrationId} and r.anonymised_at is null and f.status = 'open' and ${attendedSql}
      order by f.created_at`,
  );
}

/** The registration a mailed answer link belongs to, for this form only. */
export async function registrationOfInvitation(db: Db, formId: string, token: string) {
  const [row] = await db
    .select({ registrationId: feedbackInvitations.registrationId })
    .from(feedbackInvitations)
    .where(and(eq(feedbackInvitations.tokenHash, await hashToken(token)), eq(feedbackInvitations.formId, formId)))
    .limit(1);
  return row?.registrationId ?? null;
}

// ---------------------------------------------------------------------------
// Reading results

export async function countsAndTexts(db: Db, formIds: string[]) {
  if (formIds.length === 0) return { counts: [] as (CountRow & { formId: string })[], texts: [] };
  const counts = await db
    .select({
      formId: feedbackAnswerCounts.formId,
      questionId: feedbackAnswerCounts.questionId,
      value: feedbackAnswerCounts.value,
      count: feedbackAnswerCounts.count,
    })
    .from(feedbackAnswerCounts)
    .where(inArray(feedbackAnswerCounts.formId, formIds));
  const texts = await db
    .select({ questionId: feedbackTextAnswers.questionId, body: feedbackTextAnswers.body })
    .from(feedbackTextAnswers)
    .where(inArray(feedbackTextAnswers.formId, formIds))
    // Random ids: an order that says nothing about when a text came in.
    .orderBy(asc(feedbackTextAnswers.id));
  return { counts, texts };
}

/** Every session of the event and the session forms (not drafts) with questions and counts, for the trend. */
export async function trendInput(db: Db, eventId: string) {
  const sessions = await db
    .select()
    .from(eventSessions)
    .where(eq(eventSessions.eventId, eventId))
    .orderBy(asc(eventSessions.position));
  const forms = await db
    .select()
    .from(feedbackForms)
    .where(
      and(
        eq(feedbackForms.eventId, eventId),
        ne(feedbackForms.status, "draft"),
        sql`${feedbackForms.sessionId} is not null`,
      ),
    );
  const ids = forms.map((f) => f.id);
  const questions =
    ids.length === 0 ? [] : await db.select().from(feedbackQuestions).where(inArray(feedbackQuestions.formId, ids));
  const { counts } = await countsAndTexts(db, ids);
  const responses = await responseCounts(db, ids);
  const trendForms: TrendForm[] = forms.map((f) => ({
    sessionId: f.sessionId as string,
    minResponses: f.minResponses,
    responses: responses.get(f.id) ?? 0,
    questions: questions.filter((q) => q.formId === f.id).map(asQuestion),
    counts: counts.filter((c) => c.formId === f.id),
  }));
  return {
    sessions: sessions.map((s) => ({
      id: s.id,
      position: s.position,
      title: s.title,
      startsAt: s.startsAt.toISOString(),
    })),
    forms: trendForms,
  };
}

// ---------------------------------------------------------------------------
// The mail when a session ends

/** The answer page for a mailed link; the token travels in the fragment, never to a server log. */
export const feedbackLink = (origin: string, formId: string, token: string) =>
  `${origin}/rueckmeldung/${formId}#k=${token}`;

/**
 * Asked for from the QR code on a slide: mails `email` a link of its own for
 * answering the form, if the address belongs to a registration present at the
 * session. The caller learns nothing either way: the same batch runs for every
 * address, its first statement issues the link only if the address was there,
 * and the mail is written only under that link. Whether the person answered
 * already plays no part, so that not even the outbox tells; the link's page says
 * it. A new link replaces an earlier one of the same person for the same form.
 */
export async function mailFeedbackLink(
  db: Db,
  input: { form: FeedbackForm; email: string; origin: string; locale: MailLocale; now: Date },
) {
  const { form, email, now } = input;
  const [about] = await db
    .select({ networkId: events.networkId, eventTitle: events.title, sessionTitle: eventSessions.title })
    .from(events)
    .leftJoin(eventSessions, eq(eventSessions.id, sql`${form.sessionId}`))
    .where(eq(events.id, form.eventId))
    .limit(1);
  const token = randomToken();
  const tokenHash = await hashToken(token);
  await runBatch(db, [
    sql`insert into feedback_invitations (token_hash, form_id, registration_id)
      select ${tokenHash}, f.id, r.id from feedback_forms f join registrations r on r.event_id = f.event_id
      where f.id = ${form.id} and f.status = 'open' and r.email = ${email} and r.anonymised_at is null and ${attendedSql}
      limit 1`,
    mailInsertIf(
      {
        to: email,
        locale: input.locale,
        networkId: about?.networkId ?? null,
        template: "feedback_invitation",
        params: {
          eventTitle: about?.eventTitle ?? "",
          sessionTitle: about?.sessionTitle ?? "",
          link: feedbackLink(input.origin, form.id, token),
        },
      },
      sql`exists (select 1 from feedback_invitations where token_hash = ${tokenHash})`,
      now,
    ),
  ]);
}
