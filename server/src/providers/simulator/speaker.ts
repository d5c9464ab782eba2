import { splitPcm } from "./audio";

export interface SpeakerOptions {
  now: () => number;
  sampleRate: number;
  chunkMs: number;
  leadMs: number;
  tickMs: number;
}

export interface Utterance {
  pcm: Int16Array;
  send: (chunk: Int16Array) => void;
  /** Every chunk has been sent. */
  onSent?: () => void;
  /** The listener has heard it all (by the playback clock), or it was cut off. */
  onFinished?: (interrupted: boolean) => void;
}

/**
 * Streams an utterance in chunks a little ahead of a simulated listener's playback, and keeps
 * that playback clock, so "is the agent still talking?" has an answer when the user barges in.
 */
export class Speaker {
  private current: (Utterance & { chunks: Int16Array[]; next: number; startsAt: number }) | null =
    null;
  private playbackEndsAt = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: SpeakerOptions) {}

  /** The listener is still hearing audio that was sent. */
  isPlaying(): boolean {
    return this.options.now() < this.playbackEndsAt;
  }

  speak(utterance: Utterance): void {
    this.cancel();
    const { now, sampleRate, chunkMs } = this.options;
    const startsAt = Math.max(now(), this.playbackEndsAt);
    const chunks = splitPcm(utterance.pcm, sampleRate, chunkMs);
    this.playbackEndsAt = startsAt + (utterance.pcm.length * 1000) / sampleRate;
    this.current = { ...utterance, chunks, next: 0, startsAt };
    if (chunks.length === 0) utterance.onSent?.();
    this.pump();
  }

  /** Stops the current utterance; returns whether anything was still audible. */
  cancel(): boolean {
    const wasPlaying = this.isPlaying();
    const cut = this.current;
    this.current = null;
    this.playbackEndsAt = Math.min(this.playbackEndsAt, this.options.now());
    this.clearTimer();
    cut?.onFinished?.(true);
    return wasPlaying;
  }

  close(): void {
    this.current = null;
    this.clearTimer();
  }

  private pump = (): void => {
    this.timer = null;
    const utterance = this.current;
    if (!utterance) return;
    const { now, sampleRate, leadMs, tickMs } = this.options;
    const elapsed = now() - utterance.startsAt;
    let sentMs = this.sentMs(utterance);
    while (utterance.next < utterance.chunks.length && sentMs < elapsed + leadMs) {
      const chunk = utterance.chunks[utterance.next] ?? new Int16Array(0);
      utterance.next += 1;
      sentMs += (chunk.length * 1000) / sampleRate;
      utterance.send(chunk);
      if (this.current !== utterance) return;
      if (utterance.next === utterance.chunks.length) utterance.onSent?.();
      if (this.current !== utterance) return;
    }
    if (utterance.next === utterance.chunks.length && now() >= this.playbackEndsAt) {
      this.current = null;
      utterance.onFinished?.(false);
      return;
    }
    this.timer = setTimeout(this.pump, tickMs);
  };

  private sentMs(utterance: { chunks: Int16Array[]; next: number }): number {
    let samples = 0;
    for (let i = 0; i < utterance.next; i++) samples += utterance.chunks[i]?.length ?? 0;
    return (samples * 1000) / this.options.sampleRate;
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
