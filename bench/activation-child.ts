// Run in a fresh process: loads dist/extension.cjs with a stand-in `vscode` module and times require +
// activate(). Prints one JSON line. The stand-in answers every property and call with itself, so any
// registration activation does goes through; it proves nothing about behaviour, only about cost.
import { createRequire } from 'node:module';
import Module from 'node:module';
import { readFileSync } from 'node:fs';

const started = performance.now();
const extensionPath = process.argv[2]!;
const require = createRequire(import.meta.url);

function standIn(): unknown {
  const target = function () {} as unknown as Record<string | symbol, unknown>;
  const proxy: unknown = new Proxy(target, {
    get(_, key) {
      if (key === 'then') return undefined;
      if (key === Symbol.iterator) return function* () {};
      if (key === Symbol.toPrimitive) return () => '';
      if (key === 'length') return 0;
      return proxy;
    },
    set: () => true,
    apply: () => proxy,
    construct: () => proxy as object,
  });
  return proxy;
}

// esbuild copies the module's own property names, so the stand-in lists every name the bundle reads off it.
const bundle = readFileSync(extensionPath, 'utf8');
const names = new Set([...bundle.matchAll(/\bvscode\d*\.([A-Za-z_$][\w$]*)/g)].map((match) => match[1]!));
const vscode = Object.fromEntries([...names].map((name) => [name, standIn()]));
const moduleWithLoad = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const originalLoad = moduleWithLoad._load;
moduleWithLoad._load = (request: string, ...rest: unknown[]) => (request === 'vscode' ? vscode : originalLoad(request, ...rest));

const context = {
  subscriptions: [] as unknown[],
  secrets: standIn(),
  globalState: standIn(),
  workspaceState: standIn(),
  extensionUri: standIn(),
  extensionPath: '/tmp',
  globalStorageUri: standIn(),
  storageUri: undefined,
  logUri: standIn(),
  extensionMode: 1,
};

const loadStarted = performance.now();
const extension = require(extensionPath) as { activate: (context: unknown) => unknown };
const loaded = performance.now();
await extension.activate(context);
const activated = performance.now();
const natives = ['better-sqlite3', 'sharp', 'onnxruntime-node', 'sqlite-vec'].filter((name) =>
  Object.keys(require.cache).some((path) => path.includes(`/node_modules/${name}/`)),
);
console.log(
  JSON.stringify({
    requireMs: loaded - loadStarted,
    activateMs: activated - loaded,
    totalMs: activated - loadStarted,
    processStartToActivatedMs: activated - started,
    nativesLoaded: natives,
    subscriptions: context.subscriptions.length,
  }),
);
process.exit(0);
