// Lists and items as the API shows them (key sets as in cf-terraforming testdata v5/cloudflare_list.yaml
// and v4/cloudflare_list_*.yaml; timestamps to the second, as recorded).
import type { EmulatorStore } from "../../store.ts";
import { listsOf } from "./slice.ts";
import type { ListItem, RulesList } from "./types.ts";
import { referencingRules } from "./references.ts";

/**
 * num_referencing_filters counts the zone ruleset rules whose expression uses `$name` (Cloudflare
 * counts the filters that reference the list; the emulator has rules, not filters).
 */
export function listView(store: EmulatorStore, list: RulesList): Record<string, unknown> {
  return {
    created_on: list.created_on,
    description: list.description,
    id: list.id,
    kind: list.kind,
    modified_on: list.modified_on,
    name: list.name,
    num_items: listsOf(store).listItems.get(list.id)?.length ?? 0,
    num_referencing_filters: referencingRules(store, list.name),
  };
}

export function itemView(item: ListItem): Record<string, unknown> {
  const { id, created_on, modified_on, comment, ...value } = item;
  return { ...(comment === undefined ? {} : { comment }), created_on, id, ...value, modified_on };
}
