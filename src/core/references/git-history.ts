// What image paths used to hold, from git: files deleted or renamed away, and their last bytes.
// git runs with execFile (no shell), a timeout and an output cap; no git or no repository means no history.
import { execFile } from 'node:child_process';
import { contentHash } from '../hash.ts';

const TIMEOUT_MS = 15_000;
const MAX_LOG_BYTES = 32 * 1024 * 1024;
const MAX_BLOB_BYTES = 64 * 1024 * 1024;
/** Commits searched for deletions and renames, newest first. */
const MAX_COMMITS = 5000;

function git(root: string, args: string[], maxBuffer: number): Promise<Buffer | null> {
  return new Promise((resolve) => {
    execFile('git', ['-C', root, ...args], { encoding: 'buffer', timeout: TIMEOUT_MS, maxBuffer, windowsHide: true }, (error, stdout) =>
      resolve(error ? null : stdout),
    );
  });
}

export class GitHistory {
  private readonly root: string;
  private lastCommitOf: Map<string, string> | null = null;

  constructor(root: string) {
    this.root = root;
  }

  /** For each path (relative to the root) deleted or renamed away, the newest commit that did it. */
  private async removals(): Promise<Map<string, string>> {
    if (this.lastCommitOf) return this.lastCommitOf;
    const map = new Map<string, string>();
    const log = await git(this.root, ['log', `-n${MAX_COMMITS}`, '--relative', '-M', '--diff-filter=DR', '--name-status', '-z', '--format=%x01%H'], MAX_LOG_BYTES);
    if (log) {
      for (const commit of log.toString('utf8').split('\x01').slice(1)) {
        const fields = commit.split('\0').map((f) => f.trim());
        const hash = fields[0]!.split('\n')[0]!;
        for (let i = 1; i < fields.length; i++) {
          const status = fields[i]!;
          if (status === 'D' || status.startsWith('R')) {
            const path = fields[i + 1];
            if (path && !map.has(path)) map.set(path, hash);
            i += status === 'D' ? 1 : 2;
          }
        }
      }
    }
    this.lastCommitOf = map;
    return map;
  }

  /** SHA-256 of the bytes the path held just before it was deleted or renamed, or null. */
  async lastContentHash(path: string): Promise<string | null> {
    const commit = (await this.removals()).get(path);
    if (!commit) return null;
    const bytes = await git(this.root, ['show', '--no-textconv', `${commit}^:./${path}`], MAX_BLOB_BYTES);
    return bytes ? contentHash(bytes) : null;
  }
}
