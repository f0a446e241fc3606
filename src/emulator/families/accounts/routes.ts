// GET /accounts (the emulator's one account) and GET /user/tokens/verify.
import { paginate } from "../../pagination.ts";
import type { Router } from "../../router.ts";

export function addAccountRoutes(router: Router): void {
  router.add("GET", "/accounts", (ctx) => {
    // Keys as a live account read shows them (wrangler whoami --json, 2026-08-11).
    const account = {
      id: ctx.store.accountId,
      name: ctx.store.accountName,
      type: "standard",
      settings: { enforce_twofactor: false, api_access_enabled: null, access_approval_expiry: null, abuse_contact_email: null, oauth_app_access_enabled: true },
      legacy_flags: { enterprise_zone_quota: { maximum: 0, current: 0, available: 0 } },
      created_on: "2024-01-01T00:00:00Z",
    };
    const name = ctx.query.get("name");
    const accounts = name === null || name.toLowerCase() === account.name.toLowerCase() ? [account] : [];
    const { page, info } = paginate(accounts, ctx.query, { defaultPerPage: 20, maxPerPage: 50, minPerPage: 5 });
    return { result: page, resultInfo: info };
  });
  // Shape as recorded on 2026-05-27: the dates are null for a token without limits.
  router.add("GET", "/user/tokens/verify", () => ({
    result: { id: "ed17574386854bf78a67040be0a770b0", status: "active", not_before: null, expires_on: null },
    messages: [{ code: 10000, message: "This API Token is valid and active" }],
  }));
}
