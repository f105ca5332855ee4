import assert from 'node:assert/strict';
import { AimdLimiter, backoffDelayMs } from '../../src/core/bigbrain/concurrency.ts';
import { estimateCostUsd, estimateImagesCostUsd, EXPECTED_OUTPUT_TOKENS, PROMPT_TOKENS } from '../../src/core/bigbrain/cost.ts';
import { cloudModel, CLOUD_MODELS, DEFAULT_CLOUD_MODEL } from '../../src/core/bigbrain/models.ts';
import { buildRequestConfig } from '../../src/core/bigbrain/gemini-client.ts';

describe('BigBrain flow control', () => {
  it('backs off exponentially with full jitter under a cap', () => {
    assert.equal(backoffDelayMs(1, 100, 1000, () => 1), 100);
    assert.equal(backoffDelayMs(3, 100, 1000, () => 1), 400);
    assert.equal(backoffDelayMs(10, 100, 1000, () => 1), 1000);
    assert.equal(backoffDelayMs(3, 100, 1000, () => 0), 0);
    for (let i = 0; i < 100; i++) assert.ok(backoffDelayMs(2, 100, 1000) <= 200);
  });

  it('halves on a rate limit once per window and grows by about one per window of successes', () => {
    let now = 0;
    const limiter = new AimdLimiter({ initial: 8, max: 8, now: () => now });
    now = 10;
    limiter.onRateLimited(5, 100);
    assert.equal(limiter.limit, 4);
    // Other requests of the same (old) window do not halve it again.
    limiter.onRateLimited(6, 100);
    assert.equal(limiter.limit, 4);
    // Their successes do not raise it either.
    limiter.onSuccess(7);
    assert.equal(limiter.limit, 4);
    now = 20;
    for (let i = 0; i < 4; i++) limiter.onSuccess(15);
    assert.equal(limiter.limit, 5);
    limiter.onRateLimited(15, 100);
    assert.equal(limiter.limit, 2);
    limiter.onRateLimited(21, 100);
    assert.equal(limiter.limit, 1);
    limiter.onRateLimited(22, 100);
    assert.equal(limiter.limit, 1, 'never below one');
    assert.deepEqual(limiter.history, [8, 4, 5, 2, 1]);
  });

  it('holds every request during the pause a 429 asks for, and admits no more than the limit', async () => {
    const limiter = new AimdLimiter({ initial: 8, max: 8 });
    const first = await limiter.acquire();
    limiter.onRateLimited(first, 80);
    assert.equal(limiter.limit, 4);
    const pausedAt = Date.now();
    await limiter.acquire();
    assert.ok(Date.now() - pausedAt >= 70, 'waited out the retry delay');
    await limiter.acquire();
    await limiter.acquire();
    assert.equal(limiter.active, 4);
    let fifth = false;
    const waiting = limiter.acquire().then(() => (fifth = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(fifth, false, 'a fifth request waits under a limit of four');
    limiter.release();
    await waiting;
    assert.equal(limiter.active, 4);
  });

  it('gives up waiting when aborted', async () => {
    const limiter = new AimdLimiter({ initial: 1, max: 1 });
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort();
    await assert.rejects(waiting, /aborted/);
  });
});

describe('BigBrain cost', () => {
  it('prices gemini-2.5-flash-lite at $0.10 / $0.40 per million tokens, batch at half', () => {
    assert.equal(estimateCostUsd(1_000_000, 0, 'gemini-2.5-flash-lite'), 0.1);
    assert.equal(estimateCostUsd(0, 1_000_000, 'gemini-2.5-flash-lite'), 0.4);
    assert.equal(estimateCostUsd(1_000_000, 1_000_000, 'gemini-2.5-flash-lite', 'batch'), 0.25);
  });

  it('prices variants by family and unknown models above every supported one', () => {
    assert.equal(cloudModel('gemini-2.5-flash-lite-preview-09-2025').name, 'gemini-2.5-flash-lite');
    assert.equal(cloudModel('models/gemini-3.5-flash-lite').name, 'gemini-3.5-flash-lite');
    // The retired gemini-2.5-flash is not a Flash-Lite: it must not borrow the cheap price.
    assert.notEqual(cloudModel('gemini-2.5-flash').name, 'gemini-2.5-flash-lite');
    for (const model of CLOUD_MODELS) {
      assert.ok(estimateImagesCostUsd(1000, 'some-future-model') > estimateImagesCostUsd(1000, model.name), model.name);
    }
  });

  it('asks 3.x Flash-Lite models for low media resolution and counts its 280 tokens, and leaves 2.5 at its 258', () => {
    assert.equal(buildRequestConfig('gemini-3.5-flash-lite').mediaResolution, 'MEDIA_RESOLUTION_LOW');
    assert.equal(buildRequestConfig('gemini-3.1-flash-lite').mediaResolution, 'MEDIA_RESOLUTION_LOW');
    assert.equal(buildRequestConfig('gemini-2.5-flash-lite').mediaResolution, undefined);
    // The estimate counts the image at the tokens the request asks for: 280 at low on 3.x, not the 1,120 of their default.
    const inputTokens = (model: string) => (estimateImagesCostUsd(1, model) - estimateCostUsd(0, EXPECTED_OUTPUT_TOKENS, model)) / (cloudModel(model).inputPerMillion / 1e6);
    assert.equal(Math.round(inputTokens('gemini-3.5-flash-lite')), 280 + PROMPT_TOKENS);
    assert.equal(Math.round(inputTokens('gemini-2.5-flash-lite')), 258 + PROMPT_TOKENS);
  });

  it('defaults to a model that is supported and not retired', () => {
    assert.ok(CLOUD_MODELS.some((model) => model.name === DEFAULT_CLOUD_MODEL));
  });

  it('meets the targets: at most $0.10 per 1,000 images, $0.05 through the Batch API', () => {
    const interactive = estimateImagesCostUsd(1000);
    const batch = estimateImagesCostUsd(1000, 'gemini-2.5-flash-lite', 'batch');
    assert.ok(interactive <= 0.1, `$${interactive}`);
    assert.ok(batch <= 0.05, `$${batch}`);
    console.log(`      estimate for 1,000 images with gemini-2.5-flash-lite: $${interactive.toFixed(4)} (batch $${batch.toFixed(4)})`);
  });
});
