// The emulator's one account (GET /accounts) and token verification (GET /user/tokens/verify).
import type { EmulatorFamily } from "../family.ts";
import { addAccountRoutes } from "./routes.ts";

export const accountsFamily: EmulatorFamily = {
  name: "accounts",
  routes: addAccountRoutes,
  sdkTypes: { "GET /accounts": "Account (cloudflare/resources/accounts/accounts.d.ts)" },
};
