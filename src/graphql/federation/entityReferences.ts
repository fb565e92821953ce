import type { IResolvers } from '@graphql-tools/utils';
import type { GraphQLResolveInfo } from 'graphql';
import { z } from 'zod';
import { assertMayRead } from '../../access/authorization';
import { GatewayError, badUserInput } from '../../errors';
import { DeletedAccPhoto } from '../../upstream/acc/refs';
import type { GraphQLContext } from '../context';
import { entryOrError } from '../errors';
import { fetchNode } from '../node/fetchNode';
import type { NodeParent } from '../node/fetchNode';
import type { NodeTypeName } from '../relay/globalId';

const vendorId = z.string().min(1);

/** Every Node type is an entity but AssetImport: an import is its starter's alone, never another subgraph's to reference. */
type EntityTypeName = Exclude<NodeTypeName, 'AssetImport'>;

/**
 * Each entity's `@key` fields (schema/federation/entities.graphql), read from a representation
 * into the vendor keys its global ID holds, so a reference is fetched like `node(id)`.
 */
const KEY_FIELDS = {
  Project: z.object({ projectId: vendorId }).transform(({ projectId }) => [projectId]),
  Photo: z
    .object({ project: z.object({ projectId: vendorId }), photoId: vendorId })
    .transform(({ project, photoId }) => [project.projectId, photoId]),
  Order: z.object({ orderId: vendorId }).transform(({ orderId }) => [orderId]),
  Assignment: z
    .object({ order: z.object({ orderId: vendorId }), assignmentId: vendorId })
    .transform(({ order, assignmentId }) => [order.orderId, assignmentId]),
  Asset: z.object({ key: vendorId }).transform(({ key }) => [key]),
  DownloadOrder: z.object({ orderId: vendorId }).transform(({ orderId }) => [orderId]),
} satisfies Record<EntityTypeName, z.ZodType<string[]>>;

/**
 * Resolves one representation. Called in the same tick for every representation of an
 * `_entities` request, so photo and download order lookups meet in the request's DataLoaders
 * and batch.
 */
async function resolveReference(type: EntityTypeName, representation: unknown, context: GraphQLContext): Promise<NodeParent> {
  const keys = KEY_FIELDS[type].safeParse(representation);
  if (!keys.success) throw badUserInput(`A ${type} representation needs its key fields as non-empty strings.`);
  const entity = await fetchNode[type](keys.data, context);
  // A Photo reference cannot answer with the DeletedPhoto tombstone `photo(...)` gives.
  if (entity instanceof DeletedAccPhoto) throw new GatewayError('NOT_FOUND', `Photo ${entity.photoId} was deleted.`);
  return entity;
}

/**
 * `_entities`, in place of @apollo/subgraph's: that one throws for the whole list when a single
 * representation names no entity type (an unknown, missing or non-string `__typename`, or no
 * object at all), failing its neighbours with INTERNAL_SERVER_ERROR. Here every representation
 * resolves on its own and a bad one fails its own entry with BAD_USER_INPUT (a refused one with
 * UNAUTHENTICATED or FORBIDDEN).
 */
function resolveEntities(
  _root: unknown,
  { representations }: { representations: unknown[] },
  context: GraphQLContext,
  { schema }: GraphQLResolveInfo,
): Array<Promise<NodeParent>> {
  const resolveEntity = async (representation: unknown) => {
    const type = entityTypeOf(representation);
    if (!type) throw badUserInput('A representation needs the `__typename` of one of this subgraph’s entities.');
    // Before the fetch, as `node(id)`: an entity the caller may not read costs no vendor call.
    assertMayRead(schema, type, context.caller);
    const entity = await resolveReference(type, representation, context);
    // `_Entity` resolves its member type from `__typename`, as @apollo/subgraph sets it.
    return Object.defineProperty(entity, '__typename', { value: type });
  };
  return representations.map((representation) => entryOrError(resolveEntity(representation)));
}

function entityTypeOf(representation: unknown): EntityTypeName | undefined {
  const type = (representation as { __typename?: unknown } | null)?.__typename;
  return typeof type === 'string' && Object.hasOwn(KEY_FIELDS, type) ? (type as EntityTypeName) : undefined;
}

/** `__resolveReference` of every entity, as @apollo/subgraph calls it: (representation, context). */
export const entityReferenceResolvers = Object.fromEntries(
  (Object.keys(KEY_FIELDS) as EntityTypeName[]).map((type) => [
    type,
    { __resolveReference: (representation: unknown, context: GraphQLContext) => resolveReference(type, representation, context) },
  ]),
) as Record<EntityTypeName, { __resolveReference(representation: unknown, context: GraphQLContext): Promise<NodeParent> }>;

/** Replaces @apollo/subgraph's `_entities` resolver (see resolveEntities). */
export const entitiesResolvers: IResolvers<unknown, GraphQLContext> = { Query: { _entities: resolveEntities } };
