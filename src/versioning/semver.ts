// The few functions of `semver` that gitops-init uses, imported one file each: the package's
// index loads all of its ~50 modules, a cost every command would pay at start-up.
export { default as compare } from 'semver/functions/compare.js';
export { default as eq } from 'semver/functions/eq.js';
export { default as gt } from 'semver/functions/gt.js';
export { default as inc } from 'semver/functions/inc.js';
export { default as lt } from 'semver/functions/lt.js';
export { default as parse } from 'semver/functions/parse.js';
export { default as valid } from 'semver/functions/valid.js';
