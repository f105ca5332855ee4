import assert from 'node:assert/strict';
import { RetryBudget } from '../../src/core/bigbrain/retry-policy.ts';

const OPTIONS = { maxTries: 3, backoffBaseMs: 100, backoffMaxMs: 250 };
const NO_USAGE = { promptTokens: 0, outputTokens: 0 };

describe('cloud retry policy', () => {
  it('tries a server error up to maxTries, with backoff under the cap', () => {
    const budget = new RetryBudget(OPTIONS);
    const first = budget.next({ outcome: 'transient', reason: '503' });
    const second = budget.next({ outcome: 'transient', reason: '503' });
    assert.ok(first.retry && first.delayMs <= 100 && second.retry && second.delayMs <= 200);
    assert.deepEqual(budget.next({ outcome: 'transient', reason: '503' }), { retry: false, delayMs: 0, reason: '503 (after 3 tries)' });
  });

  it("follows the server's retry delay on 429s, which do not use up maxTries", () => {
    const budget = new RetryBudget(OPTIONS);
    for (let i = 0; i < 9; i++) assert.deepEqual(budget.next({ outcome: 'rate-limited', reason: '429', retryAfterMs: 1234 }), { retry: true, delayMs: 1234 });
    assert.equal(budget.next({ outcome: 'transient', reason: '503' }).retry, true);
    const last = budget.next({ outcome: 'rate-limited', reason: '429', retryAfterMs: null });
    assert.equal(last.retry, false);
    assert.equal(!last.retry && last.reason, 'rate limited 10 times: 429');
  });

  it('asks once more for a malformed answer, and never retries a refused request', () => {
    const budget = new RetryBudget(OPTIONS);
    assert.equal(budget.next({ outcome: 'malformed', reason: 'cut off', usage: NO_USAGE }).retry, true);
    assert.deepEqual(budget.next({ outcome: 'malformed', reason: 'cut off', usage: NO_USAGE }), { retry: false, delayMs: 0, reason: 'cut off' });
    assert.deepEqual(new RetryBudget(OPTIONS).next({ outcome: 'rejected', reason: '400 bad image' }), { retry: false, delayMs: 0, reason: '400 bad image' });
    assert.deepEqual(new RetryBudget(OPTIONS).next({ outcome: 'fatal', reason: 'bad key' }), { retry: false, delayMs: 0, reason: 'bad key' });
  });
});
