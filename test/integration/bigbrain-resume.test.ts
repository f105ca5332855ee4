import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runCloudTagging } from '../../src/core/bigbrain/index.ts';
import { readLedger } from '../../src/core/bigbrain/ledger.ts';
import { GeminiStandin } from '../support/gemini-standin.ts';
import { cloudRow, createFixture, openFixtureStore, standinOptions, type Fixture } from '../support/bigbrain-fixture.ts';

const CHILD = fileURLToPath(new URL('../support/bigbrain-child.ts', import.meta.url));

describe('BigBrain resumes after kill -9', () => {
  let standin: GeminiStandin;
  let fixture: Fixture;

  before(async () => {
    standin = await GeminiStandin.start();
    fixture = await createFixture(30);
  });
  after(async () => {
    fixture.cleanup();
    await standin.close();
  });

  it('re-sends only what had no answer: each image answered once, sent at most once more', async () => {
    const concurrency = 3;
    standin.fault = () => ({ kind: 'slow', ms: 60 });
    const options = standinOptions(standin, { maxConcurrency: concurrency });
    const child = spawn(process.execPath, [CHILD, JSON.stringify({ root: fixture.root, indexDir: fixture.indexDir, ledgerPath: fixture.ledgerPath, options })], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    // Kill once about a third of the images have an answer.
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        const answered = fixture.images.filter((image) => standin.answeredCount(image.key) > 0).length;
        if (answered >= 10) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve();
        }
        if (child.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`the child ended before the kill: ${stderr}`));
        }
      }, 5);
    });
    assert.equal(await exited, 'SIGKILL');
    const sentBeforeKill = standin.generateRequests().length;
    assert.ok(sentBeforeKill < 30, `${sentBeforeKill} requests before the kill`);

    // The same index, reopened as the next run would.
    fixture.store.close();
    fixture.store = openFixtureStore(fixture.indexDir);
    const doneBefore = fixture.images.filter((image) => cloudRow(fixture.store, image.hash).cloud_state === 'done').length;
    assert.ok(doneBefore >= 1 && doneBefore < 30, `${doneBefore} done at the kill`);

    standin.fault = () => undefined;
    const summary = await runCloudTagging({ store: fixture.store, root: fixture.root, options, ledgerPath: fixture.ledgerPath });
    assert.equal(summary.stoppedReason, null);
    assert.equal(doneBefore + summary.fromLedger + summary.done, 30);

    let sentTwice = 0;
    for (const image of fixture.images) {
      assert.equal(cloudRow(fixture.store, image.hash).cloud_state, 'done', image.path);
      const sent = standin.sentCount(image.key);
      assert.ok(sent === 1 || sent === 2, `${image.key} sent ${sent} times`);
      if (sent === 2) sentTwice++;
    }
    // Only requests in flight at the kill can have gone out twice.
    assert.ok(sentTwice <= concurrency, `${sentTwice} images sent twice`);
    const ledger = await readLedger(fixture.ledgerPath);
    assert.equal(ledger.entries.size, 30);
    assert.deepEqual(ledger.problems, []);
  });
});
