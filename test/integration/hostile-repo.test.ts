// A cloned repository is hostile input. Each case builds a crafted repository next to a sentinel
// folder (standing for the user's home), runs the real CLI on it as a child process, and checks that
// the sentinel is byte-for-byte unchanged, that peak memory and time stay bounded, that the good
// images are still indexed, and that what went wrong is said in one clear line.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, truncateSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sharp from 'sharp';
import type { AssetRecord, IndexSummary } from '../../src/core/types.ts';
import { assertBuilt } from '../support/cli.ts';
import { GeminiStandin, STANDIN_API_KEY } from '../support/gemini-standin.ts';
import { tempDir, withPngTextChunk, writePng } from '../support/images.ts';
import { linesOf, runMeasured, snapshot, type MeasuredRun } from '../support/hostile-run.ts';

/** Indexing stays under ~1 GB resident whatever the input (the harness kills the child at 3 GB). */
const MAX_PEAK_RSS_MB = 1024;
const MAX_SECONDS = 30;
const SHELL_START_UP = '# the user\'s shell start-up file\nexport PATH="$HOME/bin:$PATH"\n';

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

describe('a hostile repository', function () {
  this.timeout(120_000);
  let dir: ReturnType<typeof tempDir>;
  let sentinel: string;
  let sentinelBefore: Map<string, string>;
  let standin: GeminiStandin;
  let caseNumber = 0;
  const measured: { name: string; seconds: number; peakRssMb: number }[] = [];

  before(async () => {
    assertBuilt();
    dir = tempDir('asset-lens-hostile-');
    sentinel = join(dir.path, 'home');
    mkdirSync(join(sentinel, 'outside-folder'), { recursive: true });
    writeFileSync(join(sentinel, '.bashrc'), SHELL_START_UP);
    await writePng(join(sentinel, 'private-photo.png'), 40, 30, { r: 200, g: 0, b: 0 });
    standin = await GeminiStandin.start();
  });
  beforeEach(() => {
    sentinelBefore = snapshot(sentinel);
  });
  afterEach(function () {
    assert.deepEqual(snapshot(sentinel), sentinelBefore, 'the sentinel folder outside the repository changed');
  });
  after(async () => {
    await standin.close();
    dir.remove();
    if (process.env.ASSET_LENS_HOSTILE_REPORT) writeFileSync(process.env.ASSET_LENS_HOSTILE_REPORT, JSON.stringify(measured, null, 2));
  });

  /** A fresh repository holding two good images. */
  async function repository(): Promise<string> {
    const root = join(dir.path, `repo-${++caseNumber}`);
    await writePng(join(root, 'good/blue-logo.png'), 48, 32, { r: 20, g: 40, b: 220 });
    await writePng(join(root, 'good/green-banner.png'), 64, 24, { r: 20, g: 200, b: 40 }, { r: 250, g: 250, b: 250 });
    return root;
  }

  function indexDir(root: string): string {
    return join(root, '.vscode', 'asset-lens');
  }

  /** Runs the CLI and checks the bounds every case shares. */
  async function run(name: string, args: string[], env?: NodeJS.ProcessEnv): Promise<MeasuredRun> {
    const result = await runMeasured(args, { env: { GEMINI_API_KEY: '', ...env } });
    measured.push({ name, seconds: Math.round(result.seconds * 100) / 100, peakRssMb: result.peakRssMb });
    assert.equal(result.killed, null, `${name}: ${result.killed}`);
    assert.ok(result.peakRssMb < MAX_PEAK_RSS_MB, `${name}: peak RSS ${result.peakRssMb} MB`);
    assert.ok(result.seconds < MAX_SECONDS, `${name}: took ${result.seconds.toFixed(1)} s`);
    return result;
  }

  async function indexJson(name: string, root: string, extra: string[] = [], env?: NodeJS.ProcessEnv): Promise<{ summary: IndexSummary; result: MeasuredRun }> {
    const result = await run(name, ['index', root, '--json', ...extra], env);
    assert.equal(result.status, 0, `${name}: ${result.stderr}`);
    return { summary: JSON.parse(result.stdout) as IndexSummary, result };
  }

  async function listed(root: string): Promise<AssetRecord[]> {
    const result = await runMeasured(['list', root, '--json']);
    assert.equal(result.status, 0, result.stderr);
    return JSON.parse(result.stdout) as AssetRecord[];
  }

  async function assertGoodImagesIndexed(root: string): Promise<AssetRecord[]> {
    const records = await listed(root);
    for (const path of ['good/blue-logo.png', 'good/green-banner.png']) {
      const record = records.find((r) => r.path === path);
      assert.ok(record && !record.error && record.hash, `${path} was not indexed: ${JSON.stringify(record)}`);
    }
    return records;
  }

  it('never appends cloud answers through a ledger that links outside (and leaves the link in place)', async () => {
    const root = await repository();
    mkdirSync(indexDir(root), { recursive: true });
    const ledger = join(indexDir(root), 'tags.jsonl');
    symlinkSync(join(sentinel, '.bashrc'), ledger);
    const { summary, result } = await indexJson('ledger symlink, key set', root, ['--gemini-base-url', standin.baseUrl], { GEMINI_API_KEY: STANDIN_API_KEY });
    assert.equal(summary.cloud?.done, 2, 'the paid answers are kept in the index');
    assert.match(summary.ledgerProblem ?? '', /tags\.jsonl: is a symbolic link; Asset Lens never follows links for its own files — delete it and try again; answers kept in the index only$/);
    assert.ok(lstatSync(ledger).isSymbolicLink(), 'the planted link is still there, not silently replaced by a file');
    assert.equal(linesOf(result.stderr).length, 0, result.stderr);
    const records = await assertGoodImagesIndexed(root);
    assert.ok(records.every((r) => r.cloud.state === 'done'));
  });

  it('stops with one line when the index folder, or a parent of it in the repository, links outside', async () => {
    for (const [variant, link] of [
      ['index folder', (root: string) => (mkdirSync(join(root, '.vscode')), symlinkSync(join(sentinel, 'outside-folder'), indexDir(root)))],
      ['.vscode', (root: string) => symlinkSync(sentinel, join(root, '.vscode'))],
    ] as const) {
      const root = await repository();
      link(root);
      const result = await run(`${variant} symlink`, ['index', root]);
      assert.equal(result.status, 1);
      const lines = linesOf(result.stderr);
      assert.equal(lines.length, 1, result.stderr);
      assert.match(lines[0]!, /^asset-lens: .*\.vscode.* is a symbolic link to .*, outside the repository; Asset Lens never follows it/);
      assert.equal(result.stdout, '');
    }
  });

  it('ignores a ledger that is /dev/zero, a FIFO or over the size cap, and indexes the rest', async () => {
    const cases: [string, (ledger: string) => void, RegExp][] = [
      ['ledger -> /dev/zero', (ledger) => symlinkSync('/dev/zero', ledger), /is a symbolic link/],
      ['ledger is a FIFO', (ledger) => mkfifo(ledger), /is a named pipe \(FIFO\), not a regular file/],
      ['ledger of 100 MB (one line)', (ledger) => writeFileSync(ledger, Buffer.alloc(100 * 1024 * 1024, 0x61)), /is 100\.0 MB, over the 64 MB cap/],
    ];
    for (const [name, plant, reason] of cases) {
      const root = await repository();
      mkdirSync(indexDir(root), { recursive: true });
      plant(join(indexDir(root), 'tags.jsonl'));
      const { summary, result } = await indexJson(name, root, ['--no-cloud']);
      assert.equal(summary.new, 2);
      assert.match(summary.ledgerProblem ?? '', reason);
      assert.match(summary.ledgerProblem ?? '', /ignored$/);
      assert.equal(linesOf(result.stderr).length, 0, result.stderr);
      await assertGoodImagesIndexed(root);
    }
  });

  it('reads a ledger with a 20 MB line and garbage lines streaming, skipping and counting the bad ones', async () => {
    const root = await repository();
    mkdirSync(indexDir(root), { recursive: true });
    const hash = sha256(readFileSync(join(root, 'good/blue-logo.png')));
    const good = JSON.stringify({ hash, model: 'gemini-2.5-flash-lite', date: '2026-01-01T00:00:00.000Z', caption: 'a paid answer', tags: ['paid'] });
    writeFileSync(join(indexDir(root), 'tags.jsonl'), `${'x'.repeat(20 * 1024 * 1024)}\nnot json\n${good}\n`);
    const { summary } = await indexJson('ledger with a 20 MB line', root, ['--no-cloud']);
    assert.match(summary.ledgerProblem ?? '', /^2 unreadable lines of the tag ledger skipped \(first: .*tags\.jsonl:1: line longer than 256 KB\)$/);
    const record = (await listed(root)).find((r) => r.path === 'good/blue-logo.png')!;
    assert.equal(record.caption, 'a paid answer');
  });

  it('refuses entity-bomb SVGs quickly without expanding them', async () => {
    const root = await repository();
    const entity = 'A'.repeat(116 * 1024 - 200);
    const bomb = `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY e "${entity}">]><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>${'&e;'.repeat(5000)}</title></svg>`;
    mkdirSync(join(root, 'bombs'));
    for (let i = 0; i < 32; i++) writeFileSync(join(root, 'bombs', `bomb-${i}.svg`), bomb);
    const { summary } = await indexJson('32 entity-bomb SVGs', root, ['--no-cloud']);
    assert.equal(summary.failed.length, 32);
    for (const failure of summary.failed) assert.equal(failure.reason, 'SVG entities expand past the safe limit (an "entity bomb")');
    await assertGoodImagesIndexed(root);
  });

  it('keeps at most 200 tags of an SVG with 30,000 keywords, in linear time', async () => {
    const root = await repository();
    const keywords = Array.from({ length: 30_000 }, (_, i) => `keyword${i}`).join(', ');
    writeFileSync(
      join(root, 'many-keywords.svg'),
      `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/"><rdf:Description><dc:subject>${keywords}</dc:subject></rdf:Description></rdf:RDF></metadata><rect width="10" height="10" fill="#08f"/></svg>`,
    );
    const { summary, result } = await indexJson('SVG with 30,000 keywords', root, ['--no-cloud']);
    assert.equal(summary.new, 3);
    assert.ok(result.seconds < 15, `${result.seconds} s`);
    const record = (await listed(root)).find((r) => r.path === 'many-keywords.svg')!;
    assert.equal(record.tags.filter((t) => t.source === 'embedded').length, 200);
  });

  it('refuses an SVG nested 100,000 deep with one line, and keeps going', async () => {
    const root = await repository();
    writeFileSync(join(root, 'deep.svg'), `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">${'<g>'.repeat(100_000)}${'</g>'.repeat(100_000)}</svg>`);
    const { summary } = await indexJson('SVG nested 100,000 deep', root, ['--no-cloud']);
    assert.deepEqual(summary.failed, [{ path: 'deep.svg', reason: 'SVG nests elements more than 256 levels deep' }]);
    await assertGoodImagesIndexed(root);
  });

  it('heals an index.db overwritten with garbage: moved aside, rebuilt with the ledger answers, said once', async () => {
    const root = await repository();
    await indexJson('first index', root, ['--no-cloud']);
    const hash = sha256(readFileSync(join(root, 'good/green-banner.png')));
    writeFileSync(join(indexDir(root), 'tags.jsonl'), `${JSON.stringify({ hash, model: 'gemini-2.5-flash-lite', date: '2026-01-01T00:00:00.000Z', caption: 'paid for once', tags: ['banner'] })}\n`);
    writeFileSync(join(indexDir(root), 'index.db'), Buffer.alloc(64 * 1024, 'garbage! '));
    const result = await run('index.db overwritten with garbage', ['search', root, 'banner']);
    assert.equal(result.status, 0, result.stderr);
    const lines = linesOf(result.stderr);
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0]!, /^asset-lens: the index at .*index\.db was damaged; moved it aside to .*index\.db\.corrupt-\S+ and rebuilding it from the files and the tag ledger$/);
    assert.match(result.stdout, /good\/green-banner\.png/);
    assert.ok(readdirSync(indexDir(root)).some((name) => name.startsWith('index.db.corrupt-')));
    const record = (await listed(root)).find((r) => r.path === 'good/green-banner.png')!;
    assert.equal(record.caption, 'paid for once', 'the paid answer came back from the ledger');
    // Healed for good: the next command says nothing.
    assert.equal(linesOf((await runMeasured(['status', root])).stderr).length, 0);
  });

  it('heals an index whose pages were damaged after a valid header', async () => {
    const root = await repository();
    await indexJson('first index', root, ['--no-cloud']);
    const database = join(indexDir(root), 'index.db');
    const bytes = readFileSync(database);
    // Keep the 100-byte header, scribble over every page after the first.
    writeFileSync(database, Buffer.concat([bytes.subarray(0, 4096), Buffer.alloc(bytes.length - 4096, 0xa5)]));
    const { result } = await indexJson('index.db with damaged pages', root, ['--no-cloud']);
    assert.equal(linesOf(result.stderr).length, 1, result.stderr);
    assert.match(result.stderr, /was damaged; moved it aside/);
    await assertGoodImagesIndexed(root);
  });

  it('escapes terminal control sequences from metadata and file names in plain output', async () => {
    const root = await repository();
    const evil = 'title \u001b]0;pwned\u0007 \u001b[2J \u001b]8;;http://127.0.0.1:9/\u0007click\u001b]8;;\u0007 evil';
    const png = await sharp({ create: { width: 30, height: 30, channels: 3, background: '#ff8800' } }).png().toBuffer();
    writeFileSync(join(root, 'chunk.png'), withPngTextChunk(png, 'Title', evil));
    await writePng(join(root, 'name\u001b[31mred\nforged line\u202e.png'), 20, 20, { r: 1, g: 2, b: 3 });
    await indexJson('escape sequences in PNG text and names', root, ['--no-cloud']);
    for (const args of [['search', root, 'pwned click evil'], ['list', root], ['search', root, 'forged']]) {
      const result = await runMeasured(args);
      assert.equal(result.status, 0, result.stderr);
      assert.doesNotMatch(result.stdout, /[\u0000-\u0008\u000b-\u001f\u007f\u202e]/, `${args[0]} printed raw control characters`);
    }
    const list = (await runMeasured(['list', root])).stdout;
    assert.equal(linesOf(list).length, 4, 'a newline in a file name does not forge a line');
    assert.match(list, /name\\u\{1b\}\[31mred\\u\{a\}forged line\\u\{202e\}\.png/);
  });

  it('never loads an x:href bound to the xlink namespace, or any external reference', async () => {
    const root = await repository();
    let hits = 0;
    const server: Server = createServer((_request, response) => {
      hits++;
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      writeFileSync(
        join(root, 'xlink.svg'),
        `<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink" width="40" height="40"><rect width="40" height="40" fill="#0000ff"/>` +
          `<image x:href="file://${join(sentinel, 'private-photo.png')}" width="40" height="40"/><image x:href="http://127.0.0.1:${port}/beacon.png" width="4" height="4"/>` +
          `<style>@import url(http://127.0.0.1:${port}/x.css);</style></svg>`,
      );
      const { summary } = await indexJson('x:href bound to xlink', root, ['--no-cloud']);
      assert.equal(summary.failed.length, 0, JSON.stringify(summary.failed));
      assert.equal(hits, 0, 'a request left the machine');
      const record = (await listed(root)).find((r) => r.path === 'xlink.svg')!;
      const thumb = join(indexDir(root), 'thumbs', record.hash.slice(0, 2), `${record.hash}.webp`);
      const [r, , b] = (await sharp(thumb).stats()).channels.map((c) => c.mean);
      assert.ok(b! > 200 && r! < 30, `the outside image was drawn (r=${r} b=${b})`);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('never writes through hard links to files outside, and reads hard-linked images as the repository content they are', async () => {
    const root = await repository();
    mkdirSync(indexDir(root), { recursive: true });
    linkSync(join(sentinel, '.bashrc'), join(indexDir(root), 'tags.jsonl'));
    linkSync(join(sentinel, 'private-photo.png'), join(root, 'linked-photo.png'));
    const { summary } = await indexJson('hard links to files outside', root, ['--gemini-base-url', standin.baseUrl], { GEMINI_API_KEY: STANDIN_API_KEY });
    assert.equal(summary.new, 3);
    assert.equal(summary.cloud?.done, 3);
    assert.match(summary.ledgerProblem ?? '', /has other hard links; Asset Lens will not write to a file shared with another path/);
    await assertGoodImagesIndexed(root);
  });

  it('stops with one line on a planted index.db link, and never blocks on FIFOs', async () => {
    const root = await repository();
    mkdirSync(indexDir(root), { recursive: true });
    symlinkSync(join(sentinel, '.bashrc'), join(indexDir(root), 'index.db'));
    const refused = await run('index.db symlink', ['index', root, '--no-cloud']);
    assert.equal(refused.status, 1);
    assert.equal(linesOf(refused.stderr).length, 1, refused.stderr);
    assert.match(refused.stderr, /index\.db: is a symbolic link; Asset Lens only uses regular files for its own state — delete it and try again/);

    const fifos = await repository();
    mkfifo(join(fifos, 'pipe.png'));
    mkfifo(join(fifos, 'good', '.gitignore'));
    const { summary } = await indexJson('FIFOs as an image and a .gitignore', fifos, ['--no-cloud']);
    assert.equal(summary.new, 2);
    await assertGoodImagesIndexed(fifos);
  });

  it('never follows a .gitignore that is a symlink, in the repository or in the index folder', async () => {
    const root = await repository();
    symlinkSync('/dev/zero', join(root, '.gitignore'));
    mkdirSync(indexDir(root), { recursive: true });
    // Dangling: following it would create a file in the sentinel folder.
    symlinkSync(join(sentinel, 'created-by-asset-lens'), join(indexDir(root), '.gitignore'));
    const { summary } = await indexJson('.gitignore symlinks', root, ['--no-cloud']);
    assert.equal(summary.new, 2);
    assert.ok(!existsSync(join(sentinel, 'created-by-asset-lens')));
    await assertGoodImagesIndexed(root);
  });

  it('keeps to the memory budget when every file is as big as the size cap allows', async () => {
    const root = await repository();
    mkdirSync(join(root, 'huge'));
    // Sparse: 16 × 60 MB costs no disk, but each is 60 MB in memory once read. All at once would pass 1 GB.
    for (let i = 0; i < 16; i++) {
      const path = join(root, 'huge', `big-${i}.png`);
      writeFileSync(path, '');
      truncateSync(path, 60 * 1024 * 1024);
    }
    const { summary } = await indexJson('16 files of 60 MB', root, ['--no-cloud']);
    assert.equal(summary.failed.length, 16);
    for (const failure of summary.failed) assert.match(failure.reason, /not an image/);
    await assertGoodImagesIndexed(root);
  });

  it('indexes file names with newlines and lists each on one line', async () => {
    const root = await repository();
    await writePng(join(root, 'two\nlines.png'), 20, 20, { r: 90, g: 90, b: 90 });
    const { summary } = await indexJson('file name with a newline', root, ['--no-cloud']);
    assert.equal(summary.new, 3);
    const list = (await runMeasured(['list', root])).stdout;
    assert.equal(linesOf(list).length, 3);
    assert.match(list, /^two\\u\{a\}lines\.png {2}png/m);
  });
});
