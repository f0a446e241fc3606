// JSON Schema of one Workers route in a zone file's `workers_routes:` list.
import type { JsonSchema } from "../kind.ts";

export const workersRouteSchema: JsonSchema = {
  title: "Workers route",
  type: "object",
  additionalProperties: false,
  required: ["pattern"],
  properties: {
    pattern: {
      description: "The URLs the route matches, e.g. shop.example.com/api/*: a host of the zone (a leading * matches its subdomains), then a path that may end in *; no query string. Its identity: a new pattern is a new route.",
      type: "string",
      minLength: 1,
      maxLength: 1024,
    },
    script: { description: "The Worker that runs (its name); leave it out for a route that runs no Worker.", type: "string", pattern: "^[A-Za-z0-9_-]{1,63}$" },
  },
};
