import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GITLAB_CI_FILE, gitlabCheckProducers, gitlabLocalIncludes } from '../../src/ci/gitlab-ci.js';

function jobs(yaml: string): string[] {
  return gitlabCheckProducers(GITLAB_CI_FILE, parse(yaml)).map((producer) => producer.job);
}

function producing(yaml: string, check: string): string[] {
  return gitlabCheckProducers(GITLAB_CI_FILE, parse(yaml))
    .filter((producer) => producer.produces(check))
    .map((producer) => producer.job);
}

describe('gitlabCheckProducers', () => {
  it('lists top-level jobs, not global keywords or hidden templates', () => {
    const yaml = [
      'stages: [test]',
      'variables: { A: "1" }',
      'default: { image: alpine }',
      'include: ci/a.yml',
      'workflow: { rules: [{ when: always }] }',
      'image: alpine',
      'services: []',
      'cache: {}',
      'before_script: [echo]',
      'after_script: [echo]',
      '.template: { script: [echo] }',
      'gitops-lint:',
      '  extends: .template',
      '  script: [gitops-init lint]',
      'deploy:',
      '  script: [deploy]',
    ].join('\n');
    expect(jobs(yaml)).toEqual(['gitops-lint', 'deploy']);
    const [producer] = gitlabCheckProducers(GITLAB_CI_FILE, parse(yaml));
    expect(producer).toMatchObject({ file: GITLAB_CI_FILE, job: 'gitops-lint', runsOnPullRequests: true });
  });

  it('leaves out keys whose value is not a mapping', () => {
    expect(jobs('job: [a]\nother: text\nnothing:\nreal: { script: [x] }\n')).toEqual(['real']);
  });

  it('matches a job by its exact name only, when it is not parallel', () => {
    const yaml = 'test: { script: [x] }\n';
    expect(producing(yaml, 'test')).toEqual(['test']);
    expect(producing(yaml, 'test 1/2')).toEqual([]);
    expect(producing(yaml, 'test: [a]')).toEqual([]);
    expect(producing(yaml, 'Test')).toEqual([]);
  });

  it('matches "<name> i/N" for parallel: N and "<name>: [values]" for parallel: matrix', () => {
    const yaml = 'test: { parallel: 3 }\nbuild: { parallel: { matrix: [{ OS: [a, b] }] } }\n';
    expect(producing(yaml, 'test 1/3')).toEqual(['test']);
    expect(producing(yaml, 'test')).toEqual(['test']);
    expect(producing(yaml, 'build: [a]')).toEqual(['build']);
    expect(producing(yaml, 'tests 1/3')).toEqual([]);
    expect(producing(yaml, 'test-unit')).toEqual([]);
  });

  it("does not take another name that starts with a parallel job's name as one of its checks", () => {
    // GitLab names the parts "test 1/3" (parallel: N) or "test: [a, b]" (parallel: matrix), nothing else.
    const yaml = 'test: { parallel: 3 }\n';
    expect(producing(yaml, 'test lint')).toEqual([]);
    expect(producing(yaml, 'test 1/3 again')).toEqual([]);
  });

  it('takes `parallel: null` as not parallel', () => {
    expect(producing('test: { parallel: null }\n', 'test 1/2')).toEqual([]);
  });

  it('is empty for a configuration that is not a mapping', () => {
    expect(gitlabCheckProducers(GITLAB_CI_FILE, null)).toEqual([]);
    expect(gitlabCheckProducers(GITLAB_CI_FILE, ['a'])).toEqual([]);
    expect(gitlabCheckProducers(GITLAB_CI_FILE, 'text')).toEqual([]);
  });
});

describe('gitlabLocalIncludes', () => {
  it('reads a single path, a list of paths and `local:` entries, without a leading slash', () => {
    expect(gitlabLocalIncludes(parse('include: /ci/lint.yml'))).toEqual(['ci/lint.yml']);
    expect(gitlabLocalIncludes(parse('include:\n  - ci/a.yml\n  - local: //ci/b.yml\n  - local: ci/*.yml\n'))).toEqual([
      'ci/a.yml',
      'ci/b.yml',
      'ci/*.yml',
    ]);
    expect(gitlabLocalIncludes(parse('include:\n  local: ci/c.yml\n  rules: [{ if: $X }]\n'))).toEqual(['ci/c.yml']);
  });

  it('leaves out remote URLs, other projects, templates and components', () => {
    const yaml = [
      'include:',
      '  - https://example.com/ci.yml',
      '  - remote: https://example.com/other.yml',
      '  - project: group/other',
      '    file: /templates/ci.yml',
      '  - template: Auto-DevOps.gitlab-ci.yml',
      '  - component: gitlab.com/org/comp/lint@1.0',
      '  - local: HTTP://example.com/x.yml',
      '  - local: ci/kept.yml',
      '  - 42',
    ].join('\n');
    expect(gitlabLocalIncludes(parse(yaml))).toEqual(['ci/kept.yml']);
  });

  it('is empty without includes or for a configuration that is not a mapping', () => {
    expect(gitlabLocalIncludes(parse('test: { script: [x] }'))).toEqual([]);
    expect(gitlabLocalIncludes(null)).toEqual([]);
    expect(gitlabLocalIncludes(['include'])).toEqual([]);
  });
});
