import { html, nothing } from "lit";
import type { Voice, VoiceProvider } from "../types";
import { selectField, upgradePrompt } from "./fields";
import "./voice-preview";

export const PREMIUM = "premium_voices";

const voiceLabel = (v: Voice) =>
  `${v.name}${v.labels.length ? ` — ${v.labels.join(", ")}` : ""}${v.premium ? " (Premium)" : ""}`;

/**
 * Provider radio cards plus the voice list for the chosen provider, with a player for the
 * chosen voice's sample when the provider has one. Without the `premium_voices`
 * entitlement the premium card cannot be chosen and says how to get it.
 */
export function voicePicker(o: {
  idPrefix: string;
  provider: VoiceProvider;
  voiceId: string;
  voices: Voice[];
  entitled: boolean;
  errors: { provider?: string | undefined; voice?: string | undefined };
  onProvider: (p: VoiceProvider) => void;
  onVoice: (id: string) => void;
}) {
  const options = o.voices.filter((v) => v.provider === o.provider);
  const chosen = options.find((v) => v.id === o.voiceId);
  const card = (p: VoiceProvider, title: string, body: string, premium: boolean) => {
    const locked = premium && !o.entitled;
    return html`<label class="pick ${o.provider === p ? "selected" : ""} ${locked ? "disabled" : ""}">
      <input
        type="radio"
        name="${o.idPrefix}-provider"
        .value=${p}
        .checked=${o.provider === p}
        ?disabled=${locked}
        aria-describedby=${locked ? `${o.idPrefix}-upgrade` : nothing}
        @change=${() => o.onProvider(p)}
      />
      <span class="pick-body">
        <span class="pick-title">
          ${title} ${premium ? html`<span class="badge badge-accent">Premium</span>` : nothing}
        </span>
        <span class="muted small">${body}</span>
      </span>
    </label>`;
  };
  return html`<fieldset>
      <legend>Voice provider</legend>
      <div class="picks">
        ${card("openai", "Standard voices", "OpenAI Realtime. Included in every plan.", false)}
        ${card("elevenlabs", "Premium voices", "ElevenLabs. Lifelike voices, billed per minute.", true)}
      </div>
      ${o.errors.provider ? html`<span class="field-error">${o.errors.provider}</span>` : nothing}
    </fieldset>
    ${
      o.entitled
        ? nothing
        : html`<div id="${o.idPrefix}-upgrade">
            ${upgradePrompt(
              "Premium voices need the Premium voices add-on (14-day free trial). Standard voices work on every plan.",
              null,
            )}
          </div>`
    }
    ${selectField({
      id: `${o.idPrefix}-voice`,
      label: "Voice",
      value: o.voiceId,
      error: o.errors.voice,
      options: options.map((v) => ({ value: v.id, label: voiceLabel(v) })),
      onChange: o.onVoice,
    })}
    ${
      chosen?.previewUrl
        ? html`<pd-voice-preview .src=${chosen.previewUrl} .name=${chosen.name}></pd-voice-preview>`
        : nothing
    }`;
}
