import assert from 'node:assert/strict';
import { cloudTotals, DEFAULT_CLOUD_MODEL, estimateCostUsd } from '../../src/core/bigbrain/index.ts';
import { BATCH_JOB_META_KEY, pendingBatchJob } from '../../src/core/bigbrain/batch-mode.ts';
import { readLedger } from '../../src/core/bigbrain/ledger.ts';
import { cloudRow, cloudTagTexts, standinOptions, useStandinFixture } from '../support/bigbrain-fixture.ts';

describe('BigBrain Batch API mode against the stand-in', () => {
  const bigbrain = useStandinFixture({ batch: true });

  it('submits, polls and applies a job: every image gets its own tags', async () => {
    const { standin, fixture, run } = await bigbrain.create(10);
    const unsafe = fixture.images[3]!.key;
    standin.fault = (request) => (request.imageKey === unsafe ? { kind: 'safety' } : undefined);
    standin.batchPollsBeforeDone = 2;
    const summary = await run();
    assert.equal(summary.done, 9);
    assert.equal(summary.blocked, 1);
    assert.equal(summary.requests, 1);
    assert.equal(standin.requests.filter((request) => request.kind === 'batch-create').length, 10);
    assert.equal(standin.generateRequests().length, 0);
    for (const [index, image] of fixture.images.entries()) {
      if (index === 3) continue;
      assert.equal(cloudRow(fixture.store, image.hash).cloud_state, 'done');
      assert.ok(cloudTagTexts(fixture.store, image.hash, 'keyword').includes(image.key));
    }
    assert.equal((await readLedger(fixture.ledgerPath)).entries.size, 9);
    assert.equal(pendingBatchJob(fixture.store), null);
    const totals = cloudTotals(fixture.store.db);
    const model = standinOptions(standin).model ?? DEFAULT_CLOUD_MODEL;
    assert.ok(totals.costUsd > 0);
    assert.ok(Math.abs(totals.costUsd - estimateCostUsd(totals.tokensIn, totals.tokensOut, model, 'batch')) < 1e-12, 'priced at the batch rate');
    assert.ok(totals.costUsd < estimateCostUsd(totals.tokensIn, totals.tokensOut, model, 'interactive'));
  });

  it('splits a large import into jobs that fit the inline payload limit', async () => {
    const { run } = await bigbrain.create(9);
    const summary = await run({ batchMaxBytes: 2_500 });
    assert.equal(summary.done, 9);
    assert.ok(summary.requests >= 3, `${summary.requests} jobs`);
  });

  it('resumes the job in flight after a cancel instead of paying again', async () => {
    const { standin, fixture, run } = await bigbrain.create(6);
    standin.batchPollsBeforeDone = 1_000;
    const controller = new AbortController();
    const watch = setInterval(() => {
      if (standin.batchPolls > 0) controller.abort();
    }, 5);
    const first = await run({}, { signal: controller.signal });
    clearInterval(watch);
    assert.equal(first.stoppedReason, 'cancelled');
    const job = pendingBatchJob(fixture.store);
    assert.ok(job, `a job is recorded under ${BATCH_JOB_META_KEY}`);
    assert.equal(job.items.length, 6);

    // An interactive run meanwhile leaves the job's images alone.
    const interactive = await run({ batch: false });
    assert.equal(interactive.sent, 0);
    assert.match(interactive.stoppedReason ?? '', /batch job with 6 images is still running/);
    assert.equal(standin.generateRequests().length, 0);

    standin.batchPollsBeforeDone = 0;
    const second = await run();
    assert.equal(second.done, 6);
    assert.equal(standin.requests.filter((request) => request.kind === 'batch-create').length, 6, 'no second job');
    assert.equal(pendingBatchJob(fixture.store), null);
    for (const image of fixture.images) assert.equal(cloudRow(fixture.store, image.hash).cloud_state, 'done');
  });
});
