// How much of its quota the chosen institution has used: a sentence, one mark per place, the figures.
import { For, Show } from "solid-js";
import { useI18n } from "../../i18n";
import type { InvitedEvent } from "../../lib/api";
import { quotaUse, useEventState } from "../../lib/event-state";

export function QuotaSummary(props: { invited: InvitedEvent; institutionName: string; forOrganiser: boolean }) {
  const { t } = useI18n();
  const eventState = useEventState();
  const used = () => props.invited.confirmed + props.invited.offered;
  const use = () => quotaUse(props.invited.phase, props.invited.quota, used());
  // Once the quotas no longer apply, a place "still free" in them would promise what is not there.
  const quotaApplies = () => use().key !== "past";
  // One mark per reserved place (and per waiting request beyond it); capped so a large quota stays one line.
  const marks = () => {
    const { quota, confirmed, offered, waiting } = props.invited;
    const list: ("confirmed" | "offered" | "free" | "waiting")[] = [];
    for (let i = 0; i < (quotaApplies() ? Math.max(quota, confirmed + offered) : confirmed + offered); i++)
      list.push(i < confirmed ? "confirmed" : i < confirmed + offered ? "offered" : "free");
    for (let i = 0; i < waiting; i++) list.push("waiting");
    return list.slice(0, 40);
  };
  const sentence = () => {
    const u = use();
    const values = { used: String(used()), quota: String(props.invited.quota) };
    if (u.key === "past") return t("registration.quota.past", values);
    if (u.key === "beyond") return t("registration.quota.beyond", { ...values, over: String(u.over) });
    if (props.forOrganiser) return t("registration.quota.usedOrganiser", values);
    return props.invited.quota === 1 ? t("registration.quota.usedOne", values) : t("registration.quota.used", values);
  };
  return (
    <section class="card quota-card" aria-labelledby="quota-title">
      <h2 id="quota-title">{t("registration.quota.title", { institution: props.institutionName })}</h2>
      <p class="quota-sentence">{sentence()}</p>
      <div class="quota-marks" aria-hidden="true">
        <For each={marks()}>{(kind) => <span class={`mark mark-${kind}`} />}</For>
      </div>
      <dl class="stats quota-stats">
        <div>
          <dt>{t("registration.quota.quota")}</dt>
          <dd>{props.invited.quota}</dd>
        </div>
        <div class="stat-confirmed">
          <dt>{t("registration.quota.confirmed")}</dt>
          <dd>{props.invited.confirmed}</dd>
        </div>
        <Show when={props.invited.offered > 0}>
          <div class="stat-offered">
            <dt>{t("registration.quota.offered")}</dt>
            <dd>{props.invited.offered}</dd>
          </div>
        </Show>
        <div class="stat-waiting">
          <dt>{t("registration.quota.waiting")}</dt>
          <dd>{props.invited.waiting}</dd>
        </div>
        <Show when={quotaApplies()}>
          <div class="stat-free">
            <dt>{t("registration.quota.remaining")}</dt>
            <dd>{props.invited.remaining}</dd>
          </div>
        </Show>
      </dl>
      <p class="hint quota-hint">{eventState.quotaHint(props.invited)}</p>
    </section>
  );
}
