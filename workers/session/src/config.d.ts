export interface SessionConfig {
    idleTimeout: number;
    absoluteTimeout: number;
    touchInterval: number;
    dataMaxBytes: number;
    maxPerUser: number;
}
/** KV refuses TTLs under 60 s. */
export declare const KV_MIN_TTL = 60;
/** Reads the timeouts and limits from the Worker's vars, with sane defaults. */
export declare function readConfig(env: Partial<Record<keyof SessionConfigVars, string>>): SessionConfig;
interface SessionConfigVars {
    SESSION_IDLE_TIMEOUT: string;
    SESSION_ABSOLUTE_TIMEOUT: string;
    SESSION_TOUCH_INTERVAL: string;
    SESSION_DATA_MAX_BYTES: string;
    SESSION_MAX_PER_USER: string;
}
export {};
