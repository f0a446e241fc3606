// JSON Schema of a service file (desired-state/services/<service>.yaml).
import { fragment, type JsonSchema } from "../kind.ts";
import { accessBlockSchema } from "../shared/access/block.ts";

export const originPattern = "^((https?|tcp|ssh|rdp|smb)://[^\\s]+|unix(\\+tls)?:[^\\s]+|http_status:[1-5][0-9][0-9])$";

const originRequestSchema: JsonSchema = {
  description: "Connection settings between cloudflared and the origin (Cloudflare's originRequest).",
  type: "object",
  additionalProperties: false,
  properties: {
    connectTimeout: { type: "integer", minimum: 0, description: "Seconds to establish a TCP connection (default 10)." },
    tlsTimeout: { type: "integer", minimum: 0, description: "Seconds to finish the TLS handshake (default 10)." },
    tcpKeepAlive: { type: "integer", minimum: 0, description: "Seconds between TCP keepalives (default 30)." },
    keepAliveConnections: { type: "integer", minimum: 0, description: "Idle keepalive connections (default 100)." },
    keepAliveTimeout: { type: "integer", minimum: 0, description: "Seconds before an idle connection is closed (default 90)." },
    noHappyEyeballs: { type: "boolean" },
    noTLSVerify: { type: "boolean", description: "Accept any origin certificate." },
    originServerName: { type: "string", description: "Host name expected in the origin certificate." },
    caPool: { type: "string", description: "Path of a CA bundle for the origin certificate." },
    httpHostHeader: { type: "string", description: "Host header sent to the origin." },
    disableChunkedEncoding: { type: "boolean" },
    http2Origin: { type: "boolean", description: "Talk HTTP/2 to an https origin." },
    proxyType: { enum: ["", "socks"] },
    access: {
      type: "object",
      additionalProperties: false,
      required: ["audTag", "teamName"],
      properties: { audTag: { type: "array", items: { type: "string" } }, teamName: { type: "string" }, required: { type: "boolean" } },
    },
  },
};

export const tunnelServiceSchema: JsonSchema = {
  title: "Tunnel service",
  type: "object",
  additionalProperties: false,
  required: ["service", "hostname", "origin", "tunnel"],
  properties: {
    service: { description: "Name of the service; the file is services/<service>.yaml.", type: "string", pattern: "^[a-z0-9][a-z0-9_-]{0,62}$" },
    hostname: {
      description: "Public host name; gets a proxied CNAME to the tunnel. Must be inside a declared zone.",
      type: "string",
      maxLength: 253,
      pattern: "^(\\*\\.)?([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$",
    },
    origin: {
      description: "Where cloudflared sends traffic: http(s)://, tcp://, ssh://, rdp://, smb://, unix:<path> or http_status:NNN.",
      type: "string",
      pattern: originPattern,
    },
    tunnel: { description: "A tunnel named in the stack file's `tunnels:`.", type: "string", minLength: 1 },
    path: { description: "Only requests whose path matches this regular expression.", type: "string", minLength: 1 },
    originRequest: originRequestSchema,
    access: fragment(accessBlockSchema),
  },
};
