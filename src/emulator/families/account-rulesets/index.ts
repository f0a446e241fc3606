// Account rulesets (kind root): the http_request_redirect entrypoint that turns Bulk Redirect lists
// on, and the by-id endpoints. A family of its own, after the older ones, so its state key comes
// after theirs in a state file.
import { plainActions } from "../../audit/names.ts";
import type { EmulatorFamily } from "../family.ts";
import { addAccountRulesetRoutes } from "./routes.ts";
import { accountRulesetsSlice } from "./slice.ts";

const phases = "cloudflare/resources/rulesets/phases/phases.d.ts";
const rulesets = "cloudflare/resources/rulesets/rulesets.d.ts";

export const accountRulesetsFamily: EmulatorFamily = {
  name: "account-rulesets",
  routes: addAccountRulesetRoutes,
  slices: [accountRulesetsSlice],
  audit: {
    account_ruleset: { product: "rulesets", type: "ruleset", scope: "accounts", noun: "account ruleset", v1Type: "ruleset", v1Actions: plainActions },
  },
  // the 2024 OpenAPI subset has the zone rulesets only; the account ones answer the same shapes
  sdkTypes: {
    "GET /accounts/{account_id}/rulesets/phases/{ruleset_phase}/entrypoint": `PhaseGetResponse (${phases})`,
    "PUT /accounts/{account_id}/rulesets/phases/{ruleset_phase}/entrypoint": `PhaseUpdateResponse (${phases})`,
    "GET /accounts/{account_id}/rulesets": `RulesetListResponse (${rulesets})`,
    "POST /accounts/{account_id}/rulesets": `RulesetCreateResponse (${rulesets})`,
    "GET /accounts/{account_id}/rulesets/{ruleset_id}": `RulesetGetResponse (${rulesets})`,
    "PUT /accounts/{account_id}/rulesets/{ruleset_id}": `RulesetUpdateResponse (${rulesets})`,
    "DELETE /accounts/{account_id}/rulesets/{ruleset_id}": "void (rulesets.delete)",
  },
  exercise: () => import("./exercise.ts"),
};
