import { WorkerEntrypoint } from "cloudflare:workers";
import { type ClientMeta, type CreateSessionResult, type Session, type SessionApi, type SessionData, type SessionGrant, type SessionSummary, type SetDataMode, type SetDataResult } from "@workers-users/shared";
import { type SessionConfig } from "./config";
/** Sessions one upkeep call removes at most: each costs up to two KV deletes, and an invocation gets 1,000 operations. */
export declare const SWEEP_MAX = 400;
export declare class SessionService extends WorkerEntrypoint<Env> implements SessionApi {
    #private;
    get config(): SessionConfig;
    create(grant: SessionGrant, meta: ClientMeta, data?: SessionData): Promise<CreateSessionResult>;
    get(token: string): Promise<Session | null>;
    getStrict(token: string): Promise<Session | null>;
    getData(token: string): Promise<SessionData | null>;
    setData(token: string, data: SessionData, mode: SetDataMode): Promise<SetDataResult>;
    destroy(token: string): Promise<void>;
    list(userId: string): Promise<SessionSummary[]>;
    revoke(userId: string, sessionId: string): Promise<boolean>;
    revokeAll(userId: string, exceptSessionId?: string): Promise<number>;
    refreshUser(userId: string): Promise<number>;
    refreshRoles(): Promise<void>;
    sweepExpired(limit: number): Promise<number>;
}
declare const _default: {
    fetch: () => Response;
};
export default _default;
