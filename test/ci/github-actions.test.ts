import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isWorkflowFile, workflowCheckProducers, workflowEvents } from '../../src/ci/github-actions.js';

const FILE = '.github/workflows/ci.yml';

/** A YAML mapping as plain data. */
function mapping(yaml: string): Record<string, unknown> {
  return parse(yaml) as Record<string, unknown>;
}

/** The producers of a workflow written as YAML. */
function producers(yaml: string): ReturnType<typeof workflowCheckProducers> {
  return workflowCheckProducers(FILE, parse(yaml));
}

/** The ids of the jobs that produce the check. */
function producing(yaml: string, check: string): string[] {
  return producers(yaml)
    .filter((producer) => producer.produces(check))
    .map((producer) => producer.job);
}

describe('isWorkflowFile', () => {
  it('accepts .yml and .yaml files directly in .github/workflows', () => {
    expect(isWorkflowFile('.github/workflows/ci.yml')).toBe(true);
    expect(isWorkflowFile('.github/workflows/release.yaml')).toBe(true);
  });

  it('refuses subdirectories, other extensions, other folders and nested repositories', () => {
    expect(isWorkflowFile('.github/workflows/sub/ci.yml')).toBe(false);
    expect(isWorkflowFile('.github/workflows/ci.json')).toBe(false);
    expect(isWorkflowFile('.github/workflows/ci.yml.bak')).toBe(false);
    expect(isWorkflowFile('.github/ci.yml')).toBe(false);
    expect(isWorkflowFile('apps/.github/workflows/ci.yml')).toBe(false);
    expect(isWorkflowFile('.github/workflows/')).toBe(false);
  });
});

describe('workflowEvents', () => {
  it('reads a single event, a list and a map', () => {
    expect(workflowEvents(mapping('on: push'))).toEqual(new Set(['push']));
    expect(workflowEvents(mapping('on: [push, pull_request]'))).toEqual(new Set(['push', 'pull_request']));
    expect(workflowEvents(mapping('on:\n  pull_request:\n    branches: [main]\n  workflow_dispatch:\n'))).toEqual(
      new Set(['pull_request', 'workflow_dispatch']),
    );
  });

  it('is empty without `on`, and leaves out list items that are not names', () => {
    expect(workflowEvents(mapping('name: x'))).toEqual(new Set());
    expect(workflowEvents(mapping('on: [push, {a: 1}, 3]'))).toEqual(new Set(['push']));
    expect(workflowEvents({ on: null })).toEqual(new Set());
  });
});

describe('workflowCheckProducers', () => {
  it("names each job's check by its `name`, else by its id", () => {
    const workflow = 'on: pull_request\njobs:\n  lint:\n    runs-on: ubuntu-latest\n  test:\n    name: Unit tests\n';
    const list = producers(workflow);
    expect(list.map((producer) => [producer.file, producer.job, producer.runsOnPullRequests])).toEqual([
      [FILE, 'lint', true],
      [FILE, 'test', true],
    ]);
    expect(producing(workflow, 'lint')).toEqual(['lint']);
    expect(producing(workflow, 'Unit tests')).toEqual(['test']);
    // A job with a name is not reported under its id.
    expect(producing(workflow, 'test')).toEqual([]);
  });

  it('reads a numeric name as text', () => {
    expect(producing('on: pull_request\njobs:\n  j:\n    name: 42\n', '42')).toEqual(['j']);
  });

  it('says whether the workflow runs for pull requests or the merge queue', () => {
    const runs = (on: string): boolean | undefined => producers(`on: ${on}\njobs:\n  a: {}\n`)[0]?.runsOnPullRequests;
    expect(runs('pull_request')).toBe(true);
    expect(runs('pull_request_target')).toBe(true);
    expect(runs('merge_group')).toBe(true);
    expect(runs('[push, pull_request]')).toBe(true);
    expect(runs('push')).toBe(false);
    expect(runs('{ schedule: [{ cron: "0 0 * * *" }] }')).toBe(false);
    expect(producers('jobs:\n  a: {}\n')[0]?.runsOnPullRequests).toBe(false);
  });

  it('reports nothing for a workflow that only runs when called, but does when it also has other events', () => {
    expect(producers('on: workflow_call\njobs:\n  build: {}\n')).toEqual([]);
    expect(producers('on:\n  workflow_call:\n    inputs: {}\njobs:\n  build: {}\n')).toEqual([]);
    expect(producing('on: [workflow_call, pull_request]\njobs:\n  build: {}\n', 'build')).toEqual(['build']);
  });

  it('names a known matrix job "<name> (<values>)" only', () => {
    const workflow =
      'on: pull_request\njobs:\n  test:\n    strategy:\n      matrix:\n        os: [ubuntu, macos]\n    runs-on: ${{ matrix.os }}\n';
    expect(producing(workflow, 'test (ubuntu)')).toEqual(['test']);
    expect(producing(workflow, 'test (macos, 20)')).toEqual(['test']);
    expect(producing(workflow, 'test')).toEqual([]);
    expect(producing(workflow, 'test ubuntu')).toEqual([]);
    expect(producing(workflow, 'test (ubuntu')).toEqual([]);
    expect(producing(workflow, 'other (ubuntu)')).toEqual([]);
  });

  it('names a matrix job given by an expression with or without values', () => {
    for (const strategy of [
      'strategy:\n      matrix: ${{ fromJSON(needs.plan.outputs.matrix) }}',
      'strategy: ${{ fromJSON(needs.plan.outputs.strategy) }}',
    ]) {
      const workflow = `on: pull_request\njobs:\n  test:\n    ${strategy}\n`;
      expect(producing(workflow, 'test')).toEqual(['test']);
      expect(producing(workflow, 'test (a, b)')).toEqual(['test']);
      expect(producing(workflow, 'tests')).toEqual([]);
    }
  });

  it('takes a strategy without a matrix (or with a null one) as no matrix', () => {
    const workflow =
      'on: pull_request\njobs:\n  a:\n    strategy:\n      fail-fast: false\n  b:\n    strategy:\n      matrix: null\n';
    expect(producing(workflow, 'a')).toEqual(['a']);
    expect(producing(workflow, 'a (x)')).toEqual([]);
    expect(producing(workflow, 'b')).toEqual(['b']);
  });

  it('does not add values to a matrix job whose name uses the matrix', () => {
    const workflow =
      'on: pull_request\njobs:\n  test:\n    name: test on ${{ matrix.os }}\n    strategy:\n      matrix:\n        os: [ubuntu]\n';
    expect(producing(workflow, 'test on ubuntu')).toEqual(['test']);
    expect(producing(workflow, 'test on')).toEqual([]);
  });

  it('names the checks of a reusable workflow call "<name> / <called job>"', () => {
    const workflow = 'on: pull_request\njobs:\n  deploy:\n    name: Deploy\n    uses: ./.github/workflows/deploy.yml\n';
    expect(producing(workflow, 'Deploy / build')).toEqual(['deploy']);
    expect(producing(workflow, 'Deploy / build / nested')).toEqual(['deploy']);
    expect(producing(workflow, 'Deploy')).toEqual([]);
    expect(producing(workflow, 'Deploy/build')).toEqual([]);
    expect(producing(workflow, 'Other / build')).toEqual([]);
  });

  it('names a matrix of reusable workflow calls "<name> (<values>) / <called job>"', () => {
    const workflow =
      'on: pull_request\njobs:\n  deploy:\n    uses: org/repo/.github/workflows/d.yml@v1\n    strategy:\n      matrix:\n        env: [dev, prod]\n';
    expect(producing(workflow, 'deploy (dev) / apply')).toEqual(['deploy']);
    expect(producing(workflow, 'deploy / apply')).toEqual([]);
    expect(producing(workflow, 'deploy (dev)')).toEqual([]);
  });

  it('leaves out jobs that are not mappings, and reads nothing from a workflow without jobs', () => {
    expect(producers('on: pull_request\njobs:\n  a: just text\n  b: {}\n').map((producer) => producer.job)).toEqual([
      'b',
    ]);
    expect(producers('on: pull_request\njobs: [a, b]\n')).toEqual([]);
    expect(producers('on: pull_request\n')).toEqual([]);
    expect(workflowCheckProducers(FILE, null)).toEqual([]);
    expect(workflowCheckProducers(FILE, 'text')).toEqual([]);
    expect(workflowCheckProducers(FILE, [{ jobs: {} }])).toEqual([]);
  });
});
