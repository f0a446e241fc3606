// What a kind's Pulumi adapter (src/kinds/<kind>/pulumi.ts) gives the Pulumi engine: the
// @pulumi/cloudflare resources it declares and their logical names, how a step's state reads back
// as resources (so plans reuse the shared diff), and the ids `pulumi import` takes. Adapters only
// import Pulumi types: the program passes the SDK in, so import ids never load it.
import type * as cloudflare from "@pulumi/cloudflare";
import type { CustomResource, CustomResourceOptions } from "@pulumi/pulumi";
import type { Resource } from "../../plan/resources.ts";

export type CloudflareModule = typeof cloudflare;

/** A resource of the stack's state (from `stack export`). */
export interface StateResource {
  type: string;
  name: string;
  /** The resource's URN in the state (a targeted update names it). */
  urn?: string;
  outputs: Record<string, unknown>;
}

export interface DeclareContext {
  cloudflare: CloudflareModule;
  accountId: string;
  zoneId(zone: string): string;
  /** The provider, the import id when adopting, and aliases (earlier logical names of the same object). */
  opts(name: string, aliases?: string[]): CustomResourceOptions;
  /** The state's resources of this kind's type. */
  state: StateResource[];
  /** The scopes the desired state claims for this kind (a zone whose file has `firewall: []`). */
  claimed: ReadonlySet<string>;
  /**
   * Resources declared so far, by logical name, shared by every adapter (in registry order): a kind
   * adds its own and depends on another's, as a rule does on the list it uses (`dependsOn`).
   */
  declared?: Map<string, CustomResource>;
  /** Scope -> the name this kind's native adapter resolved it from (tunnel id -> tunnel name). */
  names: ReadonlyMap<string, string>;
  /** What `adoptionHints` said of the live object this run imports under the name (a ruleset's live name). */
  adopting(name: string): Record<string, unknown> | undefined;
}

export interface TranslateContext {
  /** Desired resources by key: what a step stands for is named the way the native engine names it. */
  desiredByKey: ReadonlyMap<string, Resource>;
}

export interface PulumiImportId {
  /** Pulumi type token, e.g. cloudflare:index/dnsRecord:DnsRecord */
  type: string;
  /** The logical name the program gives the object. */
  name: string;
  /** The id `pulumi import` takes. */
  id: string;
}

export interface ImportIdContext {
  accountId: string;
  zoneId(zone: string): string;
  /** The read's meta of a scope (a ruleset's id). */
  meta(scope: string): unknown;
  /** The scope the name stands for, when no live resource says it (a claimed scope with nothing live in it). */
  scope?: string;
}

export interface PulumiAdapter {
  kind: string;
  /** The Pulumi type token this kind declares. */
  type: string;
  /**
   * Where a kind declares more than one Pulumi type (a redirect list and its account Ruleset): the
   * kind's resources this adapter declares; the others are its `companions`'.
   */
  declares?(resource: Resource): boolean;
  /** Adapters of the kind's further Pulumi types, each with its own `declares`; run after this one. */
  companions?: readonly PulumiAdapter[];
  /** One Pulumi resource per change ("single"), or one for a scope's whole list ("group": a ruleset, a tunnel's ingress). */
  shape: "single" | "group";
  /** Creating the resource changes a value that always exists in Cloudflare (a zone setting): shown as an update. */
  createIsUpdate?: boolean;
  /** Where kinds share a Pulumi type (ruleset phases): whether a logical name is this kind's. */
  handles?(name: string): boolean;
  /** The logical name a desired or live resource is declared under (its identity, never its position). */
  logicalName(resource: Resource): string;
  /**
   * Group shapes: the logical name of a claimed scope's resource, so a scope the desired state
   * claims but lists nothing in (`firewall: []`, a tunnel without services) is adopted and declared.
   */
  scopeName?(scope: string, names: ReadonlyMap<string, string>): string;
  /** Declares the desired resources of this kind; returns stack outputs, if any. */
  declare(resources: Resource[], ctx: DeclareContext): Record<string, unknown>;
  /** One side of a step (old state or new inputs) -> the resources it stands for. */
  fromState(name: string, state: Record<string, unknown> | undefined, ctx: TranslateContext): Resource[];
  /** The import id of the live objects declared under one logical name. */
  importId(name: string, live: Resource[], ctx: ImportIdContext): string | undefined;
  /**
   * Inputs Pulumi ignores while importing an existing object (`ignoreChanges` on the import), so
   * the import succeeds whatever their spelling or value, on every CLI; a normal update follows in
   * a second `up` of the same apply. Without it, an object is imported only when it matches.
   */
  adoptIgnoring?: string[];
  /** What `declare` needs of a live object it adopts besides the desired values (a ruleset's live name). */
  adoptionHints?(name: string, live: Resource[], ctx: ImportIdContext): Record<string, unknown> | undefined;
  /** Said when a live object exists under a wanted name but differs, so it cannot be adopted (kinds without adoptIgnoring). */
  adoptionWarning?(name: string, resource: Resource): string | undefined;
  /**
   * The provider's delete of this type changes nothing in Cloudflare (zone settings, tunnel
   * configurations): a delete step only drops the object from Pulumi's state. The plan says so
   * with this note instead of showing a delete.
   */
  forgets?(name: string): string;
  /**
   * Logical names of state resources that must be deleted before the program's new resources can
   * exist (records at a name whose type changes between CNAME and others, when not one for one):
   * apply deletes them in a targeted `up` of their own first.
   */
  clearFirst?(resources: Resource[], state: StateResource[], claimed: ReadonlySet<string>): string[];
}
