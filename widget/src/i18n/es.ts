import type { Strings } from "./en";
import { launcherStrings } from "./launcher";

/** The Spanish catalog: its own chunk, loaded with the panel only when `lang` resolves to es. */
export const es: Strings = {
  ...launcherStrings.es,
  dialogLabel: "Chat de voz con {name}",
  close: "Cerrar",
  startCall: "Iniciar llamada",
  endCall: "Colgar",
  mute: "Silenciar micrófono",
  send: "Enviar",
  inputLabel: "Escribe un mensaje",
  transcriptLabel: "Conversación",
  you: "Tú",
  timerLabel: "Duración de la llamada",
  loading: "Cargando…",
  idle: "Pulsa el botón de llamada para empezar a hablar.",
  askingMic: "Permite el acceso al micrófono para hablar.",
  connecting: "Conectando…",
  listening: "Escuchando…",
  speaking: "{name} está hablando…",
  textMode: "El micrófono no está disponible, pero puedes escribir tus mensajes.",
  ended: "La llamada ha terminado. ¡Gracias!",
  offline: "Ahora mismo no estamos disponibles.",
  offlineNext: "Volvemos {when}.",
  consentAccept: "Acepto",
  maxDurationWarning: "La llamada terminará en {seconds} segundos.",
  poweredBy: "Con la tecnología de Parley",
  "error.unavailable":
    "Este asistente no está disponible en este momento. Inténtalo de nuevo más tarde.",
  "error.agent_offline": "Ahora mismo no estamos disponibles.",
  "error.too_many_sessions":
    "Todas nuestras líneas están ocupadas. Inténtalo de nuevo en un momento.",
  "error.rate_limited": "Demasiados intentos. Espera un momento y vuelve a intentarlo.",
  "error.provider_unavailable":
    "El servicio de voz tiene problemas. Inténtalo de nuevo en unos minutos.",
  "error.token_expired": "La conexión tardó demasiado. Inténtalo de nuevo.",
  "error.token_used": "Esta llamada ya se inició. Inténtalo de nuevo.",
  "error.token_invalid": "No se pudo autorizar la llamada. Inténtalo de nuevo.",
  "error.microphone_denied":
    "Necesitamos tu micrófono para hablar. Permítelo en los ajustes del navegador e inténtalo de nuevo.",
  "error.microphone_unavailable":
    "No se encontró ningún micrófono. Conecta uno e inténtalo de nuevo.",
  "error.call_failed": "La llamada se interrumpió. Inténtalo de nuevo.",
};
