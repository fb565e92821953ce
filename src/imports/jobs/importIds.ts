import { createHash, randomBytes } from 'node:crypto';
import type { Caller } from '../../auth/caller';
import type { ImportSourceKind } from './importState';

/**
 * Who an import belongs to: the token's subject and client. Only they may read or cancel it.
 * Undefined for a caller who cannot own one (anonymous).
 */
export function importOwnerOf(caller: Caller): string | undefined {
  if (caller.kind === 'anonymous') return undefined;
  const owner = caller.kind === 'token' ? `token\u0000${caller.sub ?? ''}\u0000${caller.clientId ?? ''}` : 'unchecked';
  // Only a digest is kept, in ids and snapshots: a subject is no one else's to read.
  return createHash('sha256').update(owner).digest('hex').slice(0, 16);
}

/** A new instance id: one per running AssetImports, so ids tell which process started them. */
export function newInstanceId(): string {
  return randomBytes(6).toString('hex');
}

/** What an id tells without a snapshot: which process made it, for whom, from what kind of source. */
export interface ImportId {
  instance: string;
  owner: string;
  source: ImportSourceKind;
}

const ID_FORMAT = /^([0-9a-f]{12})\.([0-9a-f]{16})\.(photo|material|downloadOrder)\.[0-9a-f]{24}$/;

export function newImportId({ instance, owner, source }: ImportId): string {
  return `${instance}.${owner}.${source}.${randomBytes(12).toString('hex')}`;
}

/** The parts of an import id; undefined for anything this gateway could not have made. */
export function parseImportId(id: string): ImportId | undefined {
  const match = ID_FORMAT.exec(id);
  return match ? { instance: match[1]!, owner: match[2]!, source: match[3] as ImportSourceKind } : undefined;
}
