import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

// Apart from the executable schema (./schema.ts), so code its resolvers import can read the SDL.

/** schema/ sits at the project root, both for src/ (tests) and for dist/src/ (npm start). */
export function findSchemaDirectory(from = __dirname): string {
  for (let directory = from; ; directory = path.dirname(directory)) {
    const candidate = path.join(directory, 'schema');
    if (existsSync(path.join(candidate, 'shared.graphql'))) return candidate;
    if (path.dirname(directory) === directory) throw new Error(`No schema/ directory above ${from}.`);
  }
}

export function loadTypeDefs(directory = findSchemaDirectory()): string[] {
  return readdirSync(directory)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(path.join(directory, file), 'utf8'));
}
