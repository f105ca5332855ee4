import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AssetLens } from '../../src/core/engine.ts';
import { readLedger } from '../../src/core/bigbrain/ledger.ts';
import { svgDocument, tempDir, writePng, writeText } from '../support/images.ts';

function ledgerLines(lens: AssetLens): Record<string, unknown>[] {
  return readFileSync(lens.ledgerPath, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('hand tags belong to the team (tags.jsonl, source user)', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.remove());

  async function makeRepo(root: string): Promise<void> {
    writeText(join(root, 'art/a.svg'), svgDocument({ title: 'Sailing boat', fill: '#1144cc' }));
    await writePng(join(root, 'photos/b.png'), 40, 30, { r: 200, g: 30, b: 30 });
  }

  it('appends each edit to the ledger keyed by content hash, and search finds the tags at once', async () => {
    const root = join(dir.path, 'repo');
    await makeRepo(root);
    const lens = await AssetLens.open({ root });
    try {
      await lens.index({ cloud: false });
      assert.deepEqual(await lens.editUserTags('art/a.svg', { add: ['Logo', 'brand', 'logo '] }), ['Logo', 'brand', 'logo']);
      assert.deepEqual(await lens.editUserTags('art/a.svg', { remove: ['LOGO'] }), ['brand']);
      const hash = lens.get('art/a.svg')!.hash;
      const lines = ledgerLines(lens);
      assert.equal(lines.length, 2);
      assert.deepEqual(lines.map((l) => [l.hash, l.source, l.tags]), [[hash, 'user', ['Logo', 'brand', 'logo']], [hash, 'user', ['brand']]]);
      assert.equal((await lens.search('brand', { mode: 'lexical' }))[0]?.path, 'art/a.svg');
      assert.deepEqual((await readLedger(lens.ledgerPath)).userTags.get(hash)?.tags, ['brand']);
      assert.equal((await readLedger(lens.ledgerPath)).entries.size, 0, 'a hand-tag line is not a cloud answer');
    } finally {
      lens.close();
    }
  });

  it('gives a clone the hand tags (other file names, same bytes), removals included', async () => {
    const root = join(dir.path, 'repo');
    await makeRepo(root);
    const lens = await AssetLens.open({ root });
    const clone = join(dir.path, 'clone');
    try {
      await lens.index({ cloud: false });
      await lens.setUserTags('art/a.svg', ['team favourite']);
      await lens.setUserTags('photos/b.png', ['hero', 'banner']);
      await lens.setUserTags('photos/b.png', []);

      mkdirSync(join(clone, 'x'), { recursive: true });
      copyFileSync(join(root, 'art/a.svg'), join(clone, 'x/boat.svg'));
      copyFileSync(join(root, 'photos/b.png'), join(clone, 'x/red.png'));
      const theirs = await AssetLens.open({ root: clone });
      try {
        await theirs.index({ cloud: false });
        await theirs.setUserTags('x/red.png', ['hero']);
        // A pull brings the team's ledger, where those tags were removed later.
        copyFileSync(lens.ledgerPath, theirs.ledgerPath);
        await theirs.index({ cloud: false });
        const userTags = (path: string) => theirs.get(path)!.tags.filter((t) => t.source === 'user').map((t) => t.text);
        assert.deepEqual(userTags('x/boat.svg'), ['team favourite']);
        assert.deepEqual(userTags('x/red.png'), []);
        assert.equal((await theirs.search('favourite', { mode: 'lexical' }))[0]?.path, 'x/boat.svg');
      } finally {
        theirs.close();
      }
    } finally {
      lens.close();
    }
  });

  it('export-tags keeps one hand-tag line per hash, sorted, and adds hand tags that never reached the ledger', async () => {
    const root = join(dir.path, 'repo');
    await makeRepo(root);
    const lens = await AssetLens.open({ root });
    try {
      await lens.index({ cloud: false });
      await lens.setUserTags('art/a.svg', ['one']);
      await lens.setUserTags('art/a.svg', ['two']);
      // Tagged by an older Asset Lens: in the index only.
      const png = lens.store.fileByPath('photos/b.png')!.assetId!;
      lens.store.transaction(() => lens.store.replaceTags(png, 'user', [{ text: 'legacy', source: 'user', field: 'keyword' }]));
      assert.equal(await lens.exportTags(), 2);
      const lines = ledgerLines(lens);
      assert.deepEqual(lines.map((l) => l.hash), lines.map((l) => l.hash as string).sort());
      assert.deepEqual(lines.map((l) => l.tags).sort(), [['legacy'], ['two']]);
    } finally {
      lens.close();
    }
  });
});

describe('the index folder stays invisible to git until there is a ledger to commit', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.remove());

  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd } });

  it('leaves git status clean after indexing; shows tags.jsonl and searches.json once they exist', async () => {
    const root = dir.path;
    await writePng(join(root, 'logo.png'), 30, 30, { r: 10, g: 200, b: 10 });
    git(root, 'init', '-q');
    git(root, 'add', 'logo.png');
    git(root, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'logo');
    const lens = await AssetLens.open({ root });
    try {
      await lens.index({ cloud: false });
      assert.equal(git(root, 'status', '--porcelain', '-uall'), '');
      await lens.setUserTags('logo.png', ['brand']);
      await lens.saveSearch('Logos', 'logo');
      assert.equal(git(root, 'status', '--porcelain', '-uall'), '?? .vscode/asset-lens/searches.json\n?? .vscode/asset-lens/tags.jsonl\n');
    } finally {
      lens.close();
    }
  });

  it('replaces the .gitignore older versions wrote, which made the folder show up', async () => {
    const indexDir = join(dir.path, '.vscode/asset-lens');
    mkdirSync(indexDir, { recursive: true });
    writeFileSync(join(indexDir, '.gitignore'), '*\n!.gitignore\n!tags.jsonl\n');
    const lens = await AssetLens.open({ root: dir.path });
    lens.close();
    assert.equal(readFileSync(join(indexDir, '.gitignore'), 'utf8'), '*\n!tags.jsonl\n!searches.json\n');
  });
});
