import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** Whether util-linux `script` is here to make a pseudo-terminal. */
export const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/**
 * Runs a command in a pseudo-terminal made by util-linux's `script`, typing as a person would
 * and reading the screen it draws.
 */
export class Terminal {
  readonly #child: ChildProcessWithoutNullStreams;
  screen = '';
  readonly exited: Promise<number>;

  constructor(command: string, cwd: string, env: NodeJS.ProcessEnv = {}) {
    this.#child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'xterm', COLUMNS: '120', LINES: '40', ...env },
    });
    this.#child.stdout.on('data', (chunk: Buffer) => (this.screen += chunk.toString()));
    this.#child.stderr.on('data', (chunk: Buffer) => (this.screen += chunk.toString()));
    this.exited = new Promise((resolve) => this.#child.on('close', (code) => resolve(code ?? -1)));
  }

  /** Waits until the screen (since `from`) matches, then returns the new position. */
  async waitFor(pattern: RegExp, from = 0, timeoutMs = 15_000): Promise<number> {
    const started = Date.now();
    for (;;) {
      const match = pattern.exec(this.screen.slice(from));
      if (match) return from + match.index + match[0].length;
      if (Date.now() - started > timeoutMs)
        throw new Error(`timed out waiting for ${String(pattern)}; screen:\n${this.screen.slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  type(keys: string): void {
    this.#child.stdin.write(keys);
  }

  kill(): void {
    this.#child.kill('SIGKILL');
  }
}
