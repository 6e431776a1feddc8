/**
 * A command in a real pseudo-terminal (util-linux `script`): the command is the terminal's foreground process group, and
 * a ^C written to the terminal makes the tty driver send SIGINT to that whole group, exactly as a Ctrl-C typed by a person.
 *
 * `script` runs the command with `$SHELL -c`. The shell is pinned to /bin/sh so the test behaves the same on every
 * machine, and commands start the program with `exec`: dash (Debian's /bin/sh) keeps waiting as the parent of a lone
 * command instead of becoming it, so a ^C would also kill that shell and `script` would report its 130, not the
 * program's exit code. A person's interactive shell is not in the foreground group at all; `exec` is the faithful model.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';

export class Terminal {
  private raw = '';
  private readonly child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(command: string, options: { cwd: string; env?: NodeJS.ProcessEnv }) {
    // -q no banner, -f flush at once, -e exit with the command's code, -c the command; no typescript file.
    if (!/(^|;\s*)exec /.test(command)) throw new Error(`Start the program with exec (see above): ${command}`);
    const env = { ...(options.env ?? process.env), SHELL: '/bin/sh' };
    this.child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: options.cwd, env });
    this.child.stdout.on('data', (chunk: Buffer) => (this.raw += chunk.toString('utf8')));
    this.child.stderr.on('data', (chunk: Buffer) => (this.raw += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** What the terminal showed, with the tty's \r\n as \n. */
  get output(): string {
    return this.raw.replace(/\r\n?/g, '\n');
  }

  /** Types into the terminal: '\x03' is Ctrl-C. */
  type(text: string): void {
    this.child.stdin.write(text);
  }

  /** Resolves once the output matches; fails with the output so far after timeoutMs. */
  async waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this.output.match(pattern);
      if (match) return match;
      const ended = await Promise.race([this.exited.then(() => true), sleep(250).then(() => false)]);
      if (ended && !this.output.match(pattern)) throw new Error(`The command exited before printing ${pattern}:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`Nothing matched ${pattern} within ${timeoutMs / 1000} s:\n${this.output}`);
    }
  }

  /** Waits for the command to end; kills `script` (and so hangs up the terminal) after timeoutMs. */
  async end(timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
