// Everything Asset Lens keeps as its own state (index.db, thumbs/, the tags.jsonl ledger, .gitignore,
// temporary files) goes through here. A cloned repository is hostile input: any of these names may be
// a symbolic link, a hard link, a FIFO or a device planted to make us write or read outside the
// repository. So: real paths are checked against the root, links are never followed (O_NOFOLLOW where
// the platform has it, lstat/fstat identity checks everywhere), only regular files are read or written,
// and temporary files are created exclusively under unpredictable names in the same folder.
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** 0 where the platform has no such flag (Windows): the lstat/fstat comparison then does the work. */
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;

/** A path Asset Lens refuses to use; the message is one line naming the path and what to do. */
export class UnsafePathError extends Error {
  readonly path: string;
  readonly reason: string;
  constructor(path: string, reason: string) {
    super(`${path}: ${reason}`);
    this.name = 'UnsafePathError';
    this.path = path;
    this.reason = reason;
  }
}

export function isUnsafePathError(error: unknown): error is UnsafePathError {
  return error instanceof UnsafePathError;
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

/** What a non-regular file is, in words. */
export function describeKind(info: Stats): string {
  if (info.isSymbolicLink()) return 'a symbolic link';
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** Whether `target` is `root` or lies under it (both absolute; lexical). */
export function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || !(rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel));
}

/**
 * The absolute path of `relativePath` under `root`, or null when it escapes the root — lexically
 * (`..`, absolute paths, NUL) or through a symbolic link anywhere on the way. For paths that come from
 * the index or the ledger, which a repository can ship pre-made.
 */
export function containedPath(root: string, relativePath: string): string | null {
  if (relativePath.includes('\0') || isAbsolute(relativePath)) return null;
  const absolute = resolve(root, relativePath);
  if (!isInside(resolve(root), absolute)) return null;
  try {
    return isInside(realpathSync(root), realpathOfExisting(absolute)) ? absolute : null;
  } catch {
    return null;
  }
}

/** The real path of `path`, or of its deepest existing ancestor with the rest appended: links on the way count even when the file is missing. */
function realpathOfExisting(path: string): string {
  const rest: string[] = [];
  let current = path;
  for (;;) {
    try {
      return join(realpathSync(current), ...rest.reverse());
    } catch (error) {
      if (errorCode(error) !== 'ENOENT' && errorCode(error) !== 'ENOTDIR') throw error;
      const parent = dirname(current);
      if (parent === current) throw error;
      rest.push(basename(current));
      current = parent;
    }
  }
}

function linkReason(path: string, rootReal: string): string {
  let target: string;
  try {
    target = realpathSync(path);
  } catch {
    return 'is a symbolic link that leads nowhere';
  }
  return isInside(rootReal, target) ? '' : `is a symbolic link to ${target}, outside the repository`;
}

/**
 * Makes sure the index folder can hold Asset Lens's files without anything leaving the repository: it
 * and every parent of it inside the root are real folders (created if missing), or links that stay
 * inside the root. A link leading out stops everything with one message; it is never followed. An
 * index folder outside the root is the user's explicit choice and is used as given.
 */
export function prepareIndexDir(root: string, indexDir: string): void {
  const absoluteRoot = resolve(root);
  const absoluteIndex = resolve(indexDir);
  if (!isInside(absoluteRoot, absoluteIndex)) {
    mkdirSync(absoluteIndex, { recursive: true });
    if (!statSync(absoluteIndex).isDirectory()) throw new UnsafePathError(absoluteIndex, 'is not a folder');
    return;
  }
  const rootReal = realpathSync(absoluteRoot);
  let current = absoluteRoot;
  for (const segment of relative(absoluteRoot, absoluteIndex).split(sep).filter(Boolean)) {
    current = join(current, segment);
    let info = lstatOrMakeFolder(current);
    if (info.isSymbolicLink()) {
      const reason = linkReason(current, rootReal);
      if (reason) throw new UnsafePathError(current, `${reason}; Asset Lens never follows it for its index — delete the link (or choose another index folder) and try again`);
      info = statSync(current);
    }
    if (!info.isDirectory()) throw new UnsafePathError(current, `is ${describeKind(info)}, not a folder; delete it (or choose another index folder) and try again`);
  }
}

/** What is at `path` (not following a link), after creating a folder there if there was nothing. */
function lstatOrMakeFolder(path: string): Stats {
  const info = lstatOrNull(path);
  if (info) return info;
  try {
    mkdirSync(path);
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
  }
  return lstatSync(path);
}

/**
 * Checks one of Asset Lens's own files before it is opened by something that would follow links
 * (SQLite): missing, or a regular file with no other hard link. Anything else is refused.
 */
export function checkStateFile(path: string): Stats | null {
  const info = lstatOrNull(path);
  if (!info) return null;
  if (!info.isFile()) throw new UnsafePathError(path, `is ${describeKind(info)}; Asset Lens only uses regular files for its own state — delete it and try again`);
  if (info.nlink > 1) throw new UnsafePathError(path, 'has other hard links; Asset Lens will not write to a file shared with another path — delete it and try again');
  return info;
}

/** Creates `dir` (a folder under `base`, which must already be safe), refusing links and non-folders on the way. */
export function ensureStateFolder(base: string, ...segments: string[]): string {
  let current = base;
  for (const segment of segments) {
    current = join(current, segment);
    const info = lstatOrMakeFolder(current);
    if (!info.isDirectory()) throw new UnsafePathError(current, `is ${describeKind(info)}, not a folder; Asset Lens never follows links for its own files — delete it and try again`);
  }
  return current;
}

function sameFile(a: Stats, b: Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/** The open-time checks shared by reads and writes: no link, regular file, the very file that lstat saw. */
function verifyOpened(path: string, fd: number, before: Stats | null): Stats {
  const info = fstatSync(fd);
  if (!info.isFile()) throw new UnsafePathError(path, `is ${describeKind(info)}, not a regular file`);
  const after = lstatOrNull(path);
  if (!after || after.isSymbolicLink() || !sameFile(info, after) || (before && !sameFile(before, after))) {
    throw new UnsafePathError(path, 'changed or is a symbolic link; Asset Lens never follows links for its own files');
  }
  return info;
}

function openNoFollow(path: string, flags: number, mode?: number): number {
  const before = lstatOrNull(path);
  if (before?.isSymbolicLink()) throw new UnsafePathError(path, 'is a symbolic link; Asset Lens never follows links for its own files — delete it and try again');
  try {
    return openSync(path, flags | O_NOFOLLOW | O_NONBLOCK, mode);
  } catch (error) {
    if (errorCode(error) === 'ELOOP') throw new UnsafePathError(path, 'is a symbolic link; Asset Lens never follows links for its own files — delete it and try again');
    throw error;
  }
}

/**
 * Appends text to one of Asset Lens's files (created if missing), with a newline first when the file
 * does not end in one. Never follows a link, never writes to a hard-linked or oversized file, and
 * reads only the last byte, not the file.
 */
export function appendStateFile(path: string, text: string, maxBytes: number): void {
  const fd = openNoFollow(path, constants.O_RDWR | constants.O_APPEND | constants.O_CREAT, 0o644);
  try {
    const info = verifyOpened(path, fd, null);
    if (info.nlink > 1) throw new UnsafePathError(path, 'has other hard links; Asset Lens will not write to a file shared with another path');
    if (info.size + text.length > maxBytes) throw new UnsafePathError(path, `would grow past the ${Math.round(maxBytes / 1024 / 1024)} MB cap`);
    let prefix = '';
    if (info.size > 0) {
      const last = Buffer.alloc(1);
      readSync(fd, last, 0, 1, info.size - 1);
      if (last[0] !== 0x0a) prefix = '\n';
    }
    const bytes = Buffer.from(prefix + text, 'utf8');
    for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
  } finally {
    closeSync(fd);
  }
}

/** A fresh file next to `path` with an unpredictable name, created exclusively (never an existing file or link). */
function createTemporary(path: string): { fd: number; path: string } {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(12).toString('hex')}.tmp`);
  const fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW, 0o644);
  return { fd, path: temporary };
}

/**
 * Replaces `path` with `data` atomically: written to an exclusive temporary file in the same folder,
 * then renamed over it. A rename replaces a link itself, never what it points to.
 */
export function writeStateFileAtomic(path: string, data: string | Uint8Array): void {
  const temporary = createTemporary(path);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let written = 0; written < bytes.length; ) written += writeSync(temporary.fd, bytes, written);
    closeSync(temporary.fd);
    renameSync(temporary.path, path);
  } catch (error) {
    try {
      closeSync(temporary.fd);
    } catch {
      // Already closed.
    }
    try {
      unlinkSync(temporary.path);
    } catch {
      // Renamed or never made.
    }
    throw error;
  }
}

/** Creates `path` with `data` only if nothing (not even a dangling link) has that name; true if it wrote. */
export function createStateFileOnce(path: string, data: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW, 0o644);
  } catch (error) {
    if (errorCode(error) === 'EEXIST' || errorCode(error) === 'ELOOP') return false;
    throw error;
  }
  try {
    writeSync(fd, data);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Opens a file that a repository supplies as data (the ledger, a .gitignore) for reading: no link,
 * a regular file (never a FIFO that would block or a device that never ends), at most `maxBytes`.
 * Null when it does not exist.
 */
export async function openUntrustedFile(path: string, maxBytes: number, label: string): Promise<{ handle: FileHandle; size: number } | null> {
  const before = lstatOrNull(path);
  if (!before) return null;
  if (before.isSymbolicLink()) throw new UnsafePathError(path, `${label} is a symbolic link; Asset Lens never follows it`);
  if (!before.isFile()) throw new UnsafePathError(path, `${label} is ${describeKind(before)}, not a regular file`);
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    if (errorCode(error) === 'ELOOP') throw new UnsafePathError(path, `${label} is a symbolic link; Asset Lens never follows it`);
    throw error;
  }
  try {
    const info = verifyOpened(path, handle.fd, before);
    if (info.size > maxBytes) {
      throw new UnsafePathError(path, `${label} is ${(info.size / 1024 / 1024).toFixed(1)} MB, over the ${Math.round(maxBytes / 1024 / 1024)} MB cap`);
    }
    return { handle, size: info.size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Reads an untrusted file whole (see openUntrustedFile); null when missing. */
export async function readUntrustedBytes(path: string, maxBytes: number, label: string): Promise<Buffer | null> {
  const opened = await openUntrustedFile(path, maxBytes, label);
  if (!opened) return null;
  try {
    const buffer = Buffer.alloc(opened.size);
    let filled = 0;
    while (filled < opened.size) {
      const { bytesRead } = await opened.handle.read(buffer, filled, opened.size - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } finally {
    await opened.handle.close();
  }
}

/** The same as readUntrustedBytes, for the few synchronous readers (a config file read once). */
export function readUntrustedBytesSync(path: string, maxBytes: number, label: string): Buffer | null {
  const before = lstatOrNull(path);
  if (!before) return null;
  if (!before.isFile()) throw new UnsafePathError(path, `${label} is ${describeKind(before)}, not a regular file`);
  const fd = openNoFollow(path, constants.O_RDONLY);
  try {
    const info = verifyOpened(path, fd, before);
    if (info.size > maxBytes) throw new UnsafePathError(path, `${label} is over the ${Math.round(maxBytes / 1024)} KB cap`);
    const buffer = Buffer.alloc(info.size);
    let filled = 0;
    while (filled < info.size) {
      const read = readSync(fd, buffer, filled, info.size - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    return buffer.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a file that lies under `root` (an image about to be sent to the cloud): no link on the way out
 * of the root, a regular file, at most `maxBytes`.
 */
export async function readContainedFile(root: string, relativePath: string, maxBytes: number): Promise<Buffer> {
  const absolute = containedPath(root, relativePath);
  if (!absolute) throw new UnsafePathError(relativePath, 'lies outside the repository');
  const bytes = await readUntrustedBytes(absolute, maxBytes, 'the file');
  if (!bytes) throw Object.assign(new Error(`${relativePath}: no such file`), { code: 'ENOENT' });
  return bytes;
}
