/**
 * What `gitops-init audit` reads of an organisation on the loopback GitHub: the organisation's
 * repositories, each repository's git tree and its files through the contents API. Answers are
 * built from the response schemas of GitHub's REST description (every required field, then the
 * values that matter here), and FakeGithub checks them against the same schemas.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FakeGithub } from './github-server.js';

type Schema = Record<string, unknown>;
interface OpenApi {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, { schema: Schema }> }> }>
  >;
}

const openapi = JSON.parse(
  readFileSync(
    path.join(import.meta.dirname, '../../node_modules/@octokit/openapi/generated/api.github.com.deref.json'),
    'utf8',
  ),
) as OpenApi;

/** A value for a schema with every required field filled: the least answer GitHub's description allows. */
function example(schema: Schema | undefined, depth = 0): unknown {
  if (!schema || depth > 12) return null;
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
    const options = schema[key] as Schema[] | undefined;
    if (options?.[0])
      return key === 'allOf'
        ? Object.assign({}, ...options.map((item) => example(item, depth + 1)))
        : example(options[0], depth + 1);
  }
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (schema.nullable === true) return null;
  switch (schema.type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const required = (schema.required ?? []) as string[];
      return Object.fromEntries(required.map((name) => [name, example(properties[name], depth + 1)]));
    }
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return false;
    case 'string':
      if (schema.format === 'uri') return 'https://api.github.com/example';
      if (schema.format === 'date-time') return '2026-01-15T10:00:00Z';
      if (schema.format === 'email') return 'octocat@example.com';
      return 'x';
    default:
      return null;
  }
}

function responseSchema(route: string): Schema | undefined {
  return openapi.paths[route]?.get?.responses?.['200']?.content?.['application/json']?.schema;
}

const REPOSITORY_ITEM = (responseSchema('/orgs/{org}/repos') as { items: Schema }).items;
const FILE_SCHEMA =
  (responseSchema('/repos/{owner}/{repo}/contents/{path}') as { oneOf: Schema[] }).oneOf.find(
    (candidate) => (candidate.properties as Record<string, Schema> | undefined)?.type?.enum?.toString() === 'file',
  ) ?? {};

/** One repository of the organisation: its files (path → text) at its default branch. */
export interface OrgRepository {
  name: string;
  files: Record<string, string>;
  archived?: boolean;
  defaultBranch?: string;
  /** Answer every request about this repository's files with this status (an unreadable repository). */
  failWith?: number;
}

export interface OrgRoutesOptions {
  /** Answer every n-th request for a file with GitHub's secondary rate limit (403, retry-after: 1). */
  secondaryLimitEvery?: number;
}

/** The state the routes serve, which tests change between runs. */
export interface Organisation {
  name: string;
  repositories: Map<string, OrgRepository>;
  /** Requests answered with the secondary rate limit. */
  limited: number;
  add(repository: OrgRepository): void;
}

/**
 * Adds the organisation's routes to the fake: GET /orgs/{org}/repos (paginated), the git tree and
 * the contents of each repository. Protection is the fake's own (`fake.addRepository` is called
 * for each repository added, so that `protect diff`'s routes know it).
 */
export function addOrganisation(fake: FakeGithub, name: string, options: OrgRoutesOptions = {}): Organisation {
  let requests = 0;
  const organisation: Organisation = {
    name,
    repositories: new Map(),
    limited: 0,
    add(repository) {
      this.repositories.set(repository.name, repository);
      fake.addRepository(`${name}/${repository.name}`, { branches: [repository.defaultBranch ?? 'main'] });
    },
  };
  // A request that was limited passes when it is retried: the test is then the same on every run.
  const limitedPaths = new Set<string>();
  const secondaryLimit = (
    request: string,
  ): { status: number; body: unknown; headers: Record<string, string> } | undefined => {
    requests += 1;
    if (options.secondaryLimitEvery === undefined || requests % options.secondaryLimitEvery !== 0) return undefined;
    if (limitedPaths.delete(request)) return undefined;
    limitedPaths.add(request);
    organisation.limited += 1;
    return {
      status: 403,
      headers: { 'retry-after': '1' },
      body: {
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      },
    };
  };
  const find = (owner: string, repo: string): OrgRepository | undefined =>
    owner === name ? organisation.repositories.get(repo) : undefined;
  const notFound = { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };

  fake.route({
    method: 'GET',
    route: '/orgs/{org}/repos',
    handle({ params, query }) {
      if (params.org !== name) return notFound;
      const perPage = Number(query.get('per_page') ?? 30);
      const page = Number(query.get('page') ?? 1);
      const all = [...organisation.repositories.values()];
      const body = all.slice((page - 1) * perPage, page * perPage).map((repository, index) => ({
        ...(example(REPOSITORY_ITEM) as Record<string, unknown>),
        id: (page - 1) * perPage + index + 1,
        name: repository.name,
        full_name: `${name}/${repository.name}`,
        default_branch: repository.defaultBranch ?? 'main',
        archived: repository.archived === true,
      }));
      return { status: 200, body };
    },
  });
  fake.route({
    method: 'GET',
    route: '/repos/{owner}/{repo}/git/trees/{tree_sha}',
    handle({ params }) {
      const repository = find(params.owner ?? '', params.repo ?? '');
      if (!repository) return notFound;
      const limited = secondaryLimit(`${repository.name} tree`);
      if (limited) return limited;
      if (repository.failWith !== undefined)
        return {
          status: repository.failWith,
          body: { message: 'Server Error', documentation_url: 'https://docs.github.com/rest' },
        };
      if (Object.keys(repository.files).length === 0)
        return {
          status: 409,
          body: { message: 'Git Repository is empty.', documentation_url: 'https://docs.github.com/rest' },
        };
      return {
        status: 200,
        body: {
          sha: '1'.repeat(40),
          url: `${fake.url}/repos/${name}/${repository.name}/git/trees/${params.tree_sha ?? ''}`,
          truncated: false,
          tree: Object.entries(repository.files).map(([file, text]) => ({
            path: file,
            mode: '100644',
            type: 'blob',
            sha: '2'.repeat(40),
            size: Buffer.byteLength(text),
            url: `${fake.url}/repos/${name}/${repository.name}/git/blobs/${'2'.repeat(40)}`,
          })),
        },
      };
    },
  });
  fake.route({
    method: 'GET',
    route: '/repos/{owner}/{repo}/contents/{path}',
    handle({ params, query }) {
      const repository = find(params.owner ?? '', params.repo ?? '');
      const file = params.path ?? '';
      const text = repository?.files[file];
      if (!repository || text === undefined || query.get('ref') !== (repository.defaultBranch ?? 'main'))
        return notFound;
      const limited = secondaryLimit(`${repository.name} ${file}`);
      if (limited) return limited;
      const base = `${fake.url}/repos/${name}/${repository.name}/contents/${file}`;
      return {
        status: 200,
        body: {
          ...(example(FILE_SCHEMA) as Record<string, unknown>),
          type: 'file',
          encoding: 'base64',
          size: Buffer.byteLength(text),
          name: path.posix.basename(file),
          path: file,
          content: Buffer.from(text).toString('base64'),
          sha: '2'.repeat(40),
          url: base,
          git_url: null,
          html_url: null,
          download_url: null,
          _links: { self: base, git: null, html: null },
        },
      };
    },
  });
  return organisation;
}
