import { A, createAsync } from "@solidjs/router";
import { For, type JSX, Show } from "solid-js";
import { useI18n } from "../i18n";
import { getSetup } from "../lib/api";
import { useNetworkPath } from "../lib/network";
import { useMe } from "../lib/session";
import "./first-steps.css";

/**
 * For the organisers of a network that is not set up yet: what to do first, each step
 * ticked once done, instead of a start page of empty lists.
 */
export function FirstSteps(props: { networkId: string }) {
  const { t } = useI18n();
  const to = useNetworkPath();
  const { isOrganiserOf } = useMe();
  const setup = createAsync(async () => (isOrganiserOf(props.networkId) ? getSetup(props.networkId) : undefined));
  const steps = (): { done: boolean; title: string; actions: JSX.Element }[] => {
    const s = setup();
    if (!s) return [];
    return [
      {
        done: s.directory,
        title: t("setup.directory"),
        actions: (
          <>
            <A href={to("/verzeichnis/neu")}>{t("setup.directoryAdd")}</A>
            <A href={to("/verzeichnis/import")}>{t("setup.directoryImport")}</A>
          </>
        ),
      },
      {
        done: s.privacyNotice,
        title: t("setup.privacy"),
        actions: <A href={to("/datenschutz/hinweise")}>{t("setup.privacyAction")}</A>,
      },
      {
        done: s.firstEvent,
        title: t("setup.event"),
        actions: <A href={to("/veranstaltungen/neu")}>{t("setup.eventAction")}</A>,
      },
    ];
  };
  return (
    <Show when={setup() && !setup()?.complete}>
      <section class="card" aria-labelledby="first-steps-title">
        <h2 id="first-steps-title">{t("setup.title")}</h2>
        <p>{t("setup.intro")}</p>
        <ol class="checklist">
          <For each={steps()}>
            {(step) => (
              <li classList={{ "step-done": step.done }}>
                <span class="step-state">{step.done ? `✓ ${t("setup.done")}` : `○ ${t("setup.open")}`}</span>
                <span class="step-title">{step.title}</span>
                <Show when={!step.done}>
                  <span class="actions">{step.actions}</span>
                </Show>
              </li>
            )}
          </For>
        </ol>
        <p>
          <A href={to("/einstellungen")}>{t("setup.settings")}</A>
        </p>
      </section>
    </Show>
  );
}
