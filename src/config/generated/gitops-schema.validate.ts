/* eslint-disable */
// Generated from src/config/gitops.schema.json by src/config/generate-schemas.ts with ajv 8.20.0: do not edit.
// After changing the schema or upgrading ajv, run `npm run generate:schemas`.
// @ts-nocheck
import { createRequire } from "node:module";
import type { ValidateFunction } from "ajv";
import type { Descriptor } from "./gitops-schema.types.js";

const require = createRequire(import.meta.url);

export const validate: ValidateFunction<Descriptor> = validate10;

const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://unpkg.com/gitops-init/dist/src/config/gitops.schema.json","title":"gitops-init repository descriptor (gitops.yaml)","description":"Describes a GitOps repository for gitops-init: its kind, tool, teams, environments and lint configuration.","type":"object","additionalProperties":false,"required":["kind","tool","name"],"properties":{"kind":{"$ref":"#/definitions/repositoryKind"},"tool":{"$ref":"#/definitions/gitopsTool"},"name":{"description":"The repository's name, a DNS-1123 label.","type":"string","pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","patternErrorMessage":"not a name (a DNS label: lowercase letters, digits and dashes, starting and ending with a letter or digit)","maxLength":63},"teams":{"type":"object","additionalProperties":false,"properties":{"platform":{"$ref":"#/definitions/team","description":"The platform team: owns infrastructure and co-owns policy files everywhere."},"application":{"$ref":"#/definitions/team","description":"In an application repository: the team that owns it."},"applications":{"description":"In an infrastructure repository: the application teams onboarded as tenants.","type":"array","items":{"title":"Tenant team","type":"object","additionalProperties":false,"required":["name","team"],"properties":{"name":{"type":"string","pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","patternErrorMessage":"not a name (a DNS label: lowercase letters, digits and dashes, starting and ending with a letter or digit)","maxLength":63},"team":{"$ref":"#/definitions/team"},"namespaces":{"type":"array","items":{"$ref":"#/definitions/dnsLabel"},"uniqueItems":true},"repository":{"type":"string","minLength":1},"environments":{"description":"The environments the tenant is onboarded in (names from environments); absent: every environment. Its AppProject and Application (Argo CD), its entry in tenants/<environment> (Flux) or its namespaces (Helm) exist only there.","type":"array","items":{"$ref":"#/definitions/dnsLabel"},"minItems":1,"uniqueItems":true}}}},"members":{"description":"People who may be named as code owners besides the teams: @user handles or e-mail addresses.","type":"array","items":{"$ref":"#/definitions/person"},"uniqueItems":true}}},"ownership":{"description":"CODEOWNERS patterns to their owners, in order (later entries win, as in CODEOWNERS). 'gitops-init codeowners sync' writes them into CODEOWNERS between generated markers. An owner is a handle (@org/team, @user, an e-mail address) or the name of a team declared under teams: platform, application, or the name of an entry of teams.applications.","type":"object","propertyNames":{"minLength":1,"pattern":"^[^#\\s!]","patternErrorMessage":"not a CODEOWNERS pattern (it may not be empty or start with #, ! or a space)"},"additionalProperties":{"anyOf":[{"$ref":"#/definitions/owner"},{"type":"array","items":{"$ref":"#/definitions/owner"},"minItems":1,"uniqueItems":true}]}},"criticalPaths":{"description":"Paths the platform team must own (a trailing slash marks a directory): alone in an infrastructure repository, together with the owning team in an application repository. Replaces the defaults of codeowners-critical-paths; CODEOWNERS itself is always included.","type":"array","items":{"type":"string","minLength":1,"pattern":"^(?!/)(?!.*(^|/)\\.\\.(/|$)).+$","patternErrorMessage":"not a repository-relative path (no leading / and no ..)"},"uniqueItems":true},"namespaces":{"description":"In an application repository: the namespaces its resources may use.","type":"array","items":{"$ref":"#/definitions/dnsLabel"},"uniqueItems":true},"repositoryUrl":{"description":"This repository's clone URL (https, ssh or scp-like). GitOps sources with this URL point at this repository, so the paths they name are checked here.","type":"string","minLength":1},"platform":{"description":"What belongs to the platform team, for the boundary rules.","type":"object","additionalProperties":false,"properties":{"kinds":{"description":"Namespaced kinds that only the platform team manages (e.g. NetworkPolicy, ResourceQuota, LimitRange), as Kind or group/Kind; application repositories may not contain them.","type":"array","items":{"type":"string","pattern":"^([a-z0-9.-]+/)?[A-Za-z][A-Za-z0-9]*$","patternErrorMessage":"not a kind (Kind or group/Kind, e.g. NetworkPolicy or networking.k8s.io/NetworkPolicy)"},"uniqueItems":true},"workloads":{"description":"Infrastructure repositories: where the platform's own components (ingress controllers, monitoring) run workloads.","type":"object","additionalProperties":false,"properties":{"namespaces":{"type":"array","items":{"$ref":"#/definitions/dnsLabel"},"uniqueItems":true},"paths":{"type":"array","items":{"type":"string","minLength":1},"uniqueItems":true}}}}},"environments":{"description":"Deployment environments, in promotion order.","type":"array","items":{"$ref":"#/definitions/dnsLabel"},"uniqueItems":true,"minItems":1},"host":{"description":"Where the repository is hosted.","enum":["github","gitlab"]},"protection":{"title":"Descriptor protection","description":"Branch protection as code: one provider-neutral policy per branch pattern. 'gitops-init protect render' writes the host's files from it, 'protect diff' and 'protect apply' compare it with and apply it to the live GitHub repository. Unset fields take the defaults of the repository kind; an infrastructure repository cannot go below its floor (2 approvals, code owner review, no force push, no deletion, the gitops-lint check).","type":"object","additionalProperties":false,"properties":{"targets":{"description":"What 'protect render' writes and protection-files-in-sync keeps: github-ruleset (.github/rulesets/<branch>-protection.json), github-branch-protection (.github/branch-protection/<branch>.json, the classic API's body), settings (branches and rulesets of .github/settings.yml, for safe-settings), gitlab (.gitlab/*.json). Default: github-ruleset and settings on GitHub, gitlab on GitLab.","type":"array","items":{"title":"Protection target","enum":["github-ruleset","github-branch-protection","settings","gitlab"]},"uniqueItems":true,"minItems":1},"branches":{"description":"Branch name or pattern (fnmatch: * within a path segment, ** across) to its policy.","type":"object","propertyNames":{"minLength":1,"maxLength":255,"pattern":"^(?![-/])[A-Za-z0-9._/*?\\[\\]-]+$","patternErrorMessage":"not a branch name or pattern (letters, digits, . _ / - and the globs * ? [ ]; not starting with - or /)"},"additionalProperties":{"$ref":"#/definitions/protectionPolicy"}},"teamIds":{"description":"GitHub team ids by team (@org/team), for the release approvals the rendered ruleset requires (required_reviewers). A team not listed is looked up at 'protect apply' and 'protect diff' (GET /orgs/{org}/teams/{slug}); the offline 'protect render' leaves it out and says so.","type":"object","propertyNames":{"pattern":"^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9_.-]+$","patternErrorMessage":"not a team (@org/team)"},"additionalProperties":{"type":"integer","minimum":1}}}},"access":{"title":"Descriptor access","description":"Who may write, as code: the permission of each team and person on the repository. Unset: the kind's defaults (infrastructure: the platform team maintain, the tenant teams pull; application: its team push, the platform team maintain). Entries here change or add to the defaults; none takes a default away. 'protect render' writes them into .github/settings.yml (teams, collaborators) or .gitlab/access.json, 'protect diff' reports everyone with more access than this, 'protect apply' grants it (and takes extra access away only with --prune). The access-policy-minimum rule holds it to the kind's floor: on an infrastructure repository nobody but the platform team writes.","type":"object","additionalProperties":false,"properties":{"teams":{"description":"Team (@org/team) to its permission.","type":"object","propertyNames":{"$ref":"#/definitions/team"},"additionalProperties":{"$ref":"#/definitions/accessPermission"}},"collaborators":{"description":"Person (@login) to their permission: the direct or outside collaborators the policy grants. Anyone else with write access is drift.","type":"object","propertyNames":{"type":"string","pattern":"^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$","patternErrorMessage":"not a login (@login)"},"additionalProperties":{"$ref":"#/definitions/accessPermission"}}}},"version":{"description":"The repository's version (semver 2.0, no leading v), when gitops.yaml is one of its version sources.","type":"string","minLength":1},"versioning":{"type":"object","additionalProperties":false,"properties":{"sources":{"description":"Version sources that must agree, as file or file#field (e.g. VERSION, chart/Chart.yaml#version). The first one is where the version lives.","type":"array","items":{"type":"string","pattern":"^(?!/)(?!.*(^|/)\\.\\.(/|$))[^#]+(#[A-Za-z0-9_.-]+)?$","patternErrorMessage":"not a version source (a repository-relative file, optionally #field, e.g. chart/Chart.yaml#version)"},"minItems":1,"uniqueItems":true}}},"releases":{"title":"Releases config","description":"Coordinated releases of application and infrastructure versions.","type":"object","additionalProperties":false,"properties":{"directory":{"description":"Where release manifests live.","type":"string","pattern":"^(?!/)(?!.*(^|/)\\.\\.(/|$)).+$","patternErrorMessage":"not a repository-relative path (no leading / and no ..)","default":"releases"},"perApplication":{"description":"Whether each application (a tenant of teams.applications) has a release line of its own: manifests in <directory>/<application>/, tags and tag messages naming the application, version checks, rollbacks and the release log per application. auto: when gitops.yaml names more than one application.","enum":["auto","always","never"],"default":"auto"},"tagFormat":{"description":"A release's name and git tag: letters, digits, . _ @ + - and the placeholders {app} (the application's name in teams.applications), {appVersion} and {infraVersion} (both required); a rollback adds -rollback-<n>. Per-application lines need {app}. Default: release-{app}-{appVersion}-{infraVersion} where releases are per application, release-{appVersion}-{infraVersion} otherwise.","type":"string","minLength":1},"repositories":{"description":"Component repositories (a local path or a git URL) whose v<version> tags 'release create' checks.","type":"object","additionalProperties":false,"properties":{"application":{"type":"string","minLength":1},"infrastructure":{"type":"string","minLength":1}}},"windows":{"description":"When releases may be promoted (UTC); outside them only with --emergency.","type":"array","items":{"title":"Release window","type":"object","additionalProperties":false,"required":["days","hours"],"properties":{"days":{"description":"Days of the week, as their first three letters in lower case.","type":"array","minItems":1,"uniqueItems":true,"items":{"title":"Weekday","enum":["mon","tue","wed","thu","fri","sat","sun"]}},"hours":{"description":"UTC hours, as HH:MM-HH:MM.","type":"string","pattern":"^([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-4]):[0-5]\\d$","patternErrorMessage":"not a time range (UTC hours as HH:MM-HH:MM, e.g. 08:00-18:00)"}}}},"changelog":{"description":"The release log, a Markdown file of its own.","type":"string","pattern":"^(?!/)(?!.*(^|/)\\.\\.(/|$)).+\\.md$","patternErrorMessage":"not a repository-relative Markdown file (a path ending in .md, no leading / and no ..)","default":"RELEASES.md"}}},"rules":{"$ref":"#/definitions/ruleMap"},"overrides":{"description":"Rule settings for some files, by glob (later entries win).","type":"array","items":{"type":"object","additionalProperties":false,"required":["files","rules"],"properties":{"files":{"type":"array","items":{"type":"string","minLength":1},"minItems":1},"rules":{"$ref":"#/definitions/ruleMap"}}}},"ignores":{"description":"Globs of files that are never linted, on top of .gitignore.","type":"array","items":{"type":"string","minLength":1}},"linterOptions":{"type":"object","additionalProperties":false,"properties":{"reportUnusedDisableDirectives":{"enum":["off","warn","error"],"default":"warn"},"maxFileSize":{"description":"Largest YAML file that is parsed, in bytes; larger files get a finding.","type":"integer","minimum":1024,"default":5242880}}},"scaffold":{"description":"Answers gitops-init used to generate this repository, so that a re-run needs no flags.","type":"object","properties":{"version":{"description":"The gitops-init version whose templates the repository's files were last rendered from: 'gitops-init update' merges the difference to the running version's templates.","type":"string","minLength":1}}}},"definitions":{"repositoryKind":{"description":"infrastructure: cluster-wide configuration owned by the platform team. application: one application's deployment, owned by its team.","enum":["infrastructure","application"]},"gitopsTool":{"description":"The GitOps tool that deploys this repository.","enum":["argocd","flux","helm"]},"team":{"type":"string","pattern":"^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9_.-]+$","patternErrorMessage":"not a team (@org/team)"},"person":{"anyOf":[{"type":"string","pattern":"^@[A-Za-z0-9][A-Za-z0-9_.-]*$","patternErrorMessage":"not a user (@user)"},{"type":"string","pattern":"^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$","patternErrorMessage":"not an e-mail address"}]},"owner":{"description":"A handle (@user, @org/team, @@role, an e-mail address) or the name of a team declared under teams.","type":"string","pattern":"^(@@?[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*|[^\\s@]+@[^\\s@]+\\.[^\\s@]+|[a-z0-9]([-a-z0-9]*[a-z0-9])?)$","patternErrorMessage":"not an owner (@user, @org/team, an e-mail address, or the name of a team declared under teams)"},"protectionPolicy":{"title":"Branch policy","description":"The protection policy of a branch pattern; unset fields take the defaults of the repository kind.","type":"object","additionalProperties":false,"properties":{"requiredApprovals":{"description":"Approving reviews a pull request needs (0 to 6, what GitHub's classic branch protection accepts).","type":"integer","minimum":0,"maximum":6},"requireCodeOwnerReview":{"description":"A code owner of the changed files must approve.","type":"boolean"},"dismissStaleReviews":{"description":"A new push dismisses earlier approvals.","type":"boolean"},"requireLastPushApproval":{"description":"Someone other than the author of the last push must approve.","type":"boolean"},"requiredStatusChecks":{"description":"Checks that must pass, by name (the CI job's name).","type":"array","items":{"type":"string","minLength":1},"uniqueItems":true},"requireLinearHistory":{"description":"No merge commits: squash or rebase only.","type":"boolean"},"requireSignedCommits":{"description":"Every commit must carry a verified signature.","type":"boolean"},"requireConversationResolution":{"description":"Every review thread must be resolved before merging.","type":"boolean"},"blockForcePushes":{"description":"No force pushes.","type":"boolean"},"blockDeletions":{"description":"The branch cannot be deleted.","type":"boolean"},"includeAdministrators":{"description":"The rules bind administrators too; false lets repository administrators bypass them.","type":"boolean"},"bypassActors":{"description":"Who may bypass the rules: a repository role (write, maintain, admin), a team or app by the host's numeric id, organization administrators, or deploy keys; mode pull-request limits the bypass to pull requests (GitHub rulesets).","type":"array","items":{"$ref":"#/definitions/bypassActor"}}}},"bypassActor":{"description":"Who may bypass the policy: a repository role, a team or an app (by the host's numeric id), organisation administrators, or deploy keys. mode pull-request lets them bypass only through a pull request (GitHub rulesets); the default is always.","type":"object","oneOf":[{"required":["role"],"properties":{"role":{"enum":["write","maintain","admin"]},"mode":{"$ref":"#/definitions/bypassMode"}},"additionalProperties":false},{"required":["team"],"properties":{"team":{"type":"integer","minimum":1},"mode":{"$ref":"#/definitions/bypassMode"}},"additionalProperties":false},{"required":["app"],"properties":{"app":{"type":"integer","minimum":1},"mode":{"$ref":"#/definitions/bypassMode"}},"additionalProperties":false},{"required":["organizationAdmin"],"properties":{"organizationAdmin":{"const":true},"mode":{"$ref":"#/definitions/bypassMode"}},"additionalProperties":false},{"required":["deployKeys"],"properties":{"deployKeys":{"const":true},"mode":{"$ref":"#/definitions/bypassMode"}},"additionalProperties":false}]},"bypassMode":{"enum":["always","pull-request"]},"accessPermission":{"title":"Access permission","description":"GitHub's repository roles, lowest first. On GitLab pull and triage are Reporter (20), push Developer (30), maintain and admin Maintainer (40). none: no access from this policy.","enum":["none","pull","triage","push","maintain","admin"]},"dnsLabel":{"type":"string","pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","patternErrorMessage":"not a name (a DNS label: lowercase letters, digits and dashes, starting and ending with a letter or digit)","maxLength":63},"severity":{"enum":["off","warn","error",0,1,2]},"ruleEntry":{"anyOf":[{"$ref":"#/definitions/severity"},{"type":"array","items":[{"$ref":"#/definitions/severity"}],"minItems":1,"tsType":"readonly [Severity, ...unknown[]]"}]},"ruleMap":{"type":"object","propertyNames":{"pattern":"^[a-z0-9]+(-[a-z0-9]+)*$","patternErrorMessage":"not a rule id (lowercase words joined by dashes)"},"additionalProperties":{"$ref":"#/definitions/ruleEntry"}}}};
const schema12 = {"description":"infrastructure: cluster-wide configuration owned by the platform team. application: one application's deployment, owned by its team.","enum":["infrastructure","application"]};
const schema13 = {"description":"The GitOps tool that deploys this repository.","enum":["argocd","flux","helm"]};
const schema14 = {"type":"string","pattern":"^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9_.-]+$","patternErrorMessage":"not a team (@org/team)"};
const schema17 = {"type":"string","pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","patternErrorMessage":"not a name (a DNS label: lowercase letters, digits and dashes, starting and ending with a letter or digit)","maxLength":63};
const schema19 = {"anyOf":[{"type":"string","pattern":"^@[A-Za-z0-9][A-Za-z0-9_.-]*$","patternErrorMessage":"not a user (@user)"},{"type":"string","pattern":"^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$","patternErrorMessage":"not an e-mail address"}]};
const schema20 = {"description":"A handle (@user, @org/team, @@role, an e-mail address) or the name of a team declared under teams.","type":"string","pattern":"^(@@?[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*|[^\\s@]+@[^\\s@]+\\.[^\\s@]+|[a-z0-9]([-a-z0-9]*[a-z0-9])?)$","patternErrorMessage":"not an owner (@user, @org/team, an e-mail address, or the name of a team declared under teams)"};
const schema33 = {"title":"Access permission","description":"GitHub's repository roles, lowest first. On GitLab pull and triage are Reporter (20), push Developer (30), maintain and admin Maintainer (40). none: no access from this policy.","enum":["none","pull","triage","push","maintain","admin"]};
const func2 = Object.prototype.hasOwnProperty;
const func3 = require("ajv/dist/runtime/ucs2length").default;
const func0 = require("ajv/dist/runtime/equal").default;
const pattern0 = new RegExp("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", "u");
const pattern1 = new RegExp("^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9_.-]+$", "u");
const pattern7 = new RegExp("^@[A-Za-z0-9][A-Za-z0-9_.-]*$", "u");
const pattern8 = new RegExp("^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$", "u");
const pattern9 = new RegExp("^[^#\\s!]", "u");
const pattern10 = new RegExp("^(@@?[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*|[^\\s@]+@[^\\s@]+\\.[^\\s@]+|[a-z0-9]([-a-z0-9]*[a-z0-9])?)$", "u");
const pattern12 = new RegExp("^(?!/)(?!.*(^|/)\\.\\.(/|$)).+$", "u");
const pattern14 = new RegExp("^([a-z0-9.-]+/)?[A-Za-z][A-Za-z0-9]*$", "u");
const pattern17 = new RegExp("^(?![-/])[A-Za-z0-9._/*?\\[\\]-]+$", "u");
const pattern20 = new RegExp("^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$", "u");
const pattern21 = new RegExp("^(?!/)(?!.*(^|/)\\.\\.(/|$))[^#]+(#[A-Za-z0-9_.-]+)?$", "u");
const pattern23 = new RegExp("^([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-4]):[0-5]\\d$", "u");
const pattern24 = new RegExp("^(?!/)(?!.*(^|/)\\.\\.(/|$)).+\\.md$", "u");
const schema25 = {"title":"Branch policy","description":"The protection policy of a branch pattern; unset fields take the defaults of the repository kind.","type":"object","additionalProperties":false,"properties":{"requiredApprovals":{"description":"Approving reviews a pull request needs (0 to 6, what GitHub's classic branch protection accepts).","type":"integer","minimum":0,"maximum":6},"requireCodeOwnerReview":{"description":"A code owner of the changed files must approve.","type":"boolean"},"dismissStaleReviews":{"description":"A new push dismisses earlier approvals.","type":"boolean"},"requireLastPushApproval":{"description":"Someone other than the author of the last push must approve.","type":"boolean"},"requiredStatusChecks":{"description":"Checks that must pass, by name (the CI job's name).","type":"array","items":{"type":"string","minLength":1},"uniqueItems":true},"requireLinearHistory":{"description":"No merge commits: squash or rebase only.","type":"boolean"},"requireSignedCommits":{"description":"Every commit must carry a verified signature.","type":"boolean"},"requireConversationResolution":{"description":"Every review thread must be resolved before merging.","type":"boolean"},"blockForcePushes":{"description":"No force pushes.","type":"boolean"},"blockDeletions":{"description":"The branch cannot be deleted.","type":"boolean"},"includeAdministrators":{"description":"The rules bind administrators too; false lets repository administrators bypass them.","type":"boolean"},"bypassActors":{"description":"Who may bypass the rules: a repository role (write, maintain, admin), a team or app by the host's numeric id, organization administrators, or deploy keys; mode pull-request limits the bypass to pull requests (GitHub rulesets).","type":"array","items":{"$ref":"#/definitions/bypassActor"}}}};
const schema26 = {"description":"Who may bypass the policy: a repository role, a team or an app (by the host's numeric id), organisation administrators, or deploy keys. mode pull-request lets them bypass only through a pull request (GitHub rulesets); the default is always.","type":"object","oneOf":[{"required":["role"],"properties":{"role":{"enum":["write","maintain","admin"]},"mode":{"$ref":"#/definitions/bypassMode"}},"additionalProperties":false},{"required":["team"],"properties":{"team":{"type":"integer","minimum":1},"mode":{"$ref":"#/definitions/bypassMode"}},"additionalProperties":false},{"required":["app"],"properties":{"app":{"type":"integer","minimum":1},"mode":{"$ref":"#/definitions/bypassMode"}},"additionalProperties":false},{"required":["organizationAdmin"],"properties":{"organizationAdmin":{"const":true},"mode":{"$ref":"#/definitions/bypassMode"}},"additionalProperties":false},{"required":["deployKeys"],"properties":{"deployKeys":{"const":true},"mode":{"$ref":"#/definitions/bypassMode"}},"additionalProperties":false}]};
const schema27 = {"enum":["always","pull-request"]};

function validate12(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(!(data && typeof data == "object" && !Array.isArray(data))){
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema26.type,parentSchema:schema26,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
const _errs1 = errors;
let valid0 = false;
let passing0 = null;
const _errs2 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.role === undefined){
const err1 = {instancePath,schemaPath:"#/oneOf/0/required",keyword:"required",params:{missingProperty: "role"},message:"must have required property '"+"role"+"'",schema:schema26.oneOf[0].required,parentSchema:schema26.oneOf[0],data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "role") || (key0 === "mode"))){
const err2 = {instancePath,schemaPath:"#/oneOf/0/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema26.oneOf[0],data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.role !== undefined){
let data0 = data.role;
if(!(((data0 === "write") || (data0 === "maintain")) || (data0 === "admin"))){
const err3 = {instancePath:instancePath+"/role",schemaPath:"#/oneOf/0/properties/role/enum",keyword:"enum",params:{allowedValues: schema26.oneOf[0].properties.role.enum},message:"must be equal to one of the allowed values",schema:schema26.oneOf[0].properties.role.enum,parentSchema:schema26.oneOf[0].properties.role,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.mode !== undefined){
let data1 = data.mode;
if(!((data1 === "always") || (data1 === "pull-request"))){
const err4 = {instancePath:instancePath+"/mode",schemaPath:"#/definitions/bypassMode/enum",keyword:"enum",params:{allowedValues: schema27.enum},message:"must be equal to one of the allowed values",schema:schema27.enum,parentSchema:schema27,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
var _valid0 = _errs2 === errors;
if(_valid0){
valid0 = true;
passing0 = 0;
}
const _errs7 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.team === undefined){
const err5 = {instancePath,schemaPath:"#/oneOf/1/required",keyword:"required",params:{missingProperty: "team"},message:"must have required property '"+"team"+"'",schema:schema26.oneOf[1].required,parentSchema:schema26.oneOf[1],data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
for(const key1 in data){
if(!((key1 === "team") || (key1 === "mode"))){
const err6 = {instancePath,schemaPath:"#/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema26.oneOf[1],data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.team !== undefined){
let data2 = data.team;
if(!((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2)))){
const err7 = {instancePath:instancePath+"/team",schemaPath:"#/oneOf/1/properties/team/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema26.oneOf[1].properties.team.type,parentSchema:schema26.oneOf[1].properties.team,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(typeof data2 == "number"){
if(data2 < 1 || isNaN(data2)){
const err8 = {instancePath:instancePath+"/team",schemaPath:"#/oneOf/1/properties/team/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema26.oneOf[1].properties.team,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
if(data.mode !== undefined){
let data3 = data.mode;
if(!((data3 === "always") || (data3 === "pull-request"))){
const err9 = {instancePath:instancePath+"/mode",schemaPath:"#/definitions/bypassMode/enum",keyword:"enum",params:{allowedValues: schema27.enum},message:"must be equal to one of the allowed values",schema:schema27.enum,parentSchema:schema27,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
var _valid0 = _errs7 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid0 = true;
passing0 = 1;
}
const _errs13 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.app === undefined){
const err10 = {instancePath,schemaPath:"#/oneOf/2/required",keyword:"required",params:{missingProperty: "app"},message:"must have required property '"+"app"+"'",schema:schema26.oneOf[2].required,parentSchema:schema26.oneOf[2],data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
for(const key2 in data){
if(!((key2 === "app") || (key2 === "mode"))){
const err11 = {instancePath,schemaPath:"#/oneOf/2/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema26.oneOf[2],data};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.app !== undefined){
let data4 = data.app;
if(!((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4)))){
const err12 = {instancePath:instancePath+"/app",schemaPath:"#/oneOf/2/properties/app/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema26.oneOf[2].properties.app.type,parentSchema:schema26.oneOf[2].properties.app,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(typeof data4 == "number"){
if(data4 < 1 || isNaN(data4)){
const err13 = {instancePath:instancePath+"/app",schemaPath:"#/oneOf/2/properties/app/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema26.oneOf[2].properties.app,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
if(data.mode !== undefined){
let data5 = data.mode;
if(!((data5 === "always") || (data5 === "pull-request"))){
const err14 = {instancePath:instancePath+"/mode",schemaPath:"#/definitions/bypassMode/enum",keyword:"enum",params:{allowedValues: schema27.enum},message:"must be equal to one of the allowed values",schema:schema27.enum,parentSchema:schema27,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
var _valid0 = _errs13 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 2];
}
else {
if(_valid0){
valid0 = true;
passing0 = 2;
}
const _errs19 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.organizationAdmin === undefined){
const err15 = {instancePath,schemaPath:"#/oneOf/3/required",keyword:"required",params:{missingProperty: "organizationAdmin"},message:"must have required property '"+"organizationAdmin"+"'",schema:schema26.oneOf[3].required,parentSchema:schema26.oneOf[3],data};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
for(const key3 in data){
if(!((key3 === "organizationAdmin") || (key3 === "mode"))){
const err16 = {instancePath,schemaPath:"#/oneOf/3/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema26.oneOf[3],data};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.organizationAdmin !== undefined){
let data6 = data.organizationAdmin;
if(true !== data6){
const err17 = {instancePath:instancePath+"/organizationAdmin",schemaPath:"#/oneOf/3/properties/organizationAdmin/const",keyword:"const",params:{allowedValue: true},message:"must be equal to constant",schema:true,parentSchema:schema26.oneOf[3].properties.organizationAdmin,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.mode !== undefined){
let data7 = data.mode;
if(!((data7 === "always") || (data7 === "pull-request"))){
const err18 = {instancePath:instancePath+"/mode",schemaPath:"#/definitions/bypassMode/enum",keyword:"enum",params:{allowedValues: schema27.enum},message:"must be equal to one of the allowed values",schema:schema27.enum,parentSchema:schema27,data:data7};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
var _valid0 = _errs19 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 3];
}
else {
if(_valid0){
valid0 = true;
passing0 = 3;
}
const _errs24 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.deployKeys === undefined){
const err19 = {instancePath,schemaPath:"#/oneOf/4/required",keyword:"required",params:{missingProperty: "deployKeys"},message:"must have required property '"+"deployKeys"+"'",schema:schema26.oneOf[4].required,parentSchema:schema26.oneOf[4],data};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
for(const key4 in data){
if(!((key4 === "deployKeys") || (key4 === "mode"))){
const err20 = {instancePath,schemaPath:"#/oneOf/4/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema26.oneOf[4],data};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.deployKeys !== undefined){
let data8 = data.deployKeys;
if(true !== data8){
const err21 = {instancePath:instancePath+"/deployKeys",schemaPath:"#/oneOf/4/properties/deployKeys/const",keyword:"const",params:{allowedValue: true},message:"must be equal to constant",schema:true,parentSchema:schema26.oneOf[4].properties.deployKeys,data:data8};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.mode !== undefined){
let data9 = data.mode;
if(!((data9 === "always") || (data9 === "pull-request"))){
const err22 = {instancePath:instancePath+"/mode",schemaPath:"#/definitions/bypassMode/enum",keyword:"enum",params:{allowedValues: schema27.enum},message:"must be equal to one of the allowed values",schema:schema27.enum,parentSchema:schema27,data:data9};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
var _valid0 = _errs24 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 4];
}
else {
if(_valid0){
valid0 = true;
passing0 = 4;
}
}
}
}
}
if(!valid0){
const err23 = {instancePath,schemaPath:"#/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema26.oneOf,parentSchema:schema26,data};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
else {
errors = _errs1;
if(vErrors !== null){
if(_errs1){
vErrors.length = _errs1;
}
else {
vErrors = null;
}
}
}
validate12.errors = vErrors;
return errors === 0;
}


function validate11(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(func2.call(schema25.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema25,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.requiredApprovals !== undefined){
let data0 = data.requiredApprovals;
if(!((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0)))){
const err1 = {instancePath:instancePath+"/requiredApprovals",schemaPath:"#/properties/requiredApprovals/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema25.properties.requiredApprovals.type,parentSchema:schema25.properties.requiredApprovals,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(typeof data0 == "number"){
if(data0 > 6 || isNaN(data0)){
const err2 = {instancePath:instancePath+"/requiredApprovals",schemaPath:"#/properties/requiredApprovals/maximum",keyword:"maximum",params:{comparison: "<=", limit: 6},message:"must be <= 6",schema:6,parentSchema:schema25.properties.requiredApprovals,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data0 < 0 || isNaN(data0)){
const err3 = {instancePath:instancePath+"/requiredApprovals",schemaPath:"#/properties/requiredApprovals/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema25.properties.requiredApprovals,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
}
if(data.requireCodeOwnerReview !== undefined){
let data1 = data.requireCodeOwnerReview;
if(typeof data1 !== "boolean"){
const err4 = {instancePath:instancePath+"/requireCodeOwnerReview",schemaPath:"#/properties/requireCodeOwnerReview/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema25.properties.requireCodeOwnerReview.type,parentSchema:schema25.properties.requireCodeOwnerReview,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.dismissStaleReviews !== undefined){
let data2 = data.dismissStaleReviews;
if(typeof data2 !== "boolean"){
const err5 = {instancePath:instancePath+"/dismissStaleReviews",schemaPath:"#/properties/dismissStaleReviews/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema25.properties.dismissStaleReviews.type,parentSchema:schema25.properties.dismissStaleReviews,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.requireLastPushApproval !== undefined){
let data3 = data.requireLastPushApproval;
if(typeof data3 !== "boolean"){
const err6 = {instancePath:instancePath+"/requireLastPushApproval",schemaPath:"#/properties/requireLastPushApproval/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema25.properties.requireLastPushApproval.type,parentSchema:schema25.properties.requireLastPushApproval,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.requiredStatusChecks !== undefined){
let data4 = data.requiredStatusChecks;
if(Array.isArray(data4)){
const len0 = data4.length;
for(let i0=0; i0<len0; i0++){
let data5 = data4[i0];
if(typeof data5 === "string"){
if(func3(data5) < 1){
const err7 = {instancePath:instancePath+"/requiredStatusChecks/" + i0,schemaPath:"#/properties/requiredStatusChecks/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema25.properties.requiredStatusChecks.items,data:data5};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/requiredStatusChecks/" + i0,schemaPath:"#/properties/requiredStatusChecks/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.properties.requiredStatusChecks.items.type,parentSchema:schema25.properties.requiredStatusChecks.items,data:data5};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
let i1 = data4.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data4[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err9 = {instancePath:instancePath+"/requiredStatusChecks",schemaPath:"#/properties/requiredStatusChecks/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema25.properties.requiredStatusChecks,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err10 = {instancePath:instancePath+"/requiredStatusChecks",schemaPath:"#/properties/requiredStatusChecks/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema25.properties.requiredStatusChecks.type,parentSchema:schema25.properties.requiredStatusChecks,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.requireLinearHistory !== undefined){
let data6 = data.requireLinearHistory;
if(typeof data6 !== "boolean"){
const err11 = {instancePath:instancePath+"/requireLinearHistory",schemaPath:"#/properties/requireLinearHistory/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema25.properties.requireLinearHistory.type,parentSchema:schema25.properties.requireLinearHistory,data:data6};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.requireSignedCommits !== undefined){
let data7 = data.requireSignedCommits;
if(typeof data7 !== "boolean"){
const err12 = {instancePath:instancePath+"/requireSignedCommits",schemaPath:"#/properties/requireSignedCommits/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema25.properties.requireSignedCommits.type,parentSchema:schema25.properties.requireSignedCommits,data:data7};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.requireConversationResolution !== undefined){
let data8 = data.requireConversationResolution;
if(typeof data8 !== "boolean"){
const err13 = {instancePath:instancePath+"/requireConversationResolution",schemaPath:"#/properties/requireConversationResolution/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema25.properties.requireConversationResolution.type,parentSchema:schema25.properties.requireConversationResolution,data:data8};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.blockForcePushes !== undefined){
let data9 = data.blockForcePushes;
if(typeof data9 !== "boolean"){
const err14 = {instancePath:instancePath+"/blockForcePushes",schemaPath:"#/properties/blockForcePushes/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema25.properties.blockForcePushes.type,parentSchema:schema25.properties.blockForcePushes,data:data9};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.blockDeletions !== undefined){
let data10 = data.blockDeletions;
if(typeof data10 !== "boolean"){
const err15 = {instancePath:instancePath+"/blockDeletions",schemaPath:"#/properties/blockDeletions/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema25.properties.blockDeletions.type,parentSchema:schema25.properties.blockDeletions,data:data10};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.includeAdministrators !== undefined){
let data11 = data.includeAdministrators;
if(typeof data11 !== "boolean"){
const err16 = {instancePath:instancePath+"/includeAdministrators",schemaPath:"#/properties/includeAdministrators/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema25.properties.includeAdministrators.type,parentSchema:schema25.properties.includeAdministrators,data:data11};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.bypassActors !== undefined){
let data12 = data.bypassActors;
if(Array.isArray(data12)){
const len1 = data12.length;
for(let i2=0; i2<len1; i2++){
if(!(validate12(data12[i2], {instancePath:instancePath+"/bypassActors/" + i2,parentData:data12,parentDataProperty:i2,rootData}))){
vErrors = vErrors === null ? validate12.errors : vErrors.concat(validate12.errors);
errors = vErrors.length;
}
}
}
else {
const err17 = {instancePath:instancePath+"/bypassActors",schemaPath:"#/properties/bypassActors/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema25.properties.bypassActors.type,parentSchema:schema25.properties.bypassActors,data:data12};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema25.type,parentSchema:schema25,data};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
validate11.errors = vErrors;
return errors === 0;
}

const schema35 = {"type":"object","propertyNames":{"pattern":"^[a-z0-9]+(-[a-z0-9]+)*$","patternErrorMessage":"not a rule id (lowercase words joined by dashes)"},"additionalProperties":{"$ref":"#/definitions/ruleEntry"}};
const pattern25 = new RegExp("^[a-z0-9]+(-[a-z0-9]+)*$", "u");
const schema36 = {"anyOf":[{"$ref":"#/definitions/severity"},{"type":"array","items":[{"$ref":"#/definitions/severity"}],"minItems":1,"tsType":"readonly [Severity, ...unknown[]]"}]};
const schema37 = {"enum":["off","warn","error",0,1,2]};

function validate16(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
const _errs0 = errors;
let valid0 = false;
const _errs1 = errors;
if(!((((((data === "off") || (data === "warn")) || (data === "error")) || (data === 0)) || (data === 1)) || (data === 2))){
const err0 = {instancePath,schemaPath:"#/definitions/severity/enum",keyword:"enum",params:{allowedValues: schema37.enum},message:"must be equal to one of the allowed values",schema:schema37.enum,parentSchema:schema37,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
var _valid0 = _errs1 === errors;
valid0 = valid0 || _valid0;
if(!valid0){
const _errs3 = errors;
if(Array.isArray(data)){
if(data.length < 1){
const err1 = {instancePath,schemaPath:"#/anyOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema36.anyOf[1],data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
const len0 = data.length;
if(len0 > 0){
let data0 = data[0];
if(!((((((data0 === "off") || (data0 === "warn")) || (data0 === "error")) || (data0 === 0)) || (data0 === 1)) || (data0 === 2))){
const err2 = {instancePath:instancePath+"/0",schemaPath:"#/definitions/severity/enum",keyword:"enum",params:{allowedValues: schema37.enum},message:"must be equal to one of the allowed values",schema:schema37.enum,parentSchema:schema37,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
}
else {
const err3 = {instancePath,schemaPath:"#/anyOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema36.anyOf[1].type,parentSchema:schema36.anyOf[1],data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
var _valid0 = _errs3 === errors;
valid0 = valid0 || _valid0;
}
if(!valid0){
const err4 = {instancePath,schemaPath:"#/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema36.anyOf,parentSchema:schema36,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
else {
errors = _errs0;
if(vErrors !== null){
if(_errs0){
vErrors.length = _errs0;
}
else {
vErrors = null;
}
}
}
validate16.errors = vErrors;
return errors === 0;
}


function validate15(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
const _errs1 = errors;
if(typeof key0 === "string"){
if(!pattern25.test(key0)){
const err0 = {instancePath,schemaPath:"#/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]+(-[a-z0-9]+)*$"},message:"must match pattern \""+"^[a-z0-9]+(-[a-z0-9]+)*$"+"\"",schema:"^[a-z0-9]+(-[a-z0-9]+)*$",parentSchema:schema35.propertyNames,data:key0,propertyName:key0};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
var valid0 = _errs1 === errors;
if(!valid0){
const err1 = {instancePath,schemaPath:"#/propertyNames",keyword:"propertyNames",params:{propertyName: key0},message:"property name must be valid",schema:schema35.propertyNames,parentSchema:schema35,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
for(const key1 in data){
if(!(validate16(data[key1], {instancePath:instancePath+"/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data,parentDataProperty:key1,rootData}))){
vErrors = vErrors === null ? validate16.errors : vErrors.concat(validate16.errors);
errors = vErrors.length;
}
}
}
else {
const err2 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema35.type,parentSchema:schema35,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
validate15.errors = vErrors;
return errors === 0;
}


function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://unpkg.com/gitops-init/dist/src/config/gitops.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.tool === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "tool"},message:"must have required property '"+"tool"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.name === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema11.properties, key0))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.kind !== undefined){
let data0 = data.kind;
if(!((data0 === "infrastructure") || (data0 === "application"))){
const err4 = {instancePath:instancePath+"/kind",schemaPath:"#/definitions/repositoryKind/enum",keyword:"enum",params:{allowedValues: schema12.enum},message:"must be equal to one of the allowed values",schema:schema12.enum,parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.tool !== undefined){
let data1 = data.tool;
if(!(((data1 === "argocd") || (data1 === "flux")) || (data1 === "helm"))){
const err5 = {instancePath:instancePath+"/tool",schemaPath:"#/definitions/gitopsTool/enum",keyword:"enum",params:{allowedValues: schema13.enum},message:"must be equal to one of the allowed values",schema:schema13.enum,parentSchema:schema13,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.name !== undefined){
let data2 = data.name;
if(typeof data2 === "string"){
if(func3(data2) > 63){
const err6 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/maxLength",keyword:"maxLength",params:{limit: 63},message:"must NOT have more than 63 characters",schema:63,parentSchema:schema11.properties.name,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(!pattern0.test(data2)){
const err7 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",parentSchema:schema11.properties.name,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.name.type,parentSchema:schema11.properties.name,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.teams !== undefined){
let data3 = data.teams;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
for(const key1 in data3){
if(!((((key1 === "platform") || (key1 === "application")) || (key1 === "applications")) || (key1 === "members"))){
const err9 = {instancePath:instancePath+"/teams",schemaPath:"#/properties/teams/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.teams,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data3.platform !== undefined){
let data4 = data3.platform;
if(typeof data4 === "string"){
if(!pattern1.test(data4)){
const err10 = {instancePath:instancePath+"/teams/platform",schemaPath:"#/definitions/team/pattern",keyword:"pattern",params:{pattern: "^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9_.-]+$"},message:"must match pattern \""+"^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9_.-]+$"+"\"",schema:"^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9_.-]+$",parentSchema:schema14,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/teams/platform",schemaPath:"#/definitions/team/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.type,parentSchema:schema14,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data3.application !== undefined){
let data5 = data3.application;
if(typeof data5 === "string"){
if(!pattern1.test(data5)){
const err12 = {instancePath:instancePath+"/teams/application",schemaPath:"#/definitions/team/pattern",keyword:"pattern",params:{pattern: "^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9_.-]+$"},message:"must match pattern \""+"^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9_.-]+$"+"\"",schema:"^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9_.-]+$",parentSchema:schema14,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/teams/application",schemaPath:"#/definitions/team/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.type,parentSchema:schema14,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data3.applications !== undefined){
let data6 = data3.applications;
if(Array.isArray(data6)){
const len0 = data6.length;
for(let i0=0; i0<len0; i0++){
let data7 = data6[i0];
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
if(data7.name === undefined){
const err14 = {instancePath:instancePath+"/teams/applications/" + i0,schemaPath:"#/properties/teams/properties/applications/items/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema11.properties.teams.properties.applications.items.required,parentSchema:schema11.properties.teams.properties.applications.items,data:data7};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(data7.team === undefined){
const err15 = {instancePath:instancePath+"/teams/applications/" + i0,schemaPath:"#/properties/teams/properties/applications/items/required",keyword:"required",params:{missingProperty: "team"},message:"must have required property '"+"team"+"'",schema:schema11.properties.teams.properties.applications.items.required,parentSchema:schema11.properties.teams.properties.applications.items,data:data7};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
for(const key2 in data7){
if(!(((((key2 === "name") || (key2 === "team")) || (key2 === "namespaces")) || (key2 === "repository")) || (key2 === "environments"))){
const err16 = {instancePath:instancePath+"/teams/applications/" + i0,schemaPath:"#/properties/teams/properties/applications/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.teams.properties.applications.items,data:data7};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data7.name !== undefined){
let data8 = data7.name;
if(typeof data8 === "string"){
if(func3(data8) > 63){
const err17 = {instancePath:instancePath+"/teams/applications/" + i0+"/name",schemaPath:"#/properties/teams/properties/applications/items/properties/name/maxLength",keyword:"maxLength",params:{limit: 63},message:"must NOT have more than 63 characters",schema:63,parentSchema:schema11.properties.teams.properties.applications.items.properties.name,data:data8};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(!pattern0.test(data8)){
const err18 = {instancePath:instancePath+"/teams/applications/" + i0+"/name",schemaPath:"#/properties/teams/properties/applications/items/properties/name/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",parentSchema:schema11.properties.teams.properties.applications.items.properties.name,data:data8};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/teams/applications/" + i0+"/name",schemaPath:"#/properties/teams/properties/applications/items/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.teams.properties.applications.items.properties.name.type,parentSchema:schema11.properties.teams.properties.applications.items.properties.name,data:data8};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data7.team !== undefined){
let data9 = data7.team;
if(typeof data9 === "string"){
if(!pattern1.test(data9)){
const err20 = {instancePath:instancePath+"/teams/applications/" + i0+"/team",schemaPath:"#/definitions/team/pattern",keyword:"pattern",params:{pattern: "^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9_.-]+$"},message:"must match pattern \""+"^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9_.-]+$"+"\"",schema:"^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9_.-]+$",parentSchema:schema14,data:data9};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/teams/applications/" + i0+"/team",schemaPath:"#/definitions/team/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.type,parentSchema:schema14,data:data9};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data7.namespaces !== undefined){
let data10 = data7.namespaces;
if(Array.isArray(data10)){
const len1 = data10.length;
for(let i1=0; i1<len1; i1++){
let data11 = data10[i1];
if(typeof data11 === "string"){
if(func3(data11) > 63){
const err22 = {instancePath:instancePath+"/teams/applications/" + i0+"/namespaces/" + i1,schemaPath:"#/definitions/dnsLabel/maxLength",keyword:"maxLength",params:{limit: 63},message:"must NOT have more than 63 characters",schema:63,parentSchema:schema17,data:data11};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if(!pattern0.test(data11)){
const err23 = {instancePath:instancePath+"/teams/applications/" + i0+"/namespaces/" + i1,schemaPath:"#/definitions/dnsLabel/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",parentSchema:schema17,data:data11};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/teams/applications/" + i0+"/namespaces/" + i1,schemaPath:"#/definitions/dnsLabel/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.type,parentSchema:schema17,data:data11};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
let i2 = data10.length;
let j0;
if(i2 > 1){
outer0:
for(;i2--;){
for(j0 = i2; j0--;){
if(func0(data10[i2], data10[j0])){
const err25 = {instancePath:instancePath+"/teams/applications/" + i0+"/namespaces",schemaPath:"#/properties/teams/properties/applications/items/properties/namespaces/uniqueItems",keyword:"uniqueItems",params:{i: i2, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i2+" are identical)",schema:true,parentSchema:schema11.properties.teams.properties.applications.items.properties.namespaces,data:data10};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err26 = {instancePath:instancePath+"/teams/applications/" + i0+"/namespaces",schemaPath:"#/properties/teams/properties/applications/items/properties/namespaces/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.teams.properties.applications.items.properties.namespaces.type,parentSchema:schema11.properties.teams.properties.applications.items.properties.namespaces,data:data10};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data7.repository !== undefined){
let data12 = data7.repository;
if(typeof data12 === "string"){
if(func3(data12) < 1){
const err27 = {instancePath:instancePath+"/teams/applications/" + i0+"/repository",schemaPath:"#/properties/teams/properties/applications/items/properties/repository/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.teams.properties.applications.items.properties.repository,data:data12};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
else {
const err28 = {instancePath:instancePath+"/teams/applications/" + i0+"/repository",schemaPath:"#/properties/teams/properties/applications/items/properties/repository/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.teams.properties.applications.items.properties.repository.type,parentSchema:schema11.properties.teams.properties.applications.items.properties.repository,data:data12};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data7.environments !== undefined){
let data13 = data7.environments;
if(Array.isArray(data13)){
if(data13.length < 1){
const err29 = {instancePath:instancePath+"/teams/applications/" + i0+"/environments",schemaPath:"#/properties/teams/properties/applications/items/properties/environments/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema11.properties.teams.properties.applications.items.properties.environments,data:data13};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
const len2 = data13.length;
for(let i3=0; i3<len2; i3++){
let data14 = data13[i3];
if(typeof data14 === "string"){
if(func3(data14) > 63){
const err30 = {instancePath:instancePath+"/teams/applications/" + i0+"/environments/" + i3,schemaPath:"#/definitions/dnsLabel/maxLength",keyword:"maxLength",params:{limit: 63},message:"must NOT have more than 63 characters",schema:63,parentSchema:schema17,data:data14};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if(!pattern0.test(data14)){
const err31 = {instancePath:instancePath+"/teams/applications/" + i0+"/environments/" + i3,schemaPath:"#/definitions/dnsLabel/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",parentSchema:schema17,data:data14};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
else {
const err32 = {instancePath:instancePath+"/teams/applications/" + i0+"/environments/" + i3,schemaPath:"#/definitions/dnsLabel/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.type,parentSchema:schema17,data:data14};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
let i4 = data13.length;
let j1;
if(i4 > 1){
outer1:
for(;i4--;){
for(j1 = i4; j1--;){
if(func0(data13[i4], data13[j1])){
const err33 = {instancePath:instancePath+"/teams/applications/" + i0+"/environments",schemaPath:"#/properties/teams/properties/applications/items/properties/environments/uniqueItems",keyword:"uniqueItems",params:{i: i4, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i4+" are identical)",schema:true,parentSchema:schema11.properties.teams.properties.applications.items.properties.environments,data:data13};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
break outer1;
}
}
}
}
}
else {
const err34 = {instancePath:instancePath+"/teams/applications/" + i0+"/environments",schemaPath:"#/properties/teams/properties/applications/items/properties/environments/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.teams.properties.applications.items.properties.environments.type,parentSchema:schema11.properties.teams.properties.applications.items.properties.environments,data:data13};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
}
else {
const err35 = {instancePath:instancePath+"/teams/applications/" + i0,schemaPath:"#/properties/teams/properties/applications/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.teams.properties.applications.items.type,parentSchema:schema11.properties.teams.properties.applications.items,data:data7};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
}
else {
const err36 = {instancePath:instancePath+"/teams/applications",schemaPath:"#/properties/teams/properties/applications/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.teams.properties.applications.type,parentSchema:schema11.properties.teams.properties.applications,data:data6};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data3.members !== undefined){
let data15 = data3.members;
if(Array.isArray(data15)){
const len3 = data15.length;
for(let i5=0; i5<len3; i5++){
let data16 = data15[i5];
const _errs43 = errors;
let valid21 = false;
const _errs44 = errors;
if(typeof data16 === "string"){
if(!pattern7.test(data16)){
const err37 = {instancePath:instancePath+"/teams/members/" + i5,schemaPath:"#/definitions/person/anyOf/0/pattern",keyword:"pattern",params:{pattern: "^@[A-Za-z0-9][A-Za-z0-9_.-]*$"},message:"must match pattern \""+"^@[A-Za-z0-9][A-Za-z0-9_.-]*$"+"\"",schema:"^@[A-Za-z0-9][A-Za-z0-9_.-]*$",parentSchema:schema19.anyOf[0],data:data16};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
else {
const err38 = {instancePath:instancePath+"/teams/members/" + i5,schemaPath:"#/definitions/person/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema19.anyOf[0].type,parentSchema:schema19.anyOf[0],data:data16};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
var _valid0 = _errs44 === errors;
valid21 = valid21 || _valid0;
if(!valid21){
const _errs46 = errors;
if(typeof data16 === "string"){
if(!pattern8.test(data16)){
const err39 = {instancePath:instancePath+"/teams/members/" + i5,schemaPath:"#/definitions/person/anyOf/1/pattern",keyword:"pattern",params:{pattern: "^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$"},message:"must match pattern \""+"^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$"+"\"",schema:"^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$",parentSchema:schema19.anyOf[1],data:data16};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
else {
const err40 = {instancePath:instancePath+"/teams/members/" + i5,schemaPath:"#/definitions/person/anyOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema19.anyOf[1].type,parentSchema:schema19.anyOf[1],data:data16};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
var _valid0 = _errs46 === errors;
valid21 = valid21 || _valid0;
}
if(!valid21){
const err41 = {instancePath:instancePath+"/teams/members/" + i5,schemaPath:"#/definitions/person/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema19.anyOf,parentSchema:schema19,data:data16};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
else {
errors = _errs43;
if(vErrors !== null){
if(_errs43){
vErrors.length = _errs43;
}
else {
vErrors = null;
}
}
}
}
let i6 = data15.length;
let j2;
if(i6 > 1){
outer2:
for(;i6--;){
for(j2 = i6; j2--;){
if(func0(data15[i6], data15[j2])){
const err42 = {instancePath:instancePath+"/teams/members",schemaPath:"#/properties/teams/properties/members/uniqueItems",keyword:"uniqueItems",params:{i: i6, j: j2},message:"must NOT have duplicate items (items ## "+j2+" and "+i6+" are identical)",schema:true,parentSchema:schema11.properties.teams.properties.members,data:data15};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
break outer2;
}
}
}
}
}
else {
const err43 = {instancePath:instancePath+"/teams/members",schemaPath:"#/properties/teams/properties/members/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.teams.properties.members.type,parentSchema:schema11.properties.teams.properties.members,data:data15};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
}
else {
const err44 = {instancePath:instancePath+"/teams",schemaPath:"#/properties/teams/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.teams.type,parentSchema:schema11.properties.teams,data:data3};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
if(data.ownership !== undefined){
let data17 = data.ownership;
if(data17 && typeof data17 == "object" && !Array.isArray(data17)){
for(const key3 in data17){
const _errs50 = errors;
if(typeof key3 === "string"){
if(func3(key3) < 1){
const err45 = {instancePath:instancePath+"/ownership",schemaPath:"#/properties/ownership/propertyNames/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.ownership.propertyNames,data:key3,propertyName:key3};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
if(!pattern9.test(key3)){
const err46 = {instancePath:instancePath+"/ownership",schemaPath:"#/properties/ownership/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[^#\\s!]"},message:"must match pattern \""+"^[^#\\s!]"+"\"",schema:"^[^#\\s!]",parentSchema:schema11.properties.ownership.propertyNames,data:key3,propertyName:key3};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
var valid23 = _errs50 === errors;
if(!valid23){
const err47 = {instancePath:instancePath+"/ownership",schemaPath:"#/properties/ownership/propertyNames",keyword:"propertyNames",params:{propertyName: key3},message:"property name must be valid",schema:schema11.properties.ownership.propertyNames,parentSchema:schema11.properties.ownership,data:data17};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
for(const key4 in data17){
let data18 = data17[key4];
const _errs53 = errors;
let valid25 = false;
const _errs54 = errors;
if(typeof data18 === "string"){
if(!pattern10.test(data18)){
const err48 = {instancePath:instancePath+"/ownership/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/owner/pattern",keyword:"pattern",params:{pattern: "^(@@?[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*|[^\\s@]+@[^\\s@]+\\.[^\\s@]+|[a-z0-9]([-a-z0-9]*[a-z0-9])?)$"},message:"must match pattern \""+"^(@@?[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*|[^\\s@]+@[^\\s@]+\\.[^\\s@]+|[a-z0-9]([-a-z0-9]*[a-z0-9])?)$"+"\"",schema:"^(@@?[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*|[^\\s@]+@[^\\s@]+\\.[^\\s@]+|[a-z0-9]([-a-z0-9]*[a-z0-9])?)$",parentSchema:schema20,data:data18};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
else {
const err49 = {instancePath:instancePath+"/ownership/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/owner/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema20.type,parentSchema:schema20,data:data18};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
var _valid1 = _errs54 === errors;
valid25 = valid25 || _valid1;
if(!valid25){
const _errs57 = errors;
if(Array.isArray(data18)){
if(data18.length < 1){
const err50 = {instancePath:instancePath+"/ownership/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/ownership/additionalProperties/anyOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema11.properties.ownership.additionalProperties.anyOf[1],data:data18};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
const len4 = data18.length;
for(let i7=0; i7<len4; i7++){
let data19 = data18[i7];
if(typeof data19 === "string"){
if(!pattern10.test(data19)){
const err51 = {instancePath:instancePath+"/ownership/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + i7,schemaPath:"#/definitions/owner/pattern",keyword:"pattern",params:{pattern: "^(@@?[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*|[^\\s@]+@[^\\s@]+\\.[^\\s@]+|[a-z0-9]([-a-z0-9]*[a-z0-9])?)$"},message:"must match pattern \""+"^(@@?[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*|[^\\s@]+@[^\\s@]+\\.[^\\s@]+|[a-z0-9]([-a-z0-9]*[a-z0-9])?)$"+"\"",schema:"^(@@?[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*|[^\\s@]+@[^\\s@]+\\.[^\\s@]+|[a-z0-9]([-a-z0-9]*[a-z0-9])?)$",parentSchema:schema20,data:data19};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
else {
const err52 = {instancePath:instancePath+"/ownership/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + i7,schemaPath:"#/definitions/owner/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema20.type,parentSchema:schema20,data:data19};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
let i8 = data18.length;
let j3;
if(i8 > 1){
outer3:
for(;i8--;){
for(j3 = i8; j3--;){
if(func0(data18[i8], data18[j3])){
const err53 = {instancePath:instancePath+"/ownership/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/ownership/additionalProperties/anyOf/1/uniqueItems",keyword:"uniqueItems",params:{i: i8, j: j3},message:"must NOT have duplicate items (items ## "+j3+" and "+i8+" are identical)",schema:true,parentSchema:schema11.properties.ownership.additionalProperties.anyOf[1],data:data18};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
break outer3;
}
}
}
}
}
else {
const err54 = {instancePath:instancePath+"/ownership/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/ownership/additionalProperties/anyOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.ownership.additionalProperties.anyOf[1].type,parentSchema:schema11.properties.ownership.additionalProperties.anyOf[1],data:data18};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
var _valid1 = _errs57 === errors;
valid25 = valid25 || _valid1;
}
if(!valid25){
const err55 = {instancePath:instancePath+"/ownership/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/ownership/additionalProperties/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema11.properties.ownership.additionalProperties.anyOf,parentSchema:schema11.properties.ownership.additionalProperties,data:data18};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
else {
errors = _errs53;
if(vErrors !== null){
if(_errs53){
vErrors.length = _errs53;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err56 = {instancePath:instancePath+"/ownership",schemaPath:"#/properties/ownership/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.ownership.type,parentSchema:schema11.properties.ownership,data:data17};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
if(data.criticalPaths !== undefined){
let data20 = data.criticalPaths;
if(Array.isArray(data20)){
const len5 = data20.length;
for(let i9=0; i9<len5; i9++){
let data21 = data20[i9];
if(typeof data21 === "string"){
if(func3(data21) < 1){
const err57 = {instancePath:instancePath+"/criticalPaths/" + i9,schemaPath:"#/properties/criticalPaths/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.criticalPaths.items,data:data21};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
if(!pattern12.test(data21)){
const err58 = {instancePath:instancePath+"/criticalPaths/" + i9,schemaPath:"#/properties/criticalPaths/items/pattern",keyword:"pattern",params:{pattern: "^(?!/)(?!.*(^|/)\\.\\.(/|$)).+$"},message:"must match pattern \""+"^(?!/)(?!.*(^|/)\\.\\.(/|$)).+$"+"\"",schema:"^(?!/)(?!.*(^|/)\\.\\.(/|$)).+$",parentSchema:schema11.properties.criticalPaths.items,data:data21};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
else {
const err59 = {instancePath:instancePath+"/criticalPaths/" + i9,schemaPath:"#/properties/criticalPaths/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.criticalPaths.items.type,parentSchema:schema11.properties.criticalPaths.items,data:data21};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
let i10 = data20.length;
let j4;
if(i10 > 1){
const indices0 = {};
for(;i10--;){
let item0 = data20[i10];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j4 = indices0[item0];
const err60 = {instancePath:instancePath+"/criticalPaths",schemaPath:"#/properties/criticalPaths/uniqueItems",keyword:"uniqueItems",params:{i: i10, j: j4},message:"must NOT have duplicate items (items ## "+j4+" and "+i10+" are identical)",schema:true,parentSchema:schema11.properties.criticalPaths,data:data20};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
break;
}
indices0[item0] = i10;
}
}
}
else {
const err61 = {instancePath:instancePath+"/criticalPaths",schemaPath:"#/properties/criticalPaths/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.criticalPaths.type,parentSchema:schema11.properties.criticalPaths,data:data20};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
if(data.namespaces !== undefined){
let data22 = data.namespaces;
if(Array.isArray(data22)){
const len6 = data22.length;
for(let i11=0; i11<len6; i11++){
let data23 = data22[i11];
if(typeof data23 === "string"){
if(func3(data23) > 63){
const err62 = {instancePath:instancePath+"/namespaces/" + i11,schemaPath:"#/definitions/dnsLabel/maxLength",keyword:"maxLength",params:{limit: 63},message:"must NOT have more than 63 characters",schema:63,parentSchema:schema17,data:data23};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
if(!pattern0.test(data23)){
const err63 = {instancePath:instancePath+"/namespaces/" + i11,schemaPath:"#/definitions/dnsLabel/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",parentSchema:schema17,data:data23};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
else {
const err64 = {instancePath:instancePath+"/namespaces/" + i11,schemaPath:"#/definitions/dnsLabel/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.type,parentSchema:schema17,data:data23};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
let i12 = data22.length;
let j5;
if(i12 > 1){
outer4:
for(;i12--;){
for(j5 = i12; j5--;){
if(func0(data22[i12], data22[j5])){
const err65 = {instancePath:instancePath+"/namespaces",schemaPath:"#/properties/namespaces/uniqueItems",keyword:"uniqueItems",params:{i: i12, j: j5},message:"must NOT have duplicate items (items ## "+j5+" and "+i12+" are identical)",schema:true,parentSchema:schema11.properties.namespaces,data:data22};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
break outer4;
}
}
}
}
}
else {
const err66 = {instancePath:instancePath+"/namespaces",schemaPath:"#/properties/namespaces/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.namespaces.type,parentSchema:schema11.properties.namespaces,data:data22};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
if(data.repositoryUrl !== undefined){
let data24 = data.repositoryUrl;
if(typeof data24 === "string"){
if(func3(data24) < 1){
const err67 = {instancePath:instancePath+"/repositoryUrl",schemaPath:"#/properties/repositoryUrl/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.repositoryUrl,data:data24};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
else {
const err68 = {instancePath:instancePath+"/repositoryUrl",schemaPath:"#/properties/repositoryUrl/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.repositoryUrl.type,parentSchema:schema11.properties.repositoryUrl,data:data24};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
if(data.platform !== undefined){
let data25 = data.platform;
if(data25 && typeof data25 == "object" && !Array.isArray(data25)){
for(const key5 in data25){
if(!((key5 === "kinds") || (key5 === "workloads"))){
const err69 = {instancePath:instancePath+"/platform",schemaPath:"#/properties/platform/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.platform,data:data25};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
if(data25.kinds !== undefined){
let data26 = data25.kinds;
if(Array.isArray(data26)){
const len7 = data26.length;
for(let i13=0; i13<len7; i13++){
let data27 = data26[i13];
if(typeof data27 === "string"){
if(!pattern14.test(data27)){
const err70 = {instancePath:instancePath+"/platform/kinds/" + i13,schemaPath:"#/properties/platform/properties/kinds/items/pattern",keyword:"pattern",params:{pattern: "^([a-z0-9.-]+/)?[A-Za-z][A-Za-z0-9]*$"},message:"must match pattern \""+"^([a-z0-9.-]+/)?[A-Za-z][A-Za-z0-9]*$"+"\"",schema:"^([a-z0-9.-]+/)?[A-Za-z][A-Za-z0-9]*$",parentSchema:schema11.properties.platform.properties.kinds.items,data:data27};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
else {
const err71 = {instancePath:instancePath+"/platform/kinds/" + i13,schemaPath:"#/properties/platform/properties/kinds/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.platform.properties.kinds.items.type,parentSchema:schema11.properties.platform.properties.kinds.items,data:data27};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
let i14 = data26.length;
let j6;
if(i14 > 1){
const indices1 = {};
for(;i14--;){
let item1 = data26[i14];
if(typeof item1 !== "string"){
continue;
}
if(typeof indices1[item1] == "number"){
j6 = indices1[item1];
const err72 = {instancePath:instancePath+"/platform/kinds",schemaPath:"#/properties/platform/properties/kinds/uniqueItems",keyword:"uniqueItems",params:{i: i14, j: j6},message:"must NOT have duplicate items (items ## "+j6+" and "+i14+" are identical)",schema:true,parentSchema:schema11.properties.platform.properties.kinds,data:data26};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
break;
}
indices1[item1] = i14;
}
}
}
else {
const err73 = {instancePath:instancePath+"/platform/kinds",schemaPath:"#/properties/platform/properties/kinds/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.platform.properties.kinds.type,parentSchema:schema11.properties.platform.properties.kinds,data:data26};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
}
if(data25.workloads !== undefined){
let data28 = data25.workloads;
if(data28 && typeof data28 == "object" && !Array.isArray(data28)){
for(const key6 in data28){
if(!((key6 === "namespaces") || (key6 === "paths"))){
const err74 = {instancePath:instancePath+"/platform/workloads",schemaPath:"#/properties/platform/properties/workloads/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.platform.properties.workloads,data:data28};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
if(data28.namespaces !== undefined){
let data29 = data28.namespaces;
if(Array.isArray(data29)){
const len8 = data29.length;
for(let i15=0; i15<len8; i15++){
let data30 = data29[i15];
if(typeof data30 === "string"){
if(func3(data30) > 63){
const err75 = {instancePath:instancePath+"/platform/workloads/namespaces/" + i15,schemaPath:"#/definitions/dnsLabel/maxLength",keyword:"maxLength",params:{limit: 63},message:"must NOT have more than 63 characters",schema:63,parentSchema:schema17,data:data30};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
if(!pattern0.test(data30)){
const err76 = {instancePath:instancePath+"/platform/workloads/namespaces/" + i15,schemaPath:"#/definitions/dnsLabel/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",parentSchema:schema17,data:data30};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
}
else {
const err77 = {instancePath:instancePath+"/platform/workloads/namespaces/" + i15,schemaPath:"#/definitions/dnsLabel/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.type,parentSchema:schema17,data:data30};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
}
let i16 = data29.length;
let j7;
if(i16 > 1){
outer5:
for(;i16--;){
for(j7 = i16; j7--;){
if(func0(data29[i16], data29[j7])){
const err78 = {instancePath:instancePath+"/platform/workloads/namespaces",schemaPath:"#/properties/platform/properties/workloads/properties/namespaces/uniqueItems",keyword:"uniqueItems",params:{i: i16, j: j7},message:"must NOT have duplicate items (items ## "+j7+" and "+i16+" are identical)",schema:true,parentSchema:schema11.properties.platform.properties.workloads.properties.namespaces,data:data29};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
break outer5;
}
}
}
}
}
else {
const err79 = {instancePath:instancePath+"/platform/workloads/namespaces",schemaPath:"#/properties/platform/properties/workloads/properties/namespaces/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.platform.properties.workloads.properties.namespaces.type,parentSchema:schema11.properties.platform.properties.workloads.properties.namespaces,data:data29};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
}
if(data28.paths !== undefined){
let data31 = data28.paths;
if(Array.isArray(data31)){
const len9 = data31.length;
for(let i17=0; i17<len9; i17++){
let data32 = data31[i17];
if(typeof data32 === "string"){
if(func3(data32) < 1){
const err80 = {instancePath:instancePath+"/platform/workloads/paths/" + i17,schemaPath:"#/properties/platform/properties/workloads/properties/paths/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.platform.properties.workloads.properties.paths.items,data:data32};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
}
else {
const err81 = {instancePath:instancePath+"/platform/workloads/paths/" + i17,schemaPath:"#/properties/platform/properties/workloads/properties/paths/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.platform.properties.workloads.properties.paths.items.type,parentSchema:schema11.properties.platform.properties.workloads.properties.paths.items,data:data32};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
}
let i18 = data31.length;
let j8;
if(i18 > 1){
const indices2 = {};
for(;i18--;){
let item2 = data31[i18];
if(typeof item2 !== "string"){
continue;
}
if(typeof indices2[item2] == "number"){
j8 = indices2[item2];
const err82 = {instancePath:instancePath+"/platform/workloads/paths",schemaPath:"#/properties/platform/properties/workloads/properties/paths/uniqueItems",keyword:"uniqueItems",params:{i: i18, j: j8},message:"must NOT have duplicate items (items ## "+j8+" and "+i18+" are identical)",schema:true,parentSchema:schema11.properties.platform.properties.workloads.properties.paths,data:data31};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
break;
}
indices2[item2] = i18;
}
}
}
else {
const err83 = {instancePath:instancePath+"/platform/workloads/paths",schemaPath:"#/properties/platform/properties/workloads/properties/paths/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.platform.properties.workloads.properties.paths.type,parentSchema:schema11.properties.platform.properties.workloads.properties.paths,data:data31};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
}
}
else {
const err84 = {instancePath:instancePath+"/platform/workloads",schemaPath:"#/properties/platform/properties/workloads/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.platform.properties.workloads.type,parentSchema:schema11.properties.platform.properties.workloads,data:data28};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
}
}
else {
const err85 = {instancePath:instancePath+"/platform",schemaPath:"#/properties/platform/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.platform.type,parentSchema:schema11.properties.platform,data:data25};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
}
if(data.environments !== undefined){
let data33 = data.environments;
if(Array.isArray(data33)){
if(data33.length < 1){
const err86 = {instancePath:instancePath+"/environments",schemaPath:"#/properties/environments/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema11.properties.environments,data:data33};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
const len10 = data33.length;
for(let i19=0; i19<len10; i19++){
let data34 = data33[i19];
if(typeof data34 === "string"){
if(func3(data34) > 63){
const err87 = {instancePath:instancePath+"/environments/" + i19,schemaPath:"#/definitions/dnsLabel/maxLength",keyword:"maxLength",params:{limit: 63},message:"must NOT have more than 63 characters",schema:63,parentSchema:schema17,data:data34};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
if(!pattern0.test(data34)){
const err88 = {instancePath:instancePath+"/environments/" + i19,schemaPath:"#/definitions/dnsLabel/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",parentSchema:schema17,data:data34};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
}
else {
const err89 = {instancePath:instancePath+"/environments/" + i19,schemaPath:"#/definitions/dnsLabel/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.type,parentSchema:schema17,data:data34};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
}
let i20 = data33.length;
let j9;
if(i20 > 1){
outer6:
for(;i20--;){
for(j9 = i20; j9--;){
if(func0(data33[i20], data33[j9])){
const err90 = {instancePath:instancePath+"/environments",schemaPath:"#/properties/environments/uniqueItems",keyword:"uniqueItems",params:{i: i20, j: j9},message:"must NOT have duplicate items (items ## "+j9+" and "+i20+" are identical)",schema:true,parentSchema:schema11.properties.environments,data:data33};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
break outer6;
}
}
}
}
}
else {
const err91 = {instancePath:instancePath+"/environments",schemaPath:"#/properties/environments/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.environments.type,parentSchema:schema11.properties.environments,data:data33};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
}
if(data.host !== undefined){
let data35 = data.host;
if(!((data35 === "github") || (data35 === "gitlab"))){
const err92 = {instancePath:instancePath+"/host",schemaPath:"#/properties/host/enum",keyword:"enum",params:{allowedValues: schema11.properties.host.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.host.enum,parentSchema:schema11.properties.host,data:data35};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
}
if(data.protection !== undefined){
let data36 = data.protection;
if(data36 && typeof data36 == "object" && !Array.isArray(data36)){
for(const key7 in data36){
if(!(((key7 === "targets") || (key7 === "branches")) || (key7 === "teamIds"))){
const err93 = {instancePath:instancePath+"/protection",schemaPath:"#/properties/protection/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.protection,data:data36};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
}
if(data36.targets !== undefined){
let data37 = data36.targets;
if(Array.isArray(data37)){
if(data37.length < 1){
const err94 = {instancePath:instancePath+"/protection/targets",schemaPath:"#/properties/protection/properties/targets/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema11.properties.protection.properties.targets,data:data37};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
const len11 = data37.length;
for(let i21=0; i21<len11; i21++){
let data38 = data37[i21];
if(!((((data38 === "github-ruleset") || (data38 === "github-branch-protection")) || (data38 === "settings")) || (data38 === "gitlab"))){
const err95 = {instancePath:instancePath+"/protection/targets/" + i21,schemaPath:"#/properties/protection/properties/targets/items/enum",keyword:"enum",params:{allowedValues: schema11.properties.protection.properties.targets.items.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.protection.properties.targets.items.enum,parentSchema:schema11.properties.protection.properties.targets.items,data:data38};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
}
let i22 = data37.length;
let j10;
if(i22 > 1){
outer7:
for(;i22--;){
for(j10 = i22; j10--;){
if(func0(data37[i22], data37[j10])){
const err96 = {instancePath:instancePath+"/protection/targets",schemaPath:"#/properties/protection/properties/targets/uniqueItems",keyword:"uniqueItems",params:{i: i22, j: j10},message:"must NOT have duplicate items (items ## "+j10+" and "+i22+" are identical)",schema:true,parentSchema:schema11.properties.protection.properties.targets,data:data37};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
break outer7;
}
}
}
}
}
else {
const err97 = {instancePath:instancePath+"/protection/targets",schemaPath:"#/properties/protection/properties/targets/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.protection.properties.targets.type,parentSchema:schema11.properties.protection.properties.targets,data:data37};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
}
if(data36.branches !== undefined){
let data39 = data36.branches;
if(data39 && typeof data39 == "object" && !Array.isArray(data39)){
for(const key8 in data39){
const _errs106 = errors;
if(typeof key8 === "string"){
if(func3(key8) > 255){
const err98 = {instancePath:instancePath+"/protection/branches",schemaPath:"#/properties/protection/properties/branches/propertyNames/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema11.properties.protection.properties.branches.propertyNames,data:key8,propertyName:key8};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
if(func3(key8) < 1){
const err99 = {instancePath:instancePath+"/protection/branches",schemaPath:"#/properties/protection/properties/branches/propertyNames/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.protection.properties.branches.propertyNames,data:key8,propertyName:key8};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
if(!pattern17.test(key8)){
const err100 = {instancePath:instancePath+"/protection/branches",schemaPath:"#/properties/protection/properties/branches/propertyNames/pattern",keyword:"pattern",params:{pattern: "^(?![-/])[A-Za-z0-9._/*?\\[\\]-]+$"},message:"must match pattern \""+"^(?![-/])[A-Za-z0-9._/*?\\[\\]-]+$"+"\"",schema:"^(?![-/])[A-Za-z0-9._/*?\\[\\]-]+$",parentSchema:schema11.properties.protection.properties.branches.propertyNames,data:key8,propertyName:key8};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
}
errors++;
}
}
var valid58 = _errs106 === errors;
if(!valid58){
const err101 = {instancePath:instancePath+"/protection/branches",schemaPath:"#/properties/protection/properties/branches/propertyNames",keyword:"propertyNames",params:{propertyName: key8},message:"property name must be valid",schema:schema11.properties.protection.properties.branches.propertyNames,parentSchema:schema11.properties.protection.properties.branches,data:data39};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
}
for(const key9 in data39){
if(!(validate11(data39[key9], {instancePath:instancePath+"/protection/branches/" + key9.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data39,parentDataProperty:key9,rootData}))){
vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);
errors = vErrors.length;
}
}
}
else {
const err102 = {instancePath:instancePath+"/protection/branches",schemaPath:"#/properties/protection/properties/branches/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.protection.properties.branches.type,parentSchema:schema11.properties.protection.properties.branches,data:data39};
if(vErrors === null){
vErrors = [err102];
}
else {
vErrors.push(err102);
}
errors++;
}
}
if(data36.teamIds !== undefined){
let data41 = data36.teamIds;
if(data41 && typeof data41 == "object" && !Array.isArray(data41)){
for(const key10 in data41){
const _errs111 = errors;
if(typeof key10 === "string"){
if(!pattern1.test(key10)){
const err103 = {instancePath:instancePath+"/protection/teamIds",schemaPath:"#/properties/protection/properties/teamIds/propertyNames/pattern",keyword:"pattern",params:{pattern: "^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9_.-]+$"},message:"must match pattern \""+"^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9_.-]+$"+"\"",schema:"^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9_.-]+$",parentSchema:schema11.properties.protection.properties.teamIds.propertyNames,data:key10,propertyName:key10};
if(vErrors === null){
vErrors = [err103];
}
else {
vErrors.push(err103);
}
errors++;
}
}
var valid60 = _errs111 === errors;
if(!valid60){
const err104 = {instancePath:instancePath+"/protection/teamIds",schemaPath:"#/properties/protection/properties/teamIds/propertyNames",keyword:"propertyNames",params:{propertyName: key10},message:"property name must be valid",schema:schema11.properties.protection.properties.teamIds.propertyNames,parentSchema:schema11.properties.protection.properties.teamIds,data:data41};
if(vErrors === null){
vErrors = [err104];
}
else {
vErrors.push(err104);
}
errors++;
}
}
for(const key11 in data41){
let data42 = data41[key11];
if(!((typeof data42 == "number") && (!(data42 % 1) && !isNaN(data42)))){
const err105 = {instancePath:instancePath+"/protection/teamIds/" + key11.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/protection/properties/teamIds/additionalProperties/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.protection.properties.teamIds.additionalProperties.type,parentSchema:schema11.properties.protection.properties.teamIds.additionalProperties,data:data42};
if(vErrors === null){
vErrors = [err105];
}
else {
vErrors.push(err105);
}
errors++;
}
if(typeof data42 == "number"){
if(data42 < 1 || isNaN(data42)){
const err106 = {instancePath:instancePath+"/protection/teamIds/" + key11.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/protection/properties/teamIds/additionalProperties/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema11.properties.protection.properties.teamIds.additionalProperties,data:data42};
if(vErrors === null){
vErrors = [err106];
}
else {
vErrors.push(err106);
}
errors++;
}
}
}
}
else {
const err107 = {instancePath:instancePath+"/protection/teamIds",schemaPath:"#/properties/protection/properties/teamIds/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.protection.properties.teamIds.type,parentSchema:schema11.properties.protection.properties.teamIds,data:data41};
if(vErrors === null){
vErrors = [err107];
}
else {
vErrors.push(err107);
}
errors++;
}
}
}
else {
const err108 = {instancePath:instancePath+"/protection",schemaPath:"#/properties/protection/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.protection.type,parentSchema:schema11.properties.protection,data:data36};
if(vErrors === null){
vErrors = [err108];
}
else {
vErrors.push(err108);
}
errors++;
}
}
if(data.access !== undefined){
let data43 = data.access;
if(data43 && typeof data43 == "object" && !Array.isArray(data43)){
for(const key12 in data43){
if(!((key12 === "teams") || (key12 === "collaborators"))){
const err109 = {instancePath:instancePath+"/access",schemaPath:"#/properties/access/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key12},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.access,data:data43};
if(vErrors === null){
vErrors = [err109];
}
else {
vErrors.push(err109);
}
errors++;
}
}
if(data43.teams !== undefined){
let data44 = data43.teams;
if(data44 && typeof data44 == "object" && !Array.isArray(data44)){
for(const key13 in data44){
const _errs120 = errors;
if(typeof key13 === "string"){
if(!pattern1.test(key13)){
const err110 = {instancePath:instancePath+"/access/teams",schemaPath:"#/definitions/team/pattern",keyword:"pattern",params:{pattern: "^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9_.-]+$"},message:"must match pattern \""+"^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9_.-]+$"+"\"",schema:"^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9_.-]+$",parentSchema:schema14,data:key13,propertyName:key13};
if(vErrors === null){
vErrors = [err110];
}
else {
vErrors.push(err110);
}
errors++;
}
}
else {
const err111 = {instancePath:instancePath+"/access/teams",schemaPath:"#/definitions/team/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.type,parentSchema:schema14,data:key13,propertyName:key13};
if(vErrors === null){
vErrors = [err111];
}
else {
vErrors.push(err111);
}
errors++;
}
var valid63 = _errs120 === errors;
if(!valid63){
const err112 = {instancePath:instancePath+"/access/teams",schemaPath:"#/properties/access/properties/teams/propertyNames",keyword:"propertyNames",params:{propertyName: key13},message:"property name must be valid",schema:schema11.properties.access.properties.teams.propertyNames,parentSchema:schema11.properties.access.properties.teams,data:data44};
if(vErrors === null){
vErrors = [err112];
}
else {
vErrors.push(err112);
}
errors++;
}
}
for(const key14 in data44){
let data45 = data44[key14];
if(!((((((data45 === "none") || (data45 === "pull")) || (data45 === "triage")) || (data45 === "push")) || (data45 === "maintain")) || (data45 === "admin"))){
const err113 = {instancePath:instancePath+"/access/teams/" + key14.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/accessPermission/enum",keyword:"enum",params:{allowedValues: schema33.enum},message:"must be equal to one of the allowed values",schema:schema33.enum,parentSchema:schema33,data:data45};
if(vErrors === null){
vErrors = [err113];
}
else {
vErrors.push(err113);
}
errors++;
}
}
}
else {
const err114 = {instancePath:instancePath+"/access/teams",schemaPath:"#/properties/access/properties/teams/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.access.properties.teams.type,parentSchema:schema11.properties.access.properties.teams,data:data44};
if(vErrors === null){
vErrors = [err114];
}
else {
vErrors.push(err114);
}
errors++;
}
}
if(data43.collaborators !== undefined){
let data46 = data43.collaborators;
if(data46 && typeof data46 == "object" && !Array.isArray(data46)){
for(const key15 in data46){
const _errs128 = errors;
if(typeof key15 === "string"){
if(!pattern20.test(key15)){
const err115 = {instancePath:instancePath+"/access/collaborators",schemaPath:"#/properties/access/properties/collaborators/propertyNames/pattern",keyword:"pattern",params:{pattern: "^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$"},message:"must match pattern \""+"^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$"+"\"",schema:"^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$",parentSchema:schema11.properties.access.properties.collaborators.propertyNames,data:key15,propertyName:key15};
if(vErrors === null){
vErrors = [err115];
}
else {
vErrors.push(err115);
}
errors++;
}
}
else {
const err116 = {instancePath:instancePath+"/access/collaborators",schemaPath:"#/properties/access/properties/collaborators/propertyNames/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.access.properties.collaborators.propertyNames.type,parentSchema:schema11.properties.access.properties.collaborators.propertyNames,data:key15,propertyName:key15};
if(vErrors === null){
vErrors = [err116];
}
else {
vErrors.push(err116);
}
errors++;
}
var valid67 = _errs128 === errors;
if(!valid67){
const err117 = {instancePath:instancePath+"/access/collaborators",schemaPath:"#/properties/access/properties/collaborators/propertyNames",keyword:"propertyNames",params:{propertyName: key15},message:"property name must be valid",schema:schema11.properties.access.properties.collaborators.propertyNames,parentSchema:schema11.properties.access.properties.collaborators,data:data46};
if(vErrors === null){
vErrors = [err117];
}
else {
vErrors.push(err117);
}
errors++;
}
}
for(const key16 in data46){
let data47 = data46[key16];
if(!((((((data47 === "none") || (data47 === "pull")) || (data47 === "triage")) || (data47 === "push")) || (data47 === "maintain")) || (data47 === "admin"))){
const err118 = {instancePath:instancePath+"/access/collaborators/" + key16.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/accessPermission/enum",keyword:"enum",params:{allowedValues: schema33.enum},message:"must be equal to one of the allowed values",schema:schema33.enum,parentSchema:schema33,data:data47};
if(vErrors === null){
vErrors = [err118];
}
else {
vErrors.push(err118);
}
errors++;
}
}
}
else {
const err119 = {instancePath:instancePath+"/access/collaborators",schemaPath:"#/properties/access/properties/collaborators/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.access.properties.collaborators.type,parentSchema:schema11.properties.access.properties.collaborators,data:data46};
if(vErrors === null){
vErrors = [err119];
}
else {
vErrors.push(err119);
}
errors++;
}
}
}
else {
const err120 = {instancePath:instancePath+"/access",schemaPath:"#/properties/access/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.access.type,parentSchema:schema11.properties.access,data:data43};
if(vErrors === null){
vErrors = [err120];
}
else {
vErrors.push(err120);
}
errors++;
}
}
if(data.version !== undefined){
let data48 = data.version;
if(typeof data48 === "string"){
if(func3(data48) < 1){
const err121 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.version,data:data48};
if(vErrors === null){
vErrors = [err121];
}
else {
vErrors.push(err121);
}
errors++;
}
}
else {
const err122 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.version.type,parentSchema:schema11.properties.version,data:data48};
if(vErrors === null){
vErrors = [err122];
}
else {
vErrors.push(err122);
}
errors++;
}
}
if(data.versioning !== undefined){
let data49 = data.versioning;
if(data49 && typeof data49 == "object" && !Array.isArray(data49)){
for(const key17 in data49){
if(!(key17 === "sources")){
const err123 = {instancePath:instancePath+"/versioning",schemaPath:"#/properties/versioning/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key17},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.versioning,data:data49};
if(vErrors === null){
vErrors = [err123];
}
else {
vErrors.push(err123);
}
errors++;
}
}
if(data49.sources !== undefined){
let data50 = data49.sources;
if(Array.isArray(data50)){
if(data50.length < 1){
const err124 = {instancePath:instancePath+"/versioning/sources",schemaPath:"#/properties/versioning/properties/sources/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema11.properties.versioning.properties.sources,data:data50};
if(vErrors === null){
vErrors = [err124];
}
else {
vErrors.push(err124);
}
errors++;
}
const len12 = data50.length;
for(let i23=0; i23<len12; i23++){
let data51 = data50[i23];
if(typeof data51 === "string"){
if(!pattern21.test(data51)){
const err125 = {instancePath:instancePath+"/versioning/sources/" + i23,schemaPath:"#/properties/versioning/properties/sources/items/pattern",keyword:"pattern",params:{pattern: "^(?!/)(?!.*(^|/)\\.\\.(/|$))[^#]+(#[A-Za-z0-9_.-]+)?$"},message:"must match pattern \""+"^(?!/)(?!.*(^|/)\\.\\.(/|$))[^#]+(#[A-Za-z0-9_.-]+)?$"+"\"",schema:"^(?!/)(?!.*(^|/)\\.\\.(/|$))[^#]+(#[A-Za-z0-9_.-]+)?$",parentSchema:schema11.properties.versioning.properties.sources.items,data:data51};
if(vErrors === null){
vErrors = [err125];
}
else {
vErrors.push(err125);
}
errors++;
}
}
else {
const err126 = {instancePath:instancePath+"/versioning/sources/" + i23,schemaPath:"#/properties/versioning/properties/sources/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.versioning.properties.sources.items.type,parentSchema:schema11.properties.versioning.properties.sources.items,data:data51};
if(vErrors === null){
vErrors = [err126];
}
else {
vErrors.push(err126);
}
errors++;
}
}
let i24 = data50.length;
let j11;
if(i24 > 1){
const indices3 = {};
for(;i24--;){
let item3 = data50[i24];
if(typeof item3 !== "string"){
continue;
}
if(typeof indices3[item3] == "number"){
j11 = indices3[item3];
const err127 = {instancePath:instancePath+"/versioning/sources",schemaPath:"#/properties/versioning/properties/sources/uniqueItems",keyword:"uniqueItems",params:{i: i24, j: j11},message:"must NOT have duplicate items (items ## "+j11+" and "+i24+" are identical)",schema:true,parentSchema:schema11.properties.versioning.properties.sources,data:data50};
if(vErrors === null){
vErrors = [err127];
}
else {
vErrors.push(err127);
}
errors++;
break;
}
indices3[item3] = i24;
}
}
}
else {
const err128 = {instancePath:instancePath+"/versioning/sources",schemaPath:"#/properties/versioning/properties/sources/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.versioning.properties.sources.type,parentSchema:schema11.properties.versioning.properties.sources,data:data50};
if(vErrors === null){
vErrors = [err128];
}
else {
vErrors.push(err128);
}
errors++;
}
}
}
else {
const err129 = {instancePath:instancePath+"/versioning",schemaPath:"#/properties/versioning/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.versioning.type,parentSchema:schema11.properties.versioning,data:data49};
if(vErrors === null){
vErrors = [err129];
}
else {
vErrors.push(err129);
}
errors++;
}
}
if(data.releases !== undefined){
let data52 = data.releases;
if(data52 && typeof data52 == "object" && !Array.isArray(data52)){
for(const key18 in data52){
if(!((((((key18 === "directory") || (key18 === "perApplication")) || (key18 === "tagFormat")) || (key18 === "repositories")) || (key18 === "windows")) || (key18 === "changelog"))){
const err130 = {instancePath:instancePath+"/releases",schemaPath:"#/properties/releases/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key18},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.releases,data:data52};
if(vErrors === null){
vErrors = [err130];
}
else {
vErrors.push(err130);
}
errors++;
}
}
if(data52.directory !== undefined){
let data53 = data52.directory;
if(typeof data53 === "string"){
if(!pattern12.test(data53)){
const err131 = {instancePath:instancePath+"/releases/directory",schemaPath:"#/properties/releases/properties/directory/pattern",keyword:"pattern",params:{pattern: "^(?!/)(?!.*(^|/)\\.\\.(/|$)).+$"},message:"must match pattern \""+"^(?!/)(?!.*(^|/)\\.\\.(/|$)).+$"+"\"",schema:"^(?!/)(?!.*(^|/)\\.\\.(/|$)).+$",parentSchema:schema11.properties.releases.properties.directory,data:data53};
if(vErrors === null){
vErrors = [err131];
}
else {
vErrors.push(err131);
}
errors++;
}
}
else {
const err132 = {instancePath:instancePath+"/releases/directory",schemaPath:"#/properties/releases/properties/directory/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.releases.properties.directory.type,parentSchema:schema11.properties.releases.properties.directory,data:data53};
if(vErrors === null){
vErrors = [err132];
}
else {
vErrors.push(err132);
}
errors++;
}
}
if(data52.perApplication !== undefined){
let data54 = data52.perApplication;
if(!(((data54 === "auto") || (data54 === "always")) || (data54 === "never"))){
const err133 = {instancePath:instancePath+"/releases/perApplication",schemaPath:"#/properties/releases/properties/perApplication/enum",keyword:"enum",params:{allowedValues: schema11.properties.releases.properties.perApplication.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.releases.properties.perApplication.enum,parentSchema:schema11.properties.releases.properties.perApplication,data:data54};
if(vErrors === null){
vErrors = [err133];
}
else {
vErrors.push(err133);
}
errors++;
}
}
if(data52.tagFormat !== undefined){
let data55 = data52.tagFormat;
if(typeof data55 === "string"){
if(func3(data55) < 1){
const err134 = {instancePath:instancePath+"/releases/tagFormat",schemaPath:"#/properties/releases/properties/tagFormat/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.releases.properties.tagFormat,data:data55};
if(vErrors === null){
vErrors = [err134];
}
else {
vErrors.push(err134);
}
errors++;
}
}
else {
const err135 = {instancePath:instancePath+"/releases/tagFormat",schemaPath:"#/properties/releases/properties/tagFormat/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.releases.properties.tagFormat.type,parentSchema:schema11.properties.releases.properties.tagFormat,data:data55};
if(vErrors === null){
vErrors = [err135];
}
else {
vErrors.push(err135);
}
errors++;
}
}
if(data52.repositories !== undefined){
let data56 = data52.repositories;
if(data56 && typeof data56 == "object" && !Array.isArray(data56)){
for(const key19 in data56){
if(!((key19 === "application") || (key19 === "infrastructure"))){
const err136 = {instancePath:instancePath+"/releases/repositories",schemaPath:"#/properties/releases/properties/repositories/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key19},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.releases.properties.repositories,data:data56};
if(vErrors === null){
vErrors = [err136];
}
else {
vErrors.push(err136);
}
errors++;
}
}
if(data56.application !== undefined){
let data57 = data56.application;
if(typeof data57 === "string"){
if(func3(data57) < 1){
const err137 = {instancePath:instancePath+"/releases/repositories/application",schemaPath:"#/properties/releases/properties/repositories/properties/application/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.releases.properties.repositories.properties.application,data:data57};
if(vErrors === null){
vErrors = [err137];
}
else {
vErrors.push(err137);
}
errors++;
}
}
else {
const err138 = {instancePath:instancePath+"/releases/repositories/application",schemaPath:"#/properties/releases/properties/repositories/properties/application/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.releases.properties.repositories.properties.application.type,parentSchema:schema11.properties.releases.properties.repositories.properties.application,data:data57};
if(vErrors === null){
vErrors = [err138];
}
else {
vErrors.push(err138);
}
errors++;
}
}
if(data56.infrastructure !== undefined){
let data58 = data56.infrastructure;
if(typeof data58 === "string"){
if(func3(data58) < 1){
const err139 = {instancePath:instancePath+"/releases/repositories/infrastructure",schemaPath:"#/properties/releases/properties/repositories/properties/infrastructure/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.releases.properties.repositories.properties.infrastructure,data:data58};
if(vErrors === null){
vErrors = [err139];
}
else {
vErrors.push(err139);
}
errors++;
}
}
else {
const err140 = {instancePath:instancePath+"/releases/repositories/infrastructure",schemaPath:"#/properties/releases/properties/repositories/properties/infrastructure/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.releases.properties.repositories.properties.infrastructure.type,parentSchema:schema11.properties.releases.properties.repositories.properties.infrastructure,data:data58};
if(vErrors === null){
vErrors = [err140];
}
else {
vErrors.push(err140);
}
errors++;
}
}
}
else {
const err141 = {instancePath:instancePath+"/releases/repositories",schemaPath:"#/properties/releases/properties/repositories/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.releases.properties.repositories.type,parentSchema:schema11.properties.releases.properties.repositories,data:data56};
if(vErrors === null){
vErrors = [err141];
}
else {
vErrors.push(err141);
}
errors++;
}
}
if(data52.windows !== undefined){
let data59 = data52.windows;
if(Array.isArray(data59)){
const len13 = data59.length;
for(let i25=0; i25<len13; i25++){
let data60 = data59[i25];
if(data60 && typeof data60 == "object" && !Array.isArray(data60)){
if(data60.days === undefined){
const err142 = {instancePath:instancePath+"/releases/windows/" + i25,schemaPath:"#/properties/releases/properties/windows/items/required",keyword:"required",params:{missingProperty: "days"},message:"must have required property '"+"days"+"'",schema:schema11.properties.releases.properties.windows.items.required,parentSchema:schema11.properties.releases.properties.windows.items,data:data60};
if(vErrors === null){
vErrors = [err142];
}
else {
vErrors.push(err142);
}
errors++;
}
if(data60.hours === undefined){
const err143 = {instancePath:instancePath+"/releases/windows/" + i25,schemaPath:"#/properties/releases/properties/windows/items/required",keyword:"required",params:{missingProperty: "hours"},message:"must have required property '"+"hours"+"'",schema:schema11.properties.releases.properties.windows.items.required,parentSchema:schema11.properties.releases.properties.windows.items,data:data60};
if(vErrors === null){
vErrors = [err143];
}
else {
vErrors.push(err143);
}
errors++;
}
for(const key20 in data60){
if(!((key20 === "days") || (key20 === "hours"))){
const err144 = {instancePath:instancePath+"/releases/windows/" + i25,schemaPath:"#/properties/releases/properties/windows/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key20},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.releases.properties.windows.items,data:data60};
if(vErrors === null){
vErrors = [err144];
}
else {
vErrors.push(err144);
}
errors++;
}
}
if(data60.days !== undefined){
let data61 = data60.days;
if(Array.isArray(data61)){
if(data61.length < 1){
const err145 = {instancePath:instancePath+"/releases/windows/" + i25+"/days",schemaPath:"#/properties/releases/properties/windows/items/properties/days/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema11.properties.releases.properties.windows.items.properties.days,data:data61};
if(vErrors === null){
vErrors = [err145];
}
else {
vErrors.push(err145);
}
errors++;
}
const len14 = data61.length;
for(let i26=0; i26<len14; i26++){
let data62 = data61[i26];
if(!(((((((data62 === "mon") || (data62 === "tue")) || (data62 === "wed")) || (data62 === "thu")) || (data62 === "fri")) || (data62 === "sat")) || (data62 === "sun"))){
const err146 = {instancePath:instancePath+"/releases/windows/" + i25+"/days/" + i26,schemaPath:"#/properties/releases/properties/windows/items/properties/days/items/enum",keyword:"enum",params:{allowedValues: schema11.properties.releases.properties.windows.items.properties.days.items.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.releases.properties.windows.items.properties.days.items.enum,parentSchema:schema11.properties.releases.properties.windows.items.properties.days.items,data:data62};
if(vErrors === null){
vErrors = [err146];
}
else {
vErrors.push(err146);
}
errors++;
}
}
let i27 = data61.length;
let j12;
if(i27 > 1){
outer8:
for(;i27--;){
for(j12 = i27; j12--;){
if(func0(data61[i27], data61[j12])){
const err147 = {instancePath:instancePath+"/releases/windows/" + i25+"/days",schemaPath:"#/properties/releases/properties/windows/items/properties/days/uniqueItems",keyword:"uniqueItems",params:{i: i27, j: j12},message:"must NOT have duplicate items (items ## "+j12+" and "+i27+" are identical)",schema:true,parentSchema:schema11.properties.releases.properties.windows.items.properties.days,data:data61};
if(vErrors === null){
vErrors = [err147];
}
else {
vErrors.push(err147);
}
errors++;
break outer8;
}
}
}
}
}
else {
const err148 = {instancePath:instancePath+"/releases/windows/" + i25+"/days",schemaPath:"#/properties/releases/properties/windows/items/properties/days/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.releases.properties.windows.items.properties.days.type,parentSchema:schema11.properties.releases.properties.windows.items.properties.days,data:data61};
if(vErrors === null){
vErrors = [err148];
}
else {
vErrors.push(err148);
}
errors++;
}
}
if(data60.hours !== undefined){
let data63 = data60.hours;
if(typeof data63 === "string"){
if(!pattern23.test(data63)){
const err149 = {instancePath:instancePath+"/releases/windows/" + i25+"/hours",schemaPath:"#/properties/releases/properties/windows/items/properties/hours/pattern",keyword:"pattern",params:{pattern: "^([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-4]):[0-5]\\d$"},message:"must match pattern \""+"^([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-4]):[0-5]\\d$"+"\"",schema:"^([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-4]):[0-5]\\d$",parentSchema:schema11.properties.releases.properties.windows.items.properties.hours,data:data63};
if(vErrors === null){
vErrors = [err149];
}
else {
vErrors.push(err149);
}
errors++;
}
}
else {
const err150 = {instancePath:instancePath+"/releases/windows/" + i25+"/hours",schemaPath:"#/properties/releases/properties/windows/items/properties/hours/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.releases.properties.windows.items.properties.hours.type,parentSchema:schema11.properties.releases.properties.windows.items.properties.hours,data:data63};
if(vErrors === null){
vErrors = [err150];
}
else {
vErrors.push(err150);
}
errors++;
}
}
}
else {
const err151 = {instancePath:instancePath+"/releases/windows/" + i25,schemaPath:"#/properties/releases/properties/windows/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.releases.properties.windows.items.type,parentSchema:schema11.properties.releases.properties.windows.items,data:data60};
if(vErrors === null){
vErrors = [err151];
}
else {
vErrors.push(err151);
}
errors++;
}
}
}
else {
const err152 = {instancePath:instancePath+"/releases/windows",schemaPath:"#/properties/releases/properties/windows/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.releases.properties.windows.type,parentSchema:schema11.properties.releases.properties.windows,data:data59};
if(vErrors === null){
vErrors = [err152];
}
else {
vErrors.push(err152);
}
errors++;
}
}
if(data52.changelog !== undefined){
let data64 = data52.changelog;
if(typeof data64 === "string"){
if(!pattern24.test(data64)){
const err153 = {instancePath:instancePath+"/releases/changelog",schemaPath:"#/properties/releases/properties/changelog/pattern",keyword:"pattern",params:{pattern: "^(?!/)(?!.*(^|/)\\.\\.(/|$)).+\\.md$"},message:"must match pattern \""+"^(?!/)(?!.*(^|/)\\.\\.(/|$)).+\\.md$"+"\"",schema:"^(?!/)(?!.*(^|/)\\.\\.(/|$)).+\\.md$",parentSchema:schema11.properties.releases.properties.changelog,data:data64};
if(vErrors === null){
vErrors = [err153];
}
else {
vErrors.push(err153);
}
errors++;
}
}
else {
const err154 = {instancePath:instancePath+"/releases/changelog",schemaPath:"#/properties/releases/properties/changelog/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.releases.properties.changelog.type,parentSchema:schema11.properties.releases.properties.changelog,data:data64};
if(vErrors === null){
vErrors = [err154];
}
else {
vErrors.push(err154);
}
errors++;
}
}
}
else {
const err155 = {instancePath:instancePath+"/releases",schemaPath:"#/properties/releases/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.releases.type,parentSchema:schema11.properties.releases,data:data52};
if(vErrors === null){
vErrors = [err155];
}
else {
vErrors.push(err155);
}
errors++;
}
}
if(data.rules !== undefined){
if(!(validate15(data.rules, {instancePath:instancePath+"/rules",parentData:data,parentDataProperty:"rules",rootData}))){
vErrors = vErrors === null ? validate15.errors : vErrors.concat(validate15.errors);
errors = vErrors.length;
}
}
if(data.overrides !== undefined){
let data66 = data.overrides;
if(Array.isArray(data66)){
const len15 = data66.length;
for(let i28=0; i28<len15; i28++){
let data67 = data66[i28];
if(data67 && typeof data67 == "object" && !Array.isArray(data67)){
if(data67.files === undefined){
const err156 = {instancePath:instancePath+"/overrides/" + i28,schemaPath:"#/properties/overrides/items/required",keyword:"required",params:{missingProperty: "files"},message:"must have required property '"+"files"+"'",schema:schema11.properties.overrides.items.required,parentSchema:schema11.properties.overrides.items,data:data67};
if(vErrors === null){
vErrors = [err156];
}
else {
vErrors.push(err156);
}
errors++;
}
if(data67.rules === undefined){
const err157 = {instancePath:instancePath+"/overrides/" + i28,schemaPath:"#/properties/overrides/items/required",keyword:"required",params:{missingProperty: "rules"},message:"must have required property '"+"rules"+"'",schema:schema11.properties.overrides.items.required,parentSchema:schema11.properties.overrides.items,data:data67};
if(vErrors === null){
vErrors = [err157];
}
else {
vErrors.push(err157);
}
errors++;
}
for(const key21 in data67){
if(!((key21 === "files") || (key21 === "rules"))){
const err158 = {instancePath:instancePath+"/overrides/" + i28,schemaPath:"#/properties/overrides/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key21},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.overrides.items,data:data67};
if(vErrors === null){
vErrors = [err158];
}
else {
vErrors.push(err158);
}
errors++;
}
}
if(data67.files !== undefined){
let data68 = data67.files;
if(Array.isArray(data68)){
if(data68.length < 1){
const err159 = {instancePath:instancePath+"/overrides/" + i28+"/files",schemaPath:"#/properties/overrides/items/properties/files/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema11.properties.overrides.items.properties.files,data:data68};
if(vErrors === null){
vErrors = [err159];
}
else {
vErrors.push(err159);
}
errors++;
}
const len16 = data68.length;
for(let i29=0; i29<len16; i29++){
let data69 = data68[i29];
if(typeof data69 === "string"){
if(func3(data69) < 1){
const err160 = {instancePath:instancePath+"/overrides/" + i28+"/files/" + i29,schemaPath:"#/properties/overrides/items/properties/files/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.overrides.items.properties.files.items,data:data69};
if(vErrors === null){
vErrors = [err160];
}
else {
vErrors.push(err160);
}
errors++;
}
}
else {
const err161 = {instancePath:instancePath+"/overrides/" + i28+"/files/" + i29,schemaPath:"#/properties/overrides/items/properties/files/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.overrides.items.properties.files.items.type,parentSchema:schema11.properties.overrides.items.properties.files.items,data:data69};
if(vErrors === null){
vErrors = [err161];
}
else {
vErrors.push(err161);
}
errors++;
}
}
}
else {
const err162 = {instancePath:instancePath+"/overrides/" + i28+"/files",schemaPath:"#/properties/overrides/items/properties/files/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.overrides.items.properties.files.type,parentSchema:schema11.properties.overrides.items.properties.files,data:data68};
if(vErrors === null){
vErrors = [err162];
}
else {
vErrors.push(err162);
}
errors++;
}
}
if(data67.rules !== undefined){
if(!(validate15(data67.rules, {instancePath:instancePath+"/overrides/" + i28+"/rules",parentData:data67,parentDataProperty:"rules",rootData}))){
vErrors = vErrors === null ? validate15.errors : vErrors.concat(validate15.errors);
errors = vErrors.length;
}
}
}
else {
const err163 = {instancePath:instancePath+"/overrides/" + i28,schemaPath:"#/properties/overrides/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.overrides.items.type,parentSchema:schema11.properties.overrides.items,data:data67};
if(vErrors === null){
vErrors = [err163];
}
else {
vErrors.push(err163);
}
errors++;
}
}
}
else {
const err164 = {instancePath:instancePath+"/overrides",schemaPath:"#/properties/overrides/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.overrides.type,parentSchema:schema11.properties.overrides,data:data66};
if(vErrors === null){
vErrors = [err164];
}
else {
vErrors.push(err164);
}
errors++;
}
}
if(data.ignores !== undefined){
let data71 = data.ignores;
if(Array.isArray(data71)){
const len17 = data71.length;
for(let i30=0; i30<len17; i30++){
let data72 = data71[i30];
if(typeof data72 === "string"){
if(func3(data72) < 1){
const err165 = {instancePath:instancePath+"/ignores/" + i30,schemaPath:"#/properties/ignores/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.ignores.items,data:data72};
if(vErrors === null){
vErrors = [err165];
}
else {
vErrors.push(err165);
}
errors++;
}
}
else {
const err166 = {instancePath:instancePath+"/ignores/" + i30,schemaPath:"#/properties/ignores/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.ignores.items.type,parentSchema:schema11.properties.ignores.items,data:data72};
if(vErrors === null){
vErrors = [err166];
}
else {
vErrors.push(err166);
}
errors++;
}
}
}
else {
const err167 = {instancePath:instancePath+"/ignores",schemaPath:"#/properties/ignores/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.ignores.type,parentSchema:schema11.properties.ignores,data:data71};
if(vErrors === null){
vErrors = [err167];
}
else {
vErrors.push(err167);
}
errors++;
}
}
if(data.linterOptions !== undefined){
let data73 = data.linterOptions;
if(data73 && typeof data73 == "object" && !Array.isArray(data73)){
for(const key22 in data73){
if(!((key22 === "reportUnusedDisableDirectives") || (key22 === "maxFileSize"))){
const err168 = {instancePath:instancePath+"/linterOptions",schemaPath:"#/properties/linterOptions/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key22},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.linterOptions,data:data73};
if(vErrors === null){
vErrors = [err168];
}
else {
vErrors.push(err168);
}
errors++;
}
}
if(data73.reportUnusedDisableDirectives !== undefined){
let data74 = data73.reportUnusedDisableDirectives;
if(!(((data74 === "off") || (data74 === "warn")) || (data74 === "error"))){
const err169 = {instancePath:instancePath+"/linterOptions/reportUnusedDisableDirectives",schemaPath:"#/properties/linterOptions/properties/reportUnusedDisableDirectives/enum",keyword:"enum",params:{allowedValues: schema11.properties.linterOptions.properties.reportUnusedDisableDirectives.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.linterOptions.properties.reportUnusedDisableDirectives.enum,parentSchema:schema11.properties.linterOptions.properties.reportUnusedDisableDirectives,data:data74};
if(vErrors === null){
vErrors = [err169];
}
else {
vErrors.push(err169);
}
errors++;
}
}
if(data73.maxFileSize !== undefined){
let data75 = data73.maxFileSize;
if(!((typeof data75 == "number") && (!(data75 % 1) && !isNaN(data75)))){
const err170 = {instancePath:instancePath+"/linterOptions/maxFileSize",schemaPath:"#/properties/linterOptions/properties/maxFileSize/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.linterOptions.properties.maxFileSize.type,parentSchema:schema11.properties.linterOptions.properties.maxFileSize,data:data75};
if(vErrors === null){
vErrors = [err170];
}
else {
vErrors.push(err170);
}
errors++;
}
if(typeof data75 == "number"){
if(data75 < 1024 || isNaN(data75)){
const err171 = {instancePath:instancePath+"/linterOptions/maxFileSize",schemaPath:"#/properties/linterOptions/properties/maxFileSize/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1024},message:"must be >= 1024",schema:1024,parentSchema:schema11.properties.linterOptions.properties.maxFileSize,data:data75};
if(vErrors === null){
vErrors = [err171];
}
else {
vErrors.push(err171);
}
errors++;
}
}
}
}
else {
const err172 = {instancePath:instancePath+"/linterOptions",schemaPath:"#/properties/linterOptions/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.linterOptions.type,parentSchema:schema11.properties.linterOptions,data:data73};
if(vErrors === null){
vErrors = [err172];
}
else {
vErrors.push(err172);
}
errors++;
}
}
if(data.scaffold !== undefined){
let data76 = data.scaffold;
if(data76 && typeof data76 == "object" && !Array.isArray(data76)){
if(data76.version !== undefined){
let data77 = data76.version;
if(typeof data77 === "string"){
if(func3(data77) < 1){
const err173 = {instancePath:instancePath+"/scaffold/version",schemaPath:"#/properties/scaffold/properties/version/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.scaffold.properties.version,data:data77};
if(vErrors === null){
vErrors = [err173];
}
else {
vErrors.push(err173);
}
errors++;
}
}
else {
const err174 = {instancePath:instancePath+"/scaffold/version",schemaPath:"#/properties/scaffold/properties/version/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.scaffold.properties.version.type,parentSchema:schema11.properties.scaffold.properties.version,data:data77};
if(vErrors === null){
vErrors = [err174];
}
else {
vErrors.push(err174);
}
errors++;
}
}
}
else {
const err175 = {instancePath:instancePath+"/scaffold",schemaPath:"#/properties/scaffold/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.scaffold.type,parentSchema:schema11.properties.scaffold,data:data76};
if(vErrors === null){
vErrors = [err175];
}
else {
vErrors.push(err175);
}
errors++;
}
}
}
else {
const err176 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.type,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err176];
}
else {
vErrors.push(err176);
}
errors++;
}
validate10.errors = vErrors;
return errors === 0;
}
