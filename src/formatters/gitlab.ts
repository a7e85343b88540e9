import type { Formatter } from '../engine/results.js';
import { flattenFindings } from './findings.js';

/** One issue of a GitLab Code Quality report. https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format */
interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number } };
}

/**
 * A GitLab Code Quality report (`artifacts:reports:codequality`): a JSON array with one issue
 * per message, warnings as `minor` and errors as `major`. The fingerprint leaves out the line,
 * so an issue that only moved is not reported as fixed and new in a merge request.
 */
const gitlab: Formatter = (results, context) => {
  const issues = flattenFindings(results, context.cwd).map((finding): CodeQualityIssue => ({
    description: finding.message.message,
    check_name: finding.ruleId,
    fingerprint: finding.fingerprint,
    severity: finding.message.severity === 2 ? 'major' : 'minor',
    location: { path: finding.path, lines: { begin: Math.max(1, finding.message.line) } },
  }));
  return JSON.stringify(issues, null, 2);
};

export default gitlab;
