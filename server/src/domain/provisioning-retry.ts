/**
 * The provisioning retry job (design §8): agents whose provisioning failed or never ran get
 * another attempt at most once an interval, a bounded batch at a time, oldest first.
 */
import { and, asc, eq, inArray, isNotNull, lte, or } from "drizzle-orm";
import { agents } from "../db/schema";
import type { Services } from "../services";
import { enqueueProvisioning } from "./provisioning";

export interface RetryOptions {
  /** An agent is retried at most once per this long (its last provisioning write). */
  minAgeMs?: number;
  batch?: number;
}

export const provisioningRetryIntervalMs = 60_000;

/**
 * One round of the retry job: agents whose provisioning failed or never ran (a crash, a full
 * queue), and OpenAI agents still holding a provider agent, oldest first.
 */
export async function retryProvisioning(
  services: Services,
  options: RetryOptions = {},
): Promise<number> {
  const due = new Date(
    services.now().getTime() - (options.minAgeMs ?? provisioningRetryIntervalMs),
  );
  const rows = await services.database.db
    .select({ id: agents.id })
    .from(agents)
    .where(
      and(
        lte(agents.updatedAt, due),
        or(
          and(
            eq(agents.voiceProvider, "elevenlabs"),
            inArray(agents.provisioningStatus, ["pending", "provisioning_failed"]),
          ),
          and(eq(agents.voiceProvider, "openai"), isNotNull(agents.providerAgentId)),
        ),
      ),
    )
    .orderBy(asc(agents.updatedAt))
    .limit(options.batch ?? 25);
  await Promise.all(rows.map((r) => enqueueProvisioning(services, r.id)));
  return rows.length;
}

/** Runs `task` every `intervalMs` until stopped, never two at once; its errors go to `onError`. */
export function repeatEvery(
  intervalMs: number,
  task: () => Promise<void>,
  onError: (error: unknown) => void,
): () => void {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await task();
    } catch (error) {
      onError(error);
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** The retry job: one round every `intervalMs` (default a minute) until stopped. */
export function startProvisioningRetry(
  services: Services,
  options: RetryOptions & { intervalMs?: number } = {},
): () => void {
  const intervalMs = options.intervalMs ?? provisioningRetryIntervalMs;
  return repeatEvery(
    intervalMs,
    async () => {
      const n = await retryProvisioning(services, { minAgeMs: intervalMs, ...options });
      if (n > 0) services.log.info("agent provisioning retried", { agents: n });
    },
    (error) =>
      services.log.error("provisioning retry failed", {
        error: error instanceof Error ? error.name : "unknown",
      }),
  );
}
