/**
 * Stands in for `@elevenlabs/client`'s generated worklet loaders, which carry each worklet's
 * source inline to load it from a `blob:` or `data:` URL when no path is given. Parley always
 * passes `workletPaths` (the files in `dist/worklets/`, so a page's CSP needs no `blob:`),
 * so only the by-path branch is kept and the inlined sources never ship.
 */
function fromPath(name: string) {
  return async (worklet: AudioWorklet, path?: string): Promise<void> => {
    if (!path) throw new Error(`voice-agent: the ${name} worklet loads from its file only`);
    try {
      await worklet.addModule(path);
    } catch (error) {
      throw new Error(`Failed to load the ${name} worklet module from path: ${path}. ${error}`);
    }
  };
}

export const loadRawAudioProcessor = fromPath("rawAudioProcessor");
export const loadAudioConcatProcessor = fromPath("audioConcatProcessor");
