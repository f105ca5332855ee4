import assert from 'node:assert/strict';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deleteSearch, readSavedSearches, saveSearch } from '../../src/core/saved-searches.ts';
import { tempDir } from '../support/images.ts';

describe('saved searches (searches.json)', () => {
  let dir: ReturnType<typeof tempDir>;
  let file: string;
  beforeEach(() => {
    dir = tempDir();
    file = join(dir.path, 'searches.json');
  });
  afterEach(() => dir.remove());

  it('saves, replaces and deletes by name, one search a line sorted by name', async () => {
    await saveSearch(file, 'Red icons', 'in:icons/ color:red');
    await saveSearch(file, 'Birds', 'bird ext:svg');
    await saveSearch(file, 'Red icons', 'in:icons/ color:#ff0000');
    assert.equal(readFileSync(file, 'utf8'), '[\n  {"name":"Birds","query":"bird ext:svg"},\n  {"name":"Red icons","query":"in:icons/ color:#ff0000"}\n]\n');
    assert.equal(await deleteSearch(file, 'Birds'), true);
    assert.equal(await deleteSearch(file, 'Birds'), false);
    assert.deepEqual((await readSavedSearches(file)).searches, [{ name: 'Red icons', query: 'in:icons/ color:#ff0000' }]);
  });

  it('reads what it can of a merged file with conflict markers, and names the bad lines', async () => {
    writeFileSync(file, '[\n<<<<<<< HEAD\n  {"name":"A","query":"a"},\n=======\n  {"name":"B","query":"b"},\n>>>>>>> theirs\n  {"name":"C", broken\n]\n');
    const { searches, problems } = await readSavedSearches(file);
    assert.deepEqual(searches.map((s) => s.name), ['A', 'B']);
    assert.deepEqual(problems, [`${file}:7: not valid JSON`]);
  });

  it('refuses nameless searches and symlinked files', async () => {
    await assert.rejects(saveSearch(file, '  ', 'x'), /needs a name/);
    const target = join(dir.path, 'elsewhere.json');
    writeFileSync(target, '[]\n');
    symlinkSync(target, file);
    await assert.rejects(readSavedSearches(file), /symbolic link/);
    await assert.rejects(saveSearch(file, 'A', 'a'), /symbolic link/);
    assert.equal(readFileSync(target, 'utf8'), '[]\n');
  });
});
