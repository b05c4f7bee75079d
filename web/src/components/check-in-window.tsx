// Whether the door is open for a session, said before anyone ticks a name: check-in runs from a
// while before the start to the end of the session's day (Berlin time). Outside it the organiser
// may still check people in, but only after confirming it here; the server records each such one.
import { Show } from "solid-js";
import { useI18n } from "../i18n";
import { isoToBerlinDayAndClock } from "../lib/berlin-time";
import "../i18n/organisers";

export type CheckInWindow = { opensAt: string; closesAt: string };
export type WindowState = "not_yet_open" | "open" | "closed";

export function windowState(window: CheckInWindow | undefined, now: number): WindowState {
  if (!window) return "open";
  if (now < Date.parse(window.opensAt)) return "not_yet_open";
  if (now > Date.parse(window.closesAt)) return "closed";
  return "open";
}

export const OVERRIDE_ID = "check-in-override";

export function CheckInWindowNotice(props: {
  window: CheckInWindow | undefined;
  state: WindowState;
  override: boolean;
  onOverride: (confirmed: boolean) => void;
}) {
  const { t } = useI18n();
  const reason = () => {
    const w = props.window;
    if (!w) return "";
    if (props.state === "not_yet_open") return t("checkIn.window.notYetOpen", isoToBerlinDayAndClock(w.opensAt));
    return t("checkIn.window.closed", isoToBerlinDayAndClock(w.closesAt));
  };
  return (
    <Show when={props.state !== "open"}>
      <section class="notice notice-warning check-in-window" aria-labelledby="check-in-window-title">
        <h2 id="check-in-window-title" class="check-in-window-title">
          {reason()}
        </h2>
        <p>{t("checkIn.window.why")}</p>
        <div class="choice">
          <input
            id={OVERRIDE_ID}
            type="checkbox"
            checked={props.override}
            aria-describedby="check-in-override-hint"
            onChange={(e) => props.onOverride(e.currentTarget.checked)}
          />
          <label for={OVERRIDE_ID}>
            {t("checkIn.window.override")}
            <span id="check-in-override-hint" class="choice-meta">
              {t("checkIn.window.overrideHint")}
            </span>
          </label>
        </div>
      </section>
    </Show>
  );
}
