/** A realistic slice of ElevenLabs' premade voice library. */
interface PremadeVoice {
  voice_id: string;
  name: string;
  labels: { accent: string; gender: string; age: string; use_case: string; description: string };
}

export const premadeVoices: PremadeVoice[] = [
  v("21m00Tcm4TlvDq8ikWAM", "Rachel", "american", "female", "young", "narration", "calm"),
  v("EXAVITQu4vr4xnSDxMaL", "Sarah", "american", "female", "young", "news", "soft"),
  v("XrExE9yKIg1WjnnlVkGX", "Matilda", "american", "female", "middle aged", "narration", "warm"),
  v("pFZP5JQG7iQjIQuC4Bku", "Lily", "british", "female", "middle aged", "narration", "raspy"),
  v("XB0fDUnXU5powFXDhCwa", "Charlotte", "swedish", "female", "young", "characters", "seductive"),
  v("pNInz6obpgDQGcFmaJgB", "Adam", "american", "male", "middle aged", "narration", "deep"),
  v("TxGEqnHWrfWFTfGW9XjX", "Josh", "american", "male", "young", "narration", "deep"),
  v("ErXwobaYiN019PkySvjV", "Antoni", "american", "male", "young", "narration", "well-rounded"),
  v("JBFqnCBsd6RMkjVDRZzb", "George", "british", "male", "middle aged", "narration", "warm"),
  v("onwK4e9ZLuTAKqWW03F9", "Daniel", "british", "male", "middle aged", "news", "authoritative"),
];

function v(
  voice_id: string,
  name: string,
  accent: string,
  gender: string,
  age: string,
  use_case: string,
  description: string,
): PremadeVoice {
  return { voice_id, name, labels: { accent, gender, age, use_case, description } };
}
