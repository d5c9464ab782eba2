/**
 * The dialog half of `<voice-agent>`, its own chunk: loaded on the first interaction (the
 * launcher hovered, focused or clicked; `open()` or `start()`), or at once for the inline
 * variant, which has no launcher. The script-tag bundle only draws the launcher.
 */
export { PanelController } from "./panel-controller";
