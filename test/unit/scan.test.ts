import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanPaths, scanTree, scanTreeFor } from '../../src/core/scan.ts';
import { tempDir } from '../support/images.ts';

describe('scan', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
    const files = [
      'a.png', 'b.JPG', 'notes.txt', 'icons/logo.svg', 'icons/big.png', 'build/out.png', 'node_modules/x/y.png',
      '.git/objects/z.png', 'private/secret.png', 'deep/nested/ignored-here.png', 'deep/nested/kept.webp',
      '.vscode/asset-lens/thumbs/t.png', 'sp ace/ünï.gif',
    ];
    for (const file of files) {
      mkdirSync(join(dir.path, file, '..'), { recursive: true });
      writeFileSync(join(dir.path, file), file === 'icons/big.png' ? Buffer.alloc(2048) : 'x');
    }
    writeFileSync(join(dir.path, '.gitignore'), 'build/\n');
    writeFileSync(join(dir.path, 'deep/.gitignore'), 'nested/ignored-*.png\n');
    symlinkSync(dir.path, join(dir.path, 'loop'));
  });
  afterEach(() => dir.remove());

  it('lists images, honouring .gitignore at every level, excludes, skipped folders and the size cap', async () => {
    const result = await scanTree({ root: dir.path, exclude: ['private/**'], skipDirectories: [join(dir.path, '.vscode/asset-lens')], maxFileBytes: 1024 });
    assert.deepEqual(result.files.map((f) => f.path), ['a.png', 'b.JPG', 'deep/nested/kept.webp', 'icons/logo.svg', 'sp ace/ünï.gif']);
    assert.equal(result.refused.length, 1);
    assert.equal(result.refused[0]!.path, 'icons/big.png');
    assert.match(result.refused[0]!.reason, /size cap/);
  });

  it('one walk lists several kinds of file, each with its own size cap, exactly as a walk for each would', async () => {
    writeFileSync(join(dir.path, 'notes.md'), 'x'.repeat(600));
    writeFileSync(join(dir.path, 'build/page.md'), 'x');
    writeFileSync(join(dir.path, 'deep/nested/readme.txt'), 'x');
    const options = { root: dir.path, exclude: ['private/**'], skipDirectories: [join(dir.path, '.vscode/asset-lens')] };
    const images = { maxFileBytes: 1024 };
    const text = { accept: (path: string) => /\.(?:md|txt)$/.test(path), maxFileBytes: 512 };
    const [walkedImages, walkedText] = await scanTreeFor(options, [images, text]);
    assert.deepEqual(walkedImages, await scanTree({ ...options, ...images }));
    assert.deepEqual(walkedText, await scanTree({ ...options, ...text }));
    assert.deepEqual(walkedText!.files.map((f) => f.path), ['deep/nested/readme.txt', 'notes.txt']);
    assert.deepEqual(walkedText!.refused.map((r) => r.path), ['notes.md']);
    // A file two kinds accept is in both lists (icons/logo.svg is an image and, here, a text file too).
    const svgText = { accept: (path: string) => path.endsWith('.svg'), maxFileBytes: 512 };
    const [imagesAgain, svgs] = await scanTreeFor(options, [images, svgText]);
    assert.deepEqual(imagesAgain, walkedImages);
    assert.deepEqual(svgs, await scanTree({ ...options, ...svgText }));
    assert.ok(svgs!.files.some((f) => f.path === 'icons/logo.svg'));
  });

  it('applies the same rules to named paths, and reports the missing ones', async () => {
    const result = await scanPaths({ root: dir.path, exclude: ['private/**'] }, [
      join(dir.path, 'a.png'), join(dir.path, 'build/out.png'), join(dir.path, 'private/secret.png'),
      join(dir.path, 'deep/nested/ignored-here.png'), join(dir.path, 'deep/nested/kept.webp'), join(dir.path, 'gone.png'),
      join(dir.path, '..', 'outside.png'), join(dir.path, 'notes.txt'),
    ]);
    assert.deepEqual(result.files.map((f) => f.path), ['a.png', 'deep/nested/kept.webp']);
    assert.deepEqual(result.missing, ['gone.png']);
  });
});
