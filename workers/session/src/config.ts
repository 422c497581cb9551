export interface SessionConfig {
  idleTimeout: number;
  absoluteTimeout: number;
  touchInterval: number;
  dataMaxBytes: number;
  maxPerUser: number;
  /** Seconds an isolate reuses the role map it read; 0 reads it with every session. */
  roleMapMaxAge: number;
}

/** KV refuses TTLs under 60 s. */
export const KV_MIN_TTL = 60;

function seconds(value: string | undefined, fallback: number, min: number): number {
  const parsed = Number(value);
  if (value === undefined || value === "" || !Number.isInteger(parsed)) return fallback;
  if (parsed < min) throw new Error(`session config: ${parsed} is below the minimum ${min}`);
  return parsed;
}

/** Reads the timeouts and limits from the Worker's vars, with sane defaults. */
export function readConfig(env: Partial<Record<keyof SessionConfigVars, string>>): SessionConfig {
  return {
    idleTimeout: seconds(env.SESSION_IDLE_TIMEOUT, 7 * 24 * 3600, KV_MIN_TTL),
    absoluteTimeout: seconds(env.SESSION_ABSOLUTE_TIMEOUT, 30 * 24 * 3600, KV_MIN_TTL),
    touchInterval: seconds(env.SESSION_TOUCH_INTERVAL, 300, 1),
    dataMaxBytes: seconds(env.SESSION_DATA_MAX_BYTES, 16 * 1024, 2),
    maxPerUser: seconds(env.SESSION_MAX_PER_USER, 50, 1),
    roleMapMaxAge: seconds(env.ROLE_MAP_MAX_AGE, 10, 0),
  };
}

interface SessionConfigVars {
  SESSION_IDLE_TIMEOUT: string;
  SESSION_ABSOLUTE_TIMEOUT: string;
  SESSION_TOUCH_INTERVAL: string;
  SESSION_DATA_MAX_BYTES: string;
  SESSION_MAX_PER_USER: string;
  ROLE_MAP_MAX_AGE: string;
}
