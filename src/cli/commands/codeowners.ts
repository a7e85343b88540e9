import { syncCodeowners } from '../../api/codeowners-sync.js';
import type { CliIo } from '../io.js';

export async function runCodeownersSync(
  flags: { check?: boolean; config?: string },
  cwd: string,
  io: CliIo,
): Promise<number> {
  const result = await syncCodeowners({
    cwd,
    ...(flags.check ? { check: true } : {}),
    ...(flags.config ? { configFile: flags.config } : {}),
  });
  if (result.status === 'unchanged') {
    io.stdout(`${result.file} is up to date with the ownership map in gitops.yaml\n`);
    return 0;
  }
  if (flags.check) {
    io.stderr(
      `gitops-init: ${result.file} is out of date with the ownership map in gitops.yaml; run 'gitops-init codeowners sync'\n`,
    );
    return 1;
  }
  io.stdout(
    `${result.status === 'created' ? 'created' : 'updated'} ${result.file} from the ownership map in gitops.yaml\n`,
  );
  return 0;
}
