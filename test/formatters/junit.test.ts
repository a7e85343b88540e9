import { describe, expect, it } from 'vitest';
import junit from '../../src/formatters/junit.js';
import { context, makeCwd, message, result, sampleResults } from './fixtures.js';

const cwd = makeCwd();

/** Anything outside XML 1.0's Char production (https://www.w3.org/TR/xml/#charsets). */
// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

describe('junit', () => {
  it("writes ESLint's junit layout: a testsuite per file, a failing testcase per message, a passing one for a clean file", () => {
    expect(junit(sampleResults(cwd), context(cwd))).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<testsuites tests="6" failures="5" errors="0">',
        '<testsuite package="gitops-init" time="0" tests="2" failures="2" errors="0" name="apps/[id]/kustomization.yaml">',
        '<testcase time="0" name="gitops-init.yaml-syntax" classname="apps/[id]/kustomization"><failure message="Duplicate key &quot;name&quot;." type="error">line 3, col 3, Error - Duplicate key &quot;name&quot;. (yaml-syntax)</failure></testcase>',
        '<testcase time="0" name="gitops-init.gitops-init-engine" classname="apps/[id]/kustomization"><failure message="Unused gitops-lint-disable directive (no problems were reported from &quot;yaml-syntax&quot;)" type="warning">line 12, col 1, Warning - Unused gitops-lint-disable directive (no problems were reported from &quot;yaml-syntax&quot;) (gitops-init-engine)</failure></testcase>',
        '</testsuite>',
        '<testsuite package="gitops-init" time="0" tests="1" failures="1" errors="0" name="apps/my app/values.yaml">',
        '<testcase time="0" name="gitops-init.no-plain-secrets" classname="apps/my app/values"><failure message="Key &quot;a:b,c&quot; holds 100% plain text&#10;see docs" type="warning">line 7, col 10, Warning - Key &quot;a:b,c&quot; holds 100% plain text',
        'see docs (no-plain-secrets)</failure></testcase>',
        '</testsuite>',
        '<testsuite package="gitops-init" time="0" tests="1" failures="0" errors="0" name="gitops.yaml">',
        '<testcase time="0" name="gitops.yaml" classname="gitops" />',
        '</testsuite>',
        '<testsuite package="gitops-init" time="0" tests="2" failures="2" errors="0" name="README.md">',
        '<testcase time="0" name="gitops-init.required-paths" classname="README"><failure message="Missing &quot;CHANGELOG.md&quot;" type="error">line 1, col 1, Error - Missing &quot;CHANGELOG.md&quot; (required-paths)</failure></testcase>',
        '<testcase time="0" name="gitops-init.required-paths" classname="README"><failure message="Missing &quot;CHANGELOG.md&quot;" type="error">line 1, col 1, Error - Missing &quot;CHANGELOG.md&quot; (required-paths)</failure></testcase>',
        '</testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('escapes markup and writes characters XML 1.0 cannot hold as visible escapes', () => {
    const text = "nul\u0000 esc\u001b vt\u000b & <b> 'q' ]]> tab\tcr\rlone\uD800 nonchar\uFFFF emoji \u{1F600}";
    const output = junit([result(cwd, 'x&<y>.yaml', [message({ message: text })])], context(cwd));
    expect(output).not.toMatch(NOT_XML_CHAR);
    expect(output).toContain('name="x&amp;&lt;y&gt;.yaml"');
    expect(output).toContain(
      'message="nul\\u0000 esc\\u001B vt\\u000B &amp; &lt;b&gt; &apos;q&apos; ]]&gt; tab&#9;cr&#13;lone\\uD800 nonchar\\uFFFF emoji \u{1F600}"',
    );
    expect(output).toContain(
      'Error - nul\\u0000 esc\\u001B vt\\u000B &amp; &lt;b&gt; &apos;q&apos; ]]&gt; tab\tcr&#13;lone\\uD800 nonchar\\uFFFF emoji \u{1F600} (required-paths)',
    );
  });

  it('writes an empty testsuites element for no results', () => {
    expect(junit([], context(cwd))).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<testsuites tests="0" failures="0" errors="0">\n</testsuites>\n',
    );
  });
});
