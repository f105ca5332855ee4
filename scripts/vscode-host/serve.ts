// Serves a workspace in the real VS Code host for a look by hand (or by a browser you point at it).
//   node scripts/vscode-host/serve.ts <workspace> [--vsix dist/vsix/asset-lens-0.1.0-linux-x64.vsix] [--work <dir>]
// Prints the URL, runs until Ctrl+C, then ends the whole code-server process tree.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { installExtension, setUpHost, startHost } from './host.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { vsix: { type: 'string' }, work: { type: 'string' } } });
const [workspace] = positionals;
if (!workspace) {
  console.error('usage: node scripts/vscode-host/serve.ts <workspace> [--vsix FILE] [--work DIR]');
  process.exit(2);
}
const folders = { hostDir: await setUpHost(), workDir: resolve(values.work ?? mkdtempSync(join(tmpdir(), 'asset-lens-host-'))) };
if (values.vsix) await installExtension(folders, resolve(values.vsix));
const host = await startHost(folders, resolve(workspace));
console.log(`${host.url}/?folder=${encodeURIComponent(resolve(workspace))}\n(host files in ${folders.workDir}; Ctrl+C stops)`);
const stop = () => void host.stop().then(() => process.exit(0));
process.once('SIGINT', stop).once('SIGTERM', stop);
