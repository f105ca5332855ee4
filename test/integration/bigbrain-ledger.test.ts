import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { exportLedger, importLedger, planCloudRun, runCloudTagging } from '../../src/core/bigbrain/index.ts';
import { readLedger } from '../../src/core/bigbrain/ledger.ts';
import { GeminiStandin } from '../support/gemini-standin.ts';
import { cloudRow, cloudTagTexts, createFixture, indexFile, openFixtureStore, standinOptions, type Fixture } from '../support/bigbrain-fixture.ts';

describe('BigBrain ledger (tags.jsonl shared through git)', () => {
  let standin: GeminiStandin;
  let fixture: Fixture;
  const extraDirs: string[] = [];

  beforeEach(async () => {
    standin = await GeminiStandin.start();
    fixture = await createFixture(8);
    await runCloudTagging({ store: fixture.store, root: fixture.root, options: standinOptions(standin), ledgerPath: fixture.ledgerPath });
  });
  afterEach(async () => {
    fixture.cleanup();
    for (const dir of extraDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    await standin.close();
  });

  /** A teammate's clone: the same images under other names, a fresh index, the committed ledger. */
  function cloneWithLedger(): { root: string; store: ReturnType<typeof openFixtureStore>; ledgerPath: string } {
    const root = mkdtempSync(join(tmpdir(), 'asset-lens-clone-'));
    extraDirs.push(root);
    const indexDir = join(root, '.vscode', 'asset-lens');
    const store = openFixtureStore(indexDir);
    fixture.images.forEach((image, i) => {
      const path = `renamed/${i}.png`;
      mkdirSync(dirname(join(root, path)), { recursive: true });
      copyFileSync(join(fixture.root, image.path), join(root, path));
      indexFile(store, root, path);
    });
    const ledgerPath = join(indexDir, 'tags.jsonl');
    copyFileSync(fixture.ledgerPath, ledgerPath);
    return { root, store, ledgerPath };
  }

  it('writes one line per hash, sorted, with model, date and tags', () => {
    const lines = readFileSync(fixture.ledgerPath, 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, 8);
    const hashes = lines.map((line) => JSON.parse(line).hash as string);
    assert.deepEqual(hashes, [...hashes].sort());
    const first = JSON.parse(lines[0]!);
    assert.deepEqual(Object.keys(first), ['hash', 'model', 'date', 'caption', 'tags', 'objects', 'style', 'mood', 'colors', 'text', 'altText']);
    assert.equal(first.model, 'gemini-2.5-flash-lite');
    assert.ok(!Number.isNaN(Date.parse(first.date)));
    // Nothing local leaks into the committed file.
    assert.ok(!readFileSync(fixture.ledgerPath, 'utf8').includes('img-'));
  });

  it('gives a clone without a key full tags, and a clone with a key sends nothing', async () => {
    const clone = cloneWithLedger();
    try {
      const sentBefore = standin.generateRequests().length;
      const noKey = await runCloudTagging({ store: clone.store, root: clone.root, options: { enabled: true }, ledgerPath: clone.ledgerPath });
      assert.equal(noKey.fromLedger, 8);
      assert.equal(noKey.stoppedReason, null);
      for (const image of fixture.images) {
        assert.equal(cloudRow(clone.store, image.hash).cloud_state, 'done');
        assert.deepEqual(cloudTagTexts(clone.store, image.hash), cloudTagTexts(fixture.store, image.hash));
        assert.equal(cloudRow(clone.store, image.hash).caption, cloudRow(fixture.store, image.hash).caption);
      }
      const withKey = await runCloudTagging({ store: clone.store, root: clone.root, options: standinOptions(standin), ledgerPath: clone.ledgerPath });
      assert.equal(withKey.sent, 0);
      assert.equal(standin.generateRequests().length, sentBefore);
      const plan = planCloudRun(clone.store, standinOptions(standin));
      assert.deepEqual([plan.images, plan.overCap, plan.estimatedCostUsd, plan.skipped], [0, 0, 0, 0]);
    } finally {
      clone.store.close();
    }
  });

  it('imports before calling the cloud, keeps the newest answer of a merged duplicate and skips unreadable lines', async () => {
    const clone = cloneWithLedger();
    try {
      const { entries } = await readLedger(clone.ledgerPath);
      const hash = fixture.images[0]!.hash;
      const older = entries.get(hash)!;
      const newer = JSON.stringify({ ...JSON.parse(readFileSync(clone.ledgerPath, 'utf8').split('\n').find((line) => line.includes(hash))!), date: '2999-01-01T00:00:00.000Z', tags: ['newer'] });
      writeFileSync(clone.ledgerPath, `${readFileSync(clone.ledgerPath, 'utf8')}<<<<<<< HEAD\n${newer}\n>>>>>>> theirs\n`);
      const report = await importLedger(clone.store, clone.ledgerPath);
      assert.equal(report.applied, 8);
      assert.equal(report.badLines, 2);
      assert.match(report.problems[0]!, /tags\.jsonl:9: not valid JSON/);
      assert.deepEqual(cloudTagTexts(clone.store, hash, 'keyword'), ['newer']);
      assert.notEqual(older.date, '2999-01-01T00:00:00.000Z');
      // Export rewrites it cleanly: one line per hash, sorted, conflict markers gone.
      assert.equal(await exportLedger(clone.store, clone.ledgerPath), 8);
      const lines = readFileSync(clone.ledgerPath, 'utf8').trimEnd().split('\n');
      assert.equal(lines.length, 8);
      assert.ok(lines.every((line) => line.startsWith('{"hash":')));
      // Stable: exporting again changes nothing.
      const before = readFileSync(clone.ledgerPath, 'utf8');
      await exportLedger(clone.store, clone.ledgerPath);
      assert.equal(readFileSync(clone.ledgerPath, 'utf8'), before);
    } finally {
      clone.store.close();
    }
  });

  it('keeps entries for images this index does not have when exporting', async () => {
    const foreign = { hash: 'f'.repeat(64), model: 'gemini-2.5-flash-lite', date: '2025-01-01T00:00:00.000Z', caption: 'elsewhere', tags: ['other branch'] };
    writeFileSync(fixture.ledgerPath, `${readFileSync(fixture.ledgerPath, 'utf8')}${JSON.stringify(foreign)}\n`);
    assert.equal(await exportLedger(fixture.store, fixture.ledgerPath), 9);
    assert.equal((await readLedger(fixture.ledgerPath)).entries.get(foreign.hash)?.tags.caption, 'elsewhere');
  });

  it('plans a dry run without writing or sending anything', async () => {
    const fresh = await createFixture(5, { offset: 100 });
    try {
      const plan = planCloudRun(fresh.store, standinOptions(standin, { exclude: ['**/set-2/**'] }));
      assert.equal(plan.images, 4);
      assert.equal(plan.skipped, 1);
      assert.ok(plan.estimatedCostUsd > 0 && plan.estimatedCostUsd < 0.001);
      const batchPlan = planCloudRun(fresh.store, standinOptions(standin, { batch: true, maxImagesPerRun: 2 }));
      assert.equal(batchPlan.images, 2);
      assert.ok(Math.abs(batchPlan.estimatedCostUsd - plan.estimatedCostUsd / 4) < 1e-12);
      for (const image of fresh.images) assert.equal(cloudRow(fresh.store, image.hash).cloud_state, 'pending');
    } finally {
      fresh.cleanup();
    }
  });
});
