import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { Batcher } from '../../src/vscode/batcher.ts';

describe('Batcher (file watcher events)', () => {
  it('hands over a burst once it goes quiet, without duplicates', async () => {
    const batches: string[][] = [];
    const batcher = new Batcher<string>((items) => batches.push(items), 20, 1000);
    for (const path of ['a.png', 'b.png', 'a.png']) batcher.add(path);
    await sleep(50);
    assert.deepEqual(batches, [['a.png', 'b.png']]);
  });

  it('flushes a never-ending stream at the latest after maxWait', async () => {
    const batches: number[][] = [];
    const batcher = new Batcher<number>((items) => batches.push(items), 30, 60);
    for (let i = 0; i < 12; i++) {
      batcher.add(i);
      await sleep(10);
    }
    batcher.dispose();
    assert.ok(batches.length >= 1, 'flushed while events kept coming');
    assert.ok(batches[0]!.length < 12);
  });

  it('drops pending items on dispose', async () => {
    const batches: string[][] = [];
    const batcher = new Batcher<string>((items) => batches.push(items), 10, 100);
    batcher.add('a.png');
    batcher.dispose();
    await sleep(30);
    assert.deepEqual(batches, []);
  });
});
