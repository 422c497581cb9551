import { WorkerEntrypoint } from "cloudflare:workers";
import { type ClientMeta, type Session, type SessionApi, type SessionData, type SessionSummary, type SessionUser, type SetDataMode, type SetDataResult } from "@workers-users/shared";
import { type SessionConfig } from "./config";
/**
 * The session store, reachable only through a service binding (RPC). The token
 * comes in, only its SHA-256 is ever stored or used as a key.
 */
export declare class SessionService extends WorkerEntrypoint<Env> implements SessionApi {
    #private;
    get config(): SessionConfig;
    create(user: SessionUser, meta: ClientMeta, data?: SessionData): Promise<{
        token: string;
        session: Session;
    }>;
    get(token: string): Promise<Session | null>;
    getStrict(token: string): Promise<Session | null>;
    setData(token: string, data: SessionData, mode: SetDataMode): Promise<SetDataResult>;
    destroy(token: string): Promise<void>;
    list(userId: string): Promise<SessionSummary[]>;
    revoke(userId: string, sessionId: string): Promise<boolean>;
    revokeAll(userId: string, exceptSessionId?: string): Promise<number>;
    updateUser(user: SessionUser): Promise<number>;
}
declare const _default: {
    fetch: () => Response;
};
export default _default;
