/**
 * Speech-like PCM16 synthesis. Not words, but shaped like them: syllables with rising and
 * falling loudness on a gliding pitch, pauses at spaces and punctuation, so players,
 * level meters and voice-activity detectors behave as they would with a real voice.
 */

const MS_PER_CHAR = 60;
const MIN_SYLLABLE_MS = 90;

type Segment = { kind: "voice"; ms: number; syllables: number } | { kind: "pause"; ms: number };

function segments(text: string): Segment[] {
  const out: Segment[] = [];
  for (const token of text.trim().split(/(\s+|[,;:.!?]+)/)) {
    if (!token) continue;
    if (/^\s+$/.test(token)) out.push({ kind: "pause", ms: 50 });
    else if (/^[.!?]+$/.test(token)) out.push({ kind: "pause", ms: 350 });
    else if (/^[,;:]+$/.test(token)) out.push({ kind: "pause", ms: 200 });
    else {
      const syllables = Math.max(1, token.match(/[aeiouyàâäéèêëîïôöùûüáíóú]+/gi)?.length ?? 1);
      const ms = Math.max(token.length * MS_PER_CHAR, syllables * MIN_SYLLABLE_MS);
      out.push({ kind: "voice", ms, syllables });
    }
  }
  return out;
}

/** Duration in milliseconds of `text` when spoken by `synthesiseSpeech`. */
export function speechDurationMs(text: string): number {
  return segments(text).reduce((sum, s) => sum + s.ms, 0);
}

/** A stable base pitch per voice, so two voices sound different. */
export function pitchForVoice(voiceId: string): number {
  let hash = 0;
  for (const ch of voiceId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return 100 + (hash % 120);
}

/** Mono PCM16 at `sampleRate`; its duration grows with the length of `text`. */
export function synthesiseSpeech(text: string, sampleRate: number, basePitchHz = 160): Int16Array {
  const parts = segments(text);
  const totalMs = parts.reduce((sum, s) => sum + s.ms, 0);
  const out = new Int16Array(Math.round((totalMs * sampleRate) / 1000));
  let offset = 0;
  let phase = 0;
  let elapsedMs = 0;
  for (const part of parts) {
    const length = Math.round((part.ms * sampleRate) / 1000);
    if (part.kind === "voice") {
      const syllableLength = length / part.syllables;
      for (let i = 0; i < length && offset + i < out.length; i++) {
        const t = elapsedMs + (i * 1000) / sampleRate;
        // Declining intonation over the utterance plus a slow wobble.
        const pitch =
          basePitchHz * (1.15 - (0.3 * t) / Math.max(totalMs, 1)) + 12 * Math.sin(t / 90);
        phase += (2 * Math.PI * pitch) / sampleRate;
        const inSyllable = (i % syllableLength) / syllableLength;
        const envelope = Math.sin(Math.PI * inSyllable) ** 2;
        const voice = Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.25 * Math.sin(3 * phase);
        out[offset + i] = Math.round(envelope * voice * 0.3 * 32767 * 0.57);
      }
    }
    offset += length;
    elapsedMs += part.ms;
  }
  return out;
}

/** A plain tone, used by tests and voice previews. */
export function tone(ms: number, sampleRate: number, hz = 220, amplitude = 0.5): Int16Array {
  const out = new Int16Array(Math.round((ms * sampleRate) / 1000));
  for (let i = 0; i < out.length; i++) {
    out[i] = Math.round(Math.sin((2 * Math.PI * hz * i) / sampleRate) * amplitude * 32767);
  }
  return out;
}

export function silence(ms: number, sampleRate: number): Int16Array {
  return new Int16Array(Math.round((ms * sampleRate) / 1000));
}

export function splitPcm(pcm: Int16Array, sampleRate: number, chunkMs: number): Int16Array[] {
  const size = Math.max(1, Math.round((chunkMs * sampleRate) / 1000));
  const chunks: Int16Array[] = [];
  for (let i = 0; i < pcm.length; i += size) chunks.push(pcm.subarray(i, i + size));
  return chunks;
}

/** Little-endian PCM16 as base64, whatever the host's byte order. */
export function pcmToBase64(pcm: Int16Array): string {
  const bytes = Buffer.alloc(pcm.length * 2);
  for (let i = 0; i < pcm.length; i++) bytes.writeInt16LE(pcm[i] ?? 0, i * 2);
  return bytes.toString("base64");
}

export function base64ToPcm(b64: string): Int16Array {
  const bytes = Buffer.from(b64, "base64");
  const out = new Int16Array(Math.floor(bytes.length / 2));
  for (let i = 0; i < out.length; i++) out[i] = bytes.readInt16LE(i * 2);
  return out;
}

/** A RIFF/WAVE file around mono PCM16. */
export function wav(pcm: Int16Array, sampleRate: number): Buffer {
  const data = Buffer.from(pcmToBase64(pcm), "base64");
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVE", 8, "ascii");
  header.write("fmt ", 12, "ascii");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "ascii");
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
