import type { Formatter } from '../engine/results.js';

/**
 * ESLint's json formatter: the results as they are, absolute paths and all, on one line. Findings
 * the suppressions file accepts are in each result's `suppressedMessages`, as ESLint's.
 */
const json: Formatter = (results) => JSON.stringify(results);

export default json;
