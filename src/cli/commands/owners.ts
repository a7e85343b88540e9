import { owners, type OwnersReport, type PathOwners } from '../../api/owners.js';
import type { CliIo } from '../io.js';

interface OwnersFlags {
  json?: boolean;
  unowned?: boolean;
  owner?: string;
  config?: string;
}

function decidingLines(report: OwnersReport, entry: PathOwners): string {
  const matches = entry.matches ?? (entry.line === null ? [] : [{ line: entry.line, section: entry.section }]);
  return matches
    .map(
      ({ line, section }) =>
        `${report.codeownersFile}:${line} ${section === null ? '' : `[${section}] `}${report.lineTexts.get(line) ?? ''}`,
    )
    .join('; ');
}

export async function runOwners(paths: string[], flags: OwnersFlags, cwd: string, io: CliIo): Promise<number> {
  const report = await owners({
    cwd,
    paths,
    ...(flags.unowned ? { unowned: true } : {}),
    ...(flags.owner === undefined ? {} : { owner: flags.owner }),
    ...(flags.config ? { configFile: flags.config } : {}),
  });
  if (report.problems > 0) {
    io.stderr(
      `gitops-init: ${report.codeownersFile} has ${report.problems} syntax problem(s), read as ${report.host === 'github' ? 'GitHub' : 'GitLab'} reads them; run 'gitops-init lint' to see them\n`,
    );
  }
  let output: string;
  if (flags.json) {
    output = JSON.stringify(report.entries, null, 2);
  } else if (flags.unowned) {
    output = report.entries.map((entry) => entry.path).join('\n');
  } else {
    output = report.entries
      .map((entry) => {
        const lines = decidingLines(report, entry);
        return `${entry.path}  ${entry.owners.length > 0 ? entry.owners.join(' ') : '(no owner)'}${lines === '' ? '' : `  ${lines}`}`;
      })
      .join('\n');
  }
  if (output !== '') io.stdout(`${output}\n`);
  if (flags.unowned) {
    const count = report.entries.length;
    if (!flags.json)
      io.stderr(
        `gitops-init: ${count} of ${report.total} ${report.fileSource === 'arguments' ? 'paths' : 'files'} have no code owner\n`,
      );
    return count > 0 ? 1 : 0;
  }
  return 0;
}
