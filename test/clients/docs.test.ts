import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');
const doc = readFileSync(path.join(root, 'docs', 'clients.md'), 'utf8');
/** Code blocks whose first line names the file they come from, e.g. `// examples/client/cache.ts` or `# examples/client/operations/materials.graphql`. */
const fromFiles = [...doc.matchAll(/```(?:ts\n\/\/|graphql\n#) (examples\/client\/\S+)\n([\s\S]*?)```/g)].map((match) => [match[1]!, match[2]!]);

describe('docs/clients.md', () => {
  it('shows the example files it names', () => {
    expect(fromFiles.map(([file]) => file)).toEqual([
      'examples/client/codegen.ts',
      'examples/client/execute.ts',
      'examples/client/cache.ts',
      'examples/client/credentials.ts',
      'examples/client/apolloClient.ts',
      'examples/client/uploadClient.ts',
      'examples/client/subscriptionClient.ts',
      'examples/client/operations/projectPhotosToPublish.graphql',
      'examples/client/operations/publishPhotos.graphql',
      'examples/client/operations/assetImportProgress.graphql',
      'examples/client/operations/assetImportState.graphql',
      'examples/client/publish.ts',
      'examples/client/publish.ts',
      'examples/client/publish.ts',
      'examples/client/codegen.ts',
      'examples/client/persistedDocuments.ts',
    ]);
  });

  it.each(fromFiles)('quotes %s as it is', (file, code) => {
    expect(readFileSync(path.join(root, file), 'utf8')).toContain(code);
  });
});
