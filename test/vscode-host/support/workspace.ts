// A git workspace of solid-colour images made with sharp, each a colour the Gemini stand-in names
// differently, so which image it was sent shows in its answer.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { git } from '../../e2e/support/workspace.ts';
import { colourName, distinctColour, toneKey, type Rgb } from '../../support/gemini-standin.ts';
import { solidImage } from '../../support/images.ts';
import type { SuiteImage } from '../protocol.ts';

/** Names without colour words: before Gemini tags them, nothing local says what colour they are. */
const IMAGE_PATHS = ['assets/tiles/tile-1.png', 'assets/tiles/tile-2.png', 'assets/photos/photo-3.jpg', 'assets/photos/photo-4.webp'];
const SIZE = 96;
const NEUTRAL = new Set(['black', 'white', 'gray']);

/** The first colours of the stand-in's palette of 512 whose names differ and are not neutral. */
function distinctlyNamedColours(count: number): Rgb[] {
  const chosen = new Map<string, Rgb>();
  for (let i = 0; i < 512 && chosen.size < count; i += 7) {
    const colour = distinctColour(i);
    const name = colourName(colour);
    if (!NEUTRAL.has(name) && !chosen.has(name)) chosen.set(name, colour);
  }
  if (chosen.size < count) throw new Error(`only ${chosen.size} distinctly named colours, wanted ${count}`);
  return [...chosen.values()];
}

export async function createImageWorkspace(workspace: string, workspaceSettings?: Record<string, unknown>): Promise<SuiteImage[]> {
  const colours = distinctlyNamedColours(IMAGE_PATHS.length);
  const images: SuiteImage[] = [];
  for (const [i, path] of IMAGE_PATHS.entries()) {
    const colour = colours[i]!;
    const file = join(workspace, path);
    mkdirSync(dirname(file), { recursive: true });
    const image = await solidImage(SIZE, SIZE, colour);
    await (path.endsWith('.jpg') ? image.jpeg({ quality: 90 }) : path.endsWith('.webp') ? image.webp({ quality: 90 }) : image.png()).toFile(file);
    images.push({ path, toneKey: toneKey(colour), colour: colourName(colour) });
  }
  writeFileSync(join(workspace, 'README.md'), '# Tiles\n\nImages for the Asset Lens in-host tests.\n');
  if (workspaceSettings) {
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    writeFileSync(join(workspace, '.vscode', 'settings.json'), `${JSON.stringify(workspaceSettings, null, 2)}\n`);
  }
  git(workspace, 'init', '--quiet', '--initial-branch=main');
  git(workspace, 'add', '.');
  git(workspace, 'commit', '--quiet', '-m', 'Tiles');
  return images;
}
