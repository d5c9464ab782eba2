/** Pure formatting and arithmetic the pages share; no DOM, so it is tested in Node. */

const minuteFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
const wholeFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** `90` → "1.5 min", `36000` → "600 min". Under ten minutes keeps one decimal. */
export function formatMinutes(seconds: number): string {
  const minutes = seconds / 60;
  return `${(minutes < 10 ? minuteFormat : wholeFormat).format(minutes)} min`;
}

/** `125` → "2m 05s"; `null` (still running or never connected) → "—". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return "—";
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  if (h > 0) return `${h}h ${String(m).padStart(2, "0")}m`;
  return `${m}m ${rest}s`;
}

/** Integer micros (millionths of a dollar) → "$1.23"; a non-zero sliver shows as "<$0.01". */
export function formatCost(micros: number): string {
  if (micros > 0 && micros < 10_000) return "<$0.01";
  return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(
    micros / 1_000_000,
  );
}

export type QuotaLevel = "ok" | "warning" | "critical" | "exceeded";

export interface QuotaState {
  /** 0–100 for the bar; the text shows the real figure past 100. */
  percent: number;
  level: QuotaLevel;
}

/** The usage alerts of design §9: warn at 80 % of included minutes, urgent at 95 %. */
export function quotaState(usedSeconds: number, includedSeconds: number): QuotaState {
  if (includedSeconds <= 0) {
    return { percent: usedSeconds > 0 ? 100 : 0, level: usedSeconds > 0 ? "exceeded" : "ok" };
  }
  const ratio = usedSeconds / includedSeconds;
  const percent = Math.min(100, Math.round(ratio * 1000) / 10);
  const level: QuotaLevel =
    ratio >= 1 ? "exceeded" : ratio >= 0.95 ? "critical" : ratio >= 0.8 ? "warning" : "ok";
  return { percent, level };
}

/** The calendar date (YYYY-MM-DD) an instant falls on in a time zone. */
export function dateIn(instant: Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(instant);
}

/** The current calendar month in the partner's time zone, as inclusive dates. */
export function currentPeriod(now: Date, timeZone: string): { from: string; to: string } {
  const today = dateIn(now, timeZone);
  const [y, m] = today.split("-").map(Number);
  const year = y ?? 1970;
  const month = m ?? 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const mm = String(month).padStart(2, "0");
  return { from: `${year}-${mm}-01`, to: `${year}-${mm}-${String(last).padStart(2, "0")}` };
}

/** Every date from `from` to `to`, inclusive (YYYY-MM-DD strings, calendar arithmetic in UTC). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end && days.length < 400; t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/** "2026-11-23T10:04:00Z" → "Nov 23, 10:04" in the partner's time zone. */
export function formatDateTime(iso: string | null, timeZone: string): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "—";
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(d);
}
