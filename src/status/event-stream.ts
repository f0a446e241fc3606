// Server-sent events for the live page: a hub of open responses, a heartbeat, and a cap on clients.
import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError } from "./http-util.ts";

export interface StatusEvent {
  type: string; // "run", "status", "drift", ...
  data?: unknown;
}

export interface EventHub {
  open(request: IncomingMessage, response: ServerResponse): void;
  broadcast(event: StatusEvent): void;
  clients(): number;
  close(): void;
}

export function createEventHub(options: { heartbeatMs: number; maxClients: number }): EventHub {
  const clients = new Set<ServerResponse>();
  let nextId = 1;
  const heartbeat = setInterval(() => {
    for (const client of clients) client.write(`: heartbeat ${Date.now()}\n\n`);
  }, options.heartbeatMs);
  heartbeat.unref();
  return {
    open(request, response) {
      if (clients.size >= options.maxClients) throw new HttpError(503, "too-many-clients", "too many live-update clients; retry later", { "Retry-After": "30" });
      response.writeHead(200, { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no", Connection: "keep-alive" });
      response.write("retry: 5000\n: connected\n\n");
      clients.add(response);
      request.socket.setTimeout(0);
      const drop = () => clients.delete(response);
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
    },
  };
}
