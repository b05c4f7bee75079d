// What each kind of message writes to one recipient: one module per kind.
import type { messageKinds } from "../schema";
import { deadlineSummary } from "./deadline-summary";
import { feedbackInvitation } from "./feedback-invitation";
import type { Renderer } from "./index";
import { eventMessage } from "./message";
import { quotaReminder } from "./quota-reminder";
import { sessionReminder } from "./session-reminder";

export const renderers: Record<(typeof messageKinds)[number], Renderer> = {
  message: eventMessage,
  session_reminder: sessionReminder,
  quota_reminder: quotaReminder,
  deadline_summary: deadlineSummary,
  feedback_invitation: feedbackInvitation,
};
