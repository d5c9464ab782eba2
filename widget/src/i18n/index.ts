import type { StringKey, Strings } from "./en";
import { type Lang, launcherStrings } from "./launcher";

export type { Lang, StringKey, Strings };

const isLang = (tag: string): tag is Lang => tag in launcherStrings;

/**
 * The language to speak: an explicit `lang` wins; `auto` (or nothing) follows the page's
 * `<html lang>`, then the browser; anything we have no catalog for falls back to English.
 */
export function resolveLang(lang: string | null | undefined): Lang {
  const wanted =
    lang && lang !== "auto"
      ? [lang]
      : [document.documentElement.lang, ...(navigator.languages ?? []), navigator.language];
  for (const tag of wanted) {
    const base = tag?.toLowerCase().split("-")[0];
    if (base && isLang(base)) return base;
  }
  return "en";
}

export type Translate = (key: StringKey, vars?: Record<string, string | number>) => string;

/**
 * A translator for one language, with the page's overrides on top. `catalog` is the full
 * catalog once the panel has loaded it; until then only the launcher's sentences exist.
 */
export function translator(
  lang: Lang,
  catalog: Strings | undefined,
  overrides: Partial<Strings> = {},
): Translate {
  const strings: Partial<Strings> = catalog ?? launcherStrings[lang];
  return (key, vars = {}) => {
    const template = overrides[key] ?? strings[key] ?? "";
    return template.replace(/\{(\w+)\}/g, (hole, name: string) =>
      name in vars ? String(vars[name]) : hole,
    );
  };
}
