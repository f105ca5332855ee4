// What a run may spend and when it stops: the default cap, a retired model, an endpoint that fails
// every request, and the claim that never pays twice for an image another process just finished.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { claimWork, releaseClaims } from '../../src/core/bigbrain/cloud-claims.ts';
import { recordTagged } from '../../src/core/bigbrain/cloud-records.ts';
import { selectCloudWork, planCloudRun } from '../../src/core/bigbrain/cloud-work.ts';
import { DEFAULT_MAX_IMAGES_PER_RUN, resolveCloudOptions } from '../../src/core/bigbrain/options.ts';
import { emptyCloudTags } from '../../src/core/bigbrain/prompt-and-schema.ts';
import { openFixtureStore, useStandinFixture } from '../support/bigbrain-fixture.ts';

describe('BigBrain budget and stopping', () => {
  const bigbrain = useStandinFixture();

  it('caps a run at 500 images when nobody set a cap', async () => {
    const { fixture } = await bigbrain.create(2);
    assert.equal(DEFAULT_MAX_IMAGES_PER_RUN, 500);
    assert.equal(resolveCloudOptions({ enabled: true }).maxImagesPerRun, 500);
    assert.equal(planCloudRun(fixture.store, { enabled: true }).maxImagesPerRun, 500);
  });

  it('counts what the cap leaves as waiting, and says why', async () => {
    const { standin, run } = await bigbrain.create(5);
    const summary = await run({ maxImagesPerRun: 2 });
    assert.deepEqual([summary.done, summary.failed, summary.waiting, summary.overCap], [2, 0, 3, 3]);
    assert.match(summary.stoppedReason ?? '', /limit of 2 images per run; 3 images wait as pending/);
    assert.equal(standin.generateRequests().length, 2);
  });

  it('stops at once on a retired model with one message naming the setting and the supported models, and fails no image', async () => {
    const { standin, run, states } = await bigbrain.create(12);
    standin.knownModels = ['gemini-2.5-flash-lite'];
    const summary = await run({ model: 'gemini-2.5-flash', maxConcurrency: 8 });
    assert.equal(summary.failed, 0);
    assert.equal(summary.done, 0);
    assert.equal(summary.waiting, 12);
    assert.match(summary.stoppedReason ?? '', /no model "gemini-2\.5-flash".*retired/);
    assert.match(summary.stoppedReason ?? '', /assetLens\.cloud\.model/);
    assert.match(summary.stoppedReason ?? '', /gemini-3\.5-flash-lite, gemini-3\.1-flash-lite, gemini-2\.5-flash-lite/);
    assert.ok(standin.generateRequests().length <= 2, `${standin.generateRequests().length} requests`);
    assert.ok(states().every((state) => state === 'pending'), JSON.stringify(states()));
  });

  it('stops after three images in a row failed, with why, and leaves the rest pending', async () => {
    const { standin, run } = await bigbrain.create(20);
    standin.fault = () => ({ kind: 'unavailable' });
    const summary = await run({ maxTries: 2, maxConcurrency: 2 });
    assert.equal(summary.done, 0);
    assert.ok(summary.failed >= 3 && summary.failed <= 4, `${summary.failed} failed`);
    assert.equal(summary.waiting, 20 - summary.failed);
    assert.match(summary.stoppedReason ?? '', /images in a row failed, the last with: 503/);
    assert.ok(standin.generateRequests().length <= 2 * 4, `${standin.generateRequests().length} requests`);
  });

  it('stops the same way when the endpoint is unreachable', async () => {
    const { run } = await bigbrain.create(10);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const summary = await run({ baseUrl: `http://127.0.0.1:${port}`, maxTries: 2, maxConcurrency: 2 });
    assert.equal(summary.done, 0);
    assert.ok(summary.failed <= 4);
    assert.ok(summary.waiting >= 6);
    assert.match(summary.stoppedReason ?? '', /in a row failed/);
  });

  it('asks 3.x models for low media resolution, and 2.5 Flash-Lite without it', async () => {
    const { standin, run } = await bigbrain.create(2);
    await run({ model: 'gemini-3.5-flash-lite', maxImagesPerRun: 1 });
    await run({ model: 'gemini-2.5-flash-lite' });
    assert.deepEqual(
      standin.generateRequests().map(({ model, mediaResolution }) => ({ model, mediaResolution })),
      [
        { model: 'gemini-3.5-flash-lite', mediaResolution: 'MEDIA_RESOLUTION_LOW' },
        { model: 'gemini-2.5-flash-lite', mediaResolution: '' },
      ],
    );
  });

  it('does not claim an image another process finished after this one selected it', async () => {
    const { fixture } = await bigbrain.create(3);
    const other = openFixtureStore(fixture.indexDir);
    try {
      const selected = selectCloudWork(fixture.store, resolveCloudOptions({ enabled: true })).items;
      // The other process claims, tags and releases image 0 between our selection and our claim.
      const theirs = claimWork(other, selected.slice(0, 1), 'otherhost:1');
      assert.equal(theirs.length, 1);
      recordTagged(other, theirs[0]!.assetId, { tags: emptyCloudTags(), model: 'gemini-2.5-flash-lite', date: new Date().toISOString(), usage: { promptTokens: 1, outputTokens: 1 }, requests: 1 });
      releaseClaims(other, 'otherhost:1');
      const mine = claimWork(fixture.store, selected);
      assert.deepEqual(
        mine.map((item) => item.path),
        selected.slice(1).map((item) => item.path),
      );
    } finally {
      other.close();
    }
  });
});
