import { en, type StringKey, type Strings } from "./en";
import { es } from "./es";

export type { StringKey, Strings };

const catalogs: Record<string, Strings> = { en, es };

/**
 * The language to speak: an explicit `lang` wins; `auto` (or nothing) follows the page's
 * `<html lang>`, then the browser; anything we have no catalog for falls back to English.
 */
export function resolveLang(lang: string | null | undefined): string {
  const wanted =
    lang && lang !== "auto"
      ? [lang]
      : [document.documentElement.lang, ...(navigator.languages ?? []), navigator.language];
  for (const tag of wanted) {
    const base = tag?.toLowerCase().split("-")[0];
    if (base && base in catalogs) return base;
  }
  return "en";
}

export type Translate = (key: StringKey, vars?: Record<string, string | number>) => string;

/** A translator for one language, with the page's overrides on top. */
export function translator(lang: string, overrides: Partial<Strings> = {}): Translate {
  const catalog = catalogs[lang] ?? en;
  return (key, vars = {}) => {
    const template = overrides[key] ?? catalog[key];
    return template.replace(/\{(\w+)\}/g, (hole, name: string) =>
      name in vars ? String(vars[name]) : hole,
    );
  };
}

/** "Monday 09:00 CET" in the visitor's own time zone and language. */
export function formatOpening(iso: string, lang: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return new Intl.DateTimeFormat(lang, {
    weekday: "long",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(date);
}

/** `m:ss` for the call timer. */
export function formatDuration(totalSeconds: number): string {
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = Math.floor(totalSeconds % 60);
  return `${minutes}:${String(seconds).padStart(2, "0")}`;
}
