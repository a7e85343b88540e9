import { describe, expect, it } from 'vitest';
import { temporaryTrees } from '../helpers/trees.js';
import { cli } from '../helpers/cli.js';

const repo = temporaryTrees();

const app = {
  'gitops.yaml': 'kind: application\ntool: argocd\nname: shop\n',
  'deploy/base/kustomization.yaml': 'resources: []\n',
};

describe('a control character in a flag value', () => {
  it.each([
    [['lint', '--format', 'json\nx'], '--format "json\\nx": no built-in formatter'],
    [['lint', '--rule', 'foo\nbar'], '--rule "foo\\nbar": expected <rule-id>=<off|warn|error>'],
    [['lint', '--rule', 'yaml-syntax=\nbad'], 'yaml-syntax=\\nbad'],
    [['lint', '-c', 'a\nb'], '--config "a\\nb": file not found'],
    [['lint', '--base', 'main\nx'], '--base "main\\nx": not a commit'],
    [['lint', 'no\nsuch.yaml'], 'path "no\\nsuch.yaml" does not exist'],
    [['-C', '/no\nsuch', 'lint'], 'directory "/no\\nsuch" does not exist'],
    [['lint', '--concurrency', '3\nx'], "argument '3\\nx' is invalid"],
    [['lint', '--kind', 'x\ny'], "argument 'x\\ny' is invalid"],
    [['release', 'create', '--app', '1.0.0\n2', '--infra', '1.0.0', '--environment', 'dev'], '--app "1.0.0\\n2"'],
    [['lint', '--format', 'a\r\u001b[2Kb'], '--format "a\\r\\u001b[2Kb"'],
  ])('%j is one line, with the value escaped, exit 2', async (argv, message) => {
    const run = await cli(argv, { cwd: repo(app) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr.endsWith('\n')).toBe(true);
    // One line, and nothing that a terminal would take as a command.
    // eslint-disable-next-line no-control-regex -- control characters are what is looked for
    expect(run.stderr.slice(0, -1)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});
