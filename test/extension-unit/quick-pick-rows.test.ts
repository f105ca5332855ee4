import assert from 'node:assert/strict';
import { activityState, describeActivity } from '../../src/vscode/activity-state.ts';
import { LESS_RELATED, pickRows, type PickRow } from '../../src/vscode/quick-pick-rows.ts';

interface Hit {
  path: string;
  lessRelated?: boolean;
}

const hits = (...specs: [string, boolean][]): Hit[] => specs.map(([path, lessRelated]) => ({ path, lessRelated }));
const kinds = (rows: PickRow<Hit>[]) => rows.map((row) => (row.kind === 'hit' ? `hit:${row.hit.path}` : row.kind === 'separator' ? `--${row.label}--` : row.kind));
const base = { didYouMean: null, indexing: undefined, saved: [] };

describe('search quick pick rows', () => {
  it('sets weak matches apart under one "less related" separator', () => {
    const rows = pickRows({ ...base, query: 'bird', hits: hits(['robin.png', false], ['owl.svg', false], ['frog.png', true], ['hot-dog.png', true]) });
    assert.deepEqual(kinds(rows), ['hit:robin.png', 'hit:owl.svg', `--${LESS_RELATED}--`, 'hit:frog.png', 'hit:hot-dog.png']);
  });

  it('has no separator when every hit is strong, or when all are weak it still leads with one', () => {
    assert.deepEqual(kinds(pickRows({ ...base, query: 'x', hits: hits(['a.png', false]) })), ['hit:a.png']);
    assert.deepEqual(kinds(pickRows({ ...base, query: 'x', hits: hits(['a.png', true]) })), [`--${LESS_RELATED}--`, 'hit:a.png']);
  });

  it('says so when nothing matches, naming the query', () => {
    const rows = pickRows({ ...base, query: ' qqxqz ', hits: [] });
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.kind, 'message');
    assert.match((rows[0] as { label: string }).label, /No images match “qqxqz”/);
  });

  it('offers the spelling the index knows first, unless it is the query itself', () => {
    const rows = pickRows({ ...base, query: 'chrstmas tre', hits: hits(['junk.png', true]), didYouMean: 'christmas tree' });
    assert.deepEqual(rows[0], { kind: 'didYouMean', query: 'christmas tree' });
    assert.equal(pickRows({ ...base, query: 'tree', hits: [], didYouMean: 'tree' }).some((row) => row.kind === 'didYouMean'), false);
  });

  it('during the first index an empty result says results will appear, with the percentage', () => {
    const indexing = activityState({ stage: 'index', done: 42, total: 100 });
    const rows = pickRows({ ...base, query: 'cat', hits: [], indexing });
    assert.equal(rows.length, 1);
    assert.match((rows[0] as { label: string }).label, /Indexing 42% — results will appear/);
  });

  it('an empty query lists the saved searches, after the progress line while indexing', () => {
    const saved = [{ name: 'Logos', query: 'logo ext:svg' }];
    assert.deepEqual(kinds(pickRows({ ...base, query: '', hits: [], saved })), ['--saved searches--', 'saved']);
    const indexing = activityState({ stage: 'scan', done: 0, total: 0 });
    assert.deepEqual(kinds(pickRows({ ...base, query: '', hits: [], saved, indexing })), ['message', '--saved searches--', 'saved']);
    assert.deepEqual(pickRows({ ...base, query: '', hits: [] }), []);
  });
});

describe('index activity in words', () => {
  it('gives a percentage once the stage size is known, and a count of images for Gemini', () => {
    assert.equal(describeActivity(activityState({ stage: 'scan', done: 0, total: 0 })), 'Scanning…');
    assert.equal(describeActivity(activityState({ stage: 'index', done: 1, total: 3 })), 'Indexing 33%');
    assert.equal(describeActivity(activityState({ stage: 'cloud', done: 1, total: 3 })), 'Tagging with Gemini 1/3');
    assert.equal(describeActivity(activityState({ stage: 'cloud', done: 5, total: 4 })), 'Tagging with Gemini 4/4');
    assert.equal(describeActivity(activityState({ stage: 'cloud', done: 0, total: 0 })), 'Tagging with Gemini…');
  });
});
