export type ImportStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
export type ImportSourceKind = 'photo' | 'material' | 'downloadOrder';

export const FINAL_STATUSES: ReadonlySet<ImportStatus> = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

/** Why an import failed or was cancelled: an `extensions.code`-like code and a message. */
export interface ImportFailure {
  code: string;
  message: string;
}

/** An import as every reader sees it: a live job's now, or a snapshot's (docs/assets.md#imports). */
export interface AssetImportState {
  id: string;
  /** The digest of who started it (importOwnerOf). */
  owner: string;
  source: ImportSourceKind;
  filename: string;
  status: ImportStatus;
  bytesDone: number;
  totalBytes: number | null;
  /** The created asset's key, once SUCCEEDED. */
  assetKey: string | null;
  error: ImportFailure | null;
  /** Milliseconds since the epoch. */
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
}

export const IMPORT_LOST_CODE = 'IMPORT_LOST';

/** The import's state, answered as lost: FAILED IMPORT_LOST, ended now. */
export function lost(state: AssetImportState, message: string): AssetImportState {
  return { ...state, status: 'FAILED', error: { code: IMPORT_LOST_CODE, message }, endedAt: state.endedAt ?? Date.now() };
}

export const LOST_WITH_ITS_PROCESS = 'The gateway process running this import stopped before it ended; start it again.';
