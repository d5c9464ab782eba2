/**
 * Stands in for `@elevenlabs/client`'s WebRTC connection and its web audio adapter (about a
 * third of the client). Parley talks to ElevenLabs over WebSocket only (`connectionType:
 * "websocket"`, a signed URL), so these never run; like `livekit-client.ts`, anything that
 * tries fails loudly. The client only checks `instanceof WebRTCConnection`, which stays false.
 */
const message = "voice-agent: WebRTC is not bundled; ElevenLabs is used over WebSocket only.";

function unsupported(): never {
  throw new Error(message);
}

export class WebRTCConnection {
  static create(): never {
    return unsupported();
  }

  constructor() {
    unsupported();
  }
}

export class WebAudioAdapter {
  constructor() {
    unsupported();
  }
}
