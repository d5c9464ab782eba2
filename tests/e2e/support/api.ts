/** The partner API as a partner's backend uses it: a secret key, JSON, schemas from @parley/types. */
import { page, Session, SessionSummary, UsageReport } from "@parley/types";

/** Any zod schema; only its `parse` is needed here. */
interface Schema<T> {
  parse(data: unknown): T;
}

const SessionList = page(SessionSummary, "SessionList");

export class PartnerApi {
  constructor(
    private readonly base: string,
    private readonly secretKey: string,
  ) {}

  /** The status and parsed body of a GET; the body is checked against `schema`. */
  async get<T>(path: string, schema: Schema<T>): Promise<T> {
    const response = await this.raw(path);
    if (!response.ok) {
      throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
    }
    return schema.parse(await response.json());
  }

  raw(path: string): Promise<Response> {
    return fetch(`${this.base}${path}`, {
      headers: { authorization: `Bearer ${this.secretKey}` },
    });
  }

  /** A JSON PATCH; the answer is checked against `schema`. */
  async patch<T>(path: string, body: unknown, schema: Schema<T>): Promise<T> {
    const response = await fetch(`${this.base}${path}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${this.secretKey}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      throw new Error(`PATCH ${path} answered ${response.status}: ${await response.text()}`);
    }
    return schema.parse(await response.json());
  }

  sessions(agentId: string) {
    return this.get(`/v1/sessions?agent=${encodeURIComponent(agentId)}&limit=20`, SessionList);
  }

  session(id: string) {
    return this.get(`/v1/sessions/${encodeURIComponent(id)}`, Session);
  }

  /** `null` when this tree has no `/v1/usage` yet. */
  async usageByAgent(): Promise<UsageReport | null> {
    const response = await this.raw("/v1/usage?groupBy=agent");
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`GET /v1/usage answered ${response.status}`);
    return UsageReport.parse(await response.json());
  }
}

/**
 * Asks `probe` until it returns something other than undefined, or fails at the deadline
 * with the last thing it saw. For facts that arrive asynchronously (webhooks, rollups).
 */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  { timeoutMs = 15_000, intervalMs = 200 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
