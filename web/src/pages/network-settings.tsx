import { createAsync } from "@solidjs/router";
import { ErrorBoundary, Show } from "solid-js";
import { OrganiserGate } from "../components/organiser-gate";
import { GeneralSettings } from "../components/settings/general";
import { LogoSettings } from "../components/settings/logo";
import { MunicipalitySettings } from "../components/settings/municipalities";
import { OrganiserSettings } from "../components/settings/organisers";
import { LoadError } from "../components/status";
import { usePageTitle } from "../components/title";
import { useI18n } from "../i18n";
import { getNetwork } from "../lib/api";
import { useNetworkSlug } from "../lib/network";
import "./network-settings.css";
import "../i18n/organisers";

function Settings() {
  const networkSlug = useNetworkSlug();
  const network = createAsync(() => getNetwork(networkSlug() ?? ""));
  return (
    <ErrorBoundary fallback={(error, reset) => <LoadError error={error} reset={reset} />}>
      <Show when={network()}>
        {(n) => (
          <div class="settings">
            <GeneralSettings network={n()} />
            <LogoSettings network={n()} />
            <MunicipalitySettings network={n()} />
            <OrganiserSettings network={n()} />
          </div>
        )}
      </Show>
    </ErrorBoundary>
  );
}

export default function NetworkSettingsPage() {
  const { t } = useI18n();
  usePageTitle(() => t("settings.title"));
  return (
    <>
      <h1>{t("settings.title")}</h1>
      <p class="lead">{t("settings.intro")}</p>
      <OrganiserGate signIn={t("settings.signInFirst")} notAllowed={t("settings.notAllowed")}>
        {() => <Settings />}
      </OrganiserGate>
    </>
  );
}
