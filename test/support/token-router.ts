// Cloudflare's API is one address for every account; which account a request reaches depends on
// its token. Each emulator serves one account, so this router stands in for that address: it sends
// each request to the emulator that owns its bearer token (others get 403, as Cloudflare answers).
import { createServer, request as forward, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface TokenRouter {
  /** http://127.0.0.1:<port>/client/v4 */
  baseUrl: string;
  close(): Promise<void>;
}

/** `routes`: bearer token -> the base URL of the emulator that owns it. */
export async function startTokenRouter(routes: Record<string, string>): Promise<TokenRouter> {
  const server: Server = createServer((incoming, outgoing) => {
    const token = /^Bearer\s+(\S+)$/i.exec(incoming.headers.authorization ?? "")?.[1];
    const target = token === undefined ? undefined : routes[token];
    if (!target) {
      outgoing.writeHead(403, { "content-type": "application/json" });
      outgoing.end(JSON.stringify({ success: false, errors: [{ code: 9109, message: "Invalid access token" }], messages: [], result: null }));
      return;
    }
    const url = new URL(target);
    const proxied = forward(
      { host: url.hostname, port: url.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: url.host } },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      },
    );
    proxied.on("error", () => outgoing.destroy());
    incoming.pipe(proxied);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/client/v4`,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
