// Runs the built CLI as a child on a crafted repository and measures it: peak resident memory sampled
// from /proc (the child is killed past a hard ceiling, so a regression fails the test instead of the
// machine), wall time (killed past a timeout), and its output. Plus a sentinel: a folder outside the
// repository whose every entry (kind, size, mtime, bytes, link target) must be unchanged afterwards.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { CLI } from './cli.ts';

export interface MeasuredRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Highest VmHWM (peak resident set) seen in /proc/<pid>/status, in MB. */
  peakRssMb: number;
  seconds: number;
  /** Why the harness killed the child, or null. */
  killed: string | null;
}

function peakRssMbOf(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null; // Gone already.
  }
}

export async function runMeasured(args: string[], options: { env?: NodeJS.ProcessEnv; killAboveMb?: number; timeoutMs?: number } = {}): Promise<MeasuredRun> {
  const killAboveMb = options.killAboveMb ?? 3072;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let peakRssMb = 0;
  let killed: string | null = null;
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const sampler = setInterval(() => {
    const rss = peakRssMbOf(child.pid!);
    if (rss !== null) peakRssMb = Math.max(peakRssMb, rss);
    if (!killed && peakRssMb > killAboveMb) killed = `resident memory passed ${killAboveMb} MB`;
    if (!killed && performance.now() - started > timeoutMs) killed = `still running after ${timeoutMs / 1000} s`;
    if (killed) child.kill('SIGKILL');
  }, 20);
  const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  clearInterval(sampler);
  return { status, stdout, stderr, peakRssMb: Math.round(peakRssMb), seconds: (performance.now() - started) / 1000, killed };
}

/** Every entry under `dir`: kind, size, mtime, content hash or link target. */
export function snapshot(dir: string): Map<string, string> {
  const entries = new Map<string, string>();
  const walk = (folder: string, prefix: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      const info = lstatSync(path);
      const key = prefix + name;
      if (info.isSymbolicLink()) entries.set(key, `link ${readlinkSync(path)}`);
      else if (info.isDirectory()) {
        entries.set(key, `dir ${info.mtimeMs}`);
        walk(path, `${key}/`);
      } else if (info.isFile()) entries.set(key, `file ${info.size} ${info.mtimeMs} ${createHash('sha256').update(readFileSync(path)).digest('hex')}`);
      else entries.set(key, `other ${info.mode}`);
    }
  };
  walk(dir, '');
  return entries;
}

/** The non-empty lines of a stream's output. */
export function linesOf(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}
