/**
 * Stands in for `livekit-client`, which `@elevenlabs/client` imports for WebRTC calls.
 * Parley talks to ElevenLabs over WebSocket only, so WebRTC never ships in the bundle;
 * if anything ever tries it, it fails loudly instead of silently loading 300 kB.
 */
const message =
  "voice-agent: WebRTC (livekit-client) is not bundled; ElevenLabs is used over WebSocket only.";

function unsupported(): never {
  throw new Error(message);
}

export class Room {
  constructor() {
    unsupported();
  }
}

export const RoomEvent = {};
export const Track = { Source: {}, Kind: {} };
export const ConnectionState = {};
export const createLocalAudioTrack = unsupported;
