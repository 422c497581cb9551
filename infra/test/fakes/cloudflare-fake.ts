import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: Buffer;
  params: Record<string, string>;
}

/** One request as the fake received it, for assertions and captures. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: string;
  contentType: string | undefined;
  body: Buffer;
}

export interface FakeResponse {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

type Handler = (req: FakeRequest) => FakeResponse | Promise<FakeResponse>;

interface Fault {
  status: number;
  /** Only requests whose body contains this text are hit. */
  bodyContains?: string;
  /** Run the real handler first: the change is made but the answer is lost. */
  afterHandler: boolean;
  retryAfter?: string;
}

/** The Cloudflare API's envelope around every answer. */
export const ok = (result: unknown, status = 200): FakeResponse => ({ status, body: { success: true, errors: [], messages: [], result } });
export const failure = (status: number, code: number, message: string): FakeResponse => ({
  status,
  body: { success: false, errors: [{ code, message }], messages: [], result: null },
});

/**
 * A loopback HTTP server answering like api.cloudflare.com/client/v4: bearer
 * auth, JSON envelopes, and injectable transient failures (5xx, 429, lost answers).
 */
export class CloudflareFake {
  readonly requests: RecordedRequest[] = [];
  private readonly routes: { method: string; pattern: RegExp; keys: string[]; handler: Handler }[] = [];
  private readonly faults: Fault[] = [];
  private server: Server | undefined;

  route(method: string, template: string, handler: Handler): void {
    const keys: string[] = [];
    const source = template.replace(/:(\w+)/g, (_m, key: string) => {
      keys.push(key);
      return "([^/]+)";
    });
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), keys, handler });
  }

  /** The next `count` requests fail with `status` (answered before, or after, doing the work). */
  failNext(count: number, status: number, options: Omit<Partial<Fault>, "status"> = {}): void {
    for (let i = 0; i < count; i++) this.faults.push({ afterHandler: false, ...options, status });
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", async () => {
        const answer = await this.answer(req, Buffer.concat(chunks)).catch((e: Error) => failure(500, 10000, `fake crashed: ${e.message}`));
        const text = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
        res.writeHead(answer.status ?? 200, { "content-type": typeof answer.body === "string" ? "text/html" : "application/json", ...answer.headers });
        res.end(text);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/client/v4`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** Requests that change something (anything but GET). */
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== "GET");
  }

  private async answer(req: IncomingMessage, body: Buffer): Promise<FakeResponse> {
    const url = new URL(req.url ?? "/", "http://fake");
    const path = url.pathname.replace(/^\/client\/v4/, "");
    const contentType = req.headers["content-type"];
    this.requests.push({ method: req.method ?? "GET", path, query: url.search, contentType, body });
    const route = this.routes.find((r) => r.method === req.method && r.pattern.test(path));
    if (!route) return failure(404, 7003, `Could not route to ${path}`);
    const match = route.pattern.exec(path)!;
    const params = Object.fromEntries(route.keys.map((k, i) => [k, decodeURIComponent(match[i + 1]!)]));
    const index = this.faults.findIndex((f) => f.bodyContains === undefined || body.toString("utf8").includes(f.bodyContains));
    const fault = index === -1 ? undefined : this.faults.splice(index, 1)[0];
    if (fault && !fault.afterHandler) return transient(fault);
    const response = await route.handler({ method: req.method!, path, query: url.searchParams, headers: req.headers, body, params });
    return fault ? transient(fault) : response;
  }
}

function transient(fault: Fault): FakeResponse {
  if (fault.status === 429) {
    return { ...failure(429, 971, "Please wait and consider throttling your request speed"), headers: { "retry-after": fault.retryAfter ?? "0" } };
  }
  // Gateways answer 502/504 with an HTML page, not an envelope.
  if (fault.status === 502 || fault.status === 504) return { status: fault.status, body: "<html><body>Bad gateway</body></html>" };
  return failure(fault.status, 10013, "An unknown error has occurred");
}

export function bearer(req: FakeRequest): string | undefined {
  return /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
}
