import { describe, expect, it } from "vitest";
import { ConfigError } from "../shared/errors.ts";
import { silentLogger } from "../shared/logger.ts";
import { apiTokenFrom, createEngine } from "./engine-factory.ts";

const env = { CLOUDFLARE_API_TOKEN: "home-token", CLOUDFLARE_API_TOKEN_WORK: "work-token" };

describe("the API token of a stack", () => {
  it("comes from the variable the stack names in api_token_env, else CLOUDFLARE_API_TOKEN", () => {
    expect(apiTokenFrom(env, { name: "work", api_token_env: "CLOUDFLARE_API_TOKEN_WORK" })).toBe("work-token");
    expect(apiTokenFrom(env, { name: "home" })).toBe("home-token");
    expect(apiTokenFrom(env)).toBe("home-token");
  });

  it("names the variable and the stack when that variable is not set, and never falls back to another token", () => {
    const error = (() => {
      try {
        createEngine("native", { env, log: silentLogger(), root: ".", stack: { name: "lab", api_token_env: "LAB_TOKEN" } });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe("LAB_TOKEN is not set: stack lab takes its API token from it (api_token_env)");
    expect(() => apiTokenFrom({})).toThrow("CLOUDFLARE_API_TOKEN is not set");
  });
});
