// Unpacks the `extension/` folder of a .vsix: the extension exactly as it ships, for
// extensionDevelopmentPath (which wants a folder, not a .vsix).
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';

const PREFIX = 'extension/';

export async function unpackExtension(vsixPath: string, destination: string): Promise<string> {
  const zip = await yauzl.openPromise(vsixPath, { lazyEntries: true, autoClose: false });
  try {
    for await (const entry of zip.eachEntry()) {
      if (!entry.fileName.startsWith(PREFIX) || entry.fileName.endsWith('/')) continue;
      const target = resolve(destination, entry.fileName.slice(PREFIX.length));
      if (relative(destination, target).startsWith('..')) throw new Error(`${vsixPath}: entry ${entry.fileName} points outside the extension`);
      mkdirSync(dirname(target), { recursive: true });
      await pipeline(await zip.openReadStreamPromise(entry), createWriteStream(target));
    }
  } finally {
    zip.close();
  }
  return destination;
}
