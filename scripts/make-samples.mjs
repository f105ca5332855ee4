// Rebuilds samples/ (the demo's image set) from Debian's openclipart-svg and openclipart-png packages
// (public domain). SVGs get useless names, as in a real design repo, so only their metadata tells
// what they show; PNGs keep their descriptive names. Deterministic: same packages, same files.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SVG_ROOT = '/usr/share/openclipart/svg';
const PNG_ROOT = '/usr/share/openclipart/png';
const TARGET = new URL('../samples/', import.meta.url).pathname;
const SVG_FOLDERS = [
  'animals/birds', 'animals/mammals', 'animals/bugs', 'food/fruit', 'food/beverages', 'food/desserts', 'transportation/vehicles',
  'transportation/boating', 'plants/flowers', 'buildings/homes', 'signs_and_symbols/weather', 'signs_and_symbols/clocks',
  'recreation/music', 'recreation/sports', 'computer/hardware', 'tools/weapons',
];
const PNG_FOLDERS = ['animals', 'food', 'transportation', 'plants', 'office', 'science'];
const PER_SVG_FOLDER = 4;
const PER_PNG_FOLDER = 3;
const USELESS_NAMES = ['final_v3 (2)', 'untitled-', 'IMG_00', 'export ', 'asset-final-', 'Copy of drawing ', 'new_', 'logo_v'];

function files(folder, extension, maxBytes) {
  return readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(extension) && statSync(join(folder, e.name)).size <= maxBytes)
    .map((e) => join(folder, e.name))
    .sort();
}

function hasTitle(svg) {
  return /<dc:title>[^<]{3,}<\/dc:title>/.test(readFileSync(svg, 'utf8'));
}

rmSync(TARGET, { recursive: true, force: true });
const sources = [];
let counter = 0;
for (const folder of SVG_FOLDERS) {
  const picked = files(join(SVG_ROOT, folder), '.svg', 30_000).filter(hasTitle).slice(0, PER_SVG_FOLDER);
  for (const file of picked) {
    counter++;
    const stem = USELESS_NAMES[counter % USELESS_NAMES.length];
    const name = stem === 'final_v3 (2)' ? `final_v${counter} (2).svg` : `${stem}${counter}.svg`;
    const target = join(TARGET, counter % 3 === 0 ? 'misc' : 'design', name);
    mkdirSync(join(target, '..'), { recursive: true });
    copyFileSync(file, target);
    sources.push([relative(TARGET, target), relative(SVG_ROOT, file), 'openclipart-svg']);
  }
}
for (const folder of PNG_FOLDERS) {
  for (const file of files(join(PNG_ROOT, folder), '.png', 40_000).slice(0, PER_PNG_FOLDER)) {
    const target = join(TARGET, 'png', folder, relative(join(PNG_ROOT, folder), file));
    mkdirSync(join(target, '..'), { recursive: true });
    copyFileSync(file, target);
    sources.push([relative(TARGET, target), relative(PNG_ROOT, file), 'openclipart-png']);
  }
}
writeFileSync(
  join(TARGET, 'SOURCES.md'),
  `# Sample images\n\nPublic-domain clip art from the Open Clip Art Library, as packaged by Debian (\`openclipart-svg\` and \`openclipart-png\`, version 0.18+dfsg), under the Creative Commons Public Domain Dedication (see /usr/share/doc/openclipart-svg/copyright). Rebuilt by \`node scripts/make-samples.mjs\`. The SVGs were given useless names on purpose: only their embedded metadata says what they show.\n\n| file | original | package |\n|---|---|---|\n${sources
    .map(([to, from, pkg]) => `| ${to} | ${from} | ${pkg} |`)
    .join('\n')}\n`,
);
console.log(`samples: ${sources.length} images in ${TARGET}`);
