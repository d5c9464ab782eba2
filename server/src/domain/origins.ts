/**
 * Origin checks for widget requests (design §4 rule 2). Both sides — the browser's `Origin`
 * header and the partner's configured patterns — go through the same normalisation, so a
 * pattern typed as `HTTPS://Shop.Example:443/` still matches the header `https://shop.example`.
 */

/**
 * The whole accepted shape before URL parsing: scheme, an authority without userinfo, and at
 * most one trailing slash. Checked on the raw text because `URL` silently resolves `/.`,
 * `/%2e` and backslashes into an empty path, which would let a path sneak through.
 */
const originShape = /^https?:\/\/[^/?#@\\\s]+\/?$/i;
const maxOriginLength = 300;

/**
 * The canonical `scheme://host[:port]` of an origin, or null when `raw` is not a usable web
 * origin: missing, the opaque `null` origin (sandboxed frames, file: pages), another scheme,
 * or anything carrying a path, query, fragment or credentials. Scheme and host are lower-cased,
 * unicode hosts become punycode (what browsers send), default ports are dropped.
 */
export function normalizeOrigin(raw: string | undefined | null): string | null {
  if (!raw || raw.length > maxOriginLength || !originShape.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.username || url.password || url.pathname !== "/" || url.search || url.hash) return null;
  // `*` is a legal host character to URL but never a real site; only patterns use it.
  if (!url.hostname || url.hostname.includes("*")) return null;
  return `${url.protocol}//${url.host}`;
}

interface ParsedOrigin {
  scheme: string;
  hostname: string;
  /** "" for the scheme's default port, as `URL` reports it. */
  port: string;
}

function parse(normalized: string): ParsedOrigin {
  const url = new URL(normalized);
  return { scheme: url.protocol, hostname: url.hostname, port: url.port };
}

const ipv4 = /^\d{1,3}(\.\d{1,3}){3}$/;

type Pattern = { kind: "exact"; origin: string } | { kind: "subdomains"; base: ParsedOrigin };

function parsePattern(raw: string): Pattern | null {
  const wildcard = /^(https?:\/\/)\*\.(.*)$/i.exec(raw);
  if (!wildcard) {
    const origin = normalizeOrigin(raw);
    return origin ? { kind: "exact", origin } : null;
  }
  const baseOrigin = normalizeOrigin(`${wildcard[1]}${wildcard[2]}`);
  if (!baseOrigin) return null;
  const base = parse(baseOrigin);
  // `*.com` or `*.1.2.3` would hand the widget to every site under a TLD or an address
  // range; a wildcard needs a registrable-looking base of at least two labels.
  if (ipv4.test(base.hostname) || base.hostname.startsWith("[")) return null;
  if (base.hostname.split(".").filter(Boolean).length < 2) return null;
  return { kind: "subdomains", base };
}

function matches(origin: ParsedOrigin, normalized: string, pattern: Pattern): boolean {
  if (pattern.kind === "exact") return pattern.origin === normalized;
  const { base } = pattern;
  return (
    origin.scheme === base.scheme &&
    origin.port === base.port &&
    // The leading dot is what stops `evilexample.com` and the bare `example.com`.
    origin.hostname.endsWith(`.${base.hostname}`)
  );
}

const localHosts = new Set(["localhost", "127.0.0.1"]);

/**
 * Whether a request's Origin may use a key or agent whose allowed origins are `patterns`:
 * exact origins, or `scheme://*.domain[:port]` for any depth of subdomain (not the domain
 * itself). Scheme and port must match; a pattern without a port means the default port.
 * `allowLocalhost` (test keys) also admits `http://localhost` and `http://127.0.0.1` on any
 * port. Malformed patterns never match anything.
 */
export function originAllowed(
  origin: string | undefined | null,
  patterns: readonly string[],
  opts: { allowLocalhost: boolean },
): boolean {
  const normalized = normalizeOrigin(origin);
  if (!normalized) return false;
  const parsed = parse(normalized);
  if (opts.allowLocalhost && parsed.scheme === "http:" && localHosts.has(parsed.hostname)) {
    return true;
  }
  return patterns.some((raw) => {
    const pattern = parsePattern(raw);
    return pattern !== null && matches(parsed, normalized, pattern);
  });
}
