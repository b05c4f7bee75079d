// The messages part of the typed API client: an event's message history, preview, test mail and sending.
import { query } from "@solidjs/router";
import type { InferRequestType, InferResponseType } from "hono/client";
import { client, read } from "./api";

const messages = client.events[":eventId"].messages;

export type MessageSummary = InferResponseType<typeof messages.$get, 200>["items"][number];
export type MessageInput = InferRequestType<typeof messages.$post>["json"];
export type MessageAudience = MessageInput["audience"];
export type MessagePreview = InferResponseType<typeof messages.preview.$post, 200>;

export const getMessages = query((eventId: string) => read(messages.$get({ param: { eventId } })), "event-messages");

export const messagesApi = {
  preview: (eventId: string, json: MessageInput) => read(messages.preview.$post({ param: { eventId }, json })),
  test: (eventId: string, json: MessageInput) => read(messages.test.$post({ param: { eventId }, json })),
  send: (eventId: string, json: MessageInput) => read(messages.$post({ param: { eventId }, json })),
};
