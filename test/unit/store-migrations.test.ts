import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, SCHEMA_VERSION, Store } from '../../src/core/store/index.ts';
import { dirtyAssetCount } from '../../src/core/store/assets.ts';
import { cloudTotals, takeCloudClaim } from '../../src/core/store/cloud.ts';
import { matchWords, NO_FILTER } from '../../src/core/store/search.ts';
import { vectorCount, vectorOf } from '../../src/core/store/vectors.ts';
import { storedAnswers } from '../../src/core/bigbrain/cloud-records.ts';

const FIXTURES = new URL('../fixtures/old-indexes/', import.meta.url).pathname;
const OLD_INDEXES = readdirSync(FIXTURES).filter((name) => name.endsWith('.db'));
const FOX = 'a'.repeat(64);
const OWL = 'b'.repeat(64);

/** A private copy of a fixture, as the index folder of a workspace. */
function copyOf(fixture: string): string {
  const indexDir = mkdtempSync(join(tmpdir(), 'asset-lens-migrate-'));
  copyFileSync(join(FIXTURES, fixture), join(indexDir, 'index.db'));
  return indexDir;
}

describe('opening an index written by an earlier version', () => {
  it('has a fixture for every earlier schema version', () => {
    const versions = new Set(OLD_INDEXES.map((name) => Number(/^index-v(\d+)-/.exec(name)?.[1])));
    for (let v = 1; v < SCHEMA_VERSION; v++) assert.ok(versions.has(v), `no fixture for schema v${v} in ${FIXTURES}`);
  });

  for (const fixture of OLD_INDEXES) {
    describe(fixture, () => {
      let indexDir: string;
      beforeEach(() => (indexDir = copyOf(fixture)));
      afterEach(() => rmSync(indexDir, { recursive: true, force: true }));

      it('upgrades to the current schema keeping files, tags, cloud answers, words and vectors', () => {
        const store = Store.open({ indexDir, dimensions: 4, modelName: 'fixture-model' });
        try {
          assert.equal(store.db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
          const fox = store.assetByHash(FOX)!;
          const owl = store.assetByHash(OWL)!;
          assert.deepEqual(
            store.tagsOf(fox.id).map((t) => `${t.source}:${t.text}`),
            ['path:animals', 'path:fox', 'user:favourite'],
          );
          assert.deepEqual(store.pathsOf(owl.id), ['birds/owl.png', 'copies/owl.png']);
          assert.equal(store.fileByPath('broken.png')?.error, 'not an image');

          const [answer] = storedAnswers(store);
          assert.equal(answer?.hash, OWL);
          assert.equal(answer.model, 'gemini-fixture');
          assert.equal(answer.date, '2026-11-01T10:00:00.000Z');
          assert.equal(answer.tags.caption, 'A snowy owl on a branch');
          assert.deepEqual(answer.tags.tags, ['owl']);
          assert.deepEqual(answer.tags.objects, ['branch']);
          assert.deepEqual(cloudTotals(store.db), { tagged: 1, tokensIn: 300, tokensOut: 40, costUsd: 0 });

          assert.deepEqual(
            matchWords(store.db, '"owl"', [1, 1, 1, 1, 1, 1], NO_FILTER, 10).map((row) => row.id),
            [owl.id],
          );
          assert.deepEqual([...vectorOf(store.db, fox.id)!], [1, 0, 0, 0]);
          assert.equal(store.vectors.nearest(Float32Array.from([0, 1, 0, 0]), 1)[0]?.id, owl.id);
          assert.equal(dirtyAssetCount(store.db), 0);
          // The columns later migrations added work.
          assert.equal(takeCloudClaim(store.db, owl.id, 'host:1', Date.now(), null, 'done'), true);
        } finally {
          store.close();
        }
      });

      it('keeps tags and cloud answers when the embedder changes, and re-embeds everything', () => {
        const store = Store.open({ indexDir, dimensions: 8, modelName: 'another-model' });
        try {
          assert.equal(vectorCount(store.db), 0);
          assert.equal(dirtyAssetCount(store.db), 2);
          assert.equal(store.tagsOf(store.assetByHash(FOX)!.id).length, 3);
          assert.equal(storedAnswers(store)[0]?.tags.caption, 'A snowy owl on a branch');
        } finally {
          store.close();
        }
      });
    });
  }

  it('refuses an index written by a newer Asset Lens, and leaves it as it was', () => {
    const indexDir = copyOf(OLD_INDEXES.at(-1)!);
    try {
      const db = openDatabase(join(indexDir, 'index.db'));
      db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      db.close();
      assert.throws(
        () => Store.open({ indexDir, dimensions: 4, modelName: 'fixture-model' }),
        new RegExp(`^Error: index schema version ${SCHEMA_VERSION + 1} is newer than this Asset Lens \\(${SCHEMA_VERSION}\\); update Asset Lens$`),
      );
      const after = openDatabase(join(indexDir, 'index.db'));
      assert.equal(after.pragma('user_version', { simple: true }), SCHEMA_VERSION + 1);
      assert.equal(after.prepare('SELECT count(*) FROM tags').pluck().get(), 6);
      after.close();
    } finally {
      rmSync(indexDir, { recursive: true, force: true });
    }
  });
});
