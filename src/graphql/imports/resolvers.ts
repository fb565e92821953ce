import { GatewayError } from '../../errors';
import type { AssetImportInput, AssetImportSource, Resolvers, UserError, UserErrorCode } from '../../generated/resolvers';
import { ImportElsewhereError, ImportFinishedError, ImportLimitError, importNotFound } from '../../imports/jobs/assetImports';
import { importOwnerOf } from '../../imports/jobs/importIds';
import type { AssetImportState, ImportSourceKind } from '../../imports/jobs/importState';
import { resolveImportSource } from '../../imports/sources';
import type { ImportSourceRef } from '../../imports/sources';
import { AssetRef } from '../../upstream/assets/refs';
import type { GraphQLContext } from '../context';
import { fromGlobalId, toGlobalId } from '../relay/globalId';

export interface AssetImportResult {
  assetImport: AssetImportState | null;
  userErrors: UserError[];
}

export interface AssetImportManyResult {
  assetImports: AssetImportState[];
  userErrors: UserError[];
}

/** What a source may refuse about itself: the client's to fix, told as data. */
const SOURCE_REFUSALS: Partial<Record<string, UserErrorCode>> = {
  BAD_USER_INPUT: 'INVALID',
  NOT_FOUND: 'NOT_FOUND',
  GONE: 'GONE',
  FORBIDDEN: 'FORBIDDEN',
};

const SOURCE_KINDS = { photo: 'PHOTO', material: 'MATERIAL', downloadOrder: 'DOWNLOAD_ORDER' } as const satisfies Record<ImportSourceKind, string>;

/** Who the import belongs to; the schema's scope rule has let no anonymous caller this far. */
function ownerOf(context: GraphQLContext): string {
  const owner = importOwnerOf(context.caller);
  if (!owner) throw new GatewayError('UNAUTHENTICATED', 'Asset imports need an access token.');
  return owner;
}

/** The job id inside an AssetImport's global id; the id of anything else names no import (NOT_FOUND). */
function importIdOf(id: string): string {
  const { type, keys } = fromGlobalId(id);
  if (type !== 'AssetImport') importNotFound();
  return keys[0]!;
}

/** The one source an input names; undefined unless exactly one is set (graphql-jit does not enforce `@oneOf`). */
function sourceRefOf(source: AssetImportSource): ImportSourceRef | undefined {
  const given = [source.photo, source.material, source.downloadOrder].filter((value) => value != null);
  if (given.length !== 1) return undefined;
  if (source.photo != null) return { kind: 'photo', photoId: source.photo };
  if (source.downloadOrder != null) return { kind: 'downloadOrder', orderId: source.downloadOrder };
  const material = source.material!;
  return {
    kind: 'material',
    orderId: material.orderId,
    assignmentId: material.assignmentId,
    productType: material.productType,
    visualQuality: material.visualQuality ?? undefined,
    materialId: material.materialId,
  };
}

/**
 * Looks up one input's source with the request's credentials and call log, then starts its
 * job. A refusal of the input or its source is a userError; any other failure is thrown.
 */
async function startImport(input: AssetImportInput, field: string[], context: GraphQLContext): Promise<AssetImportResult> {
  const owner = ownerOf(context);
  const refused = (code: UserErrorCode, message: string): AssetImportResult => ({
    assetImport: null,
    userErrors: [{ field: [...field, 'source'], code, message }],
  });
  const ref = sourceRefOf(input.source);
  if (!ref) return refused('INVALID', 'Set exactly one of `photo`, `material` and `downloadOrder`.');
  let place;
  try {
    // Before the lookup: a refused import costs no vendor call.
    place = context.imports.reserve(owner);
  } catch (error) {
    if (error instanceof ImportLimitError) return refused('IMPORT_LIMIT_EXCEEDED', error.message);
    throw error;
  }
  try {
    const file = await resolveImportSource(ref, context);
    const assetImport = context.imports.start({
      owner,
      sub: context.caller.kind === 'token' ? context.caller.sub : undefined,
      source: ref.kind,
      file,
      name: input.name?.trim() || file.filename,
      visibility: input.visibility === 'PUBLIC' ? 'public' : 'private',
    });
    return { assetImport, userErrors: [] };
  } catch (error) {
    place.release();
    const code = error instanceof GatewayError ? SOURCE_REFUSALS[error.code] : undefined;
    if (code) return refused(code, (error as GatewayError).message);
    throw error;
  }
}

/**
 * In a batch, a failure of one input's lookup must not hide the imports already started: it
 * becomes that input's userError too (a vendor outage or the call cap is UNAVAILABLE).
 */
async function startOneOfMany(input: AssetImportInput, field: string[], context: GraphQLContext): Promise<AssetImportResult> {
  try {
    return await startImport(input, field, context);
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    const code: UserErrorCode = error.code === 'UNAUTHENTICATED' ? 'FORBIDDEN' : 'UNAVAILABLE';
    return { assetImport: null, userErrors: [{ field: [...field, 'source'], code, message: error.message }] };
  }
}

export const importResolvers: Resolvers = {
  Query: {
    assetImport: (_root, { id }, context) => context.imports.read(importIdOf(id), ownerOf(context)),
  },

  Mutation: {
    assetImport: (_root, { input }, context) => startImport(input, ['input'], context),
    assetImportMany: async (_root, { inputs }, context) => {
      const results = await Promise.all(inputs.map((input, index) => startOneOfMany(input, ['inputs', String(index)], context)));
      return {
        assetImports: results.flatMap(({ assetImport }) => (assetImport ? [assetImport] : [])),
        userErrors: results.flatMap(({ userErrors }) => userErrors),
      };
    },
    assetImportCancel: async (_root, { id }, context) => {
      const owner = ownerOf(context);
      try {
        return { assetImport: await context.imports.cancel(importIdOf(id), owner), userErrors: [] };
      } catch (error) {
        if (error instanceof ImportFinishedError) return { assetImport: error.state, userErrors: [{ field: ['id'], code: 'IMPORT_FINISHED', message: error.message }] };
        if (error instanceof ImportElsewhereError) return { assetImport: error.state, userErrors: [{ field: ['id'], code: 'UNAVAILABLE', message: error.message }] };
        if (error instanceof GatewayError && error.code === 'NOT_FOUND') return { assetImport: null, userErrors: [{ field: ['id'], code: 'NOT_FOUND', message: error.message }] };
        throw error;
      }
    },
  },

  Subscription: {
    assetImportProgress: {
      // Resolves once the import was found: an unknown id is a NOT_FOUND answer, not a broken stream.
      subscribe: (_root, { id }, context) => context.imports.watch(importIdOf(id), ownerOf(context)),
      resolve: (state: AssetImportState) => state,
    },
  },

  AssetImport: {
    __isTypeOf: (value) => typeof value === 'object' && value !== null && 'bytesDone' in value && 'owner' in value,
    id: ({ id }) => toGlobalId('AssetImport', id),
    source: ({ source }) => SOURCE_KINDS[source],
    asset: ({ status, assetKey }) => (status === 'SUCCEEDED' && assetKey ? new AssetRef(assetKey) : null),
    startedAt: ({ startedAt }) => (startedAt === null ? null : new Date(startedAt)),
    endedAt: ({ endedAt }) => (endedAt === null ? null : new Date(endedAt)),
  },
};
