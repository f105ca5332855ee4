// Reads a .vsix (a zip) just enough to check what it ships: every entry's name, size and first bytes.
import yauzl from 'yauzl';
import type { Readable } from 'node:stream';

export interface VsixEntry {
  name: string;
  size: number;
  head: Buffer;
}

async function readStart(stream: Readable, bytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
    length += (chunk as Buffer).length;
    if (length >= bytes) break; // leaving the loop destroys the stream
  }
  return Buffer.concat(chunks).subarray(0, bytes);
}

/** Entries of a .vsix with their first `headBytes` bytes, and the whole content of the entries named in `whole`. */
export async function readVsix(path: string, whole: readonly string[] = [], headBytes = 4096): Promise<VsixEntry[]> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
  try {
    const entries: VsixEntry[] = [];
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      const bytes = whole.includes(entry.fileName) ? entry.uncompressedSize : headBytes;
      const head = await readStart(await zip.openReadStreamPromise(entry), bytes);
      entries.push({ name: entry.fileName, size: entry.uncompressedSize, head });
    }
    return entries;
  } finally {
    zip.close();
  }
}
