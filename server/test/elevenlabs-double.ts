/**
 * Provisioning tests' view of ElevenLabs: the real client talking to the harness's simulator
 * through a fetch that records every call and can take the agents API down, plus a logger
 * that keeps its lines, so tests can check what reached the provider and the logs.
 */
import { createLogger } from "../src/logger";
import { createElevenLabs } from "../src/providers/elevenlabs";
import type { Services } from "../src/services";
import type { Harness, HarnessOptions } from "./harness";

/** Looks like a real key, so a test can prove it never leaks. */
export const providerKey = "sk_live_provisioning_secret_5f2a9c";

export interface ElevenLabsDouble {
  /** While true the agents endpoints answer 503 (with the key in the body, as a trap). */
  down: boolean;
  /** `METHOD /path?query` of every call, in order. */
  calls: string[];
  logLines: string[];
  override: NonNullable<HarnessOptions["override"]>;
}

export function elevenLabsDouble(now: () => Date): ElevenLabsDouble {
  const double: ElevenLabsDouble = {
    down: false,
    calls: [],
    logLines: [],
    override: (svc: Services) => {
      const simulator = svc.simulator;
      if (!simulator) throw new Error("the harness has no simulator");
      const fetchVia: typeof fetch = async (url, init) => {
        const u = new URL(String(url instanceof Request ? url.url : url));
        const path = `${u.pathname}${u.search}`;
        double.calls.push(`${init?.method ?? "GET"} ${path}`);
        if (double.down && u.pathname.startsWith("/v1/convai/agents")) {
          return Response.json({ detail: `upstream broke for ${providerKey}` }, { status: 503 });
        }
        return simulator.app.request(`/elevenlabs${path}`, init);
      };
      return {
        log: createLogger("info", (line) => double.logLines.push(line)),
        providers: {
          ...svc.providers,
          elevenlabs: createElevenLabs({
            baseUrl: "https://elevenlabs.test",
            apiKey: providerKey,
            defaultAgentId: "parley-default",
            fetch: fetchVia,
            now,
          }),
        },
      };
    },
  };
  return double;
}

/** The agent as the simulator stores it, or null when it has none by that id. */
export async function providerAgent(h: Harness, id: string) {
  const simulator = h.services.simulator;
  if (!simulator) throw new Error("the harness has no simulator");
  const res = await simulator.app.request(`/elevenlabs/v1/convai/agents/${id}`, {
    headers: { "xi-api-key": "test" },
  });
  if (res.status === 404) return null;
  // The simulator's own agent JSON; the assertions check its fields.
  return (await res.json()) as {
    name: string;
    tags: string[];
    conversation_config: {
      agent: { prompt: { prompt: string }; first_message: string; language: string };
      tts: { voice_id: string };
      conversation: { max_duration_seconds: number };
    };
  };
}
