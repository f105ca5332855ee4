import assert from 'node:assert/strict';
import * as path from 'node:path';
import { altTextFor, formatReference, referenceKindFor } from '../../src/vscode/reference.ts';

const root = path.resolve('/repo');
const asset = path.join(root, 'assets', 'icons', 'logo.png');

describe('image references', () => {
  it('writes Markdown in Markdown documents and HTML elsewhere', () => {
    assert.equal(referenceKindFor('markdown'), 'markdown');
    assert.equal(referenceKindFor('html'), 'html');
    assert.equal(referenceKindFor('typescriptreact'), 'html');
  });

  it('makes the Markdown path relative to the document folder', () => {
    const document = path.join(root, 'docs', 'guide', 'intro.md');
    assert.equal(formatReference('markdown', { asset, document, root, alt: 'Company logo' }), '![Company logo](../../assets/icons/logo.png)');
  });

  it('falls back to the workspace root for untitled documents', () => {
    assert.equal(formatReference('html', { asset, document: null, root, alt: 'Logo' }), '<img src="assets/icons/logo.png" alt="Logo">');
  });

  it('escapes brackets in Markdown alt text and wraps paths with spaces', () => {
    const spaced = path.join(root, 'my images', 'a (1).png');
    const document = path.join(root, 'README.md');
    assert.equal(formatReference('markdown', { asset: spaced, document, root, alt: 'a [draft]\nlogo' }), '![a \\[draft\\] logo](<my images/a (1).png>)');
  });

  it('escapes quotes and angle brackets in HTML attributes', () => {
    const document = path.join(root, 'index.html');
    assert.equal(
      formatReference('html', { asset, document, root, alt: 'the "<b>" logo & more' }),
      '<img src="assets/icons/logo.png" alt="the &quot;&lt;b&gt;&quot; logo &amp; more">',
    );
  });

  it('takes alt text from the alt tag, then the caption, then the file name', () => {
    const tags = [{ text: 'red logo', field: 'keyword' }, { text: 'A red fox logo on white', field: 'alt' }];
    assert.equal(altTextFor({ path: 'a/fox.png', caption: 'A fox', tags }), 'A red fox logo on white');
    assert.equal(altTextFor({ path: 'a/fox.png', caption: 'A fox', tags: [] }), 'A fox');
    assert.equal(altTextFor({ path: 'a/hero-banner_dark.v2.png', caption: null, tags: [] }), 'hero banner dark v2');
  });
});
