import { A, createAsync, type RouteSectionProps, useLocation } from "@solidjs/router";
import { createEffect, on, Show, Suspense } from "solid-js";
import { useI18n } from "../i18n";
import { getNetwork } from "../lib/api";
import { networkPath, useNetworkSlug } from "../lib/network";
import { useMe } from "../lib/session";
import { NetworkSwitch, useHeaderNetwork } from "./network-switch";
import { Loading } from "./status";
import "./network.css";

export function Layout(props: RouteSectionProps) {
  const network = useHeaderNetwork();
  const to = (path = "") => networkPath(network()?.slug ?? "", path);
  const { t, locale, setLocale } = useI18n();
  const location = useLocation();
  const { me, isOrganiserOf } = useMe();
  // The header carries the network's name and logo; without them (still loading, or no network) the product's.
  // Name and logo only on a network's own pages; elsewhere (start page, account) the product's.
  const slug = useNetworkSlug();
  const detail = createAsync(async () => {
    const n = network();
    return n && slug() ? getNetwork(n.slug).catch(() => undefined) : undefined;
  });
  let main!: HTMLElement;

  // After client-side navigation, move focus to the new page so screen readers announce it.
  createEffect(
    on(
      () => location.pathname,
      () => main?.focus({ preventScroll: false }),
      { defer: true },
    ),
  );

  return (
    <>
      <a class="skip-link" href="#main">
        {t("app.skipLink")}
      </a>
      <header class="site-header">
        <div class="container header-inner">
          <A href="/" class="brand" end>
            <Show when={detail()?.logo} fallback={<img src="/favicon.svg" alt="" width="32" height="32" />}>
              {(logo) => <img class="network-logo" src={logo().url} alt="" height="40" />}
            </Show>
            <span class="brand-text">
              <span class="brand-name">{detail()?.name ?? t("app.name")}</span>
              <span class="brand-tagline">{detail() ? t("app.name") : t("app.tagline")}</span>
            </span>
          </A>
          <div class="header-actions">
            <NetworkSwitch currentSlug={network()?.slug} />
            <Show
              when={me()}
              fallback={
                <A href="/anmelden" class="header-link">
                  {t("nav.signIn")}
                </A>
              }
            >
              <Show when={me()?.operator}>
                <A href="/betrieb" class="header-link">
                  {t("nav.operator")}
                </A>
              </Show>
              <A href="/konto" class="header-link">
                {t("nav.account")}
              </A>
            </Show>
            <button
              type="button"
              class="lang-switch"
              lang={locale() === "de" ? "en" : "de"}
              aria-label={t("app.switchToLabel")}
              onClick={() => setLocale(locale() === "de" ? "en" : "de")}
            >
              {t("app.switchTo")}
            </button>
          </div>
        </div>
        <nav class="main-nav" aria-label={t("app.mainNav")}>
          <ul class="container">
            <Show
              when={network()}
              fallback={
                <li>
                  <A href="/" end>
                    {t("networkSwitch.all")}
                  </A>
                </li>
              }
            >
              {(n) => (
                <>
                  <li class="nav-network">
                    <A href={to()} end>
                      {n().name}
                    </A>
                  </li>
                  <li>
                    <A href={to("/verzeichnis")}>{t("nav.directory")}</A>
                  </li>
                  <li>
                    <A href={to("/veranstaltungen")}>{t("nav.events")}</A>
                  </li>
                  <Show when={isOrganiserOf(n().id)}>
                    <li>
                      <A href={to("/einstellungen")}>{t("nav.settings")}</A>
                    </li>
                  </Show>
                </>
              )}
            </Show>
            <li>
              <A href="/api-referenz">{t("nav.api")}</A>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" tabindex="-1" ref={main} class="container">
        <Suspense fallback={<Loading />}>{props.children}</Suspense>
      </main>
      <footer class="site-footer">
        <div class="container footer-inner">
          <p>{t("app.footerNote")}</p>
          <p>
            <A href="/api-referenz">{t("app.apiReference")}</A>
          </p>
        </div>
      </footer>
    </>
  );
}
