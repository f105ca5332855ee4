import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { hostname } from 'node:os';
import type { IndexSummary } from '../../src/core/types.ts';
import { claimWork, releaseClaims } from '../../src/core/bigbrain/cloud-claims.ts';
import { selectCloudWork } from '../../src/core/bigbrain/cloud-work.ts';
import { resolveCloudOptions } from '../../src/core/bigbrain/options.ts';
import { createFixture, type Fixture } from '../support/bigbrain-fixture.ts';
import { assertBuilt, runCliJsonAsync } from '../support/cli.ts';
import { distinctColour, GeminiStandin, STANDIN_API_KEY, toneKey } from '../support/gemini-standin.ts';
import { tempDir, writePng } from '../support/images.ts';

describe('BigBrain claims: two processes tagging one index', () => {
  describe('claimWork', () => {
    let fixture: Fixture;
    beforeEach(async () => (fixture = await createFixture(4)));
    afterEach(() => fixture.cleanup());

    const items = () => selectCloudWork(fixture.store, resolveCloudOptions({ enabled: true })).items;

    it('leaves images claimed by another live process alone, and takes over a dead one', async () => {
      const sleeper = spawn('sleep', ['30']);
      try {
        const live = `${hostname()}:${sleeper.pid}`;
        assert.equal(claimWork(fixture.store, items().slice(0, 2), live).length, 2);
        const mine = claimWork(fixture.store, items());
        assert.deepEqual(mine.map((i) => i.path), items().slice(2).map((i) => i.path), 'the live claims are respected');
        sleeper.kill('SIGKILL');
        await new Promise((resolve) => sleeper.once('exit', resolve));
        assert.equal(claimWork(fixture.store, items()).length, 4, "a dead process's claims are taken over");
        releaseClaims(fixture.store);
        assert.equal((fixture.store.db.prepare('SELECT count(*) AS n FROM assets WHERE cloud_claim IS NOT NULL').get() as { n: number }).n, 0);
      } finally {
        sleeper.kill('SIGKILL');
      }
    });

    it('treats a claim from another machine as abandoned once it is old', () => {
      const now = Date.now();
      assert.equal(claimWork(fixture.store, items(), 'other-host:1', now - 7 * 3600_000).length, 4);
      assert.equal(claimWork(fixture.store, items(), undefined, now).length, 4);
      assert.equal(claimWork(fixture.store, items(), 'other-host:1', now).length, 0);
    });
  });

  describe('two CLI runs at once against the stand-in', function () {
    let dir: ReturnType<typeof tempDir>;
    let standin: GeminiStandin;
    const COUNT = 16;

    before(async () => {
      assertBuilt();
      dir = tempDir();
      for (let i = 0; i < COUNT; i++) await writePng(join(dir.path, `tiles/tile-${i}.png`), 48, 48, distinctColour(i * 29));
      standin = await GeminiStandin.start();
      standin.fault = () => ({ kind: 'slow', ms: 150 });
      // Index locally first, so both runs start from the same pending queue.
      await runCliJsonAsync<IndexSummary>(['index', dir.path, '--no-cloud']);
    });
    after(async () => {
      await standin.close();
      dir.remove();
    });

    it('sends every image exactly once between them', async () => {
      const env = { GEMINI_API_KEY: STANDIN_API_KEY, ASSET_LENS_GEMINI_BASE_URL: standin.baseUrl };
      const [a, b] = await Promise.all([runCliJsonAsync<IndexSummary>(['index', dir.path], env), runCliJsonAsync<IndexSummary>(['index', dir.path], env)]);
      for (let i = 0; i < COUNT; i++) assert.equal(standin.sentCount(toneKey(distinctColour(i * 29))), 1, `tile-${i} sent once`);
      assert.equal(standin.generateRequests().length, COUNT);
      assert.equal(a.cloud!.done + b.cloud!.done, COUNT);
    });
  });
});
