// A single-page app embedding the widget from JavaScript: no script tag in the HTML, the
// element created on demand, its properties set from code, its events logged.
import "/widget/v1/voice-agent.module.js";
import { loadDemo } from "../shared/demo.js";

const EVENTS = ["ready", "start", "connect", "message", "mode", "end", "error"];
const log = document.querySelector("[data-log]");
const slot = document.querySelector("[data-widget-slot]");
const banner = document.querySelector("[data-banner]");
const button = (action) => document.querySelector(`[data-action="${action}"]`);

/** @type {HTMLElement & { start(): Promise<void>, end(): Promise<void>, setMuted(m: boolean): void } | null} */
let widget = null;
let muted = false;

function record(type, detail) {
  const item = document.createElement("li");
  const time = new Date().toLocaleTimeString();
  item.textContent = `${time}  ${type}  ${JSON.stringify(detail)}`;
  log.prepend(item);
}

// Events bubble and are composed, so one listener on the document hears every widget.
for (const name of EVENTS) {
  document.addEventListener(`voice-agent:${name}`, (event) => record(event.type, event.detail));
}

function setMounted(mounted) {
  button("mount").disabled = mounted;
  for (const action of ["start", "mute", "end", "unmount"]) button(action).disabled = !mounted;
}

async function mount() {
  const demo = await loadDemo();
  if (!demo || widget) return;
  widget = document.createElement("voice-agent");
  widget.setAttribute("agent", demo.agent);
  widget.setAttribute("key", demo.key);
  widget.setAttribute("variant", "inline");
  widget.setAttribute("text-input", "true");
  // Values for the persona's declared dynamic variables ("{{business_name}}" in the
  // receptionist's greeting); undeclared keys are refused by the API.
  widget.metadata = { business_name: "Acme Dental (booked from the SPA)" };
  // Any visible sentence can be reworded, by i18n key.
  widget.strings = {
    startCall: "Talk to us",
    idle: "Hi Ana! Press “Talk to us” and ask anything.",
    ended: "Thanks for calling — the transcript is in the event log below.",
  };
  // Functions the agent may call in this page.
  widget.clientTools = {
    showBanner: ({ text }) => {
      banner.textContent = String(text ?? "");
      banner.hidden = false;
      return "shown";
    },
    getCartTotal: () => 42.5,
  };
  slot.append(widget);
  setMounted(true);
}

button("mount").addEventListener("click", () => void mount());
button("start").addEventListener("click", () => void widget?.start());
button("end").addEventListener("click", () => void widget?.end());
button("mute").addEventListener("click", () => {
  muted = !muted;
  widget?.setMuted(muted);
  button("mute").setAttribute("aria-pressed", String(muted));
});
button("unmount").addEventListener("click", () => {
  // Removing the element ends a running call (reason "page_hidden").
  widget?.remove();
  widget = null;
  muted = false;
  setMounted(false);
});

loadDemo();
