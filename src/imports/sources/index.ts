import type { GraphQLContext } from '../../graphql/context';
import type { ImportableFile } from '../importableFile';
import { resolveDownloadOrderSource } from './downloadOrderSource';
import { resolveMaterialSource } from './materialSource';
import type { MaterialSourceRef } from './materialSource';
import { resolvePhotoSource } from './photoSource';

/** What an import reads from: a typed reference to a vendor's object, never a URL from the client. */
export type ImportSourceRef =
  /** A Photo's global id (an ACC photo or video). */
  | { kind: 'photo'; photoId: string }
  | ({ kind: 'material' } & MaterialSourceRef)
  /** Content Hub's order id. */
  | { kind: 'downloadOrder'; orderId: string };

/**
 * The file `ref` names, found now with the caller's credentials and read scopes; read later
 * through `open`. Every refusal is a GatewayError (docs/assets.md#imports lists the codes).
 */
export function resolveImportSource(ref: ImportSourceRef, context: GraphQLContext): Promise<ImportableFile> {
  switch (ref.kind) {
    case 'photo':
      return resolvePhotoSource(ref.photoId, context);
    case 'material':
      return resolveMaterialSource(ref, context);
    case 'downloadOrder':
      return resolveDownloadOrderSource(ref.orderId, context);
  }
}
