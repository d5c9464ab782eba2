import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** How long a signed conversation URL may be used to open a socket (as ElevenLabs: 15 minutes). */
export const SIGNED_URL_TTL_SECONDS = 15 * 60;
export const DEFAULT_MAX_DURATION_SECONDS = 600;

export function hmacHex(secret: string, data: string): string {
  return createHmac("sha256", secret).update(data).digest("hex");
}

function hmacBase64Url(secret: string, data: string): string {
  return createHmac("sha256", secret).update(data).digest("base64url");
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A short random id in the style of the provider's own ids (`conv_…`, `agent_…`). */
export function randomId(prefix: string, bytes = 13): string {
  return `${prefix}${randomBytes(bytes).toString("hex")}`;
}

export interface ConversationGrant {
  agentId: string;
  /** Unix seconds after which the URL may no longer open a socket. */
  expires: number;
  maxDurationSeconds: number;
}

/** The query parameters of a signed conversation URL; every one of them is covered by the MAC. */
export function signConversation(secret: string, grant: ConversationGrant): URLSearchParams {
  const { agentId, expires, maxDurationSeconds } = grant;
  const signature = hmacBase64Url(secret, `${agentId}.${expires}.${maxDurationSeconds}`);
  return new URLSearchParams({
    agent_id: agentId,
    expires: String(expires),
    max_duration: String(maxDurationSeconds),
    conversation_signature: signature,
  });
}

export type GrantCheck =
  | { ok: true; grant: ConversationGrant }
  | { ok: false; status: 401 | 403; reason: string };

/** Checks a conversation URL's query the way the provider would before accepting the upgrade. */
export function verifyConversation(
  secret: string,
  query: URLSearchParams,
  nowSeconds: number,
): GrantCheck {
  const agentId = query.get("agent_id");
  const signature = query.get("conversation_signature");
  if (!agentId || !signature) {
    return { ok: false, status: 401, reason: "missing conversation_signature" };
  }
  const expiresRaw = query.get("expires") ?? "";
  const maxRaw = query.get("max_duration") ?? "";
  const expected = hmacBase64Url(secret, `${agentId}.${expiresRaw}.${maxRaw}`);
  if (!safeEqual(signature, expected)) {
    return { ok: false, status: 403, reason: "invalid conversation_signature" };
  }
  const expires = Number(expiresRaw);
  const maxDurationSeconds = Number(maxRaw);
  if (!Number.isInteger(expires) || !Number.isInteger(maxDurationSeconds)) {
    return { ok: false, status: 403, reason: "invalid conversation_signature" };
  }
  if (expires <= nowSeconds) {
    return { ok: false, status: 403, reason: "conversation_signature expired" };
  }
  return { ok: true, grant: { agentId, expires, maxDurationSeconds } };
}
