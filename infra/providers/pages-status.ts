// Serialized into the dynamic provider: no run-time imports besides sibling provider files.
import { cfRequest, type ApiTarget, type RetryPolicy } from "./cloudflare-api";

/** How long to wait for a deployment: 15 checks, 1 s, 2 s, 4 s, 8 s, then every 10 s (about 2 minutes in all). */
export const DEFAULT_POLL: RetryPolicy = { attempts: 15, baseDelayMs: 1000, maxDelayMs: 10_000 };

export interface DeploymentStatus {
  id: string;
  url: string;
  latest_stage?: { name: string; status: string };
}

interface DeploymentLogs {
  total: number;
  data: { line: string }[];
}

/**
 * Polls a new deployment, as `wrangler pages deploy` does, until its deploy
 * stage ends. A failed or canceled stage throws with the deployment's last log
 * line; a deployment still going after `poll.attempts` checks throws too: it
 * counts only once Cloudflare reports it live.
 */
export async function waitUntilDeployed(api: ApiTarget, project: string, id: string, poll: RetryPolicy, retry: RetryPolicy): Promise<DeploymentStatus> {
  const path = `${project}/deployments/${id}`;
  let stage = { name: "queued", status: "active" };
  for (let attempt = 1; attempt <= poll.attempts; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(poll.maxDelayMs, poll.baseDelayMs * 2 ** (attempt - 1))));
    const deployment = await cfRequest<DeploymentStatus>(api, "GET", path, undefined, retry);
    stage = deployment.latest_stage ?? stage;
    if (stage.status === "failure" || stage.status === "canceled") {
      throw new Error(`deployment ${id} of ${projectName(project)} failed in its ${stage.name} stage: ${await lastLogLine(api, path, retry)}`);
    }
    if (stage.name === "deploy" && stage.status === "success") return deployment;
  }
  throw new Error(
    `deployment ${id} of ${projectName(project)} is still ${stage.name} (${stage.status}) after ${poll.attempts} checks: ` +
      `it is not live; see it in the dashboard, then run \`pulumi up\` again`,
  );
}

async function lastLogLine(api: ApiTarget, path: string, retry: RetryPolicy): Promise<string> {
  try {
    const logs = await cfRequest<DeploymentLogs>(api, "GET", `${path}/history/logs?size=10000000`, undefined, retry);
    return logs.data.at(-1)?.line.replace(/^Error:\s*/, "").trim() || "(its log is empty)";
  } catch (error) {
    return `(its log could not be read: ${(error as Error).message})`;
  }
}

function projectName(projectPath: string): string {
  return projectPath.split("/").at(-1)!;
}
