// Runs one cloud tagging pass in its own process, so a test can kill -9 it mid-run.
// Usage: node bigbrain-child.ts '<json: { root, indexDir, ledgerPath, options }>'
import { runCloudTagging } from '../../src/core/bigbrain/index.ts';
import { openFixtureStore } from './bigbrain-fixture.ts';

const { root, indexDir, ledgerPath, options } = JSON.parse(process.argv[2]!);
const store = openFixtureStore(indexDir);
const summary = await runCloudTagging({
  store,
  root,
  options,
  ledgerPath,
  onProgress: (progress) => process.stdout.write(`progress ${progress.done}/${progress.total}\n`),
});
store.close();
process.stdout.write(`summary ${JSON.stringify(summary)}\n`);
