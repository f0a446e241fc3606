// The lists family's store slice (state file keys `lists`, `listItems`, `bulkOperations`; older
// state files lack all three).
import type { EmulatorStore } from "../../store.ts";
import { defineSlice } from "../family.ts";
import type { BulkOperation, ListItem, RulesList } from "./types.ts";

export interface ListsState {
  lists: Map<string, RulesList>;
  /** list id -> items, in the order they were added. */
  listItems: Map<string, ListItem[]>;
  bulkOperations: Map<string, BulkOperation>;
}

export const listsSlice = defineSlice<ListsState>({
  keys: ["lists", "listItems", "bulkOperations"],
  create: () => ({ lists: new Map(), listItems: new Map(), bulkOperations: new Map() }),
  snapshot: (state) => ({ lists: [...state.lists.values()], listItems: Object.fromEntries(state.listItems), bulkOperations: [...state.bulkOperations.values()] }),
  load(state, snapshot) {
    for (const list of (snapshot.lists as RulesList[] | undefined) ?? []) state.lists.set(list.id, list);
    for (const [listId, items] of Object.entries((snapshot.listItems as Record<string, ListItem[]> | undefined) ?? {})) state.listItems.set(listId, items);
    for (const operation of (snapshot.bulkOperations as BulkOperation[] | undefined) ?? []) state.bulkOperations.set(operation.id, operation);
  },
});

export function listsOf(store: EmulatorStore): ListsState {
  return store.slice(listsSlice);
}
