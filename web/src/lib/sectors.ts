import { createAsync } from "@solidjs/router";
import { useI18n } from "../i18n";
import { getSectors } from "./api";

/** Sector names in the interface language, looked up by key. */
export function useSectors() {
  const { locale } = useI18n();
  const sectors = createAsync(() => getSectors());
  const list = () => sectors()?.items ?? [];
  const name = (key: string) => list().find((s) => s.key === key)?.name[locale()] ?? key;
  return { list, name };
}
