import assert from 'node:assert/strict';
import * as path from 'node:path';
import { altTextFor, formatReference, importName, referenceKindFor, type ProjectStyle } from '../../src/vscode/reference.ts';

const root = path.resolve('/repo');
const asset = path.join(root, 'assets', 'icons', 'logo.png');
const text = (...args: Parameters<typeof formatReference>) => formatReference(...args).text;

describe('image references', () => {
  it('picks the reference kind from the language', () => {
    assert.equal(referenceKindFor('markdown'), 'markdown');
    assert.equal(referenceKindFor('mdx'), 'markdown');
    assert.equal(referenceKindFor('html'), 'html');
    assert.equal(referenceKindFor('typescriptreact'), 'jsx');
    assert.equal(referenceKindFor('vue'), 'component');
    assert.equal(referenceKindFor('scss'), 'css');
    assert.equal(referenceKindFor('typescript'), 'script');
    assert.equal(referenceKindFor('plaintext'), 'html');
  });

  it('makes the Markdown path relative to the document folder', () => {
    const document = path.join(root, 'docs', 'guide', 'intro.md');
    assert.equal(text('markdown', { asset, document, root, alt: 'Company logo' }), '![Company logo](../../assets/icons/logo.png)');
  });

  it('falls back to the workspace root for untitled documents', () => {
    assert.equal(text('html', { asset, document: null, root, alt: 'Logo' }), '<img src="assets/icons/logo.png" alt="Logo">');
  });

  it('escapes brackets in Markdown alt text and wraps paths with spaces', () => {
    const spaced = path.join(root, 'my images', 'a (1).png');
    const document = path.join(root, 'README.md');
    assert.equal(text('markdown', { asset: spaced, document, root, alt: 'a [draft]\nlogo' }), '![a \\[draft\\] logo](<my images/a (1).png>)');
  });

  it('escapes quotes and angle brackets in HTML attributes', () => {
    const document = path.join(root, 'index.html');
    assert.equal(text('html', { asset, document, root, alt: 'the "<b>" logo & more' }), '<img src="assets/icons/logo.png" alt="the &quot;&lt;b&gt;&quot; logo &amp; more">');
  });

  it('writes a self-closing <img /> in JSX/TSX and Vue/Svelte, url() in CSS, a string in scripts', () => {
    const document = path.join(root, 'src', 'App.tsx');
    assert.equal(text('jsx', { asset, document, root, alt: 'Logo' }), '<img src="../assets/icons/logo.png" alt="Logo" />');
    assert.equal(text('component', { asset, document, root, alt: 'Logo' }), '<img src="../assets/icons/logo.png" alt="Logo" />');
    assert.equal(text('css', { asset, document: path.join(root, 'styles', 'a.css'), root, alt: '' }), 'url("../assets/icons/logo.png")');
    assert.equal(text('script', { asset, document, root, alt: '' }), "'../assets/icons/logo.png'");
  });

  it('imports the image in JSX and scripts when the project imports images', () => {
    const style: ProjectStyle = { importsImages: true, rootRelativeRoots: [] };
    const document = path.join(root, 'assets', 'Card.tsx');
    assert.deepEqual(formatReference('jsx', { asset, document, root, alt: 'Logo' }, style), {
      text: '<img src={logo} alt="Logo" />',
      importLine: "import logo from './icons/logo.png';",
    });
    assert.deepEqual(formatReference('script', { asset, document, root, alt: '' }, style), { text: 'logo', importLine: "import logo from './icons/logo.png';" });
    assert.equal(importName('/x/hero-banner_dark.v2.png'), 'heroBannerDarkV2');
    assert.equal(importName('/x/404.svg'), 'image404');
  });

  it('writes /… below a public root the project references root-relative, and never imports those', () => {
    const style: ProjectStyle = { importsImages: true, rootRelativeRoots: ['public/'] };
    const hero = path.join(root, 'public', 'img', 'hero.jpg');
    const document = path.join(root, 'src', 'pages', 'Home.tsx');
    assert.deepEqual(formatReference('jsx', { asset: hero, document, root, alt: 'Hero' }, style), { text: '<img src="/img/hero.jpg" alt="Hero" />', importLine: null });
    assert.equal(text('markdown', { asset: hero, document: path.join(root, 'docs', 'a.md'), root, alt: 'Hero' }, style), '![Hero](/img/hero.jpg)');
    assert.equal(text('markdown', { asset, document: path.join(root, 'docs', 'a.md'), root, alt: 'Logo' }, style), '![Logo](../assets/icons/logo.png)');
  });

  it('takes alt text from the alt tag, then the caption, then the file name', () => {
    const tags = [{ text: 'red logo', field: 'keyword' }, { text: 'A red fox logo on white', field: 'alt' }];
    assert.equal(altTextFor({ path: 'a/fox.png', caption: 'A fox', tags }), 'A red fox logo on white');
    assert.equal(altTextFor({ path: 'a/fox.png', caption: 'A fox', tags: [] }), 'A fox');
    assert.equal(altTextFor({ path: 'a/hero-banner_dark.v2.png', caption: null, tags: [] }), 'hero banner dark v2');
  });
});
