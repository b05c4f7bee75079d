import * as i18n from "@solid-primitives/i18n";
import { createComponent, createContext, createMemo, createSignal, type ParentProps, useContext } from "solid-js";
import { type Dictionary, de } from "./de";
import { en } from "./en";

export type Locale = "de" | "en";
const dictionaries: Record<Locale, Dictionary> = { de, en };
const STORAGE_KEY = "nw.locale";

function initialLocale(): Locale {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  // German first: English only when chosen here before.
  return stored === "en" ? "en" : "de";
}

function createI18n() {
  const [locale, setLocaleSignal] = createSignal<Locale>(initialLocale());
  const dict = createMemo(() => i18n.flatten(dictionaries[locale()]));
  const t = i18n.translator(dict, i18n.resolveTemplate);
  const setLocale = (next: Locale) => {
    setLocaleSignal(next);
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
  };
  document.documentElement.lang = locale();
  const dateFormat = createMemo(
    () => new Intl.DateTimeFormat(locale(), { dateStyle: "long", timeZone: "Europe/Berlin" }),
  );
  const dateTimeFormat = createMemo(
    () =>
      new Intl.DateTimeFormat(locale(), {
        weekday: "short",
        day: "numeric",
        month: "long",
        year: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
        timeZone: "Europe/Berlin",
      }),
  );
  const timeFormat = createMemo(
    () =>
      new Intl.DateTimeFormat(locale(), {
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
        timeZone: "Europe/Berlin",
      }),
  );
  return {
    locale,
    setLocale,
    t,
    formatDate: (iso: string) => dateFormat().format(new Date(iso)),
    formatDateTime: (iso: string) => dateTimeFormat().format(new Date(iso)),
    formatTime: (iso: string) => timeFormat().format(new Date(iso)),
  };
}

type I18n = ReturnType<typeof createI18n>;
const I18nContext = createContext<I18n>();

export function I18nProvider(props: ParentProps) {
  const value = createI18n();
  return createComponent(I18nContext.Provider, {
    value,
    get children() {
      return props.children;
    },
  });
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}
