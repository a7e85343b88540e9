/**
 * The ESLint plugin's worker thread: ESLint's rules and processors are synchronous, gitops-init's
 * lint is not, so the plugin asks this thread and waits (synckit). The thread stays up between
 * files, with the rules loaded.
 */
import { runAsWorker } from 'synckit';
import { lintEditorText, type EditorTextFindings, type EditorTextRequest } from './lint-text.js';

runAsWorker(async (request: EditorTextRequest): Promise<EditorTextFindings> => lintEditorText(request));
