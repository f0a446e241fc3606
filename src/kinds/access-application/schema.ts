// JSON Schema of a service's `access:` block (the service file's schema holds it; see tunnel-service/schema.ts).
export { accessBlockSchema as accessApplicationSchema } from "../shared/access/block.ts";
