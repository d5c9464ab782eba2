import { en, type Strings } from "./en";
import type { Lang } from "./launcher";

/**
 * The full catalogs, loaded with the panel: English is part of the panel's chunk (it is the
 * fallback for every language), Spanish is a chunk of its own fetched only when asked for.
 */
export async function loadCatalog(lang: Lang): Promise<Strings> {
  if (lang === "es") return (await import("./es")).es;
  return en;
}
