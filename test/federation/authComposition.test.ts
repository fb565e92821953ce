import { composeServices } from '@apollo/composition';
import { getDirective } from '@graphql-tools/utils';
import { buildSchema, graphql, isInterfaceType, isObjectType, parse } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { ANONYMOUS } from '../../src/auth/caller';
import { buildFederatedSchema } from '../../src/graphql/federation/subgraphSchema';

/** Every @authenticated / @requiresScopes of a schema's object and interface types and their fields, by schema coordinate. */
function authorizationDirectives(schema: GraphQLSchema): Record<string, { authenticated?: true; scopes?: string[][] }> {
  const found: Record<string, { authenticated?: true; scopes?: string[][] }> = {};
  const record = (coordinate: string, element: Parameters<typeof getDirective>[1]) => {
    const authenticated = getDirective(schema, element, 'authenticated');
    const scopes = getDirective(schema, element, 'requiresScopes')?.[0]?.['scopes'] as string[][] | undefined;
    if (authenticated || scopes) found[coordinate] = { ...(authenticated && { authenticated: true }), ...(scopes && { scopes }) };
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    record(type.name, type);
    for (const field of Object.values(type.getFields())) record(`${type.name}.${field.name}`, field);
  }
  return found;
}

describe('authorization in the composed supergraph', () => {
  let subgraphSdl: string;
  let composition: ReturnType<typeof composeServices>;
  beforeAll(async () => {
    // What a router reads from the subgraph: `_service { sdl }`, which needs no caller at all.
    const result = await graphql({ schema: buildFederatedSchema(), source: '{ _service { sdl } }', contextValue: { caller: ANONYMOUS } });
    expect(result.errors).toBeUndefined();
    subgraphSdl = (result.data as { _service: { sdl: string } })._service.sdl;
    composition = composeServices([{ name: 'mediagraph', typeDefs: parse(subgraphSdl), url: 'http://127.0.0.1:4000/graphql' }]);
  });

  it('imports both directives through the federation @link', () => {
    expect(subgraphSdl).toMatch(/@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.9", import: \[[^\]]*"@authenticated", "@requiresScopes"\]\)/);
  });

  it('composes without errors, and with no hint about the directives but the one composition derives for Node', () => {
    expect(composition.errors).toBeUndefined();
    // Composition puts on each interface what all its implementations need together, so a router
    // can refuse `node(id)` before it knows the type; the gateway itself checks each object's type.
    expect(composition.hints?.map((hint) => [hint.definition.code, hint.message])).toEqual([
      [
        'MERGED_NON_REPEATABLE_DIRECTIVE_ARGUMENTS',
        'Directive @requiresScopes is applied to "Node" in multiple subgraphs with different arguments. Merging strategies used by arguments: { "scopes": DNF_CONJUNCTION }',
      ],
    ]);
  });

  it('carries @authenticated and @requiresScopes with the exact scopes on the exact types and fields', () => {
    const { supergraphSdl } = composition as { supergraphSdl: string };
    expect(supergraphSdl).toContain('@link(url: "https://specs.apollo.dev/authenticated/v0.1", for: SECURITY)');
    expect(supergraphSdl).toContain('@link(url: "https://specs.apollo.dev/requiresScopes/v0.1", for: SECURITY)');
    expect(authorizationDirectives(buildSchema(supergraphSdl))).toEqual({
      Node: { authenticated: true, scopes: [['assets:read', 'download-orders:read', 'materials:read']] },
      'Query.photo': { authenticated: true },
      'Query.downloadOrders': { scopes: [['download-orders:read']] },
      'Mutation.assetUpload': { scopes: [['assets:write']] },
      'Mutation.assetUploadMany': { scopes: [['assets:write']] },
      'Mutation.downloadOrderCreate': { scopes: [['download-orders:write']] },
      'Mutation.assetImport': { scopes: [['assets:write']] },
      'Mutation.assetImportMany': { scopes: [['assets:write']] },
      'Mutation.assetImportCancel': { scopes: [['assets:write']] },
      Order: { scopes: [['materials:read']] },
      Assignment: { scopes: [['materials:read']] },
      Project: { authenticated: true },
      Photo: { authenticated: true },
      DeletedPhoto: { authenticated: true },
      Asset: { scopes: [['assets:read']] },
      AssetUploadRecord: { scopes: [['assets:read']] },
      DownloadOrder: { scopes: [['download-orders:read']] },
      AssetImport: { authenticated: true },
      'Query.assetImport': { scopes: [['assets:write']] },
    });
  });

  it('has in the subgraph exactly what the supergraph has, bar what composition derives for Node', () => {
    const { Node, ...fromSubgraph } = authorizationDirectives(buildSchema(composition.supergraphSdl!));
    expect(Node).toBeDefined();
    expect(authorizationDirectives(buildFederatedSchema())).toEqual(fromSubgraph);
  });
});
