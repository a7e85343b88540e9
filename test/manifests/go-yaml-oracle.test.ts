/**
 * The YAML that Kubernetes tools accept is what yaml-syntax accepts. kubectl, Helm, Flux and
 * Argo CD read YAML with go-yaml (a port of libyaml): kustomize through kyaml (go-yaml v3), the
 * rest through sigs.k8s.io/yaml (go-yaml v2). kubectl carries both, and both read files without
 * a cluster: `kubectl kustomize` (kyaml; it prints the values it read) and loading a kubeconfig
 * (`kubectl config view --kubeconfig`, sigs.k8s.io/yaml). Each case states whether the tools
 * accept it; the parser is held to that here, and kubectl, where it is installed, to the same
 * statement, so the cases stay true to go-yaml. Where kubectl is missing, the kubectl half is
 * skipped and its name says so.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { parseYamlFile } from '../../src/manifests/yaml-file.js';

const run = promisify(execFile);

const HEADER = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n';

interface OracleCase {
  name: string;
  /** What follows the header: top-level fields of one object. */
  body: string;
  /** Whether go-yaml (kyaml and sigs.k8s.io/yaml alike) reads it without an error. */
  accepted: boolean;
  /** The fields it reads, when accepted and worth stating. */
  value?: Record<string, unknown>;
}

const CASES: readonly OracleCase[] = [
  {
    name: 'a single-quoted scalar continuing at its key’s indentation (older controller-gen CRDs)',
    body: "spec:\n  description: 'Kind is a string value representing\n  the REST resource'\n  type: object\n",
    accepted: true,
    value: { spec: { description: 'Kind is a string value representing the REST resource', type: 'object' } },
  },
  {
    name: 'a single-quoted status message in a sequence item, continuing at its key’s indentation',
    body: "status:\n  conditions:\n    - type: Ready\n      message: '0/3 clusters are available: 3 cluster(s) didn''t match\n      the placement'\n      reason: Failed\n",
    accepted: true,
    value: {
      status: {
        conditions: [
          {
            type: 'Ready',
            message: "0/3 clusters are available: 3 cluster(s) didn't match the placement",
            reason: 'Failed',
          },
        ],
      },
    },
  },
  {
    name: 'a double-quoted scalar continuing below its key’s indentation',
    body: 'data:\n  a: "one\n two"\n  b: c\n',
    accepted: true,
    value: { data: { a: 'one two', b: 'c' } },
  },
  {
    name: 'a quoted scalar continuing at column 0, with an empty line',
    body: "data:\n  a: 'one\n\ntwo'\n",
    accepted: true,
    value: { data: { a: 'one\ntwo' } },
  },
  {
    name: 'a quoted scalar in a flow sequence continuing at column 0',
    body: 'data:\n  a: ["one\ntwo"]\n',
    accepted: true,
    value: { data: { a: ['one two'] } },
  },
  {
    name: 'a comment right after a quoted scalar',
    body: 'data:\n  a: "b"#note\n',
    accepted: true,
    value: { data: { a: 'b' } },
  },
  {
    name: 'a comment right after a block scalar header',
    body: 'data:\n  a: |#note\n    x\n',
    accepted: true,
    value: { data: { a: 'x\n' } },
  },
  {
    name: 'a flow sequence closed at column 0',
    body: 'spec:\n  args: [\n    "--a",\n]\n',
    accepted: true,
    value: { spec: { args: ['--a'] } },
  },
  {
    name: 'flow sequence items at the key’s indentation',
    body: 'spec:\n  args: [\n  "--a", "--b"\n  ]\n',
    accepted: true,
    value: { spec: { args: ['--a', '--b'] } },
  },
  {
    name: 'a flow mapping with its items at column 0',
    body: 'spec:\n  selector: {\napp: web}\n',
    accepted: true,
    value: { spec: { selector: { app: 'web' } } },
  },
  {
    name: 'merge keys',
    body: 'defaults: &defaults\n  replicas: 2\nspec:\n  <<: *defaults\n  paused: false\n',
    accepted: true,
    value: { defaults: { replicas: 2 }, spec: { replicas: 2, paused: false } },
  },
  {
    name: 'a multi-line plain scalar at its key’s indentation',
    body: 'data:\n  a: one\n  two\n',
    accepted: false,
  },
  {
    name: 'a quoted scalar that a document marker interrupts',
    body: "data:\n  a: 'one\n---\n  two'\n",
    accepted: false,
  },
  { name: 'a tab as indentation', body: 'data:\n\ta: b\n', accepted: false },
  {
    name: 'a block scalar whose lines go back below its first line',
    body: 'data:\n  a: |\n      x\n    y\n',
    accepted: false,
  },
  { name: 'a block sequence inside a flow sequence', body: 'data:\n  a: [\n    - x]\n', accepted: false },
  { name: 'an empty entry in a flow sequence', body: 'data:\n  a: [x, , y]\n', accepted: false },
  { name: 'an unknown escape in a double-quoted scalar', body: 'data:\n  a: "x\\qy"\n', accepted: false },
  { name: 'content after a flow sequence', body: 'data:\n  a: [x] b\n', accepted: false },
  {
    name: 'a Go template action after a dash (an unrendered template)',
    body: 'data:\n  a: {{- .Name }}\n',
    accepted: false,
  },
];

/** Whether the linter's parser reads the text without an error, and the fields it reads. */
function ours(body: string): { accepted: boolean; value: unknown } {
  const file = parseYamlFile('widget.yaml', HEADER + body);
  const accepted = file.errors.length === 0;
  const value = accepted ? withoutHeader(file.documents[0]?.value) : undefined;
  return { accepted, value };
}

function withoutHeader(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).filter(([key]) => key !== 'apiVersion' && key !== 'kind' && key !== 'metadata'),
  );
}

describe('the parser accepts what go-yaml accepts', () => {
  for (const oracleCase of CASES) {
    it(oracleCase.name, () => {
      const result = ours(oracleCase.body);
      expect(result.accepted).toBe(oracleCase.accepted);
      if (oracleCase.value !== undefined) expect(result.value).toEqual(oracleCase.value);
    });
  }
});

function hasKubectl(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore', timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

const kubectl = hasKubectl();
const workspace = mkdtempSync(path.join(tmpdir(), 'gitops-init-go-yaml-'));

afterAll(() => {
  rmSync(workspace, { recursive: true, force: true });
});

/** What kustomize (kyaml, go-yaml v3) reads: the object's fields, or that it failed. */
async function kustomize(directory: string, body: string): Promise<{ accepted: boolean; value: unknown }> {
  mkdirSync(directory, { recursive: true });
  writeFileSync(path.join(directory, 'kustomization.yaml'), 'resources:\n  - widget.yaml\n');
  writeFileSync(path.join(directory, 'widget.yaml'), HEADER + body);
  try {
    const { stdout } = await run('kubectl', ['kustomize', directory], { timeout: 60_000 });
    return { accepted: true, value: withoutHeader(parse(stdout)) };
  } catch {
    return { accepted: false, value: undefined };
  }
}

/** Whether sigs.k8s.io/yaml (go-yaml v2) reads the fields, as a kubeconfig's unknown fields. */
async function kubeconfig(directory: string, body: string): Promise<boolean> {
  const file = path.join(directory, 'kubeconfig.yaml');
  writeFileSync(file, `apiVersion: v1\nkind: Config\n${body}`);
  try {
    await run('kubectl', ['config', 'view', '--kubeconfig', file], { timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

describe('go-yaml, through kubectl, accepts what the cases say', () => {
  it.skipIf(!kubectl)(
    kubectl ? 'kubectl kustomize and kubeconfig loading agree with every case' : 'skipped: kubectl is not installed',
    async () => {
      const results = await Promise.all(
        CASES.map(async (oracleCase, index) => {
          const directory = path.join(workspace, String(index));
          const read = await kustomize(directory, oracleCase.body);
          const loaded = await kubeconfig(directory, oracleCase.body);
          return {
            name: oracleCase.name,
            kustomize: read.accepted,
            kubeconfig: loaded,
            value: oracleCase.value === undefined ? undefined : read.value,
          };
        }),
      );
      expect(results).toEqual(
        CASES.map((oracleCase) => ({
          name: oracleCase.name,
          kustomize: oracleCase.accepted,
          kubeconfig: oracleCase.accepted,
          value: oracleCase.value,
        })),
      );
    },
    120_000,
  );
});
