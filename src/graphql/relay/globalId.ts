import { badUserInput } from '../../errors';
import { decodeOpaque, encodeOpaque } from './opaque';

/** The object types a global ID can name, with how many vendor keys identify one. */
const KEY_COUNTS = { Photo: 2, Project: 1, Order: 1, Assignment: 2, Asset: 1, DownloadOrder: 1, AssetImport: 1 } as const;
export type NodeTypeName = keyof typeof KEY_COUNTS;

export interface DecodedGlobalId {
  type: NodeTypeName;
  keys: string[];
}

/** A global ID: the type name and the vendor keys that identify the object. */
export function toGlobalId(type: NodeTypeName, ...keys: string[]): string {
  return encodeOpaque([type, ...keys]);
}

export function fromGlobalId(id: string): DecodedGlobalId {
  const decoded = decodeOpaque(id, 'ID');
  if (Array.isArray(decoded) && decoded.every((part) => typeof part === 'string' && part !== '')) {
    const [type, ...keys] = decoded as string[];
    if (type !== undefined && Object.hasOwn(KEY_COUNTS, type) && KEY_COUNTS[type as NodeTypeName] === keys.length) {
      return { type: type as NodeTypeName, keys };
    }
  }
  throw badUserInput(`"${id.slice(0, 64)}" is not a valid ID.`);
}
