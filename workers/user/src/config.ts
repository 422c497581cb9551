import type { Argon2Params } from "./password/hasher";

export interface UserConfig {
  /**
   * The local stack, and only it: `ENVIRONMENT` is exactly "local". Anything else,
   * a missing value included, is a deployed stack, where local switches do nothing.
   */
  local: boolean;
  /** The site's public origin, without a trailing slash: every emailed link starts here. */
  appUrl: string;
  /** The product's name, signing every email (the pages get it at build time). */
  appName: string;
  emailProvider: "outbox" | "resend";
  emailFrom: string;
  adminEmails: string[];
  /** Role every new account gets; empty for none. */
  defaultRole: string;
  password: { min: number; max: number };
  argon2: Argon2Params;
  verifyTokenTtl: number;
  resetTokenTtl: number;
  /** Per-IP throttling; can be turned off only in the local environment. */
  ipRateLimit: boolean;
  breachedPasswordCheck: boolean;
  lockout: { threshold: number; seconds: number; maxSeconds: number };
  /** Link mail (register, forgot-password, resend-verification, change of address, an admin's links) one address may get in any hour. */
  mailBudgetPerHour: number;
  /** Tokens for other services: their `aud` values and lifetime in seconds. */
  tokens: { audiences: string[]; ttl: number };
  /** Queued mail: the provider's origin, how long a send may take, and the retry backoff. */
  mail: { resendApiUrl: string; sendTimeoutMs: number; retryBaseSeconds: number; retryMaxSeconds: number };
  upkeep: UpkeepLimits;
}

/** The longest a token may live: revoking a session stops new tokens, not issued ones. */
export const TOKEN_MAX_TTL = 600;

/** What the scheduled upkeep keeps, and how much it deletes per rule and run. */
export interface UpkeepLimits {
  rowsPerRule: number;
  unverifiedAccountSeconds: number;
  auditRetentionSeconds: number;
  /** Failed logins of addresses that have no account (they carry no address). */
  auditUnknownLoginSeconds: number;
  outboxRetentionSeconds: number;
}

const DAY = 24 * 3600;

const cache = new WeakMap<Env, UserConfig>();

function int(value: string | undefined, fallback: number, min: number): number {
  if (value === undefined || value.trim() === "") return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min) throw new Error(`config: expected an integer >= ${min}`);
  return parsed;
}

function parse(env: Env): UserConfig {
  const provider = env.EMAIL_PROVIDER || "outbox";
  if (provider !== "outbox" && provider !== "resend") throw new Error("config: EMAIL_PROVIDER must be outbox or resend");
  const local = env.ENVIRONMENT === "local";
  return {
    local,
    appUrl: new URL(env.APP_URL).origin,
    appName: (env.APP_NAME ?? "").trim() || "workers-users",
    emailProvider: provider,
    emailFrom: env.EMAIL_FROM,
    adminEmails: (env.ADMIN_EMAILS ?? "")
      .split(",")
      .map((e) => e.trim().normalize("NFKC").toLowerCase())
      .filter(Boolean),
    defaultRole: (env.DEFAULT_ROLE ?? "user").trim(),
    password: { min: int(env.PASSWORD_MIN_LENGTH, 12, 8), max: int(env.PASSWORD_MAX_LENGTH, 128, 64) },
    argon2: {
      memoryKiB: int(env.ARGON2_MEMORY_KIB, 19456, 8),
      iterations: int(env.ARGON2_ITERATIONS, 2, 1),
      parallelism: int(env.ARGON2_PARALLELISM, 1, 1),
    },
    verifyTokenTtl: int(env.VERIFY_TOKEN_TTL, 24 * 3600, 60),
    resetTokenTtl: int(env.RESET_TOKEN_TTL, 30 * 60, 60),
    ipRateLimit: !(env.RATE_LIMIT_IP === "off" && local),
    breachedPasswordCheck: env.BREACHED_PASSWORD_CHECK !== "off",
    lockout: {
      threshold: int(env.LOCKOUT_THRESHOLD, 10, 3),
      seconds: int(env.LOCKOUT_SECONDS, 15 * 60, 60),
      maxSeconds: int(env.LOCKOUT_MAX_SECONDS, 60 * 60, 60),
    },
    mailBudgetPerHour: int(env.MAIL_BUDGET_PER_HOUR, 3, 1),
    tokens: readTokens(env, new URL(env.APP_URL).origin),
    mail: {
      resendApiUrl: new URL(env.RESEND_API_URL || "https://api.resend.com").origin,
      sendTimeoutMs: int(env.MAIL_SEND_TIMEOUT_MS, 10_000, 10),
      retryBaseSeconds: int(env.MAIL_RETRY_BASE_SECONDS, 30, 0),
      retryMaxSeconds: int(env.MAIL_RETRY_MAX_SECONDS, 600, 0),
    },
    upkeep: {
      rowsPerRule: int(env.UPKEEP_ROWS_PER_RULE, 5000, 1),
      unverifiedAccountSeconds: int(env.UNVERIFIED_ACCOUNT_DAYS, 7, 1) * DAY,
      auditRetentionSeconds: int(env.AUDIT_RETENTION_DAYS, 365, 1) * DAY,
      auditUnknownLoginSeconds: int(env.AUDIT_UNKNOWN_LOGIN_DAYS, 30, 1) * DAY,
      outboxRetentionSeconds: int(env.OUTBOX_RETENTION_DAYS, 7, 1) * DAY,
    },
  };
}

function readTokens(env: Env, issuer: string): UserConfig["tokens"] {
  const ttl = int(env.TOKEN_TTL, 300, 30);
  if (ttl > TOKEN_MAX_TTL) throw new Error(`config: TOKEN_TTL is at most ${TOKEN_MAX_TTL}`);
  const audiences = (env.TOKEN_AUDIENCES ?? "").split(",").map((a) => a.trim()).filter(Boolean);
  return { audiences: audiences.length > 0 ? audiences : [issuer], ttl };
}

/** Reads the Worker's vars once per isolate. A bad value is a deploy bug: it throws. */
export function getConfig(env: Env): UserConfig {
  let config = cache.get(env);
  if (!config) cache.set(env, (config = parse(env)));
  return config;
}
