import { startEmulator } from "/work/wt/build/src/emulator/index.ts";
const e = await startEmulator({ zones: ["example.com", "example.net"], port: 8799 });
await fetch(`${e.baseUrl}/accounts/${e.accountId}/cfd_tunnel`, { method: "POST", headers: { authorization: "Bearer b", "content-type": "application/json" }, body: JSON.stringify({ name: "home-pi", config_src: "cloudflare" }) });
console.log(e.baseUrl);
