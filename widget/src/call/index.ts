// The lazily loaded half of the widget: imported on the first call, never by the launcher.
export { WidgetApi } from "./api";
export { type CallViewModel, renderCall, type TranscriptLine } from "./call-view";
export {
  browserDeps,
  type CallDeps,
  type CallHost,
  CallSession,
  type EndReason,
  workletBase,
} from "./session";
export type { ClientTools, Mode, Role, Transport, TransportFactory } from "./transport";
