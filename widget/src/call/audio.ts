/** Audio plumbing for transports that carry raw PCM16 (OpenAI Realtime). */

export function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export function fromBase64(base64: string): ArrayBuffer {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

/** Captures the microphone through the `pcm16-capture` worklet file, in ~100 ms chunks. */
export class MicCapture {
  private node: AudioWorkletNode | null = null;
  private source: MediaStreamAudioSourceNode | null = null;
  level = 0;
  muted = false;

  constructor(
    private readonly context: AudioContext,
    private readonly stream: MediaStream,
  ) {}

  async start(workletUrl: string, targetRate: number, onChunk: (pcm: ArrayBuffer) => void) {
    await this.context.audioWorklet.addModule(workletUrl);
    this.source = this.context.createMediaStreamSource(this.stream);
    this.node = new AudioWorkletNode(this.context, "pcm16-capture", {
      processorOptions: { targetRate },
    });
    this.node.port.onmessage = (event: MessageEvent<{ pcm: ArrayBuffer; level: number }>) => {
      this.level = this.muted ? 0 : event.data.level;
      if (!this.muted) onChunk(event.data.pcm);
    };
    this.source.connect(this.node);
  }

  setMuted(muted: boolean) {
    this.muted = muted;
    for (const track of this.stream.getAudioTracks()) track.enabled = !muted;
  }

  stop() {
    this.source?.disconnect();
    this.node?.port.close();
    this.node?.disconnect();
    for (const track of this.stream.getTracks()) track.stop();
  }
}

/** Plays PCM16 deltas back to back; can be cut short when the visitor interrupts. */
export class PcmPlayer {
  private readonly analyser: AnalyserNode;
  private readonly samples: Uint8Array<ArrayBuffer>;
  private readonly playing = new Set<AudioBufferSourceNode>();
  private playhead = 0;

  constructor(
    private readonly context: AudioContext,
    private readonly sampleRate: number,
    private readonly onIdle: () => void,
  ) {
    this.analyser = context.createAnalyser();
    this.analyser.fftSize = 256;
    this.samples = new Uint8Array(this.analyser.fftSize);
    this.analyser.connect(context.destination);
  }

  get active(): boolean {
    return this.playing.size > 0;
  }

  enqueue(pcm: ArrayBuffer) {
    const ints = new Int16Array(pcm);
    if (ints.length === 0) return;
    const buffer = this.context.createBuffer(1, ints.length, this.sampleRate);
    const channel = buffer.getChannelData(0);
    for (let i = 0; i < ints.length; i++) channel[i] = (ints[i] ?? 0) / 0x8000;
    const source = this.context.createBufferSource();
    source.buffer = buffer;
    source.connect(this.analyser);
    this.playhead = Math.max(this.playhead, this.context.currentTime);
    source.start(this.playhead);
    this.playhead += buffer.duration;
    this.playing.add(source);
    source.onended = () => {
      this.playing.delete(source);
      if (this.playing.size === 0) this.onIdle();
    };
  }

  /** Barge-in: the visitor started talking, so the agent stops mid-sentence. */
  interrupt() {
    for (const source of this.playing) {
      source.onended = null;
      source.stop();
    }
    this.playing.clear();
    this.playhead = 0;
  }

  level(): number {
    this.analyser.getByteTimeDomainData(this.samples);
    let sum = 0;
    for (const value of this.samples) sum += ((value - 128) / 128) ** 2;
    return Math.min(1, Math.sqrt(sum / this.samples.length) * 4);
  }
}
