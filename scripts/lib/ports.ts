import { createServer } from "node:net";

/** A port nothing listens on at this moment, on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/**
 * Fails at once, before any build, when another process (a running `npm start`, say)
 * holds the port: workerd would only fail later, advising a flag `npm start` does not have.
 */
export async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new Error(`port ${port} is in use: set PORT=... to use another one (PORT=${port === 65535 ? port - 1 : port + 1} npm start)`) : error),
    );
    server.listen(port, "127.0.0.1", () => server.close(() => resolve()));
  });
}
