import type { RealtimeSessionConfig } from "./context";
import { SAMPLE_RATE } from "./openai-session";

/** Shapes of Realtime GA response objects, as the server events carry them. */

export interface ActiveResponse {
  id: string;
  itemId: string;
  text: string;
}

export function itemJson(response: ActiveResponse, status: string, audio: boolean, text: string) {
  const content = audio
    ? { type: "output_audio", transcript: text }
    : { type: "output_text", text };
  return {
    id: response.itemId,
    object: "realtime.item",
    type: "message",
    status,
    role: "assistant",
    content: [content],
  };
}

export function responseJson(
  config: RealtimeSessionConfig,
  conversationId: string,
  response: ActiveResponse,
  status: string,
  output: object[],
) {
  const words = response.text.split(/\s+/).length;
  return {
    object: "realtime.response",
    id: response.id,
    status,
    status_details: null,
    output,
    conversation_id: conversationId,
    output_modalities: config.outputModalities,
    max_output_tokens: "inf",
    audio: { output: { format: { type: "audio/pcm", rate: SAMPLE_RATE }, voice: config.voice } },
    // The simulator has no tokeniser; a word count stands in so usage is never empty.
    usage:
      status === "in_progress"
        ? null
        : { total_tokens: words * 2, input_tokens: words, output_tokens: words },
    metadata: null,
  };
}
