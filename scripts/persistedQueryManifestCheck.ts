import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * `npm run codegen:check` for the example client's Apollo persisted query manifest: Apollo's
 * generator has no --check, so this runs it with the same config into a temporary file and fails
 * when the committed manifest is not what it writes.
 */
const configFile = 'examples/client/persisted-query-manifest.config.json';
const config = JSON.parse(readFileSync(configFile, 'utf8')) as { output: string };
const directory = mkdtempSync(path.join(tmpdir(), 'persisted-query-manifest-'));
try {
  const fresh = path.join(directory, 'manifest.json');
  const freshConfig = path.join(directory, 'persisted-query-manifest.config.json');
  writeFileSync(freshConfig, JSON.stringify({ ...config, output: fresh }));
  const cli = require.resolve('@apollo/generate-persisted-query-manifest/cli.js');
  execFileSync(process.execPath, [cli, '--config', freshConfig], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (readFileSync(fresh, 'utf8') !== readFileSync(config.output, 'utf8')) {
    console.error(`${config.output} is stale: run \`npm run codegen\` and commit it.`);
    process.exitCode = 1;
  }
} finally {
  rmSync(directory, { recursive: true, force: true });
}
