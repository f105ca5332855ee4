// Where images are used: `refs`, `unused`, `broken`.
import { isAbsolute, relative, resolve } from 'node:path';
import { printJson, withRoot, type CommonOptions } from './output.ts';
import { toPosix } from '../core/scan.ts';

/** An image argument as the index names it: POSIX, relative to the root (absolute and `./` forms accepted). */
function imageArgument(root: string, image: string): string {
  const path = isAbsolute(image) ? relative(resolve(root), image) : image;
  return toPosix(path).replace(/^(\.\/)+/, '');
}

export async function refsCommand(root: string, image: string, options: CommonOptions): Promise<void> {
  await withRoot(root, options, (lens) => {
    const path = imageArgument(root, image);
    if (!lens.store.fileByPath(path)) throw new Error(`${path}: not an indexed image under ${root}`);
    const references = lens.references(path);
    if (options.json) printJson(references.map(({ file, line, column, text }) => ({ file, line, column, text })));
    else for (const r of references) process.stdout.write(`${r.file}:${r.line}:${r.column}  ${r.text}\n`);
  });
}

export async function unusedCommand(root: string, options: CommonOptions): Promise<void> {
  await withRoot(root, options, (lens) => {
    const paths = lens.unused();
    if (options.json) printJson(paths.map((path) => ({ path })));
    else for (const path of paths) process.stdout.write(`${path}\n`);
  });
}

export async function brokenCommand(root: string, options: CommonOptions): Promise<void> {
  await withRoot(root, options, async (lens) => {
    const broken = await lens.broken();
    if (options.json) printJson(broken.map(({ file, line, column, reference, suggestion }) => ({ file, line, column, reference, suggestion })));
    else for (const b of broken) process.stdout.write(`${b.file}:${b.line}:${b.column}  ${b.reference}${b.suggestion ? `  → ${b.suggestion}` : ''}\n`);
  });
}
