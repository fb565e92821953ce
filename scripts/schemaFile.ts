import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { introspectionFromSchema } from 'graphql';
import { buildSchema, findSchemaDirectory } from '../src/graphql/schema';
import { introspectionDisagreements, printSchemaFile } from './schemaPrintout';

/**
 * Writes schema.graphql: the schema the gateway serves, printed from the executable schema with
 * its descriptions and directives, for frontends' codegen. It refuses to write, and `--check`
 * (CI) fails, when that printout says anything else than introspection of the same schema
 * shows; `--check` also fails when the committed file is not that printout.
 */
const file = path.join(findSchemaDirectory(), '..', 'schema.graphql');
const schema = buildSchema();
const printed = printSchemaFile(schema);

const disagreements = introspectionDisagreements(printed, introspectionFromSchema(schema));
if (disagreements.length > 0) {
  console.error(`The printout of the schema is not what its introspection shows:\n\n${disagreements.join('\n\n')}`);
  process.exit(1);
}
if (process.argv.includes('--check')) {
  if (!existsSync(file) || readFileSync(file, 'utf8') !== printed) {
    console.error('schema.graphql is stale: run `npm run schema:print` and commit it.');
    process.exit(1);
  }
} else {
  writeFileSync(file, printed);
}
