import { launcherStrings } from "./launcher";

/**
 * Every sentence the visitor can see. Keys are flat so a page can override any of them
 * through the element's `strings` property; `{name}`-style holes are filled at render time.
 * Loaded with the panel; the sentences the launcher needs up front come from `launcher.ts`.
 */
export const en = {
  ...launcherStrings.en,
  dialogLabel: "Voice chat with {name}",
  close: "Close",
  startCall: "Start call",
  endCall: "End call",
  mute: "Mute microphone",
  send: "Send",
  inputLabel: "Type a message",
  transcriptLabel: "Conversation",
  you: "You",
  timerLabel: "Call duration",
  loading: "Loading…",
  idle: "Press the call button to start talking.",
  askingMic: "Please allow microphone access to talk.",
  connecting: "Connecting…",
  listening: "Listening…",
  speaking: "{name} is speaking…",
  textMode: "The microphone is unavailable, but you can type your messages.",
  ended: "The call has ended. Thank you!",
  offline: "We're away right now.",
  offlineNext: "We'll be back {when}.",
  consentAccept: "I agree",
  maxDurationWarning: "The call will end in {seconds} seconds.",
  poweredBy: "Powered by Parley",
  "error.unavailable": "This assistant is unavailable right now. Please try again later.",
  "error.agent_offline": "We're away right now.",
  "error.too_many_sessions": "All our lines are busy. Please try again in a moment.",
  "error.rate_limited": "Too many attempts. Please wait a moment and try again.",
  "error.provider_unavailable": "The voice service is having trouble. Please try again shortly.",
  "error.token_expired": "The connection took too long. Please try again.",
  "error.token_used": "This call was already started. Please try again.",
  "error.token_invalid": "The call could not be authorised. Please try again.",
  "error.microphone_denied":
    "We need your microphone to talk. Allow it in your browser settings and try again.",
  "error.microphone_unavailable": "No microphone was found. Connect one and try again.",
  "error.call_failed": "The call was interrupted. Please try again.",
};

export type Strings = { [K in keyof typeof en]: string };
export type StringKey = keyof Strings;
