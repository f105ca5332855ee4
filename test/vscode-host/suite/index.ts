// The in-host suite's entry, in @vscode/test-electron's layout: the extension host loads this file
// (extensionTestsPath) and awaits run(), which runs mocha over the test files next to it and rejects
// when any test fails. Bundled to CommonJS by ../support/build-suite.ts; mocha is bundled in.
import { globSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Mocha from 'mocha';
import type { ReportedTest, SuiteReport } from '../protocol.ts';
import { suiteConfig } from './support.ts';

const TEST_TIMEOUT_MS = 90_000;

function reported(runnable: Mocha.Runnable, state: ReportedTest['state'], error?: Error): ReportedTest {
  return {
    titlePath: runnable.titlePath(),
    state,
    durationMs: runnable.duration ?? 0,
    ...(error ? { error: { message: error.message, ...(error.stack ? { stack: error.stack } : {}) } } : {}),
  };
}

export function run(): Promise<void> {
  const config = suiteConfig();
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: TEST_TIMEOUT_MS, reporter: 'spec' });
  const available = new Map(globSync('*.test.js', { cwd: __dirname }).map((file) => [basename(file, '.js'), join(__dirname, file)]));
  // The runner names the files of this run, in order: one host is trusted, the other is not.
  for (const name of config.files) {
    const file = available.get(name);
    if (!file) return Promise.reject(new Error(`${join(__dirname, `${name}.js`)}: no such test file (have ${[...available.keys()].join(', ')})`));
    mocha.addFile(file);
  }

  const tests: ReportedTest[] = [];
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const report: SuiteReport = { tests, failures, durationMs: Date.now() - started };
      try {
        writeFileSync(config.reportPath, `${JSON.stringify(report, null, 2)}\n`);
      } catch (error) {
        return reject(error);
      }
      if (failures > 0) reject(new Error(`${failures} of ${tests.length} in-host tests failed`));
      else resolve();
    });
    runner.on('pass', (test) => tests.push(reported(test, 'passed')));
    runner.on('pending', (test) => tests.push(reported(test, 'pending')));
    // Failed hooks are reported too, so a broken before() shows instead of silently missing tests.
    runner.on('fail', (runnable, error: Error) => tests.push(reported(runnable, 'failed', error)));
  });
}
