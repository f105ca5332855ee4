// Checks the platform .vsix files written by `npm run package`: the bundle, the SmallBrain model and
// exactly the target platform's native binaries (by header: ELF / Mach-O / PE and CPU) are inside.
import assert from 'node:assert/strict';
import { existsSync, openSync, readSync, closeSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { VSIX_TARGETS, requiredNativeFiles, vsixFileName } from '../../scripts/vsix/targets.ts';
import { binaryKind } from './binary-header.ts';
import { readVsix, type VsixEntry } from './vsix-reader.ts';

const repo = resolve(import.meta.dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { name: string; version: string; main: string; engines: { vscode: string } };
const vsixDir = process.env.ASSET_LENS_VSIX_DIR ?? join(repo, 'dist', 'vsix');
const MODEL_DIR = join(repo, 'models', 'glove-sif');
const NODE_MODULES = 'extension/node_modules/';

function fileHead(path: string, bytes = 4096): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

describe('binary header recognition', () => {
  // The dev install of onnxruntime-node carries real binaries for several platforms: ideal fixtures.
  const ortBin = join(repo, 'node_modules', 'onnxruntime-node', 'bin', 'napi-v6');
  const cases = [
    ['linux/x64', 'elf', 'x64'],
    ['linux/arm64', 'elf', 'arm64'],
    ['darwin/arm64', 'macho', 'arm64'],
    ['win32/x64', 'pe', 'x64'],
    ['win32/arm64', 'pe', 'arm64'],
  ] as const;
  for (const [dir, format, arch] of cases) {
    it(`reads onnxruntime's ${dir} binding as ${format} ${arch}`, () => {
      assert.deepEqual(binaryKind(fileHead(join(ortBin, dir, 'onnxruntime_binding.node'))), { format, archs: [arch] });
    });
  }

  it('finds no binary in a script or a PNG', () => {
    assert.equal(binaryKind(Buffer.from('#!/usr/bin/env node\nconsole.log("MZ ELF")\n')), null);
    assert.equal(binaryKind(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')), null);
  });
});

for (const target of VSIX_TARGETS) {
  describe(`${target.name} .vsix`, function () {
    this.timeout(120_000);
    const vsixPath = join(vsixDir, vsixFileName(manifest, target));
    let entries: VsixEntry[] = [];
    const entry = (name: string) => entries.find((e) => e.name === name);

    before(async () => {
      if (!existsSync(vsixPath)) throw new Error(`${vsixPath}: missing; run npm run package`);
      entries = await readVsix(vsixPath, ['extension/package.json']);
    });

    it('ships the extension bundle its manifest points at, and not the CLI or source', () => {
      const shipped = JSON.parse(entry('extension/package.json')!.head.toString('utf8')) as typeof manifest;
      assert.equal(shipped.main, manifest.main);
      assert.equal(shipped.engines.vscode, manifest.engines.vscode);
      assert.ok(entry(posix.join('extension', shipped.main)), `no ${shipped.main}`);
      assert.ok(entry('extension/dist/webview.js'), 'no dist/webview.js');
      const unwanted = entries.filter((e) => /^extension\/(src|test|scripts)\/|\.map$|^extension\/dist\/cli\.mjs$/.test(e.name));
      assert.deepEqual(unwanted.map((e) => e.name), []);
    });

    it('ships every file of the SmallBrain model (models/glove-sif) unchanged in size', () => {
      const modelFiles = readdirSync(MODEL_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(MODEL_DIR, f)).isFile());
      assert.ok(modelFiles.length > 0, `${MODEL_DIR} is empty`);
      for (const file of modelFiles) {
        const name = posix.join('extension/models/glove-sif', file.split(/[\\/]/).join('/'));
        assert.equal(entry(name)?.size, statSync(join(MODEL_DIR, file)).size, name);
      }
    });

    it(`ships the ${target.name} binary of each native package`, () => {
      for (const pattern of requiredNativeFiles(target)) {
        const matches = entries.filter((e) => e.name.startsWith(NODE_MODULES) && pattern.test(e.name.slice(NODE_MODULES.length)));
        assert.ok(matches.length > 0, `nothing in node_modules matches ${pattern}`);
        for (const match of matches) {
          assert.deepEqual(binaryKind(match.head), { format: target.format, archs: [target.cpu] }, match.name);
        }
      }
    });

    it('ships no binary built for another platform', () => {
      const foreign = entries
        .map((e) => ({ name: e.name, kind: binaryKind(e.head) }))
        .filter(({ kind }) => kind && !(kind.format === target.format && kind.archs.every((arch) => arch === target.cpu)));
      assert.deepEqual(foreign, []);
    });
  });
}
