// `asset-lens index` spends only what the user agreed to: at most the cap without a terminal, a
// question with the count and the estimate on one (a real pseudo-terminal, util-linux `script`),
// --yes to skip both, and one clear message for a retired model.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { IndexStatus, IndexSummary } from '../../src/core/types.ts';
import { assertBuilt, CLI, runCliAsync, runCliJsonAsync } from '../support/cli.ts';
import { distinctColour, GeminiStandin, STANDIN_API_KEY } from '../support/gemini-standin.ts';
import { tempDir, writePng } from '../support/images.ts';

function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Runs the CLI on a pseudo-terminal; answers `answer` once it asks "[y/N]" (never, if undefined). */
async function runOnTerminal(args: string[], env: NodeJS.ProcessEnv, answer?: string): Promise<{ status: number | null; output: string; asked: boolean }> {
  const command = [process.execPath, CLI, ...args].map(shellQuote).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  let asked = false;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (!asked && output.includes('[y/N]')) {
      asked = true;
      if (answer !== undefined) child.stdin.end(`${answer}\n`);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { status, output, asked };
}

describe('CLI: the per-run cap, --yes and the question on a terminal', function () {
  let dir: ReturnType<typeof tempDir>;
  let standin: GeminiStandin;
  let env: NodeJS.ProcessEnv;

  async function imageFolder(name: string, count: number, offset: number): Promise<string> {
    const root = join(dir.path, name);
    for (let i = 0; i < count; i++) await writePng(join(root, `tiles/tile-${i}.png`), 32, 32, distinctColour(offset + i * 3));
    return root;
  }

  before(async () => {
    assertBuilt();
    dir = tempDir();
    standin = await GeminiStandin.start();
    env = { GEMINI_API_KEY: STANDIN_API_KEY, ASSET_LENS_GEMINI_BASE_URL: standin.baseUrl };
  });
  after(async () => {
    await standin.close();
    dir.remove();
  });

  it('without a terminal sends at most the cap and says how many wait and why', async () => {
    const root = await imageFolder('capped', 26, 0);
    const plan = await runCliJsonAsync<IndexSummary & { dryRun: { images: number; maxImagesPerRun: number } }>(['index', root, '--dry-run'], env);
    assert.equal(plan.dryRun.maxImagesPerRun, 500, 'a real default cap');
    const before = standin.generateRequests().length;
    const result = await runCliAsync(['index', root, '--max-images', '5'], env);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(standin.generateRequests().length - before, 5);
    assert.match(result.stdout, /cloud: 5 tagged, 0 from the ledger, 0 failed, 21 waiting/);
    assert.match(result.stdout, /limit of 5 images per run; 21 images wait as pending/);

    // On a terminal the 21 left are more than 20: it asks first, with the count and the estimate; "n" sends nothing.
    const declined = await runOnTerminal(['index', root], env, 'n');
    assert.equal(declined.status, 0, declined.output);
    assert.ok(declined.asked, declined.output);
    assert.match(declined.output, /Tag 21 images with Gemini \(gemini-2\.5-flash-lite\), once, for about \$0\.00\d+\? \[y\/N\]/);
    assert.match(declined.output, /21 waiting/);
    assert.equal(standin.generateRequests().length - before, 5);

    const agreed = await runOnTerminal(['index', root], env, 'y');
    assert.equal(agreed.status, 0, agreed.output);
    assert.match(agreed.output, /cloud: 21 tagged/);
    assert.equal(standin.generateRequests().length - before, 26);
    const status = await runCliJsonAsync<IndexStatus>(['status', root]);
    assert.deepEqual(status.cloud.byModel, { 'gemini-2.5-flash-lite': 26 });
  });

  it('--yes on a terminal sends without asking', async () => {
    const root = await imageFolder('agreed', 22, 1);
    const before = standin.generateRequests().length;
    const result = await runOnTerminal(['index', root, '--yes'], env);
    assert.equal(result.status, 0, result.output);
    assert.equal(result.asked, false, result.output);
    assert.match(result.output, /cloud: 22 tagged/);
    assert.equal(standin.generateRequests().length - before, 22);
  });

  it('a retired model stops the run with one message naming the setting, and fails no image', async () => {
    const root = await imageFolder('retired', 6, 2);
    standin.knownModels = ['gemini-2.5-flash-lite'];
    try {
      const result = await runCliAsync(['index', root, '--model', 'gemini-2.0-flash'], env);
      assert.equal(result.status, 0, result.stderr);
      const messages = result.stdout.split('\n').filter((line) => /no model/.test(line));
      assert.equal(messages.length, 1, result.stdout);
      assert.match(messages[0]!, /Gemini has no model "gemini-2\.0-flash".*gemini-3\.5-flash-lite.*--model/);
      assert.match(messages[0]!, /0 failed, 6 waiting/);
      const status = await runCliJsonAsync<IndexStatus>(['status', root]);
      assert.equal(status.failed, 0);
      assert.equal(status.pending, 6);
    } finally {
      standin.knownModels = null;
    }
  });
});
