/** Where a download order is, normalised from Content Hub's free-text status. */
export type DownloadOrderState =
  | 'CREATED'
  | 'PENDING'
  | 'IN_PROGRESS'
  | 'COMPLETED'
  | 'FAILED'
  | 'CANCELLED'
  | 'ARCHIVED'
  | 'UNKNOWN';

/** Content Hub's statuses are free text ("InProgress", "In progress", "Canceled"…). */
const STATE_BY_WORDS: Record<string, DownloadOrderState> = {
  created: 'CREATED',
  pending: 'PENDING',
  inprogress: 'IN_PROGRESS',
  processing: 'IN_PROGRESS',
  completed: 'COMPLETED',
  failed: 'FAILED',
  cancelled: 'CANCELLED',
  canceled: 'CANCELLED',
  archived: 'ARCHIVED',
};

export function stateOf(status: string | null | undefined): DownloadOrderState {
  return STATE_BY_WORDS[(status ?? '').toLowerCase().replace(/[^a-z]/g, '')] ?? 'UNKNOWN';
}

/** States an order never leaves: watching it can stop. */
export const FINAL_STATES: ReadonlySet<DownloadOrderState> = new Set(['COMPLETED', 'FAILED', 'CANCELLED', 'ARCHIVED']);
