// The tunnels family's store slice (state file keys `tunnels`, `tunnelConfigs`).
import type { EmulatorStore } from "../../store.ts";
import { defineSlice } from "../family.ts";
import type { Tunnel, TunnelConfig } from "./types.ts";

export interface TunnelsState {
  tunnels: Map<string, Tunnel>;
  /** tunnel id -> its remote configuration. */
  tunnelConfigs: Map<string, TunnelConfig>;
}

export const tunnelsSlice = defineSlice<TunnelsState>({
  keys: ["tunnels", "tunnelConfigs"],
  create: () => ({ tunnels: new Map(), tunnelConfigs: new Map() }),
  snapshot: (state) => ({ tunnels: [...state.tunnels.values()], tunnelConfigs: [...state.tunnelConfigs.values()] }),
  load(state, snapshot) {
    for (const tunnel of (snapshot.tunnels as Tunnel[] | undefined) ?? []) state.tunnels.set(tunnel.id, tunnel);
    for (const config of (snapshot.tunnelConfigs as TunnelConfig[] | undefined) ?? []) state.tunnelConfigs.set(config.tunnel_id, config);
  },
});

export function tunnelsOf(store: EmulatorStore): TunnelsState {
  return store.slice(tunnelsSlice);
}
