/**
 * The simulated agent's "brain": a few deterministic rules that use the persona, enough to
 * hold a recognisable conversation without a language model.
 */

export interface PersonaView {
  prompt: string;
  language: string;
}

export interface Reply {
  text: string;
  /** The agent says goodbye and hangs up after speaking. */
  endCall: boolean;
}

export interface ToolCommand {
  toolName: string;
  parameters: Record<string, unknown>;
}

const GOODBYE = /\b(good ?bye|bye|see you|hang up|that'?s all)\b/i;
const GREETING = /^\s*(hi|hello|hey|hallo|bonjour|hola|good (morning|afternoon|evening))\b/i;
const HOURS = /\b(hours?|open(ing)?|clos(e|ed|ing)|when are you)\b/i;
const SPOKE = /^\(spoke for ([\d.]+) s\)$/;
const TOOL = /^test:\s*client tool\s+(\S+)\s*(.*)$/is;

/** "You are Ava, …" → "Ava"; the persona's name as its prompt states it. */
export function personaName(prompt: string): string {
  const match = prompt.match(/\b[Yy]ou are\s+(?:called\s+|named\s+)?([A-Z][\p{L}'-]+)/u);
  return match?.[1] ?? "your assistant";
}

function hoursSentence(prompt: string): string | null {
  const sentences = prompt.split(/(?<=[.!?\n])\s+/);
  return sentences.find((s) => /\b(hours?|open|opening)\b/i.test(s))?.trim() ?? null;
}

export function replyTo(userText: string, persona: PersonaView): Reply {
  const text = userText.trim();
  const name = personaName(persona.prompt);
  if (GOODBYE.test(text)) {
    return { text: "Thank you for calling. Goodbye!", endCall: true };
  }
  const spoke = text.match(SPOKE);
  if (spoke) {
    return {
      text: `I heard you speak for ${spoke[1]} seconds. This is a simulated line, so I cannot make out the words, but I am listening.`,
      endCall: false,
    };
  }
  if (GREETING.test(text)) {
    return { text: `Hello! This is ${name}. How can I help you today?`, endCall: false };
  }
  if (HOURS.test(text)) {
    const known = hoursSentence(persona.prompt);
    return {
      text: known
        ? `About our hours: ${known}`
        : "I do not have our opening hours at hand, but I am happy to help with anything else.",
      endCall: false,
    };
  }
  return {
    text: `I understood: "${text}". As ${name}, I will do my best to help with that.`,
    endCall: false,
  };
}

/** `test: client tool <name> <json args>` asks the agent to call a client tool. */
export function parseToolCommand(text: string): ToolCommand | { error: string } | null {
  const match = text.trim().match(TOOL);
  if (!match) return null;
  const [, toolName = "", rawArgs = ""] = match;
  if (!rawArgs.trim()) return { toolName, parameters: {} };
  try {
    const parsed: unknown = JSON.parse(rawArgs);
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      return { error: "The tool arguments must be a JSON object." };
    }
    return { toolName, parameters: Object.fromEntries(Object.entries(parsed)) };
  } catch {
    return { error: "The tool arguments are not valid JSON." };
  }
}

/** Replaces `{{name}}` with the dynamic variable, as the provider does in prompts and messages. */
export function fillVariables(template: string, variables: Record<string, unknown>): string {
  return template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (whole, key: string) => {
    const value = variables[key];
    return value === undefined || value === null ? whole : String(value);
  });
}
