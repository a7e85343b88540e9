/**
 * A small stand-in for GitHub's REST API on 127.0.0.1: the endpoints `protect diff` and
 * `protect apply` use, with state. Every request body is validated against the request schema
 * of GitHub's published OpenAPI description (@octokit/openapi), and every ruleset and branch
 * protection answer against the response schema, so the tests catch a body GitHub would reject
 * and an answer GitHub would never give.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

interface Operation {
  requestBody?: { content: Record<string, { schema: object }> };
  responses?: Record<string, { content?: Record<string, { schema: object }> }>;
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
}

const openapi = JSON.parse(
  readFileSync(
    path.join(import.meta.dirname, '../../node_modules/@octokit/openapi/generated/api.github.com.deref.json'),
    'utf8',
  ),
) as OpenApi;
/**
 * OpenAPI 3.0's `nullable` as JSON Schema: a `null` type, or a null branch where the schema has
 * no `type` (Ajv's own `nullable` needs one, and GitHub's response schemas have such cases).
 */
function withNulls(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withNulls);
  if (typeof schema !== 'object' || schema === null) return schema;
  const entries = Object.entries(schema as Record<string, unknown>).map(
    ([key, value]) => [key, key === 'enum' || key === 'example' ? value : withNulls(value)] as const,
  );
  const converted: Record<string, unknown> = Object.fromEntries(entries);
  if (converted.nullable !== true) return converted;
  delete converted.nullable;
  if (typeof converted.type === 'string')
    return {
      ...converted,
      type: [converted.type, 'null'],
      ...(Array.isArray(converted.enum) ? { enum: [...(converted.enum as unknown[]), null] } : {}),
    };
  return { anyOf: [{ type: 'null' }, converted] };
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
const compiled = new Map<string, ValidateFunction>();

/** A validator for the request (or response) body of a route in GitHub's REST description. */
export function schemaValidator(
  route: string,
  method: string,
  kind: 'request' | 'response',
  status = '200',
): ValidateFunction {
  const key = `${kind} ${method} ${route} ${status}`;
  let validate = compiled.get(key);
  if (!validate) {
    const operation = openapi.paths[route]?.[method];
    const schema =
      kind === 'request'
        ? operation?.requestBody?.content['application/json']?.schema
        : operation?.responses?.[status]?.content?.['application/json']?.schema;
    if (!schema) throw new Error(`no ${kind} schema for ${method.toUpperCase()} ${route} ${status}`);
    validate = ajv.compile(withNulls(schema) as object);
    compiled.set(key, validate);
  }
  return validate;
}

/** The smallest value a (converted) response schema accepts: required fields only, examples and first choices. */
function sample(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null) return null;
  const node = schema as Record<string, unknown>;
  if (Array.isArray(node.anyOf)) return sample(node.anyOf[0]);
  if (Array.isArray(node.oneOf)) return sample(node.oneOf[0]);
  if (Array.isArray(node.allOf))
    return Object.assign({}, ...(node.allOf as unknown[]).map((part) => sample(part) as object)) as unknown;
  if (Array.isArray(node.enum)) return node.enum[0];
  const type = Array.isArray(node.type) ? (node.type as string[])[0] : node.type;
  switch (type) {
    case 'object': {
      const properties = (node.properties ?? {}) as Record<string, unknown>;
      const required = (node.required ?? []) as string[];
      return Object.fromEntries(required.map((key) => [key, sample(properties[key])]));
    }
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return false;
    case 'string':
      if (node.format === 'date-time') return '2026-12-04T10:00:00Z';
      if (node.format === 'uri') return 'https://github.com/acme';
      if (node.format === 'email') return 'someone@example.com';
      return 'x';
    case 'null':
      return null;
    default:
      return null;
  }
}

function merge(base: unknown, overrides: unknown): unknown {
  if (
    typeof base !== 'object' ||
    base === null ||
    Array.isArray(base) ||
    typeof overrides !== 'object' ||
    overrides === null ||
    Array.isArray(overrides)
  )
    return overrides;
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(overrides)) merged[key] = merge(merged[key], value);
  return merged;
}

/**
 * An answer as GitHub's response schema describes it: every required field, with the given
 * values over them (for a list, the schema of one item).
 */
export function sampleAnswer(route: string, method: string, status: string, overrides: Json): Json {
  const operation = openapi.paths[route]?.[method];
  let schema = withNulls(operation?.responses?.[status]?.content?.['application/json']?.schema) as Json | undefined;
  if (schema?.type === 'array') schema = schema.items as Json;
  return merge(sample(schema), overrides) as Json;
}

/** The request schemas the fake checks bodies against, by route. */
const BODY_ROUTES: Record<string, string> = {
  'POST /repos/{owner}/{repo}/rulesets': '/repos/{owner}/{repo}/rulesets',
  'PUT /repos/{owner}/{repo}/rulesets/{ruleset_id}': '/repos/{owner}/{repo}/rulesets/{ruleset_id}',
  'PUT /repos/{owner}/{repo}/branches/{branch}/protection': '/repos/{owner}/{repo}/branches/{branch}/protection',
};

type Json = Record<string, unknown>;

/** A review of a pull request, as GitHub lists it. */
export interface FakeReview {
  user: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
  commit_id: string;
  submitted_at?: string;
}

export interface FakePull {
  /** The head commit. */
  head: string;
  reviews: FakeReview[];
}

export interface FakeTeam {
  id: number;
  /** Logins with an active membership. */
  members: Set<string>;
  /** Logins invited but not yet members. */
  pending: Set<string>;
}

export interface FakeRepository {
  /** Whether the token is an administrator of the repository. */
  admin: boolean;
  pulls: Map<number, FakePull>;
  branches: Set<string>;
  rulesets: Map<number, Json>;
  /** Classic protection per branch, as the PUT body that set it, plus `required_signatures`. */
  protection: Map<string, Json & { required_signatures?: boolean }>;
}

/** An answer given instead of the real one, `times` times, to requests that match; status 0 never answers. */
export interface Fault {
  method: string;
  path: RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: Json;
  /** Sent as it is (as JSON's content type) instead of body: an answer that is not JSON. */
  raw?: string;
  /** How long the server takes before it answers, in ms: a slow server. */
  delayMs?: number;
  times: number;
}

/** What a route added with `FakeGithub.route` answers. */
export interface RouteAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * A route added by a test or a helper of its own (teams, reviews, collaborators, contents…):
 * `route` is the OpenAPI path (`/orgs/{org}/teams/{team_slug}`). The request body is checked
 * against the route's published request schema where it has one, and the answer against the
 * response schema of its status, as for the built-in routes.
 */
export interface ExtraRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  route: string;
  handle(request: {
    params: Record<string, string>;
    query: URLSearchParams;
    body: unknown;
    fake: FakeGithub;
  }): RouteAnswer | Promise<RouteAnswer>;
}

/** `/orgs/{org}/teams/{team_slug}` → a regular expression with one group per parameter. */
function routePattern(route: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = route
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      names.push(name);
      return '([^/]+)';
    })
    .join('');
  return { pattern: new RegExp(`^${source}$`), names };
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  authorization: string | undefined;
}

export class FakeGithub {
  readonly token: string;
  readonly repositories = new Map<string, FakeRepository>();
  /** Teams by `org/slug`. */
  readonly teams = new Map<string, FakeTeam>();
  readonly requests: RecordedRequest[] = [];
  /** Bodies and answers that did not match GitHub's schemas: every test expects none. */
  readonly schemaErrors: string[] = [];
  readonly faults: Fault[] = [];
  readonly #routes: (ExtraRoute & { pattern: RegExp; names: string[] })[] = [];
  #server: Server;
  #nextId = 100;
  url = '';

  private constructor(token: string) {
    this.token = token;
    this.#server = createServer((request, response) => {
      this.#handle(request, response).catch((error: unknown) => {
        this.schemaErrors.push(`handler failed: ${String(error)}`);
        response.writeHead(500).end();
      });
    });
  }

  /** Starts on 127.0.0.1 on a free port. */
  static async start(token: string): Promise<FakeGithub> {
    const fake = new FakeGithub(token);
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.#server.address() as AddressInfo).port}`;
    return fake;
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  addRepository(fullName: string, options: { branches?: string[]; admin?: boolean } = {}): FakeRepository {
    const repository: FakeRepository = {
      admin: options.admin ?? true,
      branches: new Set(options.branches ?? ['main']),
      rulesets: new Map(),
      protection: new Map(),
      pulls: new Map(),
    };
    this.repositories.set(fullName, repository);
    return repository;
  }

  /** A team of an organisation, with its members; returns its id. */
  addTeam(org: string, slug: string, members: string[] = [], pending: string[] = []): number {
    const id = this.#nextId++;
    this.teams.set(`${org}/${slug}`, { id, members: new Set(members), pending: new Set(pending) });
    return id;
  }

  /** A pull request of a repository, with its head commit and reviews. */
  addPull(fullName: string, number: number, pull: FakePull): void {
    this.repositories.get(fullName)?.pulls.set(number, pull);
  }

  /** Stores a ruleset as if someone had created it by hand. */
  addRuleset(fullName: string, body: Json): number {
    const id = this.#nextId++;
    this.repositories.get(fullName)?.rulesets.set(id, { ...body, id });
    return id;
  }

  /** Adds a route (matched before the built-in ones). */
  route(route: ExtraRoute): void {
    this.#routes.push({ ...route, ...routePattern(route.route) });
  }

  fail(fault: Omit<Fault, 'times'> & { times?: number }): void {
    this.faults.push({ times: 1, ...fault });
  }

  #send(response: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
    const text = body === undefined ? '' : JSON.stringify(body);
    response.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-ratelimit-remaining': '4999',
      ...headers,
    });
    response.end(text);
  }

  #checkResponse(route: string, method: string, status: string, body: unknown): void {
    const validate = schemaValidator(route, method, 'response', status);
    if (!validate(body))
      this.schemaErrors.push(`response of ${method.toUpperCase()} ${route}: ${ajv.errorsText(validate.errors)}`);
  }

  async #handleExtra(method: string, url: URL, body: unknown, response: ServerResponse): Promise<boolean> {
    for (const extra of this.#routes) {
      if (extra.method !== method) continue;
      const found = extra.pattern.exec(url.pathname);
      if (!found) continue;
      const params = Object.fromEntries(
        extra.names.map((name, index) => [name, decodeURIComponent(found[index + 1] ?? '')]),
      );
      const operation = openapi.paths[extra.route]?.[method.toLowerCase()];
      if (operation === undefined) {
        this.schemaErrors.push(`${method} ${extra.route}: not a route of GitHub's REST description`);
      } else if (operation.requestBody !== undefined) {
        const validate = schemaValidator(extra.route, method.toLowerCase(), 'request');
        if (!validate(body)) {
          this.schemaErrors.push(`${method} ${url.pathname}: ${ajv.errorsText(validate.errors)}`);
          this.#send(response, 422, { message: `Invalid request: ${ajv.errorsText(validate.errors)}`, status: '422' });
          return true;
        }
      } else if (body !== undefined) {
        this.schemaErrors.push(`${method} ${url.pathname}: unexpected body`);
      }
      const answer = await extra.handle({ params, query: url.searchParams, body, fake: this });
      const status = String(answer.status);
      if (answer.body !== undefined && operation?.responses?.[status]?.content?.['application/json'] !== undefined)
        this.#checkResponse(extra.route, method.toLowerCase(), status, answer.body);
      if (answer.status === 204) this.#send(response, 204, undefined, answer.headers);
      else this.#send(response, answer.status, answer.body, answer.headers);
      return true;
    }
    return false;
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', this.url);
    const method = request.method ?? 'GET';
    let body: unknown;
    try {
      body = raw === '' ? undefined : (JSON.parse(raw) as unknown);
    } catch {
      this.schemaErrors.push(`${method} ${url.pathname}: body is not JSON`);
    }
    this.requests.push({ method, path: url.pathname + url.search, body, authorization: request.headers.authorization });

    const fault = this.faults.find(
      (candidate) => candidate.times > 0 && candidate.method === method && candidate.path.test(url.pathname),
    );
    if (fault) {
      fault.times -= 1;
      if (fault.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      // Status 0: never answer (the connection is closed by close()).
      if (fault.raw !== undefined) {
        response.writeHead(fault.status, { 'content-type': 'application/json; charset=utf-8' });
        response.end(fault.raw);
      } else if (fault.status !== 0)
        this.#send(response, fault.status, fault.body ?? { message: 'fault' }, fault.headers);
      return;
    }
    const authorization = request.headers.authorization ?? '';
    if (authorization !== `token ${this.token}` && authorization !== `Bearer ${this.token}`) {
      this.#send(response, 401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      });
      return;
    }

    if (await this.#handleExtra(method, url, body, response)) return;

    const team = /^\/orgs\/([^/]+)\/teams\/([^/]+)(?:\/memberships\/([^/]+))?$/.exec(url.pathname);
    if (team && method === 'GET') {
      this.#team(response, team[1] ?? '', team[2] ?? '', team[3]);
      return;
    }
    const match = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(url.pathname);
    const fullName = match ? `${match[1] ?? ''}/${match[2] ?? ''}` : '';
    const repository = this.repositories.get(fullName);
    if (!match || !repository) {
      this.#send(response, 404, { message: 'Not Found', status: '404' });
      return;
    }
    const rest = match[3] ?? '';
    const key = (route: string): string => `${method} ${route}`;
    const routeOf = (): string => {
      if (rest === '') return '/repos/{owner}/{repo}';
      if (rest === '/rulesets') return '/repos/{owner}/{repo}/rulesets';
      if (/^\/rulesets\/\d+$/.test(rest)) return '/repos/{owner}/{repo}/rulesets/{ruleset_id}';
      if (/^\/branches\/.+\/protection\/required_signatures$/.test(rest))
        return '/repos/{owner}/{repo}/branches/{branch}/protection/required_signatures';
      if (/^\/branches\/.+\/protection$/.test(rest)) return '/repos/{owner}/{repo}/branches/{branch}/protection';
      if (/^\/branches\/.+$/.test(rest)) return '/repos/{owner}/{repo}/branches/{branch}';
      if (/^\/pulls\/\d+$/.test(rest)) return '/repos/{owner}/{repo}/pulls/{pull_number}';
      if (/^\/pulls\/\d+\/reviews$/.test(rest)) return '/repos/{owner}/{repo}/pulls/{pull_number}/reviews';
      return '';
    };
    const route = routeOf();
    const bodyRoute = BODY_ROUTES[key(route)];
    if (bodyRoute) {
      const validate = schemaValidator(bodyRoute, method.toLowerCase(), 'request');
      if (!validate(body)) {
        this.schemaErrors.push(`${method} ${url.pathname}: ${ajv.errorsText(validate.errors)}`);
        this.#send(response, 422, { message: `Invalid request: ${ajv.errorsText(validate.errors)}`, status: '422' });
        return;
      }
    } else if (body !== undefined) {
      this.schemaErrors.push(`${method} ${url.pathname}: unexpected body`);
    }
    const branch = decodeURIComponent(/^\/branches\/([^/]+)/.exec(rest)?.[1] ?? '');
    const isWrite = method !== 'GET';
    if (isWrite && !repository.admin) {
      this.#send(response, 403, { message: 'Resource not accessible by personal access token', status: '403' });
      return;
    }

    switch (key(route)) {
      case 'GET /repos/{owner}/{repo}':
        this.#send(response, 200, {
          id: 1,
          name: match[2],
          full_name: fullName,
          default_branch: 'main',
          permissions: { admin: repository.admin, maintain: repository.admin, push: true, triage: true, pull: true },
        });
        return;
      case 'GET /repos/{owner}/{repo}/rulesets': {
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        const page = Number(url.searchParams.get('page') ?? 1);
        const list = [...repository.rulesets.values()].map((ruleset) => this.#summary(fullName, ruleset));
        const answer = list.slice((page - 1) * perPage, page * perPage);
        this.#checkResponse(route, 'get', '200', answer);
        this.#send(response, 200, answer);
        return;
      }
      case 'POST /repos/{owner}/{repo}/rulesets': {
        const ruleset = body as Json;
        if ([...repository.rulesets.values()].some((existing) => existing.name === ruleset.name)) {
          this.#send(response, 422, { message: 'Validation Failed', errors: ['Name must be unique'], status: '422' });
          return;
        }
        const id = this.#nextId++;
        repository.rulesets.set(id, { ...ruleset, id });
        const answer = this.#full(fullName, repository.rulesets.get(id) ?? {});
        this.#checkResponse(route, 'post', '201', answer);
        this.#send(response, 201, answer);
        return;
      }
      case 'GET /repos/{owner}/{repo}/rulesets/{ruleset_id}':
      case 'PUT /repos/{owner}/{repo}/rulesets/{ruleset_id}': {
        const id = Number(rest.split('/')[2]);
        const existing = repository.rulesets.get(id);
        if (!existing) {
          this.#send(response, 404, { message: 'Not Found', status: '404' });
          return;
        }
        if (method === 'PUT') repository.rulesets.set(id, { ...existing, ...(body as Json), id });
        const answer = this.#full(fullName, repository.rulesets.get(id) ?? {});
        this.#checkResponse(route, method.toLowerCase(), '200', answer);
        this.#send(response, 200, answer);
        return;
      }
      case 'GET /repos/{owner}/{repo}/branches/{branch}':
        if (!repository.branches.has(branch)) {
          this.#send(response, 404, { message: 'Branch not found', status: '404' });
          return;
        }
        this.#send(response, 200, {
          name: branch,
          commit: { sha: '0'.repeat(40) },
          protected: repository.protection.has(branch),
        });
        return;
      case 'GET /repos/{owner}/{repo}/branches/{branch}/protection':
      case 'PUT /repos/{owner}/{repo}/branches/{branch}/protection': {
        if (!repository.branches.has(branch)) {
          this.#send(response, 404, { message: 'Branch not found', status: '404' });
          return;
        }
        if (method === 'PUT')
          repository.protection.set(branch, {
            ...(body as Json),
            required_signatures: repository.protection.get(branch)?.required_signatures ?? false,
          });
        const stored = repository.protection.get(branch);
        if (!stored) {
          this.#send(response, 404, { message: 'Branch not protected', status: '404' });
          return;
        }
        const answer = this.#protection(fullName, branch, stored);
        this.#checkResponse(route, method.toLowerCase(), '200', answer);
        this.#send(response, 200, answer);
        return;
      }
      case 'POST /repos/{owner}/{repo}/branches/{branch}/protection/required_signatures':
      case 'DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_signatures': {
        const stored = repository.protection.get(branch);
        if (!stored) {
          this.#send(response, 404, { message: 'Branch not protected', status: '404' });
          return;
        }
        stored.required_signatures = method === 'POST';
        if (method === 'DELETE') this.#send(response, 204);
        else this.#send(response, 200, { url: `${this.url}${url.pathname}`, enabled: true });
        return;
      }
      case 'GET /repos/{owner}/{repo}/pulls/{pull_number}':
      case 'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews': {
        const number = Number(rest.split('/')[2]);
        const pull = repository.pulls.get(number);
        if (!pull) {
          this.#send(response, 404, { message: 'Not Found', status: '404' });
          return;
        }
        const htmlUrl = `https://github.com/${fullName}/pull/${number}`;
        if (rest.endsWith('/reviews')) {
          const perPage = Number(url.searchParams.get('per_page') ?? 30);
          const page = Number(url.searchParams.get('page') ?? 1);
          const answer = pull.reviews.slice((page - 1) * perPage, page * perPage).map((review, index) =>
            sampleAnswer(route, 'get', '200', {
              id: 1000 + index,
              user: { login: review.user, id: 5000 + index, type: 'User' },
              state: review.state,
              commit_id: review.commit_id,
              submitted_at: review.submitted_at ?? '2026-12-04T10:00:00Z',
              html_url: `${htmlUrl}#pullrequestreview-${1000 + index}`,
              pull_request_url: `${this.url}/repos/${fullName}/pulls/${number}`,
            }),
          );
          this.#checkResponse(route, 'get', '200', answer);
          this.#send(response, 200, answer);
          return;
        }
        const answer = sampleAnswer(route, 'get', '200', {
          number,
          state: 'open',
          html_url: htmlUrl,
          head: { sha: pull.head, ref: 'release', label: 'acme:release' },
        });
        this.#checkResponse(route, 'get', '200', answer);
        this.#send(response, 200, answer);
        return;
      }
      default:
        this.#send(response, 404, { message: 'Not Found', status: '404' });
    }
  }

  /** GET /orgs/{org}/teams/{team_slug} and …/memberships/{username}. */
  #team(response: ServerResponse, org: string, slug: string, username: string | undefined): void {
    const team = this.teams.get(`${org}/${slug}`);
    if (!team) {
      this.#send(response, 404, { message: 'Not Found', status: '404' });
      return;
    }
    if (username === undefined) {
      const route = '/orgs/{org}/teams/{team_slug}';
      const answer = sampleAnswer(route, 'get', '200', { id: team.id, slug, name: slug });
      this.#checkResponse(route, 'get', '200', answer);
      this.#send(response, 200, answer);
      return;
    }
    const state = team.members.has(username) ? 'active' : team.pending.has(username) ? 'pending' : undefined;
    if (state === undefined) {
      this.#send(response, 404, { message: 'Not Found', status: '404' });
      return;
    }
    const route = '/orgs/{org}/teams/{team_slug}/memberships/{username}';
    const answer = { url: `${this.url}/orgs/${org}/teams/${slug}/memberships/${username}`, role: 'member', state };
    this.#checkResponse(route, 'get', '200', answer);
    this.#send(response, 200, answer);
  }

  #summary(fullName: string, ruleset: Json): Json {
    const id = ruleset.id as number;
    return {
      id,
      name: ruleset.name,
      target: ruleset.target ?? 'branch',
      source_type: 'Repository',
      source: fullName,
      enforcement: ruleset.enforcement,
      node_id: `RRS_${id}`,
      _links: {
        self: { href: `${this.url}/repos/${fullName}/rulesets/${id}` },
        html: { href: `https://github.com/${fullName}/rules/${id}` },
      },
      created_at: '2026-01-15T10:00:00.000Z',
      updated_at: '2026-01-15T10:00:00.000Z',
    };
  }

  /** A ruleset as GitHub returns it: with defaults GitHub adds to the rules it was given. */
  #full(fullName: string, ruleset: Json): Json {
    const rules = ((ruleset.rules as Json[] | undefined) ?? []).map((rule) => {
      const parameters = rule.parameters as Json | undefined;
      if (rule.type === 'pull_request')
        return { ...rule, parameters: { allowed_merge_methods: ['merge', 'squash', 'rebase'], ...parameters } };
      if (rule.type === 'required_status_checks')
        return { ...rule, parameters: { do_not_enforce_on_create: false, ...parameters } };
      return rule;
    });
    return {
      ...this.#summary(fullName, ruleset),
      bypass_actors: ruleset.bypass_actors ?? [],
      current_user_can_bypass: 'never',
      conditions: ruleset.conditions ?? null,
      rules,
    };
  }

  /** GET …/protection's shape for a stored PUT body. */
  #protection(fullName: string, branch: string, stored: Json & { required_signatures?: boolean }): Json {
    const base = `${this.url}/repos/${fullName}/branches/${branch}/protection`;
    const checks = stored.required_status_checks as { strict: boolean; contexts: string[] } | null;
    const reviews = stored.required_pull_request_reviews as Json | null;
    const flag = (enabled: unknown): Json => ({ enabled: enabled === true });
    return {
      url: base,
      ...(checks
        ? {
            required_status_checks: {
              url: `${base}/required_status_checks`,
              strict: checks.strict,
              contexts: checks.contexts,
              checks: checks.contexts.map((context) => ({ context, app_id: null })),
              contexts_url: `${base}/required_status_checks/contexts`,
            },
          }
        : {}),
      ...(reviews
        ? { required_pull_request_reviews: { url: `${base}/required_pull_request_reviews`, ...reviews } }
        : {}),
      required_signatures: { url: `${base}/required_signatures`, enabled: stored.required_signatures === true },
      enforce_admins: { url: `${base}/enforce_admins`, enabled: stored.enforce_admins === true },
      required_linear_history: flag(stored.required_linear_history),
      allow_force_pushes: flag(stored.allow_force_pushes),
      allow_deletions: flag(stored.allow_deletions),
      block_creations: flag(false),
      required_conversation_resolution: flag(stored.required_conversation_resolution),
      lock_branch: flag(false),
      allow_fork_syncing: flag(false),
    };
  }
}
