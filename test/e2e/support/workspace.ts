// A small git workspace of generated images (real PNGs made with sharp, SVGs with <title>), its bare
// origin and a second clone, for the end-to-end suite.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import sharp from 'sharp';

type Shape = 'circle' | 'square' | 'triangle' | 'star';

export interface ImageSpec {
  /** POSIX path relative to the workspace root. */
  path: string;
  shape: Shape;
  color: string;
  width: number;
  height: number;
  /** SVG only: the <title> a person would read. */
  title?: string;
}

function shapeMarkup(shape: Shape, color: string, width: number, height: number): string {
  const cx = width / 2;
  const cy = height / 2;
  const r = Math.min(width, height) * 0.4;
  switch (shape) {
    case 'circle':
      return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${color}"/>`;
    case 'square':
      return `<rect x="${cx - r}" y="${cy - r}" width="${2 * r}" height="${2 * r}" fill="${color}"/>`;
    case 'triangle':
      return `<polygon points="${cx},${cy - r} ${cx + r},${cy + r} ${cx - r},${cy + r}" fill="${color}"/>`;
    case 'star': {
      const points = Array.from({ length: 10 }, (_, i) => {
        const radius = i % 2 === 0 ? r : r * 0.45;
        const angle = (Math.PI / 5) * i - Math.PI / 2;
        return `${(cx + radius * Math.cos(angle)).toFixed(1)},${(cy + radius * Math.sin(angle)).toFixed(1)}`;
      });
      return `<polygon points="${points.join(' ')}" fill="${color}"/>`;
    }
  }
}

function svgDocument(spec: ImageSpec): string {
  const title = spec.title ? `<title>${spec.title}</title>` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${spec.width}" height="${spec.height}" viewBox="0 0 ${spec.width} ${spec.height}">${title}<rect width="100%" height="100%" fill="#ffffff"/>${shapeMarkup(spec.shape, spec.color, spec.width, spec.height)}</svg>\n`;
}

export async function writeImages(root: string, specs: readonly ImageSpec[]): Promise<void> {
  for (const spec of specs) {
    const file = join(root, spec.path);
    mkdirSync(dirname(file), { recursive: true });
    const svg = svgDocument(spec);
    if (spec.path.endsWith('.svg')) writeFileSync(file, svg);
    else await sharp(Buffer.from(svg)).toFile(file);
  }
}

export const INITIAL_IMAGES: readonly ImageSpec[] = [
  { path: 'assets/logos/red-circle-logo.png', shape: 'circle', color: '#e02020', width: 256, height: 256 },
  { path: 'assets/icons/blue-square-icon.png', shape: 'square', color: '#2050e0', width: 128, height: 128 },
  { path: 'assets/banners/green-triangle-banner.jpg', shape: 'triangle', color: '#20a040', width: 640, height: 240 },
  { path: 'assets/illustrations/yellow-star.svg', shape: 'star', color: '#f0c000', width: 200, height: 200, title: 'Yellow star' },
  { path: 'assets/icons/purple-circle-badge.svg', shape: 'circle', color: '#8030c0', width: 64, height: 64, title: 'Purple badge' },
  { path: 'docs/diagrams/orange-square-chart.webp', shape: 'square', color: '#f08020', width: 400, height: 300 },
];

/** What a teammate pushes later: the workspace gets these only through `git pull`. */
export const PULLED_IMAGES: readonly ImageSpec[] = [
  { path: 'assets/animals/orange-fox-mascot.png', shape: 'triangle', color: '#f06010', width: 300, height: 300 },
  { path: 'assets/animals/pink-whale-sticker.svg', shape: 'circle', color: '#f080b0', width: 120, height: 120, title: 'Pink whale sticker' },
];

const GIT_IDENTITY = ['-c', 'user.name=Asset Lens E2E', '-c', 'user.email=e2e@asset-lens.invalid', '-c', 'commit.gpgsign=false'];

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', [...GIT_IDENTITY, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 }).trim();
}

export interface GitWorkspace {
  /** The folder VS Code opens. */
  workspace: string;
  origin: string;
  /** A teammate's clone of origin. */
  teammate: string;
}

/** Workspace with INITIAL_IMAGES committed and pushed to a bare origin, plus a teammate's clone. */
export async function createGitWorkspace(parent: string): Promise<GitWorkspace> {
  const workspace = join(parent, 'workspace');
  const origin = join(parent, 'origin.git');
  const teammate = join(parent, 'teammate');
  mkdirSync(workspace, { recursive: true });
  await writeImages(workspace, INITIAL_IMAGES);
  writeFileSync(join(workspace, 'README.md'), '# Demo project\n\nImages for the Asset Lens end-to-end test.\n');
  git(workspace, 'init', '--quiet', '--initial-branch=main');
  git(workspace, 'add', '.');
  git(workspace, 'commit', '--quiet', '-m', 'Initial images');
  git(parent, 'clone', '--quiet', '--bare', workspace, origin);
  git(workspace, 'remote', 'add', 'origin', origin);
  git(workspace, 'fetch', '--quiet', 'origin');
  git(workspace, 'branch', '--quiet', '--set-upstream-to=origin/main', 'main');
  git(parent, 'clone', '--quiet', origin, teammate);
  return { workspace, origin, teammate };
}

/** The teammate commits PULLED_IMAGES and pushes them to origin. */
export async function pushNewImagesFromTeammate(repo: GitWorkspace): Promise<void> {
  await writeImages(repo.teammate, PULLED_IMAGES);
  git(repo.teammate, 'add', '.');
  git(repo.teammate, 'commit', '--quiet', '-m', 'Add mascot images');
  git(repo.teammate, 'push', '--quiet', 'origin', 'main');
}
