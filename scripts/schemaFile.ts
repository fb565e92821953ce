import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { buildSchema, findSchemaDirectory } from '../src/graphql/schema';

/**
 * Writes schema.graphql: the schema the gateway serves, printed from the executable schema with
 * its descriptions and directives, for frontends' codegen. With `--check` it writes nothing and
 * fails when the committed file is stale (CI runs that).
 */
const file = path.join(findSchemaDirectory(), '..', 'schema.graphql');
const printed = [
  '# The schema mediagraph serves, for clients\' codegen. Generated from schema/*.graphql by',
  '# `npm run schema:print`: do not edit.',
  '',
  printSchemaWithDirectives(buildSchema()),
  '',
].join('\n');

if (process.argv.includes('--check')) {
  if (!existsSync(file) || readFileSync(file, 'utf8') !== printed) {
    console.error('schema.graphql is stale: run `npm run schema:print` and commit it.');
    process.exit(1);
  }
} else {
  writeFileSync(file, printed);
}
