// The feedback part of the typed API client: organisers' form builder and results, participants' answers.
import type { InferResponseType } from "hono/client";
import { client, read } from "./api";

export type FeedbackForm = InferResponseType<(typeof client)["feedback-forms"][":formId"]["$get"], 200>;
export type FeedbackFormSummary = InferResponseType<
  (typeof client.events)[":eventId"]["feedback-forms"]["$get"],
  200
>["items"][number];
export type FeedbackQuestion = FeedbackForm["questions"][number];
export type FeedbackResults = InferResponseType<(typeof client)["feedback-forms"][":formId"]["results"]["$get"], 200>;
export type PublicFeedbackForm = InferResponseType<(typeof client.feedback)[":formId"]["$get"], 200>;
export type QuestionInput = Omit<FeedbackQuestion, "id"> & { id?: string };
export type AnswerValue = number | string | string[];

/** How an answer page knows who answers: a personal link or a mailed link, secrets only the participant holds. */
export type Credentials = { participantToken?: string; feedbackToken?: string };

const headersOf = (c: Credentials) => ({
  ...(c.participantToken ? { "x-participant-token": c.participantToken } : {}),
  ...(c.feedbackToken ? { "x-feedback-token": c.feedbackToken } : {}),
});

export const feedbackApi = {
  forms: (eventId: string) => read(client.events[":eventId"]["feedback-forms"].$get({ param: { eventId } })),
  createForm: (eventId: string, json: { sessionId: string | null; template: "standard" | "empty" }) =>
    read(client.events[":eventId"]["feedback-forms"].$post({ param: { eventId }, json })),
  form: (formId: string) => read(client["feedback-forms"][":formId"].$get({ param: { formId } })),
  updateForm: (formId: string, json: { title?: string; minResponses?: number }) =>
    read(client["feedback-forms"][":formId"].$patch({ param: { formId }, json })),
  saveQuestions: (formId: string, questions: QuestionInput[]) =>
    read(client["feedback-forms"][":formId"].questions.$put({ param: { formId }, json: { questions } })),
  open: (formId: string) => read(client["feedback-forms"][":formId"].open.$post({ param: { formId } })),
  close: (formId: string) => read(client["feedback-forms"][":formId"].close.$post({ param: { formId } })),
  newVersion: (formId: string) => read(client["feedback-forms"][":formId"].versions.$post({ param: { formId } })),
  results: (formId: string) => read(client["feedback-forms"][":formId"].results.$get({ param: { formId } })),
  publicForm: (formId: string, credentials: Credentials) =>
    read(client.feedback[":formId"].$get({ param: { formId }, header: headersOf(credentials) })),
  answer: (formId: string, credentials: Credentials, answers: Record<string, AnswerValue>) =>
    read(
      client.feedback[":formId"].responses.$post({
        param: { formId },
        header: headersOf(credentials),
        json: { answers },
      }),
    ),
  requestLink: (formId: string, email: string, locale: "de" | "en") =>
    read(client.feedback[":formId"].links.$post({ param: { formId }, json: { email, locale } })),
  participantForms: (token: string) =>
    read(client.participation.feedback.$get({ header: { "x-participant-token": token } })),
};

/** The CSV download is a plain link: the browser sends the session cookie. */
export const resultsCsvUrl = (formId: string) => `/api/feedback-forms/${encodeURIComponent(formId)}/results.csv`;
export const answerPath = (formId: string) => `/rueckmeldung/${encodeURIComponent(formId)}`;
