// Starts and stops a real VS Code host (code-server, set up by setup.sh) for end-to-end tests.
// Everything the host writes (HOME, settings, extensions, logs) stays inside one scratch folder.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, readdirSync, writeFileSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const execFileAsync = promisify(execFile);
const SETUP_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'setup.sh');

/** User settings for a quiet, deterministic workbench. */
export const HOST_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  // Without this an agent host starts that needs @vscode/sqlite3 rebuilt (+52 s per start).
  'chat.disableAIFeatures': true,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.autofetch': false,
  'git.openRepositoryInParentFolders': 'never',
  'assetLens.cloud.enabled': false,
};

export interface HostFolders {
  /** code-server install folder (printed by setup.sh). */
  hostDir: string;
  /** Scratch folder for HOME, user data, extensions and logs of this run. */
  workDir: string;
}

export interface RunningHost {
  url: string;
  port: number;
  pid: number;
  userDataDir: string;
  logFile: string;
  /** Ends the whole process tree (server, extension hosts, terminals, watchers). */
  stop(): Promise<void>;
}

/** Runs setup.sh (fast when the cache is warm) and returns the code-server folder. */
export async function setUpHost(): Promise<string> {
  const { stdout } = await execFileAsync('bash', [SETUP_SCRIPT], { maxBuffer: 1 << 24, timeout: 20 * 60_000 });
  const hostDir = stdout.trim().split('\n').pop();
  if (!hostDir) throw new Error(`${SETUP_SCRIPT}: printed no host folder`);
  return hostDir;
}

function paths({ hostDir, workDir }: HostFolders) {
  return {
    node: resolve(hostDir, '..', 'node', 'bin', 'node'),
    entry: join(hostDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    home: join(workDir, 'home'),
    config: join(workDir, 'config.yaml'),
    extensionsDir: join(workDir, 'extensions'),
    userDataDir: join(workDir, 'user-data'),
    logFile: join(workDir, 'code-server.log'),
  };
}

function prepare(folders: HostFolders, settings: Record<string, unknown>) {
  const p = paths(folders);
  for (const dir of [p.home, p.extensionsDir, join(p.userDataDir, 'User')]) mkdirSync(dir, { recursive: true });
  // A non-empty --config keeps code-server away from ~/.config/code-server/config.yaml.
  writeFileSync(p.config, 'auth: none\ncert: false\n');
  writeFileSync(join(p.userDataDir, 'User', 'settings.json'), JSON.stringify({ ...HOST_SETTINGS, ...settings }, null, 2));
  return p;
}

function hostEnv(home: string, extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share'), XDG_CACHE_HOME: join(home, '.cache') };
  // The e2e host never talks to a cloud model.
  delete env.GEMINI_API_KEY;
  delete env.GOOGLE_API_KEY;
  delete env.VSCODE_IPC_HOOK_CLI;
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

export async function installExtension(folders: HostFolders, vsixPath: string): Promise<string> {
  const p = prepare(folders, {});
  const { stdout, stderr } = await execFileAsync(
    p.node,
    [p.entry, '--config', p.config, '--extensions-dir', p.extensionsDir, '--user-data-dir', p.userDataDir, '--install-extension', vsixPath, '--force'],
    { env: hostEnv(p.home, {}), timeout: 120_000, maxBuffer: 1 << 24 },
  );
  const output = `${stdout}${stderr}`;
  if (!/successfully installed/i.test(output)) throw new Error(`${vsixPath}: code-server did not install it:\n${output}`);
  return output;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** All descendants of `rootPid` (children first discovered, then theirs), read from /proc. */
function descendants(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // the process ended while we looked
    }
    // Field 4 (ppid) follows the parenthesised command name, which may itself contain spaces.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const queue = [rootPid];
  while (queue.length) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signal(pid: number, sig: NodeJS.Signals, group = false): void {
  try {
    process.kill(group ? -pid : pid, sig);
  } catch {
    // already gone
  }
}

/** Ends a process started by us together with everything it started, including detached terminals. */
export async function killTree(rootPid: number, graceMs = 3000): Promise<void> {
  const tree = [rootPid, ...descendants(rootPid)];
  for (const pid of tree) signal(pid, 'SIGTERM');
  signal(rootPid, 'SIGTERM', true);
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && tree.some(isAlive)) await new Promise((r) => setTimeout(r, 100));
  for (const pid of [...tree, ...descendants(rootPid)]) signal(pid, 'SIGKILL');
  signal(rootPid, 'SIGKILL', true);
}

async function waitForHealth(url: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}; see ${logFile}:\n${readFileSync(logFile, 'utf8').slice(-3000)}`);
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs} ms; see ${logFile}`);
}

export interface StartOptions {
  /** Extra user settings on top of HOST_SETTINGS. */
  settings?: Record<string, unknown>;
  /** Extra environment for the server and its extension hosts (undefined deletes a variable). */
  env?: Record<string, string | undefined>;
  startTimeoutMs?: number;
  /** Keep VS Code's workspace trust on, so a folder not trusted before opens in Restricted Mode. */
  workspaceTrust?: boolean;
}

export async function startHost(folders: HostFolders, workspace: string, options: StartOptions = {}): Promise<RunningHost> {
  const trust = options.workspaceTrust ?? false;
  // With trust on, no startup prompt: the folder stays in Restricted Mode until trusted.
  const trustSettings = trust ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } : {};
  const p = prepare(folders, { ...trustSettings, ...options.settings });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = openSync(p.logFile, 'a');
  const child = spawn(
    p.node,
    [
      p.entry, '--config', p.config, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry', '--disable-update-check', ...(trust ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override',
      '--extensions-dir', p.extensionsDir, '--user-data-dir', p.userDataDir,
      '--vscode-option', 'enable-smoke-test-driver', workspace,
    ],
    // Its own process group, so stop() reaches every process it starts.
    { env: hostEnv(p.home, options.env ?? {}), stdio: ['ignore', log, log], detached: true },
  );
  closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${p.node} ${p.entry}`);
  // Last resort if the test process dies without calling stop(): end the server's process group.
  const killOnExit = () => signal(pid, 'SIGKILL', true);
  process.once('exit', killOnExit);
  let stopped: Promise<void> | undefined;
  const host: RunningHost = {
    url, port, pid, userDataDir: p.userDataDir, logFile: p.logFile,
    stop: () => (stopped ??= killTree(pid).finally(() => process.off('exit', killOnExit))),
  };
  try {
    await waitForHealth(url, child, p.logFile, options.startTimeoutMs ?? 60_000);
  } catch (error) {
    await host.stop();
    throw error;
  }
  return host;
}
