import type { CodegenConfig } from '@graphql-codegen/cli';

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
      // Apollo Client masks fragments itself when asked to; the preset's own masking stays off.
      presetConfig: { fragmentMasking: false },
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
