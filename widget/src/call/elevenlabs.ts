import { Conversation, type Language, type PartialOptions } from "@elevenlabs/client";
import type { ConnectResponse } from "@parley/types";
import type { Transport, TransportFactory } from "./transport";

/** The part of an `@elevenlabs/client` conversation the widget uses. */
export interface ElevenLabsConversation {
  sendUserMessage(text: string): void;
  setMicMuted(muted: boolean): void;
  getOutputVolume(): number;
  getInputVolume(): number;
  endSession(): Promise<void>;
}

/** `Conversation.startSession`, injectable so tests can drive the transport with a fake. */
export type StartSession = (options: PartialOptions) => Promise<ElevenLabsConversation>;

const startRealSession: StartSession = (options) => Conversation.startSession(options);

type ElevenLabsConnection = Extract<ConnectResponse, { provider: "elevenlabs" }>;

function isElevenLabs(connection: ConnectResponse): connection is ElevenLabsConnection {
  return connection.provider === "elevenlabs";
}

/**
 * ElevenLabs Conversational AI over its WebSocket (never WebRTC: livekit-client is not
 * bundled). The persona arrives from our server as `overrides`; the worklets load from
 * files beside the bundle so the page's CSP needs no `blob:`.
 */
export function elevenLabsTransport(
  startSession: StartSession = startRealSession,
): TransportFactory {
  return async (connection, options, events) => {
    if (!isElevenLabs(connection)) throw new Error("not an ElevenLabs connection");
    // Only the permission mattered; the client opens its own capture with its own settings.
    for (const track of options.stream?.getTracks() ?? []) track.stop();
    let closing = false;
    const { agent, tts } = connection.overrides;
    const conversation = await startSession({
      signedUrl: connection.signedUrl,
      connectionType: "websocket",
      textOnly: options.textOnly,
      overrides: {
        agent: {
          prompt: agent.prompt,
          firstMessage: agent.firstMessage,
          // The server only sends languages it validated against ElevenLabs' list.
          language: agent.language as Language,
        },
        tts: { voiceId: tts.voiceId },
        ...(options.textOnly ? { conversation: { textOnly: true } } : {}),
      },
      dynamicVariables: connection.dynamicVariables,
      clientTools: options.clientTools,
      workletPaths: {
        rawAudioProcessor: new URL("rawAudioProcessor.js", options.workletBase).href,
        audioConcatProcessor: new URL("audioConcatProcessor.js", options.workletBase).href,
      },
      onConnect: () => events.onConnect(),
      onMessage: ({ source, message }) => {
        if (message) events.onMessage(source === "ai" ? "agent" : "user", message);
      },
      onModeChange: ({ mode }) => events.onMode(mode),
      onDisconnect: (details) => {
        if (closing || details.reason === "user") return;
        if (details.reason === "agent") events.onDisconnect("agent_ended");
        else events.onDisconnect("network", details.message);
      },
    });
    const transport: Transport = {
      sendText: (text) => conversation.sendUserMessage(text),
      setMuted: (muted) => conversation.setMicMuted(muted),
      outputLevel: () => conversation.getOutputVolume(),
      inputLevel: () => conversation.getInputVolume(),
      close: async () => {
        closing = true;
        await conversation.endSession();
      },
    };
    return transport;
  };
}
