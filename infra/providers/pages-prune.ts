// Serialized into the dynamic provider: no run-time imports besides sibling provider files.
import { cfRequest, type ApiError, type ApiTarget, type RetryPolicy } from "./cloudflare-api";

interface Listed {
  id: string;
}

interface Project {
  canonical_deployment?: { id: string } | null;
}

/** The list endpoint's page size, and how many pages are read at most (10,000 deployments). */
const PER_PAGE = 25;
const MAX_PAGES = 400;

/** The project's deployments, newest first; undefined when the project is gone. */
export async function listDeployments(api: ApiTarget, project: string, retry: RetryPolicy): Promise<Listed[] | undefined> {
  const all: Listed[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const listed = await getOrMissing(() => cfRequest<Listed[]>(api, "GET", `${project}/deployments?page=${page}&per_page=${PER_PAGE}`, undefined, retry));
    if (listed === undefined) return undefined;
    all.push(...listed);
    if (listed.length < PER_PAGE) break;
  }
  return all;
}

/** The deployment the project serves in production now, if any. */
export async function liveDeployment(api: ApiTarget, project: string, retry: RetryPolicy): Promise<string | undefined> {
  const found = await getOrMissing(() => cfRequest<Project>(api, "GET", project, undefined, retry));
  return found?.canonical_deployment?.id ?? undefined;
}

/**
 * Deletes every deployment but the newest `keep` and the live one. `force` is
 * needed for a deployment that carries a branch alias; the live production
 * deployment cannot be deleted at all, and need not be: the project takes it along.
 */
export async function pruneDeployments(api: ApiTarget, project: string, keep: number, retry: RetryPolicy): Promise<number> {
  const live = await liveDeployment(api, project, retry);
  const all = (await listDeployments(api, project, retry)) ?? [];
  const doomed = all.slice(keep).filter((d) => d.id !== live);
  for (const d of doomed) {
    await getOrMissing(() => cfRequest(api, "DELETE", `${project}/deployments/${d.id}?force=true`, undefined, retry));
  }
  return doomed.length;
}

/** A 404 (project or deployment gone) is an answer, not a failure. */
export async function getOrMissing<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if ((error as ApiError).status === 404) return undefined;
    throw error;
  }
}
