import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import type { AssetRecord, IndexSummary } from '../../src/core/types.ts';
import { assertBuilt, runCliJson, startCli } from '../support/cli.ts';
import { tempDir, writePng } from '../support/images.ts';

const IMAGES = 400;

function indexedFileCount(indexDb: string): number {
  if (!existsSync(indexDb)) return 0;
  try {
    const db = new Database(indexDb, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // Schema not created yet.
  }
}

describe('CLI: an index run killed mid-way', function () {
  let dir: ReturnType<typeof tempDir>;

  before(async () => {
    assertBuilt();
    dir = tempDir();
    for (let i = 0; i < IMAGES; i++) {
      const hue = (i * 37) % 256;
      await writePng(join(dir.path, `batch-${Math.floor(i / 50)}`, `shape-${i}.png`), 96 + (i % 7), 80, { r: hue, g: (i * 11) % 256, b: 255 - hue }, { r: (i * 53) % 256, g: 40, b: 90 });
    }
  });
  after(() => dir.remove());

  it('resumes without corruption or repeated work', async () => {
    const indexDb = join(dir.path, '.vscode/asset-lens/index.db');
    const child = startCli(['index', dir.path, '--json']);
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_, signal) => resolve(signal)));
    let seen = 0;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      seen = indexedFileCount(indexDb);
      if (seen >= 64) break;
      await sleep(10);
    }
    child.kill('SIGKILL');
    const signal = await exited;
    assert.equal(signal, 'SIGKILL', 'the run was killed before it finished');
    const committed = indexedFileCount(indexDb);
    assert.ok(committed >= 64 && committed < IMAGES, `killed mid-run (${committed} of ${IMAGES} committed)`);

    const db = new Database(indexDb, { readonly: true });
    try {
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    } finally {
      db.close();
    }

    const resumed = runCliJson<IndexSummary>(['index', dir.path]);
    assert.equal(resumed.unchanged, committed, 'what was committed is not read again');
    assert.equal(resumed.new, IMAGES - committed);
    assert.deepEqual(resumed.failed, []);
    const records = runCliJson<AssetRecord[]>(['list', dir.path]);
    assert.equal(records.length, IMAGES);
    assert.ok(records.every((r) => r.width && r.hash.length === 64));
    const again = runCliJson<IndexSummary>(['index', dir.path]);
    assert.equal(again.unchanged, IMAGES);
    assert.equal(again.embedded, 0);
  });
});
