import type { Formatter } from '../engine/results.js';

/** ESLint's json formatter: the results as they are, absolute paths and all, on one line. */
const json: Formatter = (results) => JSON.stringify(results);

export default json;
