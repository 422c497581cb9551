/**
 * A loopback fake of Resend's send endpoint (`POST /emails`) for fault injection.
 * Like Resend, it keeps each `Idempotency-Key` it accepted and answers a repeat with
 * the first answer without mailing again. Each recipient can be given a script of
 * answers (`POST /script`); `GET /log?to=` tells what it received and delivered.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

/** One scripted answer: a status (with headers), held back `delayMs` after the mail is taken or refused. */
export interface Scripted {
  status: number;
  headers?: Record<string, string>;
  delayMs?: number;
}

export interface LoggedRequest {
  key: string | null;
  status: number;
  subject: string;
  authorization: string | null;
}

/** Longest a scripted answer may be held back: the fake never hangs a test. */
const MAX_DELAY_MS = 2000;

export async function startFakeMailProvider(): Promise<{ url: string; close: () => Promise<void> }> {
  const scripts = new Map<string, Scripted[]>();
  const requests = new Map<string, LoggedRequest[]>();
  const accepted = new Map<string, string>();
  const delivered = new Map<string, { key: string | null; subject: string }[]>();

  async function send(req: IncomingMessage, res: ServerResponse) {
    const body = JSON.parse(await read(req)) as { to: string[]; subject: string };
    const to = body.to[0]!;
    const key = header(req, "idempotency-key");
    const step = scripts.get(to)?.shift() ?? { status: 200 };
    const replay = key !== null && accepted.has(key);
    const status = replay ? 200 : step.status;
    if (!replay && status < 300) {
      if (key !== null) accepted.set(key, to);
      delivered.set(to, [...(delivered.get(to) ?? []), { key, subject: body.subject }]);
    }
    requests.set(to, [...(requests.get(to) ?? []), { key, status, subject: body.subject, authorization: header(req, "authorization") }]);
    await new Promise((r) => setTimeout(r, Math.min(step.delayMs ?? 0, MAX_DELAY_MS)));
    if (res.destroyed) return;
    res.writeHead(status, { "content-type": "application/json", ...step.headers }).end(JSON.stringify(status < 300 ? { id: key ?? "x" } : { name: "error" }));
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const done = (value: unknown) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(value));
    const handle = async () => {
      if (req.method === "POST" && url.pathname === "/emails") return send(req, res);
      if (req.method === "POST" && url.pathname === "/script") {
        const { to, answers } = JSON.parse(await read(req)) as { to: string; answers: Scripted[] };
        scripts.set(to, answers);
        return done({});
      }
      const to = url.searchParams.get("to") ?? "";
      if (req.method === "GET" && url.pathname === "/log") return done({ requests: requests.get(to) ?? [], delivered: delivered.get(to) ?? [] });
      res.writeHead(404).end();
    };
    handle().catch(() => res.writeHead(400).end());
  });
  server.on("clientError", (_e, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  // Never keeps the test process alive.
  server.unref();
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === "string" ? value : null;
}

async function read(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
