/**
 * The sentences the visitor can meet before interacting, in every built-in language: the
 * launcher's label, and the "unavailable" launcher with the reason its config could not load.
 * They ship in the script-tag bundle; the full catalogs (`en.ts`, `es.ts`) load with the panel
 * and take these entries from here, so each sentence is written once.
 */
const en = {
  launcherLabel: "Talk to {name}",
  unavailable: "Voice assistant unavailable",
  retry: "Try again",
  "error.invalid_key": "This assistant isn't set up correctly on this page.",
  "error.origin_not_allowed": "This assistant can't be used on this website.",
  "error.agent_not_found": "This assistant could not be found.",
  "error.network": "We couldn't reach the server. Check your connection and try again.",
  "error.unknown": "Something went wrong. Please try again.",
};

export type LauncherKey = keyof typeof en;

export const launcherStrings: Record<"en" | "es", Record<LauncherKey, string>> = {
  en,
  es: {
    launcherLabel: "Hablar con {name}",
    unavailable: "Asistente de voz no disponible",
    retry: "Reintentar",
    "error.invalid_key": "Este asistente no está bien configurado en esta página.",
    "error.origin_not_allowed": "Este asistente no se puede usar en este sitio web.",
    "error.agent_not_found": "No se ha encontrado este asistente.",
    "error.network":
      "No pudimos conectar con el servidor. Revisa tu conexión e inténtalo de nuevo.",
    "error.unknown": "Algo salió mal. Inténtalo de nuevo.",
  },
};

/** The languages with a built-in catalog. */
export type Lang = keyof typeof launcherStrings;
