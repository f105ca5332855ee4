import assert from 'node:assert/strict';
import { join } from 'node:path';
import { utimesSync } from 'node:fs';
import { AssetLens } from '../../src/core/engine.ts';
import { tempDir, writeText } from '../support/images.ts';
import { assertBuilt, runCliJson } from '../support/cli.ts';
import { columnOf, EXPECTED_BROKEN, EXPECTED_REFERENCES, EXPECTED_UNUSED, IMAGES, writeReferenceFixture } from '../support/reference-fixture.ts';

type Found = { file: string; line: number; column: number; text: string; target: string | null };

function key(r: Found): string {
  return `${r.file}:${r.line}:${r.column} ${r.text} -> ${r.target ?? 'broken'}`;
}

describe('references: where each image is used, what is unused, what is broken', function () {
  let dir: ReturnType<typeof tempDir>;
  let root: string;
  let lens: AssetLens;

  before(async () => {
    dir = tempDir();
    root = join(dir.path, 'web');
    await writeReferenceFixture(root);
    lens = await AssetLens.open({ root });
    await lens.index({ cloud: false });
  });

  after(() => {
    lens?.close();
    dir?.remove();
  });

  /** Every reference the index holds, with its resolved target. */
  function detected(): Found[] {
    return lens.store.db.prepare('SELECT file, line, col AS column, text, target FROM refs ORDER BY file, line, col').all() as Found[];
  }

  it('finds the hand-listed references with precision and recall of at least 0.95, each resolved to the right image', () => {
    const expected = new Set(EXPECTED_REFERENCES.map((e) => key({ ...e, column: columnOf(e) })));
    const found = new Set(detected().map(key));
    const hits = [...found].filter((k) => expected.has(k)).length;
    const precision = hits / found.size;
    const recall = hits / expected.size;
    const report = `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}\nmissed:\n  ${[...expected].filter((k) => !found.has(k)).join('\n  ')}\nextra:\n  ${[...found].filter((k) => !expected.has(k)).join('\n  ')}`;
    assert.ok(precision >= 0.95 && recall >= 0.95, report);
    console.log(`      ${EXPECTED_REFERENCES.length} hand-listed references: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`);
  });

  /** The references found on these lines of a fixture file, against the hand-listed ones. */
  function assertLines(file: string, lines: (line: number) => boolean): void {
    const expected = EXPECTED_REFERENCES.filter((e) => e.file === file && lines(e.line)).map((e) => key({ ...e, column: columnOf(e) }));
    assert.ok(expected.length > 0);
    assert.deepEqual(detected().filter((r) => r.file === file && lines(r.line)).map(key), expected);
  }

  it('reads a quoted url() or image-set() entry whole, spaces and brackets included; never a tail of a built path', () => {
    assertLines('styles/spaced.scss', () => true);
    assertLines('index.html', (line) => line === 20);
  });

  it('takes string literals in Vue bindings and {{ }}, and in Svelte/Astro/MDX { } expressions; not prose, text or built paths', () => {
    for (const file of ['src/Gallery.vue', 'src/Badge.svelte', 'src/pages/Home.astro']) assertLines(file, () => true);
    assertLines('docs/guide.mdx', (line) => line === 9);
  });

  it('reads YAML block scalars (| and >) as Markdown text; a line holding only a path counts; the block ends where its indentation does', () => {
    assertLines('config/site.yml', (line) => line >= 9);
  });

  it('takes string literals in server template tags (Nunjucks, ERB, Django, Liquid, Jekyll Markdown) as helper arguments, found in any asset folder by the end of their path; not comments, prose or alt text', async () => {
    for (const file of ['templates/post.njk', 'app/views/home.html.erb', 'app/templates/index.html', 'themes/shop/sections/header.liquid', 'docs/jekyll.md']) assertLines(file, () => true);
    const [typo] = await lens.broken('themes/shop/sections/header.liquid');
    assert.equal(typo!.replacement, 'hero-banner.jpg', 'the fix names the image as the helper looks it up, not by a path from the template');
  });

  it('lists exactly the images no text file references', () => {
    assert.deepEqual(lens.unused(), EXPECTED_UNUSED);
  });

  it('lists exactly the broken references, suggesting the renamed file from git history, else the closest name', async () => {
    const broken = (await lens.broken()).map(({ file, line, reference, suggestion }) => ({ file, line, reference, suggestion }));
    assert.deepEqual(broken, EXPECTED_BROKEN);
    const [renamed] = await lens.broken('README.md');
    assert.equal(renamed!.replacement, 'img/brand-logo.png');
  });

  it('answers used:yes / used:no in search, and each hit carries its reference count', async () => {
    const unused = await lens.search('used:no', { limit: 100 });
    assert.deepEqual(unused.map((h) => h.path).sort(), EXPECTED_UNUSED);
    assert.ok(unused.every((h) => h.refs === 0));
    const used = await lens.search('used:yes', { limit: 100 });
    const logoRefs = EXPECTED_REFERENCES.filter((e) => e.target === 'public/logo.svg').length;
    assert.equal(used.find((h) => h.path === 'public/logo.svg')?.refs, logoRefs);
    assert.equal(used.length + unused.length, IMAGES.length);
    assert.deepEqual((await lens.facets()).usage, { yes: IMAGES.length - EXPECTED_UNUSED.length, no: EXPECTED_UNUSED.length });
    assert.deepEqual((await lens.facets('used:no')).usage, { no: EXPECTED_UNUSED.length });
  });

  it('tells how the project writes references: scripts import images, public/ is referenced as /…', () => {
    assert.deepEqual(lens.referenceStyle(), { importsImages: true, rootRelativeRoots: ['public/'] });
  });

  it('re-reads only text files whose size or mtime changed, and re-extracts only those whose bytes changed', async () => {
    const unchanged = await lens.indexReferences();
    assert.equal(unchanged.read, 0);
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'index.html'), future, future);
    const touched = await lens.indexReferences();
    assert.deepEqual([touched.read, touched.extracted], [1, 0]);

    const page = join(root, 'docs/extra.md');
    writeText(page, '![spare](../public/img/spare.jpg)\n');
    const added = await lens.indexReferences([page]);
    assert.deepEqual([added.read, added.extracted], [1, 1]);
    assert.deepEqual(lens.references('public/img/spare.jpg'), [{ file: 'docs/extra.md', line: 1, column: 10, text: '../public/img/spare.jpg' }]);
    assert.ok(!lens.unused().includes('public/img/spare.jpg'));
  });

  it('reads every text file again when the index was made by older extractors, though no file changed', async () => {
    const before = detected();
    const config = lens.store.readMeta('references_config')!;
    // What the first version wrote: the resolver config alone, no extractor version.
    const { extractor, ...resolver } = JSON.parse(config) as { extractor?: number };
    assert.ok(extractor !== undefined);
    lens.store.writeMeta('references_config', JSON.stringify(resolver));
    lens.store.db.prepare('DELETE FROM refs').run();
    const again = await lens.indexReferences();
    assert.equal(again.extracted, again.textFiles - again.skipped);
    assert.deepEqual(detected(), before);
  });

  it('skips binary and oversized text files', async () => {
    writeText(join(root, 'vendor/blob.js'), Buffer.concat([Buffer.from("import a from './a.png';\n"), Buffer.alloc(16), Buffer.from("'../public/logo.svg'")]));
    writeText(join(root, 'data/huge.json'), `["../public/logo.svg", "${'x'.repeat(3 * 1024 * 1024)}"]`);
    const summary = await lens.indexReferences();
    assert.equal(summary.skipped, 2);
    assert.ok(!detected().some((r) => r.file === 'vendor/blob.js' || r.file === 'data/huge.json'));
  });

  it('CLI: refs, unused and broken print the documented JSON shapes', () => {
    assertBuilt();
    const refs = runCliJson<unknown[]>(['refs', root, 'public/logo.svg']);
    const expectedLogo = EXPECTED_REFERENCES.filter((e) => e.target === 'public/logo.svg')
      .map((e) => ({ file: e.file, line: e.line, column: columnOf(e), text: e.text }))
      .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
    assert.deepEqual(refs, expectedLogo);
    const unused = runCliJson<unknown[]>(['unused', root]);
    assert.deepEqual(unused, EXPECTED_UNUSED.filter((p) => p !== 'public/img/spare.jpg').map((path) => ({ path })));
    const broken = runCliJson<unknown[]>(['broken', root]);
    assert.deepEqual(broken, EXPECTED_BROKEN.map((b) => ({ file: b.file, line: b.line, column: columnOf({ ...b, text: b.reference }), reference: b.reference, suggestion: b.suggestion })));
  });
});

