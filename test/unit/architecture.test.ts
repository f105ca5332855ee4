import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;
const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|cts)$/.test(entry.name) ? [path] : [];
  });
}

/** String literals and template literals of a TypeScript source (comments stripped first). */
function stringLiterals(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\'"`])\/\/.*$/gm, '$1');
  return [...code.matchAll(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g)].map((m) => m[0]);
}

const SQL = /\b(SELECT\s+[\w*(]|INSERT\s+(OR\s+\w+\s+)?INTO\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b|CREATE\s+(TABLE|INDEX|VIRTUAL\s+TABLE|TRIGGER)\b|ALTER\s+TABLE\b|DROP\s+(TABLE|INDEX)\b|PRAGMA\s+\w)/;
/** Statements run directly on a connection. */
const DB_CALL = /\b(db|database|\.db)\s*\.\s*(prepare|exec|pragma)\s*\(/;

describe('source layout', () => {
  const files = sourceFiles(SRC);

  it('keeps every SQL statement in src/core/store/', () => {
    const offenders: string[] = [];
    for (const file of files) {
      const path = relative(ROOT, file);
      if (path.startsWith(join('src', 'core', 'store') + '/')) continue;
      const source = readFileSync(file, 'utf8');
      for (const literal of stringLiterals(source)) if (SQL.test(literal)) offenders.push(`${path}: ${literal.slice(0, 80)}`);
      source.split('\n').forEach((line, i) => {
        if (DB_CALL.test(line)) offenders.push(`${path}:${i + 1}: ${line.trim().slice(0, 80)}`);
      });
    }
    assert.deepEqual(offenders, [], 'SQL belongs in a named query under src/core/store/');
  });

  it('the SQL check recognises statements and ignores prose', () => {
    assert.ok(SQL.test("'SELECT id FROM assets'") && SQL.test('`INSERT OR REPLACE INTO meta`') && SQL.test("'UPDATE assets SET x = 1'"));
    assert.ok(!SQL.test("'Select the images to update'") && !SQL.test("'delete from the index'"));
    assert.deepEqual(stringLiterals("const a = 'x'; // 'SELECT 1'\n/* \"DELETE FROM t\" */ const b = `y`;"), ["'x'", '`y`']);
  });

  it('keeps src/core free of the vscode module', () => {
    const offenders = files
      .filter((file) => relative(SRC, file).startsWith('core/'))
      .filter((file) => /\b(from|import)\s+['"]vscode['"]|\brequire\(\s*['"]vscode['"]\s*\)|\bimport\(\s*['"]vscode['"]\s*\)/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    assert.deepEqual(offenders, []);
  });

  it('has no import cycles in src/core, and types.ts imports no stage', () => {
    const core = files.filter((file) => relative(SRC, file).startsWith('core/'));
    const imports = new Map(
      core.map((file) => [file, [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^'"]*?from\s+'(\.[^']+)'/gm)].map((m) => resolve(dirname(file), m[1]!))]),
    );
    assert.deepEqual(imports.get(join(SRC, 'core', 'types.ts')), []);
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string): void => {
      state.set(file, 'open');
      stack.push(file);
      for (const next of imports.get(file) ?? []) {
        if (state.get(next) === 'open') cycles.push(stack.slice(stack.indexOf(next)).map((f) => relative(SRC, f)).join(' → '));
        else if (!state.has(next) && imports.has(next)) visit(next);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of core) if (!state.has(file)) visit(file);
    assert.deepEqual(cycles, []);
  });

  it('names test folders for what they run in', () => {
    const folders = readdirSync(join(ROOT, 'test'));
    // Plain Node tests of extension modules live in test/extension-unit/; in-host ones in test/vscode-host/.
    assert.ok(!folders.includes('vscode'), 'test/vscode/ was renamed test/extension-unit/: move new tests there');
    const spec = (JSON.parse(readFileSync(join(ROOT, '.mocharc.json'), 'utf8')) as { spec: string[] }).spec;
    for (const folder of ['unit', 'integration', 'extension-unit']) assert.ok(spec.some((glob) => glob.startsWith(`test/${folder}/`)), folder);
  });
});
