// The platforms Asset Lens ships a .vsix for, and which native binaries each one must carry.
// Shared by scripts/package-vsix.mjs (what to install and keep) and test/packaging (what to expect).

export type BinaryFormat = 'elf' | 'macho' | 'pe';
export type CpuArch = 'x64' | 'arm64';

export interface VsixTarget {
  /** `vsce package --target` name. */
  name: string;
  /** npm's --os / --cpu / --libc for installing this platform's optional packages. */
  os: 'linux' | 'darwin' | 'win32';
  cpu: CpuArch;
  libc?: 'glibc';
  /** Header every native binary in the package must have. */
  format: BinaryFormat;
  /** Package versions that differ from the repo's for this platform only. */
  versionOverrides?: Record<string, string>;
}

export const VSIX_TARGETS: readonly VsixTarget[] = [
  { name: 'linux-x64', os: 'linux', cpu: 'x64', libc: 'glibc', format: 'elf' },
  { name: 'linux-arm64', os: 'linux', cpu: 'arm64', libc: 'glibc', format: 'elf' },
  { name: 'darwin-arm64', os: 'darwin', cpu: 'arm64', format: 'macho' },
  // onnxruntime-node stopped shipping macOS x64 binaries after 1.23.2; its JS API is the same.
  { name: 'darwin-x64', os: 'darwin', cpu: 'x64', format: 'macho', versionOverrides: { 'onnxruntime-node': '1.23.2' } },
  { name: 'win32-x64', os: 'win32', cpu: 'x64', format: 'pe' },
];

/** The native packages the extension bundle leaves external (see scripts/build.mjs) and ships in node_modules. */
export const NATIVE_PACKAGES = ['better-sqlite3', 'sqlite-vec', 'sharp', 'onnxruntime-node'] as const;

/** File name `npm run package` gives a target's .vsix. */
export function vsixFileName(manifest: { name: string; version: string }, target: VsixTarget): string {
  return `${manifest.name}-${manifest.version}-${target.name}.vsix`;
}

export function findTarget(name: string): VsixTarget {
  const target = VSIX_TARGETS.find((t) => t.name === name);
  if (!target) throw new Error(`unknown target "${name}"; known: ${VSIX_TARGETS.map((t) => t.name).join(', ')}`);
  return target;
}

/**
 * Paths (relative to the package's node_modules) of the binaries each native package needs on this
 * target, as patterns: sharp and onnxruntime put version numbers in some file names.
 */
export function requiredNativeFiles(target: VsixTarget): RegExp[] {
  const { os, cpu } = target;
  const sqliteVecOs = os === 'win32' ? 'windows' : os;
  const sqliteVecSuffix = { linux: 'so', darwin: 'dylib', win32: 'dll' }[os];
  const ortDir = `onnxruntime-node/bin/napi-v\\d+/${os}/${cpu}`;
  const ortLibrary = { linux: 'libonnxruntime\\.so\\.1', darwin: 'libonnxruntime\\.(\\d+\\.)+dylib', win32: 'onnxruntime\\.dll' }[os];
  const sharpLibvips =
    os === 'win32'
      ? `@img/sharp-win32-${cpu}/lib/libvips-42\\.dll`
      : `@img/sharp-libvips-${os}-${cpu}/lib/libvips-cpp\\.[\\d.]*(so|dylib)[\\d.]*`;
  return [
    `better-sqlite3/prebuilds/${os}-${cpu}\\.node`,
    `sqlite-vec-${sqliteVecOs}-${cpu}/vec0\\.${sqliteVecSuffix}`,
    `@img/sharp-${os}-${cpu}/lib/sharp-${os}-${cpu}[-\\d.]*\\.node`,
    sharpLibvips,
    `${ortDir}/onnxruntime_binding\\.node`,
    `${ortDir}/${ortLibrary}`,
  ].map((pattern) => new RegExp(`^${pattern}$`));
}
