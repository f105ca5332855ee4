import assert from 'node:assert/strict';
import { extractReferences, positions } from '../../src/core/references/extract.ts';
import { candidatesFor, rewriteReference, rewriteTemplateReference } from '../../src/core/references/resolve.ts';
import type { ResolverConfig } from '../../src/core/references/resolver-config.ts';
import { parseJsonc } from '../../src/core/references/tsconfig.ts';
import { closestName, editDistance } from '../../src/core/references/suggest.ts';
import { parseQuery } from '../../src/core/query.ts';

const config: ResolverConfig = { publicRoots: ['public/', 'static/', ''], aliases: [{ prefix: '@/', targets: ['src/'] }], baseUrl: null };

describe('reference scanner: extraction and resolution', () => {
  it('reads tsconfig-style JSON with comments and trailing commas, keeping // inside strings', () => {
    assert.deepEqual(parseJsonc('{\n // c\n "a": "http://x/*y*/", /* b */ "p": ["s/*",],\n}'), { a: 'http://x/*y*/', p: ['s/*'] });
  });

  it('counts lines and UTF-16 columns from 1', () => {
    assert.deepEqual(positions('ab\ncé\n\nxyz', [0, 4, 7]), [
      { line: 1, column: 1 },
      { line: 2, column: 2 },
      { line: 4, column: 1 },
    ]);
  });

  it('takes a script string that is one image path, not prose, comments, regexes or templates with ${}', () => {
    const found = extractReferences('a.ts', "const a = 'x/a.png'; // 'b.png'\nconst r = /'c.png'/; const t = `${d}.png`; const s = 'see e.png';\n");
    assert.deepEqual(found.map((f) => f.text), ['x/a.png']);
  });

  it('takes an import specifier whole, spaces and brackets included, but not a prose string with a path in it', () => {
    const found = extractReferences('a.ts', "import a from './my logo (2).png';\nconst s = 'see e.png';\nconst b = require(\"./b c.svg\");\nimport('./x #{y}.png');\n");
    assert.deepEqual(found.map((f) => [f.text, f.context]), [['./my logo (2).png', 'module'], ['./b c.svg', 'module']]);
  });

  it('reads a src/href value and a Markdown <…> destination whole, spaces and brackets included; not prose, alt text or built paths', () => {
    const html = extractReferences('a.html', '<img src="My logo (2).png" alt="see a.png"><a href="{{ base }}/x y.png">x</a><img srcset="a.png 1x, b.png 2x"><img src="{{ \'/assets/logo.png\' | relative_url }}">');
    assert.deepEqual(html.map((f) => f.text), ['My logo (2).png', 'a.png', 'b.png', '/assets/logo.png']);
    const jsx = extractReferences('a.tsx', '<img src="./My logo.png" title="see b.png" />; const s = "see c.png";');
    assert.deepEqual(jsx.map((f) => [f.text, f.context]), [['./My logo.png', 'url']]);
    const md = extractReferences('a.md', '![a](<My logo.png>) ![b](logo(2).png) [c]: <d e.svg>\n![x](<see the kit.png later>)');
    assert.deepEqual(md.map((f) => f.text), ['My logo.png', 'logo(2).png']);
  });

  it('resolves a template helper\'s argument like a data value, then by the end of any indexed path; its fix keeps the helper\'s style', () => {
    const [found] = extractReferences('app/views/a.html.erb', '<%= image_tag "icons/a.png" %>');
    assert.equal(found!.context, 'template');
    assert.deepEqual(candidatesFor('icons/a.png', 'template', 'app/views/a.erb', config), ['app/views/icons/a.png', 'public/icons/a.png', 'static/icons/a.png', 'icons/a.png', '**/icons/a.png']);
    assert.deepEqual(candidatesFor('../icons/a.png', 'template', 'app/views/a.erb', config), ['app/icons/a.png', '**/icons/a.png']);
    assert.equal(rewriteTemplateReference('images/old.png?v=2', 'app/assets/images/new.png', config), 'images/new.png?v=2');
    assert.equal(rewriteTemplateReference('/old.png', 'public/img/new.png', config), '/new.png');
  });

  it('marks import specifiers as modules: a bare one is a package unless baseUrl says otherwise', () => {
    const [found] = extractReferences('a.ts', "import x from 'pkg/icon.png';");
    assert.equal(found!.context, 'module');
    assert.equal(candidatesFor(found!.text, 'module', 'src/a.ts', config), null);
    assert.deepEqual(candidatesFor(found!.text, 'module', 'src/a.ts', { ...config, baseUrl: '' }), ['pkg/icon.png']);
  });

  it('resolves root-relative paths against the public roots in order, aliases, and relative paths; refuses URLs and escapes', () => {
    assert.deepEqual(candidatesFor('/img/a.png?v=2#x', 'url', 'pages/b.html', config), ['public/img/a.png', 'static/img/a.png', 'img/a.png']);
    assert.deepEqual(candidatesFor('@/icons/a%20b.svg', 'module', 'x.ts', config), ['src/icons/a b.svg']);
    assert.deepEqual(candidatesFor('img/a.png', 'data', 'data/site.json', config), ['data/img/a.png', 'public/img/a.png', 'static/img/a.png', 'img/a.png']);
    const hashAlias = { ...config, aliases: [{ prefix: '#assets/', targets: ['src/assets/'] }] };
    assert.deepEqual(candidatesFor('#assets/a.png#frag', 'module', 'x.ts', hashAlias), ['src/assets/a.png'], 'a `#` alias (subpath-import style) is not a fragment');
    assert.equal(rewriteReference('#assets/old.png?v=1', 'src/assets/old.png', 'src/assets/new.png', 'x.ts', hashAlias), '#assets/new.png?v=1');
    assert.equal(candidatesFor('#top.png', 'url', 'a.html', config), null, 'without such an alias, `#…` is a fragment');
    assert.equal(candidatesFor('https://x.org/a.png', 'url', 'a.html', config), null);
    assert.equal(candidatesFor('../../a.png', 'url', 'a/b.html', config), null);
    assert.equal(candidatesFor('./a.css', 'url', 'a.html', config), null);
  });

  it('rewrites a reference to a renamed file in the style it was written', () => {
    assert.equal(rewriteReference('/img/old.png?v=1', 'public/img/old.png', 'public/brand/new.png', 'index.html', config), '/brand/new.png?v=1');
    assert.equal(rewriteReference('@/a/old.svg', 'src/a/old.svg', 'src/b/new.svg', 'src/x.ts', config), '@/b/new.svg');
    assert.equal(rewriteReference('./old.png', 'docs/old.png', 'docs/img/new.png', 'docs/a.md', config), './img/new.png');
    assert.equal(rewriteReference('../old.png', 'old.png', 'img/new.png', 'docs/a.md', config), '../img/new.png');
  });

  it('stays linear on pathological templates and long YAML blocks (a text file is up to 2 MB of anyone\'s making)', () => {
    const started = performance.now();
    assert.deepEqual(extractReferences('a.svelte', '{'.repeat(500_000) + "'/a.png'}"), []);
    assert.deepEqual(extractReferences('a.vue', '{{ '.repeat(300_000) + "<img src='/a.png'>"), [{ offset: 900_010, text: '/a.png', context: 'url' }]);
    assert.deepEqual(extractReferences('a.html', '<%'.repeat(300_000) + "<img src='/a.png'>"), [{ offset: 600_010, text: '/a.png', context: 'url' }]);
    const tags = extractReferences('a.njk', "{{ 'x' }}".repeat(200_000) + "{% image '/b.png' %}<img src='/a.png'>");
    assert.deepEqual(tags.map((f) => [f.text, f.context]), [['/b.png', 'template'], ['/a.png', 'url']]);
    const block = extractReferences('a.yml', 'body: |\n' + '  img/a.png\n'.repeat(200_000));
    assert.equal(block.length, 200_000);
    assert.deepEqual(block.at(-1), { offset: 8 + 199_999 * 12 + 2, text: 'img/a.png', context: 'data' });
    assert.ok(performance.now() - started < 10_000, `${Math.round(performance.now() - started)} ms`);
  });

  it('parses used:yes / used:no, and warns about other values', () => {
    assert.equal(parseQuery('logo used:no').filters.used, false);
    assert.equal(parseQuery('used:YES').filters.used, true);
    assert.deepEqual(parseQuery('used:maybe').warnings, ['unknown used: value "maybe" (use yes or no)']);
  });

  it('suggests the closest name only when it is close', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(closestName('img/hero-baner.jpg', ['img/hero-banner.jpg', 'img/logo.png']), 'img/hero-banner.jpg');
    assert.equal(closestName('img/zzzzzzzz.gif', ['img/hero-banner.jpg']), null);
    assert.equal(closestName('design/gone.png', ['png/airplane.png', 'png/flower.png']), null, 'the shared extension does not count');
    assert.equal(closestName('img/logo-old.png', ['img/logo.png', 'img/photo.png']), 'img/logo.png');
  });
});
