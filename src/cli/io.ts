/** Where the CLI writes and what it knows of the terminal; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether standard output is a terminal (colour, interactive prompts). */
  isTTY: boolean;
  /** Whether standard input is a terminal. */
  stdinIsTTY: boolean;
  env: NodeJS.ProcessEnv;
  /** The directory the command was started in. */
  cwd: string;
}

/**
 * A writer to a stream that stops writing once the reader has gone (`gitops-init lint | head`):
 * the pipe's EPIPE would otherwise end the run with a stack trace. The run goes on and exits
 * with its own code, as it would have.
 */
function streamWriter(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

export function processIo(): CliIo {
  return {
    stdout: streamWriter(process.stdout),
    stderr: streamWriter(process.stderr),
    isTTY: process.stdout.isTTY === true,
    stdinIsTTY: process.stdin.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Colour on a terminal, unless NO_COLOR; FORCE_COLOR forces it (https://no-color.org, https://force-color.org). */
export function useColor(io: CliIo, flag: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return io.isTTY;
}
