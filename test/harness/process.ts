import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `seam` entry point, run with the pinned Node that runs the tests. */
export const cliPath = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface ProcessOptions {
  /** Passed as --data-dir; left out when absent. */
  dataDir?: string;
  /** Extra environment variables, over an environment without any SEAM_* variable. */
  env?: Record<string, string>;
}

type After = { after(fn: () => void | Promise<void>): void };

/** The parent's environment without SEAM_* settings or the test runner's own markers, so a child sees only what a test gives it. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('SEAM_') && !k.startsWith('NODE_TEST')) env[k] = v;
  }
  return { ...env, ...extra };
}

function seamArgs(args: string[], dataDir: string | undefined): string[] {
  return [cliPath, ...args, ...(dataDir === undefined ? [] : ['--data-dir', dataDir])];
}

/** Runs one `seam` command to completion as a child process; killed and failed after `timeoutMs`. */
export function runSeam(
  args: string[],
  options: ProcessOptions & { stdin?: string; timeoutMs?: number } = {},
): Promise<RunResult> {
  const { dataDir, stdin, timeoutMs = 120_000 } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, seamArgs(args, dataDir), { env: childEnv(options.env), stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`seam ${args.join(' ')} took over ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(stdin ?? '');
  });
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A `seam serve` child process that has said where it listens. */
export interface ServeProcess {
  url: string;
  child: ChildProcess;
  /** Everything the child has written to stdout and stderr so far. */
  output(): string;
  /** Resolves when the child has exited. */
  exited: Promise<Exit>;
  /** Sends the signal and waits for the child to exit. */
  kill(signal?: NodeJS.Signals): Promise<Exit>;
}

/**
 * Starts `seam serve --port 0 --data-dir DIR [args]` and waits (at most `deadlineMs`) for its
 * "listening on URL" line; the child is SIGKILLed when the test ends if it is still running.
 */
export async function startServe(
  t: After,
  dataDir: string,
  options: ProcessOptions & { args?: string[]; deadlineMs?: number } = {},
): Promise<ServeProcess> {
  const { args = [], deadlineMs = 60_000 } = options;
  const child = spawn(process.execPath, seamArgs(['serve', '--port', '0', ...args], dataDir), {
    env: childEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stdout = '';
  const exited = new Promise<Exit>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const running = () => child.exitCode === null && child.signalCode === null;
  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (running()) child.kill(signal);
    return exited;
  };
  t.after(async () => {
    await kill('SIGKILL');
  });

  const url = await new Promise<string>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`seam serve ${why}; output so far:\n${output}`));
    };
    const timer = setTimeout(() => fail(`did not listen within ${deadlineMs} ms`), deadlineMs);
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      output += s;
      stdout += s;
      const m = /listening on (http:\/\/\S+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => (output += s));
    child.on('error', (err) => fail(`failed to start: ${err.message}`));
    void exited.then(({ code, signal }) => fail(`exited (code ${code}, signal ${signal}) before listening`));
  });
  return { url, child, output: () => output, exited, kill };
}

export interface DemoLogin {
  username: string;
  org: string;
  roles: string[];
  password: string;
}

export const demoCredentialsFile = (dataDir: string) => join(dataDir, 'demo-credentials.txt');

/** The demo logins written to DIR/demo-credentials.txt (`username  org  roles  password` a line), by username. */
export function readDemoCredentials(dataDir: string): Map<string, DemoLogin> {
  const logins = new Map<string, DemoLogin>();
  for (const line of readFileSync(demoCredentialsFile(dataDir), 'utf8').split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [username, org, roles, password] = line.trim().split(/\s+/);
    logins.set(username, { username, org, roles: roles.split(','), password });
  }
  return logins;
}

/** The demo password of a user, or a failure naming the file. */
export function demoPassword(dataDir: string, username: string): string {
  const login = readDemoCredentials(dataDir).get(username);
  if (!login) throw new Error(`${username} is not in ${demoCredentialsFile(dataDir)}`);
  return login.password;
}
