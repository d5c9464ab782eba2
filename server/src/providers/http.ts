/**
 * Outbound HTTP for provider calls: a timeout on every call, retries with full-jitter
 * exponential backoff for idempotent ones (GET/PUT/DELETE, or when the caller says so),
 * and errors that never carry the request's headers (API keys) or the provider's body.
 */
export class ProviderError extends Error {
  constructor(
    readonly provider: string,
    readonly status: number | null,
    /** A short, safe reason (HTTP status or "timeout"/"network"), fit for a log line. */
    readonly reason: string,
  ) {
    super(`${provider}: ${reason}`);
    this.name = "ProviderError";
  }
  /** 4xx other than 408/429 will not get better by retrying. */
  get retryable(): boolean {
    return this.status === null || this.status >= 500 || this.status === 408 || this.status === 429;
  }
}

export interface ProviderFetchOptions {
  provider: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  retries?: number;
  idempotent?: boolean;
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function providerFetch(
  url: string,
  init: RequestInit,
  options: ProviderFetchOptions,
): Promise<Response> {
  const doFetch = options.fetch ?? fetch;
  const method = (init.method ?? "GET").toUpperCase();
  const idempotent = options.idempotent ?? ["GET", "HEAD", "PUT", "DELETE"].includes(method);
  const attempts = 1 + (idempotent ? (options.retries ?? 2) : 0);
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  let last: ProviderError | undefined;
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) {
      const cap = (options.baseDelayMs ?? 200) * 2 ** (attempt - 1);
      await sleep(Math.floor(random() * cap));
    }
    try {
      const res = await doFetch(url, {
        ...init,
        signal: AbortSignal.timeout(options.timeoutMs ?? 8000),
      });
      if (res.ok) return res;
      last = new ProviderError(options.provider, res.status, `HTTP ${res.status}`);
      await res.body?.cancel();
    } catch (error) {
      const timeout =
        error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
      last = new ProviderError(options.provider, null, timeout ? "timeout" : "network error");
    }
    if (!last.retryable) break;
  }
  throw last ?? new ProviderError(options.provider, null, "no attempt made");
}
