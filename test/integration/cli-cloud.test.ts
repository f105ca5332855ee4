import assert from 'node:assert/strict';
import { cpSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AssetRecord, IndexStatus, IndexSummary } from '../../src/core/types.ts';
import { assertBuilt, runCliAsync, runCliJsonAsync } from '../support/cli.ts';
import { distinctColour, colourName, GeminiStandin, STANDIN_API_KEY } from '../support/gemini-standin.ts';
import { tempDir, writePng } from '../support/images.ts';

interface JsonHit {
  path: string;
  tags: string[];
  caption: string | null;
}

describe('CLI: cloud tagging through the real SDK against a Gemini stand-in', function () {
  let dir: ReturnType<typeof tempDir>;
  let root: string;
  let standin: GeminiStandin;
  let env: NodeJS.ProcessEnv;
  /** The same tree before any index run. */
  let untagged: string;
  /** The run that tagged `root`, and the requests it made. */
  let tagging: IndexSummary;
  let taggingRequests: ReturnType<GeminiStandin['generateRequests']>;
  const names = ['brand/hero-banner.png', 'brand/footer-strip.png', 'misc/palette-card.png'];
  const colours = [distinctColour(7), distinctColour(63), distinctColour(448)];

  before(async () => {
    assertBuilt();
    dir = tempDir();
    root = join(dir.path, 'repo');
    for (const [i, name] of names.entries()) await writePng(join(root, name), 64, 48, colours[i]!);
    // The same bytes under another name, and an image in a folder that must never leave the machine.
    cpSync(join(root, names[0]!), join(root, 'copies/hero-banner-copy.png'));
    await writePng(join(root, 'private/secret-roadmap.png'), 64, 48, distinctColour(100));
    standin = await GeminiStandin.start();
    standin.forbidden = ['hero-banner', 'footer-strip', 'palette-card', 'secret-roadmap', 'brand', 'repo'];
    env = { GEMINI_API_KEY: STANDIN_API_KEY, ASSET_LENS_GEMINI_BASE_URL: standin.baseUrl };
    untagged = join(dir.path, 'untagged');
    cpSync(root, untagged, { recursive: true });
    tagging = await runCliJsonAsync<IndexSummary>(['index', root, '--cloud-exclude', 'private/**'], env);
    taggingRequests = standin.generateRequests();
  });
  after(async () => {
    await standin.close();
    dir.remove();
  });

  it('--dry-run counts the images and the cost, and sends nothing', async () => {
    const before = standin.requests.length;
    const result = await runCliAsync(['index', untagged, '--dry-run', '--cloud-exclude', 'private/**'], env);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /dry run: 3 images would be sent to gemini-2\.5-flash-lite, estimated cost \$0\.000\d+; 1 excluded/);
    assert.equal(standin.requests.length, before);
  });

  it('sends each distinct image once, pixels only, and stores its own tags', async () => {
    assert.equal(tagging.cloud?.done, 3);
    assert.equal(tagging.cloud?.skipped, 1);
    assert.equal(taggingRequests.length, 3, 'duplicates and excluded images are not sent');
    for (const request of taggingRequests) {
      assert.deepEqual(request.metadataFound, []);
      assert.deepEqual(request.forbiddenFound, []);
    }
    const records = await runCliJsonAsync<AssetRecord[]>(['list', root]);
    for (const [i, name] of names.entries()) {
      const record = records.find((r) => r.path === name)!;
      assert.equal(record.cloud.state, 'done', JSON.stringify(record));
      assert.equal(record.caption, `a ${colourName(colours[i]!)} square`);
      assert.ok(record.tags.some((t) => t.source === 'cloud' && t.text === colourName(colours[i]!)));
    }
    assert.equal(records.find((r) => r.path === 'private/secret-roadmap.png')!.cloud.state, 'skipped');
    const hits = await runCliJsonAsync<JsonHit[]>(['search', root, `${colourName(colours[1]!)} swatch`, '--limit', '1']);
    assert.equal(hits[0]!.path, names[1]);
    assert.equal(hits[0]!.caption, `a ${colourName(colours[1]!)} square`);
  });

  it('never sends the same bytes twice, and reports tokens and cost', async () => {
    const before = standin.requests.length;
    const again = await runCliJsonAsync<IndexSummary>(['index', root, '--cloud-exclude', 'private/**'], env);
    assert.equal(again.cloud?.sent, 0);
    assert.equal(standin.requests.length, before);
    const status = await runCliJsonAsync<IndexStatus>(['status', root]);
    assert.equal(status.tagged, 3);
    assert.ok(status.cloud.tokensIn > 3 * 258);
    assert.ok(status.cloud.estimatedCostUsd > 0 && status.cloud.estimatedCostUsd < 0.001);
  });

  it('keeps the API key out of the index, the ledger and the output', async () => {
    for (const file of ['index.db', 'tags.jsonl']) {
      const bytes = readFileSync(join(root, '.vscode/asset-lens', file));
      assert.equal(bytes.includes(STANDIN_API_KEY), false, `${file} holds no key`);
    }
    const result = await runCliAsync(['index', root, '--json'], { ...env, GEMINI_API_KEY: 'wrong-key-do-not-print' });
    assert.equal(result.status, 0);
    assert.equal((result.stdout + result.stderr).includes('wrong-key-do-not-print'), false);
  });

  it('gives a clone with the ledger and no key full search, with no cloud call', async () => {
    const clone = join(dir.path, 'clone');
    cpSync(root, clone, { recursive: true, filter: (source) => !/asset-lens\/(index\.db|thumbs)/.test(source) });
    assert.ok(existsSync(join(clone, '.vscode/asset-lens/tags.jsonl')));
    assert.equal(existsSync(join(clone, '.vscode/asset-lens/index.db')), false);
    const before = standin.requests.length;
    const summary = await runCliJsonAsync<IndexSummary>(['index', clone], { ASSET_LENS_GEMINI_BASE_URL: standin.baseUrl, GEMINI_API_KEY: '' });
    assert.equal(summary.cloud?.fromLedger, 3);
    assert.equal(standin.requests.length, before);
    const hits = await runCliJsonAsync<JsonHit[]>(['search', clone, `${colourName(colours[2]!)} swatch`, '--limit', '1']);
    assert.equal(hits[0]!.path, names[2]);
    const records = await runCliJsonAsync<AssetRecord[]>(['list', clone]);
    assert.equal(records.find((r) => r.path === 'private/secret-roadmap.png')!.cloud.state, 'pending', 'no key: waits as pending');
  });

  it('--no-cloud leaves new images pending', async () => {
    const tree = join(dir.path, 'no-cloud');
    cpSync(root, tree, { recursive: true });
    await writePng(join(tree, 'later/new-one.png'), 40, 40, distinctColour(200));
    const before = standin.requests.length;
    const summary = await runCliJsonAsync<IndexSummary>(['index', tree, '--no-cloud'], env);
    assert.equal(summary.cloud, null);
    assert.equal(standin.requests.length, before);
    const records = await runCliJsonAsync<AssetRecord[]>(['list', tree]);
    assert.equal(records.find((r) => r.path === 'later/new-one.png')!.cloud.state, 'pending');
  });
});
