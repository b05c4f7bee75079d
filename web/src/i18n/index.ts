import * as i18n from "@solid-primitives/i18n";
import { createComponent, createContext, createMemo, createSignal, type ParentProps, useContext } from "solid-js";
import { type Dictionary, de } from "./de";

export type Locale = "de" | "en";
const STORAGE_KEY = "nw.locale";

// German is bundled with the app, except the words of the organisers' and operators' pages, which
// come with those pages (./organisers); English is its own chunk, fetched only by those who choose
// it, so a first visit loads one catalogue, and a participant's only the words they see (issue
// 18's budget, `npm run size`).
const [germanAdded, setGermanAdded] = createSignal<Partial<Dictionary>>({});
/** Adds words to the German catalogue (./organisers does, once its pages load). */
export const addGermanWords = (words: Partial<Dictionary>) => setGermanAdded((added) => ({ ...added, ...words }));
let english: Dictionary | undefined;
const loadCatalogue = async (locale: Locale) => {
  if (locale === "en") english ??= (await import("./en")).en;
};

function initialLocale(): Locale {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  // German first: English only when chosen here before.
  return stored === "en" ? "en" : "de";
}

/**
 * Resolves once the remembered language's catalogue is here; index.tsx renders after it, so someone
 * who chose English never sees German (or keys) first. Falls back to German if English cannot load.
 */
export const catalogueReady: Promise<void> = loadCatalogue(initialLocale()).then(
  () => undefined,
  () => undefined,
);

function createI18n() {
  const initial = initialLocale();
  const [locale, setLocaleSignal] = createSignal<Locale>(initial === "en" && english ? "en" : "de");
  const dict = createMemo(() =>
    i18n.flatten(locale() === "en" && english ? english : ({ ...de, ...germanAdded() } as Dictionary)),
  );
  const t = i18n.translator(dict, i18n.resolveTemplate);
  /** Switches once the catalogue has arrived (English: one chunk, once); the page stays as it was until then. */
  const setLocale = async (next: Locale) => {
    await loadCatalogue(next);
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
