import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, linkSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanTagText, limitTags, MAX_TAGS_PER_SOURCE } from '../../src/core/tag-limits.ts';
import { MemoryBudget, overBudgetReason } from '../../src/core/memory-budget.ts';
import { appendStateFile, containedPath, createStateFileOnce, prepareIndexDir, writeStateFileAtomic } from '../../src/core/safe-fs.ts';
import { escapeControl } from '../../src/cli/output.ts';
import type { Tag } from '../../src/core/types.ts';

describe('tag limits', () => {
  it('strips control and bidi/format characters from tags of every source', () => {
    assert.equal(cleanTagText('a\u001b[2Jb\u202ec\u200bd\u0007e\nf', 300), 'a [2Jb c d e f');
    const tags = limitTags([{ text: 'logo\u202egnp.exe', source: 'path', field: 'path' }]);
    assert.deepEqual(tags, [{ text: 'logo gnp.exe', source: 'path', field: 'path' }]);
  });

  it('keeps at most 200 distinct tags per source and caps each tag and description', () => {
    const many: Tag[] = Array.from({ length: 5000 }, (_, i) => ({ text: `Word ${i % 400}`, source: 'embedded', field: 'keyword' }));
    many.push({ text: 'WORD 1', source: 'embedded', field: 'keyword' }, { text: 'user tag', source: 'user', field: 'keyword' });
    const limited = limitTags(many);
    assert.equal(limited.filter((t) => t.source === 'embedded').length, MAX_TAGS_PER_SOURCE);
    assert.ok(limited.some((t) => t.source === 'user'), 'one source filling up does not starve another');
    assert.equal(limitTags([{ text: 'x'.repeat(10_000), source: 'cloud', field: 'keyword' }])[0]!.text.length, 300);
    assert.equal(limitTags([{ text: 'y'.repeat(10_000), source: 'embedded', field: 'description' }])[0]!.text.length, 4000);
  });
});

describe('memory budget', () => {
  it('lets work in only while its bytes fit, first come first served, one holder always', async () => {
    const budget = new MemoryBudget(100);
    const order: string[] = [];
    const a = await budget.reserve(60);
    let bGranted = false;
    const b = budget.reserve(60).then((release) => ((bGranted = true), order.push('b'), release));
    const c = budget.reserve(10).then((release) => (order.push('c'), release));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(bGranted, false, '60 + 60 is over the budget');
    assert.deepEqual(order, [], 'a small reservation does not overtake the one waiting before it');
    a();
    const [releaseB, releaseC] = await Promise.all([b, c]);
    assert.deepEqual(order, ['b', 'c']);
    releaseB();
    releaseC();
    const huge = await budget.reserve(1000);
    huge();
  });

  it('refuses a single input that would not fit the budget, with the reason', () => {
    assert.equal(overBudgetReason('a.png', 10 * 1024 * 1024), null);
    assert.match(overBudgetReason('a.png', 600 * 1024 * 1024) ?? '', /^would need about \d+ MB of memory to index, over the 512 MB budget$/);
  });
});

describe('safe-fs', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'asset-lens-safe-fs-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses an index folder whose parent inside the root links outside, and accepts links that stay inside', () => {
    const root = join(dir, 'repo');
    mkdirSync(join(root, 'inner'), { recursive: true });
    mkdirSync(join(dir, 'outside'));
    symlinkSync(join(dir, 'outside'), join(root, '.vscode'));
    assert.throws(() => prepareIndexDir(root, join(root, '.vscode', 'asset-lens')), /\.vscode: is a symbolic link to .*outside, outside the repository/);
    symlinkSync(join(root, 'inner'), join(root, 'cache'));
    prepareIndexDir(root, join(root, 'cache', 'asset-lens'));
  });

  it('never writes through a link or a hard link, and creates files only where nothing has the name', () => {
    const outside = join(dir, 'outside.txt');
    writeFileSync(outside, 'original\n');
    symlinkSync(outside, join(dir, 'link.jsonl'));
    linkSync(outside, join(dir, 'hard.jsonl'));
    assert.throws(() => appendStateFile(join(dir, 'link.jsonl'), 'x\n', 1024), /is a symbolic link/);
    assert.throws(() => appendStateFile(join(dir, 'hard.jsonl'), 'x\n', 1024), /has other hard links/);
    symlinkSync(join(dir, 'would-be-created'), join(dir, '.gitignore'));
    assert.equal(createStateFileOnce(join(dir, '.gitignore'), '*\n'), false);
    writeStateFileAtomic(join(dir, 'link.jsonl'), 'replaced\n');
    assert.equal(readFileSync(outside, 'utf8'), 'original\n');
    appendStateFile(join(dir, 'fresh.jsonl'), 'a', 1024);
    appendStateFile(join(dir, 'fresh.jsonl'), 'b\n', 1024);
    assert.equal(readFileSync(join(dir, 'fresh.jsonl'), 'utf8'), 'a\nb\n', 'a line is never glued to an unterminated last line');
  });

  it('keeps paths from the index inside the root', () => {
    mkdirSync(join(dir, 'repo'));
    symlinkSync(dir, join(dir, 'repo', 'up'));
    assert.equal(containedPath(join(dir, 'repo'), '../outside.png'), null);
    assert.equal(containedPath(join(dir, 'repo'), 'up/outside.png'), null);
    assert.equal(containedPath(join(dir, 'repo'), 'a/b.png'), join(dir, 'repo', 'a', 'b.png'));
  });
});

describe('plain CLI output', () => {
  it('shows control and bidi characters as escapes', () => {
    assert.equal(escapeControl('a\u001b]0;x\u0007b\nc\u202e'), 'a\\u{1b}]0;x\\u{7}b\\u{a}c\\u{202e}');
  });
});
