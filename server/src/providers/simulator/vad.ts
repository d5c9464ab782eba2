/** Energy-based voice activity detection on a PCM16 stream, timed by audio samples. */

export interface VadOptions {
  sampleRate: number;
  /** Frame RMS, as a fraction of full scale, above which a frame counts as voiced. */
  threshold?: number;
  /** Voiced audio needed before speech counts as started. */
  minSpeechMs?: number;
  /** Silence needed after speech before it counts as stopped. */
  minSilenceMs?: number;
}

export type VadEvent =
  | { type: "speech_started"; atMs: number }
  | { type: "speech_stopped"; atMs: number; speechMs: number };

const FRAME_MS = 20;
/** A gap this long before speech is confirmed starts the count again. */
const CANDIDATE_GAP_MS = 100;

export class VoiceActivityDetector {
  private readonly frameSize: number;
  private readonly threshold: number;
  private readonly minSpeechMs: number;
  private readonly minSilenceMs: number;
  private carry: number[] = [];
  private frames = 0;
  private candidateStartMs: number | null = null;
  private voicedMs = 0;
  private gapMs = 0;
  private speechStartMs: number | null = null;
  private lastVoicedEndMs = 0;
  private silenceMs = 0;

  constructor(options: VadOptions) {
    this.frameSize = Math.round((options.sampleRate * FRAME_MS) / 1000);
    this.threshold = options.threshold ?? 0.02;
    this.minSpeechMs = options.minSpeechMs ?? 300;
    this.minSilenceMs = options.minSilenceMs ?? 700;
  }

  get speaking(): boolean {
    return this.speechStartMs !== null;
  }

  /** Milliseconds of audio seen so far. */
  get audioMs(): number {
    return this.frames * FRAME_MS;
  }

  push(pcm: Int16Array): VadEvent[] {
    const events: VadEvent[] = [];
    const samples = this.carry.concat(Array.from(pcm));
    let i = 0;
    for (; i + this.frameSize <= samples.length; i += this.frameSize) {
      let sum = 0;
      for (let j = i; j < i + this.frameSize; j++) {
        const s = (samples[j] ?? 0) / 32768;
        sum += s * s;
      }
      const event = this.frame(Math.sqrt(sum / this.frameSize) >= this.threshold);
      if (event) events.push(event);
    }
    this.carry = samples.slice(i);
    return events;
  }

  private frame(voiced: boolean): VadEvent | null {
    this.frames += 1;
    const endMs = this.frames * FRAME_MS;
    if (this.speechStartMs === null) {
      if (!voiced) {
        this.gapMs += FRAME_MS;
        if (this.gapMs > CANDIDATE_GAP_MS) this.reset();
        return null;
      }
      this.candidateStartMs ??= endMs - FRAME_MS;
      this.voicedMs += FRAME_MS;
      this.gapMs = 0;
      if (this.voicedMs < this.minSpeechMs) return null;
      this.speechStartMs = this.candidateStartMs;
      this.lastVoicedEndMs = endMs;
      this.silenceMs = 0;
      return { type: "speech_started", atMs: this.speechStartMs };
    }
    if (voiced) {
      this.lastVoicedEndMs = endMs;
      this.silenceMs = 0;
      return null;
    }
    this.silenceMs += FRAME_MS;
    if (this.silenceMs < this.minSilenceMs) return null;
    const event: VadEvent = {
      type: "speech_stopped",
      atMs: this.lastVoicedEndMs,
      speechMs: this.lastVoicedEndMs - this.speechStartMs,
    };
    this.speechStartMs = null;
    this.reset();
    return event;
  }

  private reset(): void {
    this.candidateStartMs = null;
    this.voicedMs = 0;
    this.gapMs = 0;
  }
}
