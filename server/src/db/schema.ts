/**
 * The whole domain model of Parley (design §1, §9, §10). Everything a partner owns carries
 * `partner_id` and has an index that starts with it, so every tenant-scoped lookup is an
 * index scan. Ids are prefixed and time-ordered (see ./ids.ts), so `ORDER BY id DESC` is
 * newest first and doubles as the pagination cursor.
 */
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();
const ts = (name: string) => timestamp(name, { withTimezone: true });
/** Money and metered quantities: bigint in SQL, a JS number in code (safe below 2^53). */
const big = (name: string) => bigint(name, { mode: "number" });

export type Role = "owner" | "admin" | "member" | "viewer";
export type VoiceProvider = "elevenlabs" | "openai";
export type KeyKind = "publishable" | "secret";
export type KeyMode = "live" | "test";
export type AgentStatus = "active" | "paused";
export type ProvisioningStatus = "pending" | "provisioned" | "provisioning_failed" | "not_required";
export type SessionStatus = "issued" | "connected" | "ended" | "expired" | "failed";

export interface DynamicVariable {
  name: string;
  description?: string;
  required?: boolean;
}
export interface VoiceSettings {
  stability?: number;
  similarityBoost?: number;
  speed?: number;
}
export interface WorkingHours {
  timezone: string;
  /** 0 = Sunday … 6 = Saturday */
  days: number[];
  open: string;
  close: string;
}
export interface TranscriptLine {
  role: "agent" | "user";
  text: string;
  atSeconds: number;
}

export const partners = pgTable(
  "partners",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    parentId: text("parent_id").references((): AnyPgColumn => partners.id),
    isReseller: boolean("is_reseller").notNull().default(false),
    timezone: text("timezone").notNull().default("UTC"),
    status: text("status").$type<"active" | "suspended">().notNull().default("active"),
    stripeCustomerId: text("stripe_customer_id"),
    /** What a reseller charges its sub-accounts per minute, in micros (design §10). */
    resellerPriceMicrosPerMinute: big("reseller_price_micros_per_minute"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("partners_parent_idx").on(t.parentId)],
);

export const users = pgTable("users", {
  id: text("id").primaryKey(),
  /** Stored lower-cased; unique. */
  email: text("email").notNull().unique(),
  name: text("name").notNull().default(""),
  passwordHash: text("password_hash").notNull(),
  failedLogins: integer("failed_logins").notNull().default(0),
  lockedUntil: ts("locked_until"),
  createdAt: createdAt(),
});

export const memberships = pgTable(
  "memberships",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").$type<Role>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("memberships_partner_user_uq").on(t.partnerId, t.userId),
    index("memberships_user_idx").on(t.userId),
  ],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    kind: text("kind").$type<KeyKind>().notNull(),
    mode: text("mode").$type<KeyMode>().notNull(),
    name: text("name").notNull().default(""),
    /** What the dashboard shows, e.g. `pk_live_7Hq2…k9Qz`; never enough to use the key. */
    displayPrefix: text("display_prefix").notNull(),
    /** SHA-256 of the whole key (keys are 192-bit random, so a fast hash is right). */
    hash: text("hash").notNull(),
    allowedOrigins: jsonb("allowed_origins").$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
    revokedAt: ts("revoked_at"),
    lastUsedAt: ts("last_used_at"),
  },
  (t) => [
    uniqueIndex("api_keys_hash_uq").on(t.hash),
    index("api_keys_partner_idx").on(t.partnerId, t.id),
  ],
);

export const personas = pgTable(
  "personas",
  {
    id: text("id").primaryKey(),
    /** null = a system template every partner may use. */
    partnerId: text("partner_id").references(() => partners.id, { onDelete: "cascade" }),
    /** Stable slug of a system template (`sales`, `support`…); null for custom personas. */
    templateKey: text("template_key"),
    createdFromTemplateId: text("created_from_template_id"),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    instructions: text("instructions").notNull(),
    firstMessage: text("first_message").notNull().default(""),
    language: text("language").notNull().default("en"),
    dynamicVariables: jsonb("dynamic_variables").$type<DynamicVariable[]>().notNull().default([]),
    voiceProvider: text("voice_provider").$type<VoiceProvider>().notNull().default("openai"),
    voiceId: text("voice_id").notNull().default("alloy"),
    voiceSettings: jsonb("voice_settings").$type<VoiceSettings>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("personas_partner_idx").on(t.partnerId, t.id),
    uniqueIndex("personas_template_key_uq").on(t.templateKey),
  ],
);

export const agents = pgTable(
  "agents",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    personaId: text("persona_id")
      .notNull()
      .references(() => personas.id),
    voiceProvider: text("voice_provider").$type<VoiceProvider>().notNull(),
    voiceId: text("voice_id").notNull(),
    /** The standard (OpenAI) voice used when the premium voice cannot be. */
    fallbackVoiceId: text("fallback_voice_id").notNull().default("alloy"),
    fallbackEnabled: boolean("fallback_enabled").notNull().default(true),
    allowedOrigins: jsonb("allowed_origins").$type<string[]>().notNull().default([]),
    workingHours: jsonb("working_hours").$type<WorkingHours | null>(),
    maxDurationSeconds: integer("max_duration_seconds").notNull().default(600),
    /** Overrides the persona's first message when set. */
    greeting: text("greeting"),
    avatarUrl: text("avatar_url"),
    /** Per-agent theme refinements on top of the brand (design §7 theming). */
    theme: jsonb("theme").$type<Record<string, string>>().notNull().default({}),
    consentText: text("consent_text"),
    status: text("status").$type<AgentStatus>().notNull().default("active"),
    providerAgentId: text("provider_agent_id"),
    provisioningStatus: text("provisioning_status")
      .$type<ProvisioningStatus>()
      .notNull()
      .default("pending"),
    provisioningError: text("provisioning_error"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("agents_partner_idx").on(t.partnerId, t.id),
    index("agents_persona_idx").on(t.personaId),
  ],
);

export const featureFlags = pgTable("feature_flags", {
  key: text("key").primaryKey(),
  description: text("description").notNull().default(""),
  enabled: boolean("enabled").notNull().default(true),
  updatedAt: updatedAt(),
});

export const featureFlagOverrides = pgTable(
  "feature_flag_overrides",
  {
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    flagKey: text("flag_key")
      .notNull()
      .references(() => featureFlags.key),
    enabled: boolean("enabled").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.flagKey] })],
);

export const plans = pgTable("plans", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  priceCentsMonthly: integer("price_cents_monthly").notNull().default(0),
  includedSeconds: integer("included_seconds").notNull(),
  overageAllowed: boolean("overage_allowed").notNull().default(false),
  maxAgents: integer("max_agents").notNull(),
  maxCustomPersonas: integer("max_custom_personas").notNull(),
  maxConcurrentSessions: integer("max_concurrent_sessions").notNull(),
  features: jsonb("features").$type<string[]>().notNull().default([]),
  stripePriceId: text("stripe_price_id"),
});

export const addonTypes = pgTable("addon_types", {
  key: text("key").primaryKey(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  trialDays: integer("trial_days").notNull().default(0),
  priceCentsMonthly: integer("price_cents_monthly").notNull().default(0),
  stripePriceId: text("stripe_price_id"),
});

export const subscriptions = pgTable(
  "subscriptions",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    planId: text("plan_id")
      .notNull()
      .references(() => plans.id),
    status: text("status")
      .$type<"active" | "trialing" | "past_due" | "canceled">()
      .notNull()
      .default("active"),
    currentPeriodStart: ts("current_period_start").notNull(),
    currentPeriodEnd: ts("current_period_end").notNull(),
    stripeSubscriptionId: text("stripe_subscription_id"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("subscriptions_partner_uq").on(t.partnerId)],
);

export const subscriptionAddons = pgTable(
  "subscription_addons",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    addonKey: text("addon_key")
      .notNull()
      .references(() => addonTypes.key),
    status: text("status").$type<"active" | "canceled">().notNull().default("active"),
    billingStatus: text("billing_status")
      .$type<"paid" | "trial" | "unpaid">()
      .notNull()
      .default("trial"),
    trialEndsAt: ts("trial_ends_at"),
    /** The partner's premium rate for this add-on, if it is metered (micros per minute). */
    rateMicrosPerMinute: big("rate_micros_per_minute"),
    stripeSubscriptionItemId: text("stripe_subscription_item_id"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("subscription_addons_partner_addon_uq").on(t.partnerId, t.addonKey)],
);

export const voiceSessions = pgTable(
  "voice_sessions",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    agentId: text("agent_id")
      .notNull()
      .references(() => agents.id, { onDelete: "cascade" }),
    personaId: text("persona_id").notNull(),
    keyId: text("key_id"),
    provider: text("provider").$type<VoiceProvider>().notNull(),
    voiceId: text("voice_id").notNull(),
    fallbackFrom: text("fallback_from").$type<VoiceProvider>(),
    fallbackReason: text("fallback_reason").$type<"not_entitled" | "provider_down">(),
    origin: text("origin").notNull(),
    status: text("status").$type<SessionStatus>().notNull().default("issued"),
    reservedSeconds: integer("reserved_seconds").notNull().default(0),
    metadata: jsonb("metadata").$type<Record<string, string>>().notNull().default({}),
    issuedAt: ts("issued_at").notNull().defaultNow(),
    expiresAt: ts("expires_at").notNull(),
    connectedAt: ts("connected_at"),
    lastHeartbeatAt: ts("last_heartbeat_at"),
    endedAt: ts("ended_at"),
    durationSeconds: integer("duration_seconds"),
    endReason: text("end_reason"),
    costMicros: big("cost_micros").notNull().default(0),
    providerConversationId: text("provider_conversation_id"),
    transcript: jsonb("transcript").$type<TranscriptLine[]>().notNull().default([]),
  },
  (t) => [
    index("voice_sessions_partner_idx").on(t.partnerId, t.id),
    index("voice_sessions_partner_agent_idx").on(t.partnerId, t.agentId, t.id),
    index("voice_sessions_live_idx")
      .on(t.status, t.expiresAt)
      .where(sql`status in ('issued', 'connected')`),
    index("voice_sessions_provider_conv_idx").on(t.providerConversationId),
  ],
);

export const usageEvents = pgTable(
  "usage_events",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    agentId: text("agent_id").notNull(),
    sessionId: text("session_id"),
    provider: text("provider").$type<VoiceProvider>().notNull(),
    kind: text("kind").$type<"seconds" | "characters">().notNull(),
    quantity: big("quantity").notNull(),
    costMicros: big("cost_micros").notNull().default(0),
    /** true for the widget's `/end` figure, replaced when the provider's webhook comes. */
    provisional: boolean("provisional").notNull().default(false),
    idempotencyKey: text("idempotency_key").notNull(),
    occurredAt: ts("occurred_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("usage_events_idempotency_uq").on(t.idempotencyKey),
    index("usage_events_partner_idx").on(t.partnerId, t.occurredAt),
    index("usage_events_session_idx").on(t.sessionId),
  ],
);

export const usageDaily = pgTable(
  "usage_daily",
  {
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    agentId: text("agent_id").notNull(),
    provider: text("provider").$type<VoiceProvider>().notNull(),
    day: date("day", { mode: "string" }).notNull(),
    sessions: integer("sessions").notNull().default(0),
    seconds: big("seconds").notNull().default(0),
    characters: big("characters").notNull().default(0),
    costMicros: big("cost_micros").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.day, t.agentId, t.provider] })],
);

/**
 * One row per partner per billing period: the atomic check-and-reserve of design §4 rule 7
 * is a single conditional UPDATE on this row.
 */
export const quotaCounters = pgTable(
  "quota_counters",
  {
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    periodStart: date("period_start", { mode: "string" }).notNull(),
    includedSeconds: integer("included_seconds").notNull(),
    usedSeconds: big("used_seconds").notNull().default(0),
    reservedSeconds: big("reserved_seconds").notNull().default(0),
    liveSessions: integer("live_sessions").notNull().default(0),
    alertedPercent: integer("alerted_percent").notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.periodStart] })],
);

/** Prices live here, not in code (design §9). */
export const rates = pgTable("rates", {
  key: text("key").primaryKey(),
  description: text("description").notNull().default(""),
  microsPerUnit: big("micros_per_unit").notNull(),
});

export const brands = pgTable(
  "brands",
  {
    partnerId: text("partner_id")
      .primaryKey()
      .references(() => partners.id, { onDelete: "cascade" }),
    name: text("name"),
    logoUrl: text("logo_url"),
    primaryColor: text("primary_color"),
    onPrimaryColor: text("on_primary_color"),
    surfaceColor: text("surface_color"),
    textColor: text("text_color"),
    fontFamily: text("font_family"),
    radius: text("radius"),
    hidePoweredBy: boolean("hide_powered_by").notNull().default(false),
    customDomain: text("custom_domain"),
    /** For resellers: may sub-accounts refine the brand? */
    allowSubaccountOverrides: boolean("allow_subaccount_overrides").notNull().default(true),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("brands_custom_domain_uq").on(t.customDomain)],
);

/** Every provider webhook applied once: the provider's event id is the key. */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    provider: text("provider").notNull(),
    eventId: text("event_id").notNull(),
    type: text("type").notNull(),
    receivedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.eventId] })],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    /** `key_…` or `usr_…` */
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index("audit_log_partner_idx").on(t.partnerId, t.id)],
);

/** Dashboard sign-in sessions: the cookie holds a random token; only its hash is stored. */
export const userSessions = pgTable(
  "user_sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The partner this session is acting for (a user may belong to several). */
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    csrfToken: text("csrf_token").notNull(),
    /** When the password was entered; a rotated (switched) session keeps it. */
    createdAt: createdAt(),
    /** The earlier of the idle and the absolute expiry (auth/dashboard-session.ts). */
    expiresAt: ts("expires_at").notNull(),
    lastSeenAt: ts("last_seen_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("user_sessions_token_uq").on(t.tokenHash),
    index("user_sessions_user_idx").on(t.userId),
  ],
);

export const invitations = pgTable(
  "invitations",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role").$type<Role>().notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: text("invited_by").notNull(),
    createdAt: createdAt(),
    expiresAt: ts("expires_at").notNull(),
    acceptedAt: ts("accepted_at"),
  },
  (t) => [
    index("invitations_partner_idx").on(t.partnerId, t.id),
    uniqueIndex("invitations_token_uq").on(t.tokenHash),
  ],
);

export type EmailStatus = "pending" | "sent" | "failed";

/**
 * Email waiting to go out (the transactional outbox): written in the same transaction as
 * what it announces, delivered by the worker in email/outbox.ts with retries. The body can
 * hold a one-time link, so it is blanked once the email is sent or given up on, and an
 * invitation's email goes with the invitation (cancelled or replaced).
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id").references(() => partners.id, { onDelete: "cascade" }),
    invitationId: text("invitation_id").references(() => invitations.id, {
      onDelete: "cascade",
    }),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    bodyText: text("body_text").notNull(),
    status: text("status").$type<EmailStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** Due time; a worker that claims the row moves it forward (a lease) before sending. */
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    /** A safe reason (an SMTP code), never the server's words or our message. */
    lastError: text("last_error"),
    createdAt: createdAt(),
    sentAt: ts("sent_at"),
  },
  (t) => [index("email_outbox_due_idx").on(t.status, t.nextAttemptAt)],
);
