import type { FileUpload } from 'graphql-upload-minimal';
import { GraphQLUpload } from 'graphql-upload-minimal';
import { GatewayError } from '../../errors';
import type { AssetUploadInput, Resolvers, UserError } from '../../generated/resolvers';
import type { CompanyAsset } from '../../upstream/assets/model';
import { AssetRef } from '../../upstream/assets/refs';
import type { GraphQLContext } from '../context';
import { toGlobalId } from '../relay/globalId';

export interface AssetUploadResult {
  /** What the store answered; null when it refused the file. */
  record: CompanyAsset | null;
  userErrors: UserError[];
}

/** Vendor answers that refuse the file itself: told to the client as data, not as a failure. */
const VENDOR_REFUSALS = new Set(['BAD_USER_INPUT', 'PAYLOAD_TOO_LARGE']);

async function uploadAsset(input: AssetUploadInput, field: Array<string>, context: GraphQLContext): Promise<AssetUploadResult> {
  const file: FileUpload = await input.file;
  // Fails with the request's error (PAYLOAD_TOO_LARGE over the size limit, or the body's
  // refusal) before its end, so the vendor's request is aborted and no asset is made.
  const content = file.createReadStream();
  try {
    const record = await context.upstreams.assets.upload(context.scope, {
      name: input.name?.trim() || file.filename,
      visibility: input.visibility === 'PUBLIC' ? 'public' : 'private',
      file: {
        filename: file.filename,
        contentType: file.mimetype,
        content,
      },
    });
    return { record, userErrors: [] };
  } catch (error) {
    content.resume(); // let the request's later files flow past what this one did not read
    if (error instanceof GatewayError && error.details.upstream && VENDOR_REFUSALS.has(error.code)) {
      return { record: null, userErrors: [{ field: [...field, 'file'], message: error.message, code: 'REJECTED_BY_VENDOR' }] };
    }
    throw error;
  }
}

export const assetResolvers: Resolvers = {
  Upload: GraphQLUpload,

  Query: {
    asset: (_root, { key }) => new AssetRef(key),
  },

  Mutation: {
    assetUpload: (_root, { input }, context) => uploadAsset(input, ['input'], context),
    // All at once: each upload starts as its file arrives in the body, and none completes
    // before the whole body was read and found valid (src/http/multipart/heldFile.ts), so
    // one after the other would wait on itself.
    assetUploadMany: (_root, { inputs }, context) =>
      Promise.all(inputs.map((input, index) => uploadAsset(input, ['inputs', String(index)], context).catch((error: Error) => error))) as Promise<
        AssetUploadResult[]
      >,
  },

  AssetUploadPayload: {
    asset: ({ record }) => {
      if (!record) return null;
      // Every CompanyAsset field is optional: without a key the file can never be found again.
      if (!record.key) throw new GatewayError('UPSTREAM_BAD_RESPONSE', 'The assets API answered the upload without the key of the file.', { upstream: 'assets' });
      return new AssetRef(record.key);
    },
  },

  Asset: {
    __isTypeOf: (value) => value instanceof AssetRef,
    id: ({ key }) => toGlobalId('Asset', key),
    contentUrl: ({ key }, _args, { assetLinks, publicBaseUrl }) => assetLinks.signedUrl(publicBaseUrl, key),
  },

  AssetUploadRecord: {
    assetId: (record) => record.id ?? null,
    visibility: ({ secured }) => (secured == null ? null : secured ? 'PRIVATE' : 'PUBLIC'),
    created: ({ created }) => (created == null ? null : new Date(created)),
    modified: ({ modified }) => (modified == null ? null : new Date(modified)),
    publicUrl: (record) => record.publicURL ?? null,
    thumbUrl: (record) => record.thumbURL ?? null,
    mediumUrl: (record) => record.mediumURL ?? null,
    largeUrl: (record) => record.largeURL ?? null,
    largeX2Url: (record) => record.largeX2URL ?? null,
    origUrl: (record) => record.origURL ?? null,
  },
};
