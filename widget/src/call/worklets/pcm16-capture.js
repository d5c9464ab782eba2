// Microphone → PCM16 mono at the rate the provider wants (24 kHz for OpenAI Realtime).
// Served as a file beside the bundle so the page's CSP never needs `blob:`.
class Pcm16Capture extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const wanted = options.processorOptions?.targetRate ?? 24000;
    this.step = sampleRate / wanted;
    this.chunk = new Int16Array(Math.round(wanted / 10));
    this.filled = 0;
    this.position = 0;
    this.sumSquares = 0;
  }

  process(inputs) {
    const channel = inputs[0]?.[0];
    if (!channel) return true;
    // Linear resampling: good enough for speech, and no dependency.
    while (this.position < channel.length) {
      const index = Math.floor(this.position);
      const fraction = this.position - index;
      const next = index + 1 < channel.length ? channel[index + 1] : channel[index];
      const sample = Math.max(-1, Math.min(1, channel[index] + (next - channel[index]) * fraction));
      this.chunk[this.filled++] = sample < 0 ? sample * 0x8000 : sample * 0x7fff;
      this.sumSquares += sample * sample;
      if (this.filled === this.chunk.length) this.flush();
      this.position += this.step;
    }
    this.position -= channel.length;
    return true;
  }

  flush() {
    const level = Math.sqrt(this.sumSquares / this.filled);
    const pcm = this.chunk.slice(0, this.filled).buffer;
    this.port.postMessage({ pcm, level }, [pcm]);
    this.filled = 0;
    this.sumSquares = 0;
  }
}

registerProcessor("pcm16-capture", Pcm16Capture);
