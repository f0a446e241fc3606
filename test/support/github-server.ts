// A local, in-memory stand-in for the GitHub REST endpoints cf-gitops uses: issue comments, issues,
// labels and commit statuses. It follows GitHub's shapes where our code reads them (ids, html_url,
// Link pagination, 422 on over-long bodies) and can answer with rate-limit 403s on demand.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  html_url: string;
  user: { login: string; type: string };
}
export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  state_reason: string | null;
  labels: string[];
  pull_request?: { url: string };
}
export interface FakeStatus {
  sha: string;
  state: string;
  description: string;
  context: string;
  target_url: string | null;
}
export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
}
export type RateLimitKind = "secondary" | "primary";

export interface GithubServer {
  url: string;
  token: string;
  owner: string;
  repo: string;
  comments: FakeComment[];
  issues: FakeIssue[];
  labels: Map<string, { name: string; color: string; description: string }>;
  statuses: FakeStatus[];
  requests: LoggedRequest[];
  /** The next `count` requests get a 403 rate-limit answer. */
  rateLimitNext(count: number, kind?: RateLimitKind, retryAfterSeconds?: number): void;
  /** Adds a pull request (an issue with pull_request set) and returns its number. */
  addPullRequest(title?: string): number;
  close(): Promise<void>;
}

const commentLimit = 65_536;

export async function startGithubServer(options: { token?: string; owner?: string; repo?: string } = {}): Promise<GithubServer> {
  const token = options.token ?? "ghs_test_token";
  const owner = options.owner ?? "acme";
  const repo = options.repo ?? "cloudflare";
  let nextId = 1000;
  let pendingLimits: { kind: RateLimitKind; retryAfter: number }[] = [];
  const state = {
    comments: [] as FakeComment[],
    issues: [] as FakeIssue[],
    labels: new Map<string, { name: string; color: string; description: string }>(),
    statuses: [] as FakeStatus[],
    requests: [] as LoggedRequest[],
  };
  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => send(response, 500, { message: String(error) }));
  });
  let baseUrl = "";

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", baseUrl);
    const method = request.method ?? "GET";
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      state.requests.push({ method, path: url.pathname, status });
      send(response, status, body, headers);
    };
    const auth = request.headers.authorization ?? "";
    if (auth !== `token ${token}` && auth !== `Bearer ${token}`) return reply(401, { message: "Bad credentials" });
    const limit = pendingLimits.shift();
    if (limit) return reply(403, ...rateLimitAnswer(limit.kind, limit.retryAfter));
    const prefix = `/repos/${owner}/${repo}`;
    if (!url.pathname.startsWith(`${prefix}/`)) return reply(404, { message: "Not Found" });
    const path = url.pathname.slice(prefix.length);
    const body = method === "GET" ? {} : await readJson(request);
    let match: RegExpMatchArray | null;

    if ((match = path.match(/^\/issues\/(\d+)\/comments$/))) {
      const issue = Number(match[1]);
      if (!state.issues.some((i) => i.number === issue)) return reply(404, { message: "Not Found" });
      if (method === "GET") return reply(200, ...page(url, state.comments.filter((c) => c.issue === issue)));
      if (method === "POST") {
        const text = String(body.body ?? "");
        if (text.length > commentLimit) return reply(422, tooLong());
        const comment: FakeComment = { id: nextId++, issue, body: text, html_url: `${baseUrl}/c/${nextId}`, user: { login: "github-actions[bot]", type: "Bot" } };
        state.comments.push(comment);
        return reply(201, comment);
      }
    }
    if ((match = path.match(/^\/issues\/comments\/(\d+)$/))) {
      const comment = state.comments.find((c) => c.id === Number(match![1]));
      if (!comment) return reply(404, { message: "Not Found" });
      if (method === "PATCH") {
        const text = String(body.body ?? "");
        if (text.length > commentLimit) return reply(422, tooLong());
        comment.body = text;
        return reply(200, comment);
      }
      if (method === "DELETE") {
        state.comments.splice(state.comments.indexOf(comment), 1);
        return reply(204, undefined);
      }
    }
    if (path === "/issues") {
      if (method === "GET") {
        const wanted = url.searchParams.get("labels")?.split(",").filter(Boolean) ?? [];
        const stateFilter = url.searchParams.get("state") ?? "open";
        const found = state.issues.filter((i) => (stateFilter === "all" || i.state === stateFilter) && wanted.every((l) => i.labels.includes(l)));
        return reply(200, ...page(url, found.map(issueJson)));
      }
      if (method === "POST") {
        const text = String(body.body ?? "");
        if (text.length > commentLimit) return reply(422, tooLong());
        const labels = Array.isArray(body.labels) ? body.labels.map(String) : [];
        for (const name of labels) if (!state.labels.has(name)) state.labels.set(name, { name, color: "ededed", description: "" });
        const issue: FakeIssue = { number: state.issues.length + 1, title: String(body.title), body: text, state: "open", state_reason: null, labels };
        state.issues.push(issue);
        return reply(201, issueJson(issue));
      }
    }
    if ((match = path.match(/^\/issues\/(\d+)$/)) && method === "PATCH") {
      const issue = state.issues.find((i) => i.number === Number(match![1]));
      if (!issue) return reply(404, { message: "Not Found" });
      if (typeof body.body === "string") {
        if (body.body.length > commentLimit) return reply(422, tooLong());
        issue.body = body.body;
      }
      if (body.state === "open" || body.state === "closed") issue.state = body.state;
      if (typeof body.state_reason === "string") issue.state_reason = body.state_reason;
      if (typeof body.title === "string") issue.title = body.title;
      return reply(200, issueJson(issue));
    }
    if ((match = path.match(/^\/labels\/([^/]+)$/)) && method === "GET") {
      const label = state.labels.get(decodeURIComponent(match[1]!));
      return label ? reply(200, label) : reply(404, { message: "Not Found" });
    }
    if (path === "/labels" && method === "POST") {
      const name = String(body.name);
      if (state.labels.has(name)) return reply(422, { message: "Validation Failed", errors: [{ code: "already_exists" }] });
      const label = { name, color: String(body.color ?? "ededed"), description: String(body.description ?? "") };
      state.labels.set(name, label);
      return reply(201, label);
    }
    if ((match = path.match(/^\/statuses\/([0-9a-f]{7,40})$/)) && method === "POST") {
      if (!["pending", "success", "failure", "error"].includes(String(body.state))) return reply(422, { message: "Validation Failed" });
      const status: FakeStatus = { sha: match[1]!, state: String(body.state), description: String(body.description ?? ""), context: String(body.context ?? "default"), target_url: typeof body.target_url === "string" ? body.target_url : null };
      state.statuses.push(status);
      return reply(201, { id: nextId++, ...status });
    }
    return reply(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" });
  }

  function issueJson(issue: FakeIssue) {
    return { ...issue, id: issue.number + 5000, html_url: `${baseUrl}/issues/${issue.number}`, labels: issue.labels.map((name) => ({ name })) };
  }

  function page<T>(url: URL, items: T[]): [T[], Record<string, string>] {
    const perPage = Math.min(Number(url.searchParams.get("per_page") ?? 30), 100);
    const pageNumber = Number(url.searchParams.get("page") ?? 1);
    const slice = items.slice((pageNumber - 1) * perPage, pageNumber * perPage);
    if (pageNumber * perPage >= items.length) return [slice, {}];
    const next = new URL(url.toString());
    next.searchParams.set("page", String(pageNumber + 1));
    return [slice, { link: `<${next.toString()}>; rel="next"` }];
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: baseUrl,
    token,
    owner,
    repo,
    ...state,
    rateLimitNext(count, kind = "secondary", retryAfterSeconds = 1) {
      pendingLimits = [...pendingLimits, ...Array.from({ length: count }, () => ({ kind, retryAfter: retryAfterSeconds }))];
    },
    addPullRequest(title = "Change DNS") {
      const number = state.issues.length + 1;
      state.issues.push({ number, title, body: "", state: "open", state_reason: null, labels: [], pull_request: { url: `${baseUrl}/pulls/${number}` } });
      return number;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function rateLimitAnswer(kind: RateLimitKind, retryAfter: number): [unknown, Record<string, string>] {
  if (kind === "secondary") {
    return [
      { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api" },
      { "retry-after": String(retryAfter) },
    ];
  }
  const reset = Math.ceil(Date.now() / 1000) + retryAfter - 1;
  return [
    { message: "API rate limit exceeded for installation.", documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api" },
    { "x-ratelimit-remaining": "0", "x-ratelimit-limit": "5000", "x-ratelimit-reset": String(reset) },
  ];
}

function tooLong() {
  return { message: "Validation Failed", errors: [{ resource: "IssueComment", code: "unprocessable", field: "data", message: `Body is too long (maximum is ${commentLimit} characters)` }] };
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? "" : JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  response.end(text);
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (text === "") return {};
  const parsed: unknown = JSON.parse(text);
  return parsed !== null && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
}
