import type { AccPhoto, AccPhotoFilter, AccSortDirection, AccSortField } from '../../upstream/acc/model';

export type AccSort = [AccSortField, AccSortDirection];
export const DEFAULT_SORT: AccSort = ['createdAt', 'asc'];

/**
 * Where a page ended: the sort value (epoch ms, null when the media has none) and the id of its
 * last media. Pages continue strictly after it (keyset), so media added or deleted elsewhere
 * never shift a page the way an offset would.
 */
export interface SortPosition {
  at: number | null;
  id: string;
}

export type StoredLookup = { kind: 'found'; photo: AccPhoto } | { kind: 'deleted' } | { kind: 'missing' };

/** A `createdAt`/`takenAt` filter: inclusive bounds in epoch ms, either one may be open. */
export interface TimeRange {
  from?: number;
  to?: number;
}

export const ACC_TIMESTAMP_FIELDS = ['createdAt', 'deletedAt', 'takenAt', 'updatedAt', 'userCreatedAt'] as const;

// ISO 8601 as Date.parse reads it; checked first because Date.parse alone also takes "2" or "May 1".
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
const ZONELESS_TIME = /T[\d:.]+$/i;

/** An ISO 8601 instant in epoch ms, NaN when it is none. Zone-less times are UTC, as ACC means them. */
export function parseAccTime(text: string): number {
  if (!ISO_8601.test(text)) return NaN;
  return Date.parse(ZONELESS_TIME.test(text) ? `${text}Z` : text);
}

/** ACC's wire format for times: UTC, whole seconds, no zone designator ("2021-03-14T10:20:33"). */
export function formatAccTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19);
}

/** `a..b`, `a..`, `..b` (inclusive) or a single instant `a` (exact); undefined when malformed. */
export function parseTimeRange(text: string): TimeRange | undefined {
  const parts = text.split('..');
  if (parts.length > 2) return undefined;
  const [fromText = '', toText = fromText] = parts;
  const bound = (part: string) => (part === '' ? undefined : parseAccTime(part));
  const range = { from: bound(fromText), to: bound(toText) };
  if (Number.isNaN(range.from) || Number.isNaN(range.to) || (range.from === undefined && range.to === undefined)) {
    return undefined;
  }
  return range;
}

export function sortPosition(photo: AccPhoto, [field]: AccSort): SortPosition {
  const value = photo[field];
  return { at: value ? parseAccTime(value) : null, id: photo.id };
}

/**
 * The simulator's media, per project, deleted ones included (ACC keeps them: GET answers 410).
 * Stored as ACC sends them, without URLs: the server signs fresh ones on every answer.
 */
export class AccPhotoStore {
  private readonly projects = new Map<string, Map<string, AccPhoto>>();

  constructor(photos: AccPhoto[] = []) {
    for (const photo of photos) this.add(photo);
  }

  /** Adds (or replaces) a media; its times may be any ISO 8601 and are kept in ACC's format. */
  add(photo: AccPhoto): void {
    const stored: AccPhoto = { ...photo, signedUrls: undefined, urls: undefined };
    for (const field of ACC_TIMESTAMP_FIELDS) {
      const value = photo[field];
      if (value == null) continue;
      const at = parseAccTime(value);
      if (Number.isNaN(at)) throw new Error(`${field} of media ${photo.id} is not an ISO 8601 time: ${value}`);
      stored[field] = formatAccTime(at);
    }
    const project = this.projects.get(photo.projectId) ?? new Map<string, AccPhoto>();
    project.set(photo.id, stored);
    this.projects.set(photo.projectId, project);
  }

  /** A user deleting a media: it stays, with deletedAt and deletedBy set. */
  remove(projectId: string, photoId: string, deletedBy: string): void {
    const photo = this.projects.get(projectId)?.get(photoId);
    if (!photo || photo.deletedAt) return;
    photo.deletedAt = formatAccTime(Date.now());
    photo.deletedBy = deletedBy;
  }

  get(projectId: string, photoId: string): StoredLookup {
    const photo = this.projects.get(projectId)?.get(photoId);
    if (!photo) return { kind: 'missing' };
    return photo.deletedAt ? { kind: 'deleted' } : { kind: 'found', photo };
  }

  /** Every media of a project, deleted ones included, in the order they were added. */
  list(projectId: string): AccPhoto[] {
    return [...(this.projects.get(projectId)?.values() ?? [])];
  }

  /**
   * The media a photos:filter selects, in `sort` order, only those strictly after `after` when
   * given; live ones only unless `withDeleted`. The filter must be valid (see parseTimeRange);
   * the server checks it first.
   */
  query(
    projectId: string,
    filter: AccPhotoFilter,
    sort: AccSort = DEFAULT_SORT,
    after?: SortPosition,
    { withDeleted = false } = {},
  ): AccPhoto[] {
    const selects = matcher(filter);
    const order = (a: SortPosition, b: SortPosition) => comparePositions(a, b, sort[1]);
    return this.list(projectId)
      .filter((photo) => (withDeleted || !photo.deletedAt) && selects(photo) && (!after || order(sortPosition(photo, sort), after) > 0))
      .sort((a, b) => order(sortPosition(a, sort), sortPosition(b, sort)));
  }
}

/** Ties are broken by id in the same direction; media without the sort value come last either way. */
function comparePositions(a: SortPosition, b: SortPosition, direction: AccSortDirection): number {
  const sign = direction === 'desc' ? -1 : 1;
  if (a.at !== b.at) {
    if (a.at === null) return 1;
    if (b.at === null) return -1;
    return sign * (a.at - b.at);
  }
  return sign * (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Every given criterion must hold; a list criterion holds when the media's value is any of the list. */
function matcher(filter: AccPhotoFilter): (photo: AccPhoto) => boolean {
  const checks: Array<(photo: AccPhoto) => boolean> = [];
  const anyOf = (wanted: readonly string[] | undefined, valueOf: (photo: AccPhoto) => string | null | undefined) => {
    if (!wanted) return;
    const set = new Set(wanted);
    checks.push((photo) => {
      const value = valueOf(photo);
      return value != null && set.has(value);
    });
  };
  anyOf(filter.id, (photo) => photo.id);
  anyOf(filter.createdBy, (photo) => photo.createdBy);
  anyOf(filter.mediaType, (photo) => photo.mediaType);
  if (filter.title !== undefined) {
    const needle = filter.title.toLowerCase();
    checks.push((photo) => (photo.title ?? '').toLowerCase().includes(needle));
  }
  for (const field of ['createdAt', 'takenAt'] as const) {
    const text = filter[field];
    if (text === undefined) continue;
    const range = parseTimeRange(text);
    if (!range) throw new Error(`filter.${field} is not a valid time range: ${text}`);
    checks.push((photo) => {
      const value = photo[field];
      if (!value) return false;
      const at = parseAccTime(value);
      return (range.from === undefined || at >= range.from) && (range.to === undefined || at <= range.to);
    });
  }
  return (photo) => checks.every((check) => check(photo));
}
