// Runs the mocha suite in test/vscode-host/suite inside the real extension host of code-server, once
// in a trusted workspace and once in Restricted Mode, with the shipped linux-x64 .vsix unpacked as the
// extension under development and the Gemini stand-in as the cloud. Each in-host test shows up here
// as a test of its own. Run by `npm run test:e2e` after the Playwright suite (which packages the .vsix).
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import Mocha from 'mocha';
import type { Browser } from 'playwright-core';
import { setUpHost } from '../../scripts/vscode-host/host.ts';
import { findTarget, vsixFileName } from '../../scripts/vsix/targets.ts';
import type { IndexStatus } from '../../src/core/types.ts';
import { launchBrowser } from '../e2e/support/workbench.ts';
import { assertBuilt, runCliJson } from '../support/cli.ts';
import { STANDIN_API_KEY } from '../support/gemini-standin.ts';
import { SUITE_CONFIG_ENV, type ReportedTest, type SuiteConfig, type SuiteImage } from './protocol.ts';
import { buildSuite } from './support/build-suite.ts';
import { runSuiteInHost, type InHostRun } from './support/run-in-host.ts';
import { unpackExtension } from './support/stage-extension.ts';
import { startLoggedStandin, type LoggedStandin } from './support/standin-log.ts';
import { createImageWorkspace } from './support/workspace.ts';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  name: string;
  publisher: string;
  version: string;
  contributes: { commands: { command: string }[] };
};
const vsixPath = join(process.env.ASSET_LENS_VSIX_DIR ?? join(repoRoot, 'dist', 'vsix'), vsixFileName(manifest, findTarget('linux-x64')));
const ARTIFACTS = join(repoRoot, 'test-output', 'vscode-host');
const SUITE_TIMEOUT_MS = 240_000;

interface Phase {
  title: string;
  /** In-host test files, in the order they run (later files build on the index earlier ones made). */
  files: string[];
  workspaceTrust: boolean;
  settings: Record<string, unknown>;
  workspaceSettings?: Record<string, unknown>;
  /** Images tagged with Gemini by the end of the run: one request each to the stand-in. */
  taggedWithGemini: number;
  /** Images the in-host tests add to the workspace (a pulled commit). */
  addedImages?: number;
  /** Requests the stand-in receives, when some are cut off on purpose (default: taggedWithGemini). */
  requests?: number;
  /** Every answer takes this long, so a test can stop a run while a request is in flight. */
  standinDelayMs?: number;
}

const PHASES: Phase[] = [
  {
    title: 'trusted workspace',
    files: ['commands.test', 'indexing.test', 'quick-pick.test', 'gallery.test', 'cloud-tagging.test', 'status-bar.test', 'references.test'],
    workspaceTrust: false,
    // Nothing indexes on its own, and the cloud is off until cloud-tagging.test turns it on. The
    // repository's own settings try to turn it on and pick a dearer model: neither may count.
    settings: { 'assetLens.autoIndex': false, 'assetLens.cloud.enabled': false },
    workspaceSettings: { 'assetLens.cloud.enabled': true, 'assetLens.cloud.model': 'gemini-3.5-flash-lite', 'assetLens.maxImagesPerRun': 1000 },
    // One by cloud-tagging.test; the other three in status-bar.test's run, answered one at a time.
    taggedWithGemini: 4,
  },
  {
    title: 'consent, budget and pulls',
    files: ['consent.test'],
    workspaceTrust: false,
    // Background indexing on, the cloud on (the default), a cap of one image a run; the user excludes
    // one image from the cloud and the repository excludes another, and tries to lift the cap.
    settings: { 'assetLens.cloud.enabled': true, 'assetLens.maxImagesPerRun': 1, 'assetLens.cloud.exclude': ['**/tile-2.png'] },
    workspaceSettings: { 'assetLens.cloud.exclude': ['assets/photos/photo-4.webp'], 'assetLens.maxImagesPerRun': 1000 },
    // One after the user agreed (the cap), one that a pull brought; a third is cut off in flight.
    taggedWithGemini: 2,
    requests: 3,
    addedImages: 1,
    standinDelayMs: 4000,
  },
  {
    title: 'Restricted Mode',
    files: ['restricted-mode.test'],
    workspaceTrust: true,
    settings: { 'assetLens.cloud.enabled': true },
    workspaceSettings: { 'assetLens.indexDir': 'redirected-index' },
    taggedWithGemini: 0,
  },
];

function mirrored(test: ReportedTest): Mocha.Test {
  return new Mocha.Test(test.titlePath.join(' › '), function (this: Mocha.Context) {
    if (test.state === 'pending') this.skip();
    if (test.state === 'failed') {
      const error = new Error(test.error?.message ?? 'failed in the extension host');
      if (test.error?.stack) error.stack = `${test.error.stack}\n    (in the extension host)`;
      throw error;
    }
  });
}

describe('Asset Lens inside the VS Code extension host (code-server, mocha in the host)', function () {
  let scratch = '';
  let hostDir = '';
  let extensionDir = '';
  let suiteEntry = '';
  let browser: Browser | undefined;

  before(async function () {
    this.timeout(600_000);
    if (!existsSync(vsixPath)) throw new Error(`${vsixPath}: missing; run npm run package -- --target linux-x64`);
    assertBuilt();
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    hostDir = await setUpHost();
    scratch = mkdtempSync(join(tmpdir(), 'asset-lens-in-host-'));
    extensionDir = await unpackExtension(vsixPath, join(scratch, 'extension'));
    suiteEntry = await buildSuite(join(scratch, 'suite'));
    browser = await launchBrowser();
  });

  after(async function () {
    this.timeout(60_000);
    await browser?.close().catch(() => undefined);
    // Keep the workspaces, reports and host logs unless every test ran and passed (a failed hook leaves tests unrun).
    const tests = this.test!.parent!.suites.flatMap((suite) => suite.tests);
    const failed = tests.some((test) => test.state !== 'passed');
    if (!failed && scratch) rmSync(scratch, { recursive: true, force: true });
    else if (scratch) console.log(`      kept ${scratch}`);
  });

  for (const phase of PHASES) {
    describe(phase.title, function () {
      let standin: LoggedStandin | undefined;
      let run: InHostRun;
      let workspace = '';
      let images: SuiteImage[] = [];

      before(async function () {
        this.timeout(SUITE_TIMEOUT_MS + 120_000);
        const phaseDir = join(scratch, phase.title.replace(/\W+/g, '-').toLowerCase());
        workspace = join(phaseDir, 'workspace');
        images = await createImageWorkspace(workspace, phase.workspaceSettings);
        standin = await startLoggedStandin();
        const delay = phase.standinDelayMs;
        if (delay) standin.standin.fault = () => ({ kind: 'slow', ms: delay });
        const config: SuiteConfig = {
          files: phase.files,
          reportPath: join(phaseDir, 'report.json'),
          standinRequestsUrl: standin.requestsUrl,
          standinControlUrl: standin.controlUrl,
          images,
          contributedCommands: manifest.contributes.commands.map(({ command }) => command),
          extensionId: `${manifest.publisher}.${manifest.name}`,
        };
        const configPath = join(phaseDir, 'suite-config.json');
        mkdirSync(phaseDir, { recursive: true });
        writeFileSync(configPath, JSON.stringify(config, null, 2));

        const started = Date.now();
        run = await runSuiteInHost({
          browser: browser!,
          folders: { hostDir, workDir: join(phaseDir, 'host') },
          workspace,
          extensionDir,
          suiteEntry,
          reportPath: config.reportPath,
          timeoutMs: SUITE_TIMEOUT_MS,
          workspaceTrust: phase.workspaceTrust,
          settings: phase.settings,
          env: { GEMINI_API_KEY: STANDIN_API_KEY, ASSET_LENS_GEMINI_BASE_URL: standin.standin.baseUrl, [SUITE_CONFIG_ENV]: configPath },
        });
        console.log(`      host run: ${Date.now() - started} ms, in-host mocha: ${run.report.durationMs} ms`);
        cpSync(config.reportPath, join(ARTIFACTS, `${basename(phaseDir)}-report.json`));

        // One test here per test in the host, ahead of this suite's own checks.
        const suite = this.test!.parent!;
        const own = suite.tests.splice(0);
        for (const test of run.report.tests) suite.addTest(mirrored(test));
        suite.tests.push(...own);
      });

      after(async () => {
        await standin?.close();
      });

      it('ran every in-host test to the end; exit code 0 exactly when none failed', () => {
        assert.ok(run.report.tests.length > 0, 'the host reported tests');
        assert.equal(run.exitCode, run.report.failures > 0 ? 1 : 0, `exit code ${run.exitCode} with ${run.report.failures} failures (console: ${run.consoleLog})`);
      });

      it(`the Gemini stand-in received ${phase.requests ?? phase.taggedWithGemini} request(s) over the whole run`, () => {
        assert.equal(standin!.standin.requests.length, phase.requests ?? phase.taggedWithGemini);
      });

      it('the CLI reads the index the extension wrote', () => {
        const status = runCliJson<IndexStatus>(['status', workspace]);
        assert.equal(status.assets, images.length + (phase.addedImages ?? 0));
        assert.equal(status.tagged, phase.taggedWithGemini);
      });
    });
  }
});
