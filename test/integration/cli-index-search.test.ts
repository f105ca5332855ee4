import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, cpSync, renameSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import type { AssetRecord, IndexStatus, IndexSummary } from '../../src/core/types.ts';
import { assertBuilt, runCli, runCliJson } from '../support/cli.ts';
import { svgDocument, tempDir, writeJpeg, writePng, writeText, xmpPacket } from '../support/images.ts';

interface JsonHit {
  path: string;
  score: number;
  tags: string[];
  caption: string | null;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])));
  return Buffer.concat([length, Buffer.from(type, 'latin1'), data, crc]);
}

/** A PNG whose header says 30000×30000 pixels: a few bytes on disk, 3.6 GB once decoded. */
function decompressionBomb(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(30000, 0);
  header.writeUInt32BE(30000, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.alloc(30000 * 4 + 1))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('CLI: index and search a folder', function () {
  let dir: ReturnType<typeof tempDir>;
  let root: string;
  let probe: Server;
  let probeHits = 0;
  let first: IndexSummary;

  before(async () => {
    assertBuilt();
    dir = tempDir();
    root = join(dir.path, 'repo');
    probe = createServer((_, response) => {
      probeHits++;
      response.end('no');
    });
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;

    writeText(join(root, 'art/final_v3 (2).svg'), svgDocument({ title: 'Red fox', desc: 'A fox sitting in the snow', subjects: ['animal', 'wildlife'], fill: '#cc3311' }));
    writeText(join(root, 'art/untitled-7.svg'), svgDocument({ title: 'Sailing boat', desc: 'A small boat on the sea', subjects: ['ship', 'ocean'], fill: '#1144cc' }));
    writeText(join(root, 'art/img 12.svg'), svgDocument({ title: 'Coffee cup', subjects: ['drink', 'breakfast'], fill: '#663311' }));
    await writeJpeg(join(root, 'photos/DSC_0042.jpg'), 640, 360, { r: 30, g: 140, b: 40 }, { xmp: xmpPacket({ title: 'Pine forest', subjects: ['trees', 'nature'] }) });
    await writePng(join(root, 'icons/rocketLaunch.png'), 64, 64, { r: 240, g: 240, b: 240 }, { r: 200, g: 20, b: 20 });
    await writePng(join(root, 'sp ace/ünïcode-bicycle.png'), 50, 120, { r: 250, g: 200, b: 0 }, { r: 0, g: 0, b: 0 });
    copyFileSync(join(root, 'icons/rocketLaunch.png'), join(root, 'icons/copy-of-rocket.png'));
    // An SVG that tries to load a file and a URL and run a script: rasterised with no loading at all.
    writeText(
      join(root, 'art/hostile.svg'),
      svgDocument({ title: 'Hostile drawing', body: `<image href="http://127.0.0.1:${port}/x.png" width="10" height="10"/><image href="file:///etc/hostname"/><script>fetch('http://127.0.0.1:${port}/s')</script><style>@import url(http://127.0.0.1:${port}/c.css);</style>` }),
    );
    // Bad input: each is skipped with a reason, the run goes on.
    writeText(join(root, 'bad/empty.png'), Buffer.alloc(0));
    writeText(join(root, 'bad/notes.png'), 'this is a text file with an image name\n');
    const goodPng = (await import('sharp')).default({ create: { width: 200, height: 200, channels: 3, background: '#808080' } }).png();
    writeText(join(root, 'bad/truncated.png'), (await goodPng.toBuffer()).subarray(0, 60));
    const jpeg = await (await import('sharp')).default({ create: { width: 300, height: 300, channels: 3, background: '#aa0000' } }).jpeg().toBuffer();
    writeText(join(root, 'bad/truncated.jpg'), jpeg.subarray(0, Math.floor(jpeg.length / 3)));
    writeText(join(root, 'bad/bomb.png'), decompressionBomb());
    first = runCliJson<IndexSummary>(['index', root]);
  });

  /** A private, indexed copy of the tree, for a test that adds, renames or deletes files. */
  let copies = 0;
  function indexedCopy(): string {
    const copy = join(dir.path, `copy-${++copies}`);
    cpSync(root, copy, { recursive: true, preserveTimestamps: true });
    // Timestamps may not survive the copy to the millisecond: settle them before the test's own runs.
    runCliJson<IndexSummary>(['index', copy]);
    return copy;
  }

  after(() => {
    probe.close();
    dir.remove();
  });


  it('indexes everything it can and names each file it could not read, with the reason', () => {
    assert.equal(first.files, 13);
    assert.equal(first.new, 8);
    const reasons = Object.fromEntries(first.failed.map((f) => [f.path, f.reason]));
    assert.deepEqual(Object.keys(reasons).sort(), ['bad/bomb.png', 'bad/empty.png', 'bad/notes.png', 'bad/truncated.jpg', 'bad/truncated.png']);
    assert.match(reasons['bad/empty.png']!, /empty file/);
    assert.match(reasons['bad/notes.png']!, /not an image|unsupported/);
    assert.match(reasons['bad/bomb.png']!, /30000×30000.*megapixel limit/);
    assert.match(reasons['bad/truncated.png']!, /corrupt/);
    assert.match(reasons['bad/truncated.jpg']!, /corrupt/);
    assert.equal(probeHits, 0, 'the hostile SVG made no request');
  });

  it('finds images by what their metadata says, with the matching tags', () => {
    const hits = runCliJson<JsonHit[]>(['search', root, 'fox']);
    assert.equal(hits[0]!.path, 'art/final_v3 (2).svg');
    assert.ok(hits[0]!.tags.includes('Red fox'));
    const boat = runCliJson<JsonHit[]>(['search', root, 'ship on the water', '--mode', 'semantic']);
    assert.equal(boat[0]!.path, 'art/untitled-7.svg');
    const forest = runCliJson<JsonHit[]>(['search', root, 'woods', '--mode', 'semantic']);
    assert.equal(forest[0]!.path, 'photos/DSC_0042.jpg', 'XMP title "Pine forest" is found by a word it does not contain');
    const rocket = runCliJson<JsonHit[]>(['search', root, 'rocket', '--mode', 'lexical']);
    assert.deepEqual(rocket.map((h) => h.path), ['icons/copy-of-rocket.png'], 'duplicates are one asset, shown once');
  });

  it('applies filters inside the query', () => {
    const svgs = runCliJson<JsonHit[]>(['search', root, 'ext:svg', '--limit', '50']);
    assert.deepEqual(svgs.map((h) => h.path).sort(), ['art/final_v3 (2).svg', 'art/hostile.svg', 'art/img 12.svg', 'art/untitled-7.svg']);
    const portrait = runCliJson<JsonHit[]>(['search', root, 'orientation:portrait']);
    assert.deepEqual(portrait.map((h) => h.path), ['sp ace/ünïcode-bicycle.png']);
    const wide = runCliJson<JsonHit[]>(['search', root, 'w>600']);
    assert.deepEqual(wide.map((h) => h.path), ['photos/DSC_0042.jpg']);
    const green = runCliJson<JsonHit[]>(['search', root, 'color:green']);
    assert.deepEqual(green.map((h) => h.path), ['photos/DSC_0042.jpg']);
    const inIcons = runCliJson<JsonHit[]>(['search', root, 'in:icons/']);
    assert.deepEqual(inIcons.map((h) => h.path), ['icons/copy-of-rocket.png']);
    const tagged = runCliJson<JsonHit[]>(['search', root, 'tag:wildlife']);
    assert.deepEqual(tagged.map((h) => h.path), ['art/final_v3 (2).svg']);
  });

  it('answers a file of queries in one process, one JSON array per line', () => {
    const queries = join(dir.path, 'queries.txt');
    writeFileSync(queries, 'fox\ncoffee\n\nbicycle\n');
    const result = runCli(['search', root, '--queries-file', queries, '--json', '--limit', '1']);
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as JsonHit[]);
    assert.deepEqual(lines.map((hits) => hits[0]?.path), ['art/final_v3 (2).svg', 'art/img 12.svg', 'sp ace/ünïcode-bicycle.png']);
  });

  it('lists every file with facts, tags and cloud state, and failures with their reason', () => {
    const records = runCliJson<AssetRecord[]>(['list', root]);
    assert.equal(records.length, 13);
    const photo = records.find((r) => r.path === 'photos/DSC_0042.jpg')!;
    assert.equal(photo.width, 640);
    assert.equal(photo.height, 360);
    assert.equal(photo.format, 'jpg');
    assert.equal(photo.cloud.state, 'pending');
    assert.deepEqual(photo.tags.filter((t) => t.source === 'embedded').map((t) => t.text), ['Pine forest', 'trees', 'nature']);
    assert.ok(photo.tags.some((t) => t.source === 'path' && t.text === 'photos'));
    assert.match(records.find((r) => r.path === 'bad/empty.png')!.error!, /empty/);
    const status = runCliJson<IndexStatus>(['status', root]);
    assert.equal(status.files, 13);
    assert.equal(status.assets, 7);
    assert.ok(status.indexBytes > 0);
  });

  it('finds similar images: the near-duplicate first', async () => {
    const tree = indexedCopy();
    await writePng(join(tree, 'icons/rocket-small.png'), 48, 48, { r: 240, g: 240, b: 240 }, { r: 200, g: 20, b: 20 });
    runCliJson<IndexSummary>(['index', tree]);
    const hits = runCliJson<JsonHit[]>(['similar', tree, 'icons/rocketLaunch.png', '--limit', '3']);
    assert.equal(hits[0]!.path, 'icons/rocket-small.png');
  });

  it('re-runs do only new work; renames and moves keep their tags without re-reading pixels', () => {
    const tree = indexedCopy();
    const again = runCliJson<IndexSummary>(['index', tree]);
    assert.equal(again.new + again.changed, 0);
    assert.equal(again.embedded, 0);
    renameSync(join(tree, 'art/untitled-7.svg'), join(tree, 'art/boat-moved.svg'));
    const afterRename = runCliJson<IndexSummary>(['index', tree]);
    assert.equal(afterRename.new, 1);
    assert.equal(afterRename.removed, 1);
    const records = runCliJson<AssetRecord[]>(['list', tree]);
    const moved = records.find((r) => r.path === 'art/boat-moved.svg')!;
    assert.ok(moved.tags.some((t) => t.text === 'Sailing boat'));
    assert.ok(moved.tags.some((t) => t.source === 'path' && t.text === 'moved'));
    assert.equal(runCliJson<JsonHit[]>(['search', tree, 'sailing'])[0]!.path, 'art/boat-moved.svg');
  });

  it('forgets deleted files and keeps the rest', () => {
    const tree = indexedCopy();
    rmSync(join(tree, 'art/img 12.svg'));
    const summary = runCliJson<IndexSummary>(['index', tree]);
    assert.equal(summary.removed, 1);
    assert.equal(runCliJson<JsonHit[]>(['search', tree, 'coffee', '--mode', 'lexical']).length, 0);
    assert.equal(runCliJson<JsonHit[]>(['search', tree, 'fox'])[0]!.path, 'art/final_v3 (2).svg');
  });

  it('records an unreadable file with "permission denied" and goes on', function () {
    const tree = indexedCopy();
    const locked = join(tree, 'locked.png');
    copyFileSync(join(tree, 'icons/rocketLaunch.png'), locked);
    chmodSync(locked, 0o000);
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      // Root reads anything: run as "nobody" on a copy of the tree that nobody may write.
      chmodSync(dir.path, 0o777);
      for (const path of [tree, join(tree, '.vscode'), join(tree, '.vscode/asset-lens')]) chmodSync(path, 0o777);
      const indexDir = join(tree, '.vscode/asset-lens');
      for (const file of ['index.db', 'index.db-wal', 'index.db-shm']) if (existsSync(join(indexDir, file))) chmodSync(join(indexDir, file), 0o666);
      chmodSync(join(indexDir, 'thumbs'), 0o777);
    }
    const summary = runCliJson<IndexSummary>(['index', tree], asRoot ? { uid: 65534, gid: 65534 } : {});
    assert.deepEqual(summary.failed, [{ path: 'locked.png', reason: 'permission denied' }]);
    assert.equal(runCliJson<JsonHit[]>(['search', tree, 'fox'])[0]!.path, 'art/final_v3 (2).svg');
    assert.ok(statSync(locked).isFile());
  });

  it('fails with one line and a non-zero exit on a fatal error', () => {
    const result = runCli(['index', join(dir.path, 'no-such-folder')]);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^asset-lens: .*no-such-folder: not a folder\n$/);
    const notIndexed = runCli(['search', join(root, 'art'), 'fox']);
    assert.equal(notIndexed.status, 1);
    assert.match(notIndexed.stderr, /^asset-lens: .*art: not indexed yet .*run "asset-lens index .*art" first\n$/);
  });

  it('keeps the database valid', () => {
    const db = new Database(join(root, '.vscode/asset-lens/index.db'), { readonly: true });
    try {
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    } finally {
      db.close();
    }
    assert.equal(existsSync(join(root, '.vscode/asset-lens/.gitignore')), true);
  });
});
