import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { LatestQuery } from '../../src/vscode/latest-query.ts';

describe('LatestQuery (search as you type)', () => {
  it('debounces: a burst of inputs runs only the last one', async () => {
    const ran: string[] = [];
    const delivered: string[] = [];
    const query = new LatestQuery<string, string>(async (input) => (ran.push(input), input.toUpperCase()), (result) => delivered.push(result), { delayMs: 20 });
    for (const input of ['r', 're', 'red']) query.schedule(input);
    await sleep(60);
    assert.deepEqual(ran, ['red']);
    assert.deepEqual(delivered, ['RED']);
  });

  it('drops a slow stale result that finishes after a newer one, and aborts it', async () => {
    const delivered: string[] = [];
    const aborted: string[] = [];
    const query = new LatestQuery<string, string>(
      async (input, signal) => {
        signal.addEventListener('abort', () => aborted.push(input));
        await sleep(input === 'slow' ? 80 : 5);
        return input;
      },
      (result) => delivered.push(result),
      { delayMs: 0 },
    );
    query.schedule('slow');
    await sleep(20);
    query.schedule('fast');
    await sleep(120);
    assert.deepEqual(delivered, ['fast']);
    assert.deepEqual(aborted, ['slow']);
  });

  it('a refresh of the input in flight lets that run deliver, then runs it once more; refreshes faster than a run never starve it', async () => {
    const delivered: string[] = [];
    const aborted: string[] = [];
    let runs = 0;
    const query = new LatestQuery<string, string>(
      async (input, signal) => {
        const run = ++runs;
        signal.addEventListener('abort', () => aborted.push(input));
        await sleep(150);
        return `${input}#${run}`;
      },
      (result) => delivered.push(result),
      { delayMs: 0 },
    );
    query.schedule('tile');
    for (let i = 0; i < 4; i++) {
      await sleep(10);
      query.refresh('tile');
    }
    await sleep(450);
    assert.deepEqual(delivered, ['tile#1', 'tile#2'], 'the first run delivered, then one more for all the refreshes that came during it');
    assert.deepEqual(aborted, []);
    query.refresh('tiles');
    await sleep(250);
    assert.deepEqual(delivered.at(-1), 'tiles#3', 'a refresh of another input is a new query');
  });

  it('reports errors of the latest run only', async () => {
    const errors: string[] = [];
    const query = new LatestQuery<string, string>(
      async (input) => {
        await sleep(input === 'old' ? 50 : 1);
        throw new Error(input);
      },
      () => assert.fail('nothing should be delivered'),
      { delayMs: 0, onError: (error) => errors.push((error as Error).message) },
    );
    query.schedule('old');
    await sleep(10);
    query.schedule('new');
    await sleep(80);
    assert.deepEqual(errors, ['new']);
  });

  it('delivers nothing after dispose', async () => {
    const delivered: string[] = [];
    const query = new LatestQuery<string, string>(async (input) => input, (result) => delivered.push(result), { delayMs: 10 });
    query.schedule('x');
    query.dispose();
    await sleep(30);
    assert.deepEqual(delivered, []);
  });
});
