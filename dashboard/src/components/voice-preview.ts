import { html, LitElement, nothing } from "lit";
import { shared } from "../styles/shared";

/**
 * Plays a voice's short sample (the provider's preview URL) on request, and stops it.
 * Nothing plays by itself; a new voice stops the previous sample.
 */
export class VoicePreview extends LitElement {
  static override properties = {
    src: {},
    name: {},
    playing: { state: true },
    failed: { state: true },
  };
  declare src: string;
  /** The voice's name, for the button's accessible name. */
  declare name: string;
  declare playing: boolean;
  declare failed: boolean;
  private audio: HTMLAudioElement | null = null;

  static override styles = [shared];

  constructor() {
    super();
    this.src = "";
    this.name = "";
    this.playing = false;
    this.failed = false;
  }

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has("src") && changed.get("src") !== undefined) this.stop();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.stop();
  }

  private stop() {
    this.audio?.pause();
    this.audio = null;
    this.playing = false;
    this.failed = false;
  }

  private async toggle() {
    if (this.playing) {
      this.stop();
      return;
    }
    const audio = new Audio(this.src);
    this.audio = audio;
    audio.addEventListener("ended", () => {
      if (this.audio === audio) this.playing = false;
    });
    this.failed = false;
    this.playing = true;
    try {
      await audio.play();
    } catch {
      if (this.audio === audio) {
        this.playing = false;
        this.failed = true;
      }
    }
  }

  override render() {
    if (!this.src) return nothing;
    return html`<button class="btn btn-sm" type="button" @click=${this.toggle}>
        <span aria-hidden="true">${this.playing ? "■" : "▶"}</span>
        ${this.playing ? "Stop preview" : "Play preview"}<span class="visually-hidden">
          of ${this.name}</span
        >
      </button>
      <span class="small muted" role="status">${this.failed ? "The preview could not be played." : ""}</span>`;
  }
}

if (!customElements.get("pd-voice-preview"))
  customElements.define("pd-voice-preview", VoicePreview);
