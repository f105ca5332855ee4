import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { AssetLens } from '../../src/core/engine.ts';
import { loadResolverConfig } from '../../src/core/references/resolver-config.ts';
import { MAX_EXTENDED_FILES, MAX_EXTENDS_DEPTH } from '../../src/core/references/tsconfig.ts';
import { tempDir, writePng, writeText } from '../support/images.ts';

const json = (value: unknown) => JSON.stringify(value, null, 2);

describe('references: tsconfig/jsconfig `extends` chains give path aliases', function () {
  let dir: ReturnType<typeof tempDir>;
  let root: string;

  beforeEach(() => {
    dir = tempDir();
    root = join(dir.path, 'web');
  });

  afterEach(() => dir.remove());

  it('follows relative and node_modules bases; `paths` targets are relative to the file that set them', async () => {
    // tsconfig.json → ./config/tsconfig.base (no .json, as TypeScript allows), whose paths are relative to config/.
    writeText(join(root, 'tsconfig.json'), '{\n  // app\n  "extends": "./config/tsconfig.base",\n  "compilerOptions": { "strict": true },\n}\n');
    writeText(join(root, 'config/tsconfig.base.json'), json({ compilerOptions: { paths: { '@img/*': ['../assets/*'] } } }));
    // jsconfig.json → a package whose package.json names its config, which extends a sibling file.
    writeText(join(root, 'jsconfig.json'), json({ extends: '@acme/paths' }));
    writeText(join(root, 'node_modules/@acme/paths/package.json'), json({ name: '@acme/paths', tsconfig: 'base.json' }));
    writeText(join(root, 'node_modules/@acme/paths/base.json'), json({ extends: './more.json' }));
    writeText(join(root, 'node_modules/@acme/paths/more.json'), json({ compilerOptions: { baseUrl: '../../..', paths: { '@icons/*': ['src/icons/*'] } } }));
    await writePng(join(root, 'assets/logo.png'), 8, 8, { r: 200, g: 10, b: 10 });
    await writePng(join(root, 'src/icons/star.png'), 8, 8, { r: 10, g: 200, b: 10 });
    writeText(join(root, 'src/app.ts'), "import logo from '@img/logo.png';\nimport star from '@icons/star.png';\n");

    const warnings: string[] = [];
    const config = loadResolverConfig(root, undefined, (m) => warnings.push(m));
    assert.deepEqual(warnings, []);
    assert.deepEqual(config.aliases, [
      { prefix: '@icons/', targets: ['src/icons/'] },
      { prefix: '@img/', targets: ['assets/'] },
    ]);
    assert.equal(config.baseUrl, '', 'the package config set baseUrl to the root');

    const lens = await AssetLens.open({ root });
    try {
      await lens.index({ cloud: false });
      assert.deepEqual(lens.references('assets/logo.png'), [{ file: 'src/app.ts', line: 1, column: 19, text: '@img/logo.png' }]);
      assert.deepEqual(lens.references('src/icons/star.png'), [{ file: 'src/app.ts', line: 2, column: 19, text: '@icons/star.png' }]);
      assert.deepEqual(lens.unused(), []);
    } finally {
      lens.close();
    }
  });

  it('the config itself wins over what it extends, and of several bases the later wins', () => {
    writeText(join(root, 'tsconfig.json'), json({ extends: ['./a.json', './b.json'], compilerOptions: { paths: { '@own/*': ['own/*'] } } }));
    writeText(join(root, 'a.json'), json({ compilerOptions: { baseUrl: 'from-a', paths: { '@a/*': ['a/*'] } } }));
    writeText(join(root, 'b.json'), json({ compilerOptions: { baseUrl: 'from-b' } }));
    const config = loadResolverConfig(root);
    assert.equal(config.baseUrl, 'from-b/');
    assert.deepEqual(config.aliases, [{ prefix: '@own/', targets: ['from-b/own/'] }]);
  });

  it('reads nothing outside the workspace, stops cycles and deep chains, refuses big files — one warning each, the rest still read', () => {
    const outside = join(dir.path, 'outside');
    writeText(join(outside, 'tsconfig.json'), json({ compilerOptions: { paths: { '@evil/*': ['evil/*'] } } }));
    writeText(join(root, 'tsconfig.json'), json({ extends: ['../outside/tsconfig.json', 'sneaky', './loop-a.json', './deep-0.json', './big.json', '/etc/tsconfig.json', './good.json'] }));
    writeText(join(root, 'node_modules/.keep'), '');
    symlinkSync(outside, join(root, 'node_modules/sneaky'));
    writeText(join(root, 'loop-a.json'), json({ extends: './loop-b.json', compilerOptions: { paths: { '@loop/*': ['loop/*'] } } }));
    writeText(join(root, 'loop-b.json'), json({ extends: './loop-a.json' }));
    for (let i = 0; i <= MAX_EXTENDS_DEPTH + 1; i++) writeText(join(root, `deep-${i}.json`), json(i <= MAX_EXTENDS_DEPTH ? { extends: `./deep-${i + 1}.json` } : { compilerOptions: { paths: { '@deep/*': ['deep/*'] } } }));
    writeText(join(root, 'big.json'), json({ compilerOptions: { paths: { '@big/*': ['big/*'] } }, padding: 'x'.repeat(1024 * 1024) }));
    writeText(join(root, 'good.json'), json({ compilerOptions: { paths: { '@good/*': ['good/*'] } } }));

    const warnings: string[] = [];
    const config = loadResolverConfig(root, undefined, (m) => warnings.push(m));
    // good.json is the last base, so its paths win; none of the refused files contributed anything.
    assert.deepEqual(config.aliases, [{ prefix: '@good/', targets: ['good/'] }]);
    assert.equal(warnings.length, 6, warnings.join('\n'));
    assert.match(warnings[0]!, /^tsconfig\.json: extends "\.\.\/outside\/tsconfig\.json": .*outside the workspace; not followed$/);
    assert.match(warnings[1]!, /^tsconfig\.json: extends "sneaky": node_modules\/sneaky\/package\.json leads outside the workspace; not followed$/);
    assert.match(warnings[2]!, /^loop-b\.json: extends "\.\/loop-a\.json": loop-a\.json extends itself through tsconfig\.json → loop-a\.json → loop-b\.json; not followed again$/);
    assert.match(warnings[3]!, new RegExp(`^deep-${MAX_EXTENDS_DEPTH - 1}\\.json: extends "\\./deep-${MAX_EXTENDS_DEPTH}\\.json": more than ${MAX_EXTENDS_DEPTH} files deep; not followed$`));
    assert.match(warnings[4]!, /^tsconfig\.json: extends "\.\/big\.json": big\.json the file is over the 1024 KB cap; not followed$/);
    assert.match(warnings[5]!, /^tsconfig\.json: extends "\/etc\/tsconfig\.json": .*outside the workspace; not followed$/);
  });

  it(`reads at most ${MAX_EXTENDED_FILES} extended files for one config, however wide its extends arrays`, () => {
    // Each level names the next one 100 times: without a budget, 100^6 reads.
    for (let i = 0; i < 6; i++) writeText(join(root, `wide-${i}.json`), json({ extends: Array.from({ length: 100 }, () => `./wide-${i + 1}.json`) }));
    writeText(join(root, 'wide-6.json'), json({ compilerOptions: { paths: { '@wide/*': ['wide/*'] } } }));
    writeText(join(root, 'tsconfig.json'), json({ extends: './wide-0.json' }));
    const warnings: string[] = [];
    const started = performance.now();
    const config = loadResolverConfig(root, undefined, (m) => warnings.push(m));
    assert.ok(performance.now() - started < 5000);
    assert.ok(warnings.length >= 1 && warnings.length <= MAX_EXTENDS_DEPTH, warnings.join('\n'));
    assert.match(warnings[0]!, new RegExp(`more than ${MAX_EXTENDED_FILES} extended files in all; not followed$`));
    assert.deepEqual(config.aliases, [{ prefix: '@wide/', targets: ['wide/'] }], 'what was read within the budget still counts');
  });
});
