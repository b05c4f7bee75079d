// The words for an event's state, from the one rule in worker/domain/event-state.ts, so that the
// event list, the invitations and the registration page never contradict each other.
import { type EventDates, type QuotaUse, quotaState, quotaUse } from "../../../worker/domain/event-state";
import { useI18n } from "../i18n";

export type { EventDates, QuotaUse };
export { quotaUse };

export function useEventState() {
  const { t, formatDate } = useI18n();
  const formatted = (dates: Record<string, string>) =>
    Object.fromEntries(Object.entries(dates).map(([name, iso]) => [name, formatDate(iso)]));
  return {
    /** One line for an event card: "Kontingente reserviert bis …", or what is true instead. */
    line: (event: EventDates) => {
      const state = quotaState(event);
      return t(`events.state.${state.key}`, formatted(state.dates));
    },
    /** The explanation under an institution's quota. */
    quotaHint: (event: EventDates) => {
      const state = quotaState(event);
      return t(`registration.quota.hint.${state.key}`, formatted(state.dates));
    },
  };
}
