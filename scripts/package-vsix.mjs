// Writes one .vsix per platform (`vsce package --target`), each carrying only its own native binaries.
// For every target: a staging folder gets the bundle, the manifest, README/LICENSE, media/ and models/,
// then npm installs the native packages with --os/--cpu(/--libc) so their optional per-platform
// packages match the target, other platforms' files are pruned, and vsce packages the folder.
// Each run stages in a fresh folder of its own (removed at the end) and moves every .vsix into --out
// under a temporary name and a rename, so packagings running at once never share a file.
//
//   node scripts/package-vsix.mjs [--target linux-x64 ...] [--skip-build] [--out dist/vsix]
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { NATIVE_PACKAGES, VSIX_TARGETS, findTarget, vsixFileName } from './vsix/targets.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    target: { type: 'string', multiple: true },
    'skip-build': { type: 'boolean', default: false },
    out: { type: 'string', default: join(repo, 'dist', 'vsix') },
  },
});
const targets = args.target ? args.target.map(findTarget) : VSIX_TARGETS;
const outDir = resolve(args.out);
const cacheRoot = process.env.ASSET_LENS_CACHE ?? join(homedir(), '.cache', 'asset-lens');
// Holds one folder per run in progress, `run-<host>-<pid>-XXXXXX`; nothing in it is reused by a later run
// (npm's own cache, which is safe to share, keeps the downloads).
const stagingRoot = join(cacheRoot, 'vsix-staging');
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));

// Files that ship from the repo besides node_modules. The CLI bundle is not part of the extension.
const SHIPPED_DIST = (name) => !name.endsWith('.map') && name !== 'cli.mjs' && name !== 'vsix';
// Never needed at run time; vsce applies this inside each staging folder.
const STAGING_IGNORE = [
  '**/*.map', '**/*.ts', '**/*.d.cts', '**/*.d.mts', 'node_modules/**/*.md', 'node_modules/**/*.markdown', '**/.github/**', '**/test/**', '**/tests/**',
  'node_modules/better-sqlite3/deps/**', 'node_modules/better-sqlite3/src/**', 'node_modules/better-sqlite3/binding.gyp',
  'node_modules/node-addon-api/**/*.h', 'node_modules/sharp/src/**', 'node_modules/onnxruntime-node/script/**',
].join('\n');

function run(command, commandArgs, cwd) {
  execFileSync(command, commandArgs, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
}

/** vsce lists every packaged file; show its verdict and warnings only, or everything when it fails. */
function runVsce(commandArgs, cwd) {
  try {
    const output = execFileSync(join(repo, 'node_modules', '.bin', 'vsce'), commandArgs, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    console.log(output.split('\n').filter((line) => /^\s*(DONE|WARNING|ERROR)/.test(line)).join('\n'));
  } catch (error) {
    console.error(`${error.stdout ?? ''}${error.stderr ?? ''}`);
    throw new Error(`vsce package failed in ${cwd}`);
  }
}

function installedVersion(pkg) {
  return JSON.parse(readFileSync(join(repo, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

function stagingManifest(target) {
  const { devDependencies, scripts, bin, dependencies, ...rest } = manifest;
  const natives = {};
  for (const pkg of NATIVE_PACKAGES) {
    if (!dependencies?.[pkg]) throw new Error(`package.json: "${pkg}" is not in dependencies`);
    natives[pkg] = target.versionOverrides?.[pkg] ?? installedVersion(pkg);
  }
  return { ...rest, dependencies: natives };
}

function removeAllBut(dir, keep) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir)) if (!keep.includes(entry)) rmSync(join(dir, entry), { recursive: true, force: true });
}

/** Deletes the binaries npm packages ship for every platform except the target. */
function pruneOtherPlatforms(modules, target) {
  const { os, cpu } = target;
  removeAllBut(join(modules, 'better-sqlite3', 'prebuilds'), [`${os}-${cpu}.node`]);

  const ortBin = join(modules, 'onnxruntime-node', 'bin');
  for (const napi of existsSync(ortBin) ? readdirSync(ortBin) : []) {
    removeAllBut(join(ortBin, napi), [os]);
    removeAllBut(join(ortBin, napi, os), [cpu]);
    const dir = join(ortBin, napi, os, cpu);
    if (!existsSync(dir)) throw new Error(`onnxruntime-node ships no ${target.name} binaries (${dir})`);
    if (os === 'darwin') {
      // npm stores the versioned dylib and its symlink as two full copies; keep the one the binding loads.
      const binding = readFileSync(join(dir, 'onnxruntime_binding.node')).toString('latin1');
      for (const file of readdirSync(dir)) {
        if (file.endsWith('.dylib') && !binding.includes(`@rpath/${file}`)) rmSync(join(dir, file));
      }
    }
    if (os === 'win32') {
      // GPU execution providers (DirectML, WebGPU) load these on demand; Asset Lens runs on the CPU.
      for (const dll of ['DirectML.dll', 'dxcompiler.dll', 'dxil.dll']) rmSync(join(dir, dll), { force: true });
    }
  }
}

function copyRepoFiles(stage) {
  const dist = join(repo, 'dist');
  if (!existsSync(join(dist, 'extension.cjs'))) throw new Error(`${dist}/extension.cjs: missing; run npm run build`);
  mkdirSync(join(stage, 'dist'));
  for (const name of readdirSync(dist).filter(SHIPPED_DIST)) cpSync(join(dist, name), join(stage, 'dist', name), { recursive: true });
  for (const folder of ['media', 'models']) if (existsSync(join(repo, folder))) cpSync(join(repo, folder), join(stage, folder), { recursive: true });
  const readme = ['README.md', 'docs/vscode.md'].map((f) => join(repo, f)).find(existsSync);
  if (!readme) throw new Error(`${repo}/README.md: missing; vsce needs one`);
  cpSync(readme, join(stage, 'README.md'));
  for (const name of ['LICENSE', 'LICENSE.md', 'CHANGELOG.md']) if (existsSync(join(repo, name))) cpSync(join(repo, name), join(stage, name));
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * This run's own staging folder. Folders that runs on this host left behind when they were killed
 * (their process is gone) are removed first; another host's are left alone.
 */
function createRunDir() {
  mkdirSync(stagingRoot, { recursive: true });
  for (const name of readdirSync(stagingRoot)) {
    const match = /^run-(.+)-(\d+)-[^-]{6}$/.exec(name);
    if (match && match[1] === hostname() && !isRunning(Number(match[2]))) rmSync(join(stagingRoot, name), { recursive: true, force: true });
  }
  return mkdtempSync(join(stagingRoot, `run-${hostname()}-${process.pid}-`));
}

/** Puts `file` at `destination` whole: copied under a temporary name beside it, then renamed over it. */
function publish(file, destination) {
  const temporary = `${destination}.${process.pid}.tmp`;
  try {
    copyFileSync(file, temporary);
    renameSync(temporary, destination);
  } finally {
    rmSync(temporary, { force: true });
  }
}

function packageTarget(target, runDir) {
  const stage = join(runDir, target.name);
  mkdirSync(stage);
  copyRepoFiles(stage);
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(stagingManifest(target), null, 2)}\n`);
  writeFileSync(join(stage, '.vscodeignore'), `${STAGING_IGNORE}\n`);

  const platformFlags = [`--os=${target.os}`, `--cpu=${target.cpu}`, ...(target.libc ? [`--libc=${target.libc}`] : [])];
  run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', ...platformFlags], stage);
  pruneOtherPlatforms(join(stage, 'node_modules'), target);

  const packaged = join(runDir, vsixFileName(manifest, target));
  const vsceFlags = ['--target', target.name, '--out', packaged];
  if (!manifest.repository) vsceFlags.push('--allow-missing-repository', '--no-rewrite-relative-links');
  if (!existsSync(join(stage, 'LICENSE')) && !existsSync(join(stage, 'LICENSE.md'))) vsceFlags.push('--skip-license');
  runVsce(['package', ...vsceFlags], stage);
  rmSync(stage, { recursive: true, force: true });
  const vsix = join(outDir, vsixFileName(manifest, target));
  publish(packaged, vsix);
  rmSync(packaged);
  return vsix;
}

let runDir;
try {
  const started = Date.now();
  if (!args['skip-build']) run('npm', ['run', 'build'], repo);
  mkdirSync(outDir, { recursive: true });
  runDir = createRunDir();
  const written = targets.map((target) => {
    const vsix = packageTarget(target, runDir);
    return { target: target.name, vsix, megabytes: (statSync(vsix).size / 1e6).toFixed(1) };
  });
  console.table(written);
  console.log(`packaged ${written.length} target(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(`package-vsix: ${error.message.split('\n')[0]}`);
  process.exitCode = 1;
} finally {
  if (runDir) rmSync(runDir, { recursive: true, force: true });
}
