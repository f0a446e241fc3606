// Account custom lists: the lists, their items (cursor-paged reads, asynchronous bulk writes) and
// the bulk operations' status.
import { plainActions } from "../../audit/names.ts";
import type { EmulatorFamily, FamilyContext } from "../family.ts";
import type { Router } from "../../router.ts";
import { addListItemRoutes } from "./item-routes.ts";
import { addListRoutes } from "./routes.ts";
import { listsSlice } from "./slice.ts";

const lists = "cloudflare/resources/rules/lists/lists.d.ts";
const items = "cloudflare/resources/rules/lists/items.d.ts";

export const listsFamily: EmulatorFamily = {
  name: "lists",
  routes(router: Router, _ctx: FamilyContext) {
    // the items routes first: …/lists/bulk_operations/{id} must win over …/lists/{list_id}/items
    addListItemRoutes(router);
    addListRoutes(router);
  },
  slices: [listsSlice],
  audit: {
    list: { product: "rules_lists", type: "list", scope: "accounts", noun: "list", v1Type: "list", v1Actions: plainActions },
    list_items: { product: "rules_lists", type: "list_items", scope: "accounts", noun: "list items", v1Type: "list", v1Actions: plainActions },
  },
  // The 2024 schema describes these wrongly: it joins the collection envelope (`result` an array)
  // with an object `result`, which no response can satisfy, and types items as a oneOf that no
  // item object matches. They are checked against the SDK's types instead.
  sdkTypes: {
    "POST /accounts/{account_id}/rules/lists": `ListCreateResponse (${lists})`,
    "GET /accounts/{account_id}/rules/lists/{list_id}": `ListGetResponse (${lists})`,
    "PUT /accounts/{account_id}/rules/lists/{list_id}": `ListUpdateResponse (${lists})`,
    "DELETE /accounts/{account_id}/rules/lists/{list_id}": `ListDeleteResponse (${lists})`,
    "GET /accounts/{account_id}/rules/lists/{list_id}/items": `ItemListResponse (${items})`,
    "POST /accounts/{account_id}/rules/lists/{list_id}/items": `ItemCreateResponse (${items})`,
    "PUT /accounts/{account_id}/rules/lists/{list_id}/items": `ItemUpdateResponse (${items})`,
    "DELETE /accounts/{account_id}/rules/lists/{list_id}/items": `ItemDeleteResponse (${items})`,
    "GET /accounts/{account_id}/rules/lists/{list_id}/items/{item_id}": `ItemGetResponse (${items})`,
    "GET /accounts/{account_id}/rules/lists/bulk_operations/{operation_id}": "BulkOperationGetResponse (cloudflare/resources/rules/lists/bulk-operations.d.ts)",
  },
  exercise: () => import("./exercise.ts"),
};
