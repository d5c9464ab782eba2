import { Hono } from "hono";
import { z } from "zod";
import { pitchForVoice, synthesiseSpeech, wav } from "./audio";
import { nowSeconds, type SimulatorContext, type StoredAgent } from "./context";
import { pick } from "./elevenlabs-messages";
import {
  DEFAULT_MAX_DURATION_SECONDS,
  randomId,
  SIGNED_URL_TTL_SECONDS,
  signConversation,
} from "./signing";
import { premadeVoices } from "./voices";

const PREVIEW_SAMPLE_RATE = 22_050;
const Config = z.record(z.string(), z.unknown());
const CreateAgent = z.object({
  conversation_config: Config,
  platform_settings: Config.nullish(),
  name: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
});
const UpdateAgent = CreateAgent.partial();

function detail(status: string, message: string) {
  return { detail: { status, message } };
}

/** ElevenLabs' validation error shape (FastAPI): a list of located messages. */
function unprocessable(error: z.ZodError) {
  return {
    detail: error.issues.map((issue) => ({
      loc: ["body", ...issue.path.map(String)],
      msg: issue.message,
      type: issue.code,
    })),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** PATCH semantics of the agents API: nested objects merge, everything else replaces. */
function deepMerge(base: Record<string, unknown>, patch: Record<string, unknown>) {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    out[key] = isRecord(current) && isRecord(value) ? deepMerge(current, value) : value;
  }
  return out;
}

function agentJson(agent: StoredAgent) {
  return {
    agent_id: agent.agent_id,
    name: agent.name,
    conversation_config: agent.conversation_config,
    metadata: { created_at_unix_secs: agent.created_at_unix_secs },
    platform_settings: agent.platform_settings,
    phone_numbers: [],
    tags: agent.tags,
  };
}

async function readJson(req: Request): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    return undefined;
  }
}

/** The ElevenLabs REST endpoints the server uses, under `/elevenlabs`. */
export function elevenLabsHttp(ctx: SimulatorContext): Hono {
  const app = new Hono();
  const wsBase = ctx.publicUrl.replace(/^http/, "ws").replace(/\/$/, "");

  app.get("/previews/:file", (c) => {
    const voice = premadeVoices.find((v) => `${v.voice_id}.wav` === c.req.param("file"));
    if (!voice) return c.json(detail("voice_not_found", "No such preview."), 404);
    const pcm = synthesiseSpeech(
      `Hello, my name is ${voice.name}.`,
      PREVIEW_SAMPLE_RATE,
      pitchForVoice(voice.voice_id),
    );
    return c.body(new Uint8Array(wav(pcm, PREVIEW_SAMPLE_RATE)), 200, {
      "content-type": "audio/wav",
      "cache-control": "public, max-age=86400",
    });
  });

  app.use("/v1/*", async (c, next) => {
    if (!c.req.header("xi-api-key")) {
      return c.json(
        detail("needs_authorization", "Neither authorization header nor xi-api-key received."),
        401,
      );
    }
    await next();
  });

  app.get("/v1/convai/conversation/get-signed-url", (c) => {
    const agentId = c.req.query("agent_id");
    if (!agentId) {
      return c.json({ detail: [{ loc: ["query", "agent_id"], msg: "Field required" }] }, 422);
    }
    // Unknown agents are accepted: the simulator's memory does not survive a restart, while the
    // server's record of a provisioned agent does.
    const configured = pick(
      ctx.agents.get(agentId)?.conversation_config,
      "conversation",
      "max_duration_seconds",
    );
    const maxDurationSeconds =
      typeof configured === "number" && Number.isInteger(configured) && configured > 0
        ? configured
        : DEFAULT_MAX_DURATION_SECONDS;
    const params = signConversation(ctx.signingSecret, {
      agentId,
      expires: nowSeconds(ctx) + SIGNED_URL_TTL_SECONDS,
      maxDurationSeconds,
    });
    return c.json(
      { signed_url: `${wsBase}/simulator/elevenlabs/v1/convai/conversation?${params}` },
      200,
    );
  });

  app.post("/v1/convai/agents/create", async (c) => {
    const parsed = CreateAgent.safeParse(await readJson(c.req.raw));
    if (!parsed.success) return c.json(unprocessable(parsed.error), 422);
    const agent: StoredAgent = {
      agent_id: randomId("agent_"),
      name: parsed.data.name ?? "",
      conversation_config: parsed.data.conversation_config,
      platform_settings: parsed.data.platform_settings ?? {},
      tags: parsed.data.tags ?? [],
      created_at_unix_secs: nowSeconds(ctx),
    };
    ctx.agents.set(agent.agent_id, agent);
    return c.json({ agent_id: agent.agent_id }, 200);
  });

  app.get("/v1/convai/agents/:id", (c) => {
    const agent = ctx.agents.get(c.req.param("id"));
    if (!agent) return c.json(detail("agent_not_found", "Agent not found."), 404);
    return c.json(agentJson(agent), 200);
  });

  app.patch("/v1/convai/agents/:id", async (c) => {
    const agent = ctx.agents.get(c.req.param("id"));
    if (!agent) return c.json(detail("agent_not_found", "Agent not found."), 404);
    const parsed = UpdateAgent.safeParse(await readJson(c.req.raw));
    if (!parsed.success) return c.json(unprocessable(parsed.error), 422);
    const patch = parsed.data;
    const updated: StoredAgent = {
      ...agent,
      name: patch.name ?? agent.name,
      tags: patch.tags ?? agent.tags,
      conversation_config: deepMerge(agent.conversation_config, patch.conversation_config ?? {}),
      platform_settings: deepMerge(agent.platform_settings, patch.platform_settings ?? {}),
    };
    ctx.agents.set(updated.agent_id, updated);
    return c.json(agentJson(updated), 200);
  });

  app.delete("/v1/convai/agents/:id", (c) => {
    if (!ctx.agents.delete(c.req.param("id"))) {
      return c.json(detail("agent_not_found", "Agent not found."), 404);
    }
    return c.json({}, 200);
  });

  app.get("/v1/voices", (c) =>
    c.json(
      {
        voices: premadeVoices.map((voice) => ({
          ...voice,
          category: "premade",
          description: null,
          preview_url: `${ctx.publicUrl.replace(/\/$/, "")}/simulator/elevenlabs/previews/${voice.voice_id}.wav`,
          available_for_tiers: [],
          settings: null,
          high_quality_base_model_ids: ["eleven_turbo_v2_5", "eleven_flash_v2_5"],
        })),
      },
      200,
    ),
  );

  return app;
}
