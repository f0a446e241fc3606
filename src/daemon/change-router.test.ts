import { describe, expect, it } from "vitest";
import { stackConcerned } from "./change-router.ts";

const home = { desired_state: { dir: "desired-state", include: ["zones/home.example.yaml", "services/*.yaml"] } };

describe("which stacks a commit concerns", () => {
  it("its own stack file (and Pulumi's), its desired-state include patterns, and policies/", () => {
    expect(stackConcerned("home", home, ["stacks/home.yaml"])).toBe(true);
    expect(stackConcerned("home", home, ["stacks/Pulumi.home.yaml"])).toBe(true);
    expect(stackConcerned("home", home, ["desired-state/zones/home.example.yaml"])).toBe(true);
    expect(stackConcerned("home", home, ["desired-state/services/grafana.yaml"])).toBe(true);
    expect(stackConcerned("home", home, ["policies/policy.yaml"])).toBe(true);
    expect(stackConcerned("home", home, ["policies/no-open-admin.ts"])).toBe(true);
  });

  it("not another stack's files, other zones, or files that are not desired state", () => {
    expect(stackConcerned("home", home, ["stacks/work.yaml", "desired-state/zones/work.example.yaml", "README.md", "desired-state/services/notes.md"])).toBe(false);
    expect(stackConcerned("home", home, ["desired-state/services/nested/grafana.yaml"])).toBe(false);
    expect(stackConcerned("home", home, [])).toBe(false);
  });

  it("any change when the stack's settings are not known yet (no run read them)", () => {
    expect(stackConcerned("home", undefined, ["README.md"])).toBe(true);
  });

  it("reads the directory as the loader does: './' and a trailing slash, or the repository root", () => {
    expect(stackConcerned("a", { desired_state: { dir: "./config/", include: ["**/*.yaml"] } }, ["config/zones/x.yaml"])).toBe(true);
    expect(stackConcerned("a", { desired_state: { dir: ".", include: ["zones/*.yaml"] } }, ["zones/x.yml"])).toBe(false);
    expect(stackConcerned("a", { desired_state: { dir: ".", include: ["zones/*.yaml"] } }, ["zones/x.yaml"])).toBe(true);
  });
});
