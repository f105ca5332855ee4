// Runs the bundled in-host suite in a real extension host: code-server with the smoke-test driver on,
// the workbench opened in headless Chromium with extensionDevelopmentPath and extensionTestsPath in
// its payload (code-server rejects them as flags), and the suite's result taken from
// codeAutomationExit. The browser page must stay open, or no extension host runs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startHost, type HostFolders, type StartOptions } from '../../../scripts/vscode-host/host.ts';
import type { SuiteReport } from '../protocol.ts';

export interface InHostRunOptions extends StartOptions {
  browser: Browser;
  folders: HostFolders;
  workspace: string;
  /** Absolute path of the unpacked extension. */
  extensionDir: string;
  /** Absolute path of the bundled suite entry (index.js). */
  suiteEntry: string;
  reportPath: string;
  timeoutMs: number;
}

export interface InHostRun {
  /** What the workbench passed to codeAutomationExit: 0 when run() resolved. */
  exitCode: number;
  report: SuiteReport;
  /** The code-server log and the page's console, for a look after a failure. */
  hostLog: string;
  consoleLog: string;
}

export async function runSuiteInHost(options: InHostRunOptions): Promise<InHostRun> {
  const host = await startHost(options.folders, options.workspace, options);
  // Ctrl+C would otherwise leave the server and its extension host running.
  const stopOnSignal = () => void host.stop().finally(() => process.exit(130));
  process.once('SIGINT', stopOnSignal).once('SIGTERM', stopOnSignal);
  const consoleLog = join(options.folders.workDir, 'browser-console.log');
  const consoleLines: string[] = [];
  try {
    const page = await options.browser.newPage();
    page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
    let exited!: (code: number) => void;
    const exit = new Promise<number>((resolve) => (exited = resolve));
    await page.exposeFunction('codeAutomationExit', (code: number) => exited(code));

    const remote = (path: string) => `vscode-remote://127.0.0.1:${host.port}${path}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(options.extensionDir)],
      ['extensionTestsPath', remote(options.suiteEntry)],
    ]);
    await page.goto(`${host.url}/?folder=${encodeURIComponent(options.workspace)}&payload=${encodeURIComponent(payload)}`, { timeout: 30_000 });

    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the in-host suite did not finish within ${options.timeoutMs} ms; see ${host.logFile} and ${consoleLog}`)), options.timeoutMs);
    });
    const exitCode = await Promise.race([exit, timeout]).finally(() => clearTimeout(timer));
    await page.close().catch(() => undefined);
    if (!existsSync(options.reportPath)) throw new Error(`the in-host suite exited with ${exitCode} but wrote no report to ${options.reportPath}; see ${consoleLog}`);
    const report = JSON.parse(readFileSync(options.reportPath, 'utf8')) as SuiteReport;
    return { exitCode, report, hostLog: host.logFile, consoleLog };
  } finally {
    writeFileSync(consoleLog, `${consoleLines.join('\n')}\n`);
    process.off('SIGINT', stopOnSignal).off('SIGTERM', stopOnSignal);
    await host.stop();
  }
}
