import { addTypenameToDocument } from '@apollo/client/utilities';
import type { CodegenConfig } from '@graphql-codegen/cli';
import type { Source } from '@graphql-tools/utils';

/**
 * Apollo Client's own `__typename` transform (its InMemoryCache applies it before sending), so a
 * persisted document asks for exactly the `__typename` selections the cache needs: the gateway
 * runs that text, not the client's. The preset's addTypenameSelectionDocumentTransform would also
 * add `__typename` at the root, which Apollo Client does not, and every result would change shape.
 */
const apolloClientTypenames = {
  transform: ({ documents }: { documents: Source[] }) => documents.map((source) => ({ ...source, document: source.document && addTypenameToDocument(source.document) })),
};

/**
 * What a frontend runs against mediagraph's schema.graphql: the client preset types the
 * operations in operations/ as TypedDocumentNodes, and fragment-matcher writes the
 * `possibleTypes` Apollo Client's cache needs for fragments on interfaces and unions.
 * Run by `npm run codegen`; `npm run codegen:check` fails when the output is stale.
 */
const config: CodegenConfig = {
  overwrite: true,
  schema: 'schema.graphql',
  documents: 'examples/client/operations/*.graphql',
  generates: {
    'examples/client/generated/': {
      preset: 'client',
      presetConfig: {
        // Apollo Client masks fragments itself when asked to; the preset's own masking stays off.
        fragmentMasking: false,
        // Writes persisted-documents.json (sha256 → text) for the gateway's PERSISTED_DOCUMENTS,
        // and gives each document its hash as `__meta__.hash`: the id a client sends instead.
        persistedDocuments: { hashAlgorithm: 'sha256' },
      },
      documentTransforms: [apolloClientTypenames],
      // Apollo Client's recommended settings for the typescript-operations types.
      config: {
        avoidOptionals: { field: true, inputValue: false },
        defaultScalarType: 'unknown',
        nonOptionalTypename: true,
        skipTypeNameForRoot: true,
        enumsAsTypes: true,
        useTypeImports: true,
        onlyOperationTypes: true,
        scalars: {
          DateTime: 'string',
          URL: 'string',
          SafeInt: 'number',
          JSON: 'unknown',
          Upload: 'File | Blob',
        },
      },
    },
    'examples/client/generated/possibleTypes.json': {
      plugins: ['fragment-matcher'],
    },
  },
};

export default config;
