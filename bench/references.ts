// The reference scan on a synthetic web project: every text file read and extracted from scratch
// (text files/s, the ≥ 2,000 target), then an unchanged re-scan (stat only) and one with 1% of the
// files edited. Run alone: `node bench/references.ts [files]`.
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadavg, tmpdir } from 'node:os';
import { AssetLens } from '../src/core/engine.ts';
import type { Embedder } from '../src/core/types.ts';
import { round } from './stats.ts';

export interface ReferenceBench {
  files: number;
  bytes: number;
  references: number;
  firstScanSeconds: number;
  textFilesPerSecond: number;
  /** Files per second of this process's CPU time (user + system): the same work without other processes' load. */
  textFilesPerCpuSecond: number;
  loadAverage: number;
  unchangedSeconds: number;
  /** `index()` of the unchanged project: the image walk and scan, the reference scan, nothing to do. */
  unchangedIndexSeconds: number;
  /** 1% of the files rewritten, re-scanned. */
  editedSeconds: number;
  edited: number;
}

const LANGUAGES = ['tsx', 'scss', 'md', 'html', 'vue', 'json', 'ts', 'yml'] as const;

/** A file of realistic size (1–4 KB) for its language, with a few image references and much else. */
function fileText(kind: (typeof LANGUAGES)[number], i: number): string {
  const img = (n: number) => `img/set-${(i + n) % 97}/picture-${(i * 7 + n) % 500}.png`;
  const filler = Array.from({ length: 12 + (i % 30) }, (_, k) => `  // line ${k}: compute ${i * k} items from the list and render them`).join('\n');
  switch (kind) {
    case 'tsx':
      return `import React from 'react';\nimport hero from '@/${img(1)}';\nimport icon from '../${img(2)}';\n${filler}\nexport function C${i}() {\n  return <div><img src="/${img(3)}" alt="Don't" /><img src={hero} /></div>;\n}\n`;
    case 'ts':
      return `const ICONS = { a: '${img(4)}', b: "/${img(5)}" };\n${filler}\nexport const url = new URL('./${img(6)}', import.meta.url);\n`;
    case 'scss':
      return `.a${i} { background: url(../${img(1)}); }\n/* url(old.png) */\n${filler.replace(/\/\/ /g, '// ')}\n.b${i} { background-image: image-set("/${img(2)}" 1x, "/${img(3)}" 2x); }\n`;
    case 'md':
      return `---\ncover: ${img(1)}\n---\n# Page ${i}\n\n![Alt](${img(2)})\n\n${filler.replace(/ {2}\/\/ /g, '')}\n\n\`\`\`html\n<img src="${img(3)}">\n\`\`\`\n<img src="./${img(4)}" width="10">\n`;
    case 'html':
      return `<!doctype html><html><head><link rel="icon" href="/${img(1)}"></head><body>\n${filler.replace(/ {2}\/\/ /g, '<p>')}\n<img srcset="${img(2)} 1x, ${img(3)} 2x" alt="x"></body></html>\n`;
    case 'vue':
      return `<template>\n  <img :src="require('./${img(1)}')">\n</template>\n<script setup>\n${filler}\nconst a = '@/${img(2)}';\n</script>\n<style>.x { background: url('${img(3)}'); }</style>\n`;
    case 'json':
      return JSON.stringify({ id: i, title: `Item ${i}`, images: [img(1), `/${img(2)}`], notes: filler.split('\n') }, null, 2) + '\n';
    case 'yml':
      return `id: ${i}\nimage: /${img(1)}\ngallery:\n  - ${img(2)}\n  - ${img(3)}  # hero\n${filler.replace(/ {2}\/\/ /g, '# ')}\n`;
  }
}

export function writeProject(root: string, count: number): number {
  let bytes = 0;
  writeFileSync(join(root, 'tsconfig.json'), '{ "compilerOptions": { "paths": { "@/*": ["src/*"] } } }\n');
  for (let i = 0; i < count; i++) {
    const kind = LANGUAGES[i % LANGUAGES.length]!;
    const path = join(root, `src/area-${i % 40}/part-${Math.floor(i / 40) % 25}/file-${i}.${kind}`);
    mkdirSync(dirname(path), { recursive: true });
    const text = fileText(kind, i);
    writeFileSync(path, text);
    bytes += text.length;
  }
  return bytes;
}

export async function benchReferences(scratch: string, count: number, embedder: Embedder): Promise<ReferenceBench> {
  rmSync(scratch, { recursive: true, force: true });
  const root = join(scratch, 'project');
  mkdirSync(root, { recursive: true });
  const bytes = writeProject(root, count);
  const lens = await AssetLens.open({ root, indexDir: join(scratch, 'index'), embedder });
  try {
    const cpuBefore = process.cpuUsage();
    const first = await lens.indexReferences();
    const cpu = process.cpuUsage(cpuBefore);
    const references = (lens.store.db.prepare('SELECT count(*) AS n FROM refs').get() as { n: number }).n;
    const unchanged = await lens.indexReferences();
    const edited = Math.max(1, Math.floor(count / 100));
    const future = new Date(Date.now() + 60_000);
    for (let i = 0; i < edited; i++) {
      const kind = LANGUAGES[i % LANGUAGES.length]!;
      const path = join(root, `src/area-${i % 40}/part-${Math.floor(i / 40) % 25}/file-${i}.${kind}`);
      writeFileSync(path, fileText(kind, i + 1));
      utimesSync(path, future, future);
    }
    const again = await lens.indexReferences();
    await lens.index({ cloud: false });
    const unchangedIndex = await lens.index({ cloud: false });
    // tsconfig.json is a text file too.
    if (first.extracted !== count + 1 || again.extracted !== edited) throw new Error(`expected ${count + 1} then ${edited} files extracted, got ${first.extracted} and ${again.extracted}`);
    return {
      files: count,
      bytes,
      references,
      firstScanSeconds: round(first.seconds),
      textFilesPerSecond: round(count / first.seconds),
      textFilesPerCpuSecond: round(count / ((cpu.user + cpu.system) / 1e6)),
      loadAverage: round(loadavg()[0]!),
      unchangedSeconds: round(unchanged.seconds),
      editedSeconds: round(again.seconds),
      unchangedIndexSeconds: round(unchangedIndex.seconds),
      edited,
    };
  } finally {
    lens.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { loadEmbedder } = await import('../src/core/smallbrain/load-embedder.ts');
  const embedder = await loadEmbedder();
  const result = await benchReferences(join(tmpdir(), `asset-lens-bench-refs-${process.pid}`), Number(process.argv[2] ?? 5000), embedder);
  await embedder.dispose();
  console.log(JSON.stringify(result));
}
