import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { assertBuilt, runCli, runCliJson } from '../support/cli.ts';
import { svgDocument, tempDir, writePng, writeText } from '../support/images.ts';

interface JsonHit {
  path: string;
  lessRelated: boolean;
  size: number;
  modified: number;
}

describe('CLI: hand tags, saved searches and sorting', function () {
  let dir: ReturnType<typeof tempDir>;
  let root: string;

  before(async () => {
    assertBuilt();
    dir = tempDir();
    root = dir.path;
    writeText(join(root, 'birds/robin.svg'), svgDocument({ title: 'Robin bird', subjects: ['bird'], fill: '#cc3311' }));
    writeText(join(root, 'birds/crow.svg'), svgDocument({ title: 'Crow bird', subjects: ['bird'], fill: '#111111', body: '<rect width="3" height="3"/>'.repeat(30) }));
    writeText(join(root, 'pond/frog.svg'), svgDocument({ title: 'Green frog', subjects: ['animal', 'pond'], fill: '#22aa22' }));
    writeText(join(root, 'food/cake.svg'), svgDocument({ title: 'Birthday cake', subjects: ['party'], fill: '#ffaacc' }));
    await writePng(join(root, 'photos/beach.png'), 40, 30, { r: 240, g: 220, b: 150 });
    mkdirSync(join(root, 'zcopies'));
    copyFileSync(join(root, 'photos/beach.png'), join(root, 'zcopies/beach.png'));
    utimesSync(join(root, 'birds/robin.svg'), 1_600_000_000, 1_600_000_000);
    utimesSync(join(root, 'birds/crow.svg'), 1_700_000_000, 1_700_000_000);
    assert.equal(runCli(['index', root, '--no-cloud']).status, 0);
  });
  after(() => dir.remove());

  it('tag adds and removes hand tags, keeps them in the ledger, and search finds them', () => {
    const added = runCliJson<{ path: string; tags: string[] }>(['tag', root, 'photos/beach.png', '--add', 'Summer', 'hero']);
    assert.deepEqual(added, { path: 'photos/beach.png', tags: ['Summer', 'hero'] });
    assert.deepEqual(runCliJson<{ tags: string[] }>(['tag', root, './photos/beach.png', '--remove', 'summer']).tags, ['hero']);
    const ledger = readFileSync(join(root, '.vscode/asset-lens/tags.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(ledger.at(-1).tags, ['hero']);
    assert.equal(ledger.at(-1).source, 'user');
    assert.equal(runCliJson<JsonHit[]>(['search', root, 'hero', '--mode', 'lexical'])[0]?.path, 'photos/beach.png');
    assert.equal(runCli(['tag', root, 'photos/beach.png']).stdout, 'photos/beach.png: hero\n');
    const missing = runCli(['tag', root, 'nope.png', '--add', 'x']);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /nope\.png: not in the index/);
  });

  it('searches saves, lists and deletes; search --saved runs one', () => {
    assert.match(runCli(['searches', root]).stdout, /^no saved searches/);
    assert.equal(runCli(['searches', root, '--save', 'Birds', '--query', 'bird ext:svg']).status, 0);
    runCli(['searches', root, '--save', 'Beach', '--query', 'in:photos']);
    assert.deepEqual(runCliJson(['searches', root]), [{ name: 'Beach', query: 'in:photos' }, { name: 'Birds', query: 'bird ext:svg' }]);
    assert.equal(runCli(['searches', root]).stdout, 'Beach\tin:photos\nBirds\tbird ext:svg\n');
    const birds = runCliJson<JsonHit[]>(['search', root, '--saved', 'Birds', '--sort', 'name']);
    assert.deepEqual(birds.filter((h) => !h.lessRelated).map((h) => h.path), ['birds/crow.svg', 'birds/robin.svg']);
    const unknown = runCli(['search', root, '--saved', 'Nope']);
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /no saved search named "Nope"/);
    assert.equal(runCli(['searches', root, '--delete', 'Beach']).status, 0);
    assert.deepEqual(runCliJson(['searches', root]), [{ name: 'Birds', query: 'bird ext:svg' }]);
  });

  it('search --sort orders by date, size or name; hits carry lessRelated, size and modified', () => {
    const byDate = runCliJson<JsonHit[]>(['search', root, 'bird', '--sort', 'modified']);
    assert.deepEqual(byDate.filter((h) => !h.lessRelated).map((h) => h.path), ['birds/crow.svg', 'birds/robin.svg']);
    assert.equal(byDate[0]!.modified, 1_700_000_000_000);
    const bySize = runCliJson<JsonHit[]>(['search', root, 'ext:svg', '--sort', 'size']);
    assert.equal(bySize[0]!.path, 'birds/crow.svg');
    assert.deepEqual(bySize.map((h) => h.size), [...bySize.map((h) => h.size)].sort((a, b) => b - a));
    assert.equal(runCli(['search', root, 'bird', '--sort', 'colour']).status, 1);
  });

  it('suggests a correction on stderr for a typo, and marks weak matches in text output', () => {
    const typo = runCli(['search', root, 'birthdy cke']);
    assert.equal(typo.status, 0);
    assert.match(typo.stderr, /did you mean "birthday cake"\?/);
    const text = runCli(['search', root, 'bird', '--limit', '10']).stdout.trimEnd().split('\n');
    const divider = text.indexOf('-- less related --');
    assert.equal(divider, 2, text.join('\n'));
    assert.ok(text.slice(0, divider).every((line) => line.includes('birds/')));
    assert.match(text[3]!, /pond\/frog\.svg/);
  });

  it('status counts files and distinct images, and says how many are copies', () => {
    const status = runCli(['status', root]).stdout;
    assert.match(status.split('\n')[0]!, /^6 files, 5 distinct images \(1 file is a copy of another\), index /);
  });
});
