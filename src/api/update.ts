import { registerApplication } from '../../generators/application.js';
import { registerInfrastructure } from '../../generators/infrastructure.js';
import { updateRepository, type UpdateOptions, type UpdateResult } from '../day2/update.js';

export type { UpdateConflict, UpdateOptions, UpdateResult } from '../day2/update.js';

/**
 * Brings a repository made with `gitops-init new` up to this version's templates (`gitops-init
 * update`), keeping what its owners changed since: the templates of the version it was rendered
 * from (`options.base`, else `scaffold.version` in gitops.yaml, fetched with `npm pack`) and of
 * this version are rendered with the answers in gitops.yaml, and their difference is merged into
 * each file (a three-way merge, as `git merge-file` does). gitops.yaml's `scaffold.version`
 * becomes this version.
 *
 * @returns the changes (planned for a dry run, else made), the conflicts left in files (conflict
 *   markers) or in the way (a new template's path taken), and the files kept as the user had
 *   them. Throws RefusedError for uncommitted changes in a git work tree (unless `allowDirty`),
 *   UsageError/ConfigError when the base cannot be found (pass `base`).
 */
export function update(options: UpdateOptions = {}): Promise<UpdateResult> {
  return updateRepository(options, [registerInfrastructure, registerApplication]);
}
