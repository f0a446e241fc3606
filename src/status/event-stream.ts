// Server-sent events for the live page: a hub of open responses, a heartbeat, and a cap on clients,
// in all and per client address (one client cannot take every slot).
import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError } from "./http-util.ts";

export interface StatusEvent {
  type: string; // "run", "status", "drift", ...
  data?: unknown;
}

export interface EventHub {
  /** `address`: the client's, for the per-address cap. */
  open(request: IncomingMessage, response: ServerResponse, address?: string): void;
  broadcast(event: StatusEvent): void;
  clients(): number;
  close(): void;
}

export function createEventHub(options: { heartbeatMs: number; maxClients: number; maxPerAddress?: number }): EventHub {
  const clients = new Set<ServerResponse>();
  const byAddress = new Map<string, number>();
  const perAddress = options.maxPerAddress ?? options.maxClients;
  let nextId = 1;
  const heartbeat = setInterval(() => {
    for (const client of clients) client.write(`: heartbeat ${Date.now()}\n\n`);
  }, options.heartbeatMs);
  heartbeat.unref();
  return {
    open(request, response, address = "unknown") {
      if (clients.size >= options.maxClients) throw new HttpError(503, "too-many-clients", "too many live-update clients; retry later", { "Retry-After": "30" });
      const held = byAddress.get(address) ?? 0;
      if (held >= perAddress) throw new HttpError(429, "too-many-streams", `at most ${perAddress} live-update streams per client; close one first`, { "Retry-After": "30" });
      byAddress.set(address, held + 1);
      response.writeHead(200, { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no", Connection: "keep-alive" });
      response.write("retry: 5000\n: connected\n\n");
      clients.add(response);
      request.socket.setTimeout(0);
      let dropped = false;
      const drop = () => {
        if (dropped) return;
        dropped = true;
        clients.delete(response);
        const left = (byAddress.get(address) ?? 1) - 1;
        if (left > 0) byAddress.set(address, left);
        else byAddress.delete(address);
      };
      request.on("close", drop);
      response.on("error", drop);
    },
    broadcast(event) {
      const data = JSON.stringify(event.data ?? {});
      const type = event.type.replace(/[^A-Za-z0-9_-]/g, "");
      const frame = `id: ${nextId++}\nevent: ${type}\ndata: ${data}\n\n`;
      for (const client of clients) client.write(frame);
    },
    clients: () => clients.size,
    close() {
      clearInterval(heartbeat);
      for (const client of clients) client.end();
      clients.clear();
      byAddress.clear();
    },
  };
}
