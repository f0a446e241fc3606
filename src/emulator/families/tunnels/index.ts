// Cloudflare Tunnels (cfd_tunnel) and their remote configuration (ingress rules).
import { plainActions } from "../../audit/names.ts";
import type { EmulatorFamily } from "../family.ts";
import { addTunnelRoutes } from "./routes.ts";
import { tunnelsSlice } from "./slice.ts";

export const tunnelsFamily: EmulatorFamily = {
  name: "tunnels",
  routes: addTunnelRoutes,
  slices: [tunnelsSlice],
  audit: {
    tunnel: { product: "cfd_tunnel", type: "tunnel", scope: "accounts", noun: "tunnel", v1Type: "tunnel", v1Actions: plainActions },
    tunnel_configuration: { product: "cfd_tunnel", type: "tunnel_configuration", scope: "accounts", noun: "tunnel configuration", v1Type: "tunnel", v1Actions: plainActions },
  },
  exercise: () => import("./exercise.ts"),
};
