import { ACC_MEDIA_TYPES } from '../../upstream/acc/model';
import type { AccPhoto, AccPhotoFilter, AccSortDirection, AccSortField } from '../../upstream/acc/model';
import { SimulatorHttpError } from '../http';

export type AccSort = [AccSortField, AccSortDirection];
export const DEFAULT_SORT: AccSort = ['createdAt', 'asc'];

export type StoredLookup = { kind: 'found'; photo: AccPhoto } | { kind: 'deleted' } | { kind: 'missing' };

/**
 * The simulator's photos, per project, deleted ones included (ACC keeps them: GET answers 410).
 * Stored without URLs: the server signs fresh ones on every answer, as ACC does.
 */
export class AccPhotoStore {
  private readonly projects = new Map<string, Map<string, AccPhoto>>();

  constructor(photos: AccPhoto[] = []) {
    for (const photo of photos) this.add(photo);
  }

  get projectIds(): string[] {
    return [...this.projects.keys()];
  }

  add(photo: AccPhoto): void {
    const project = this.projects.get(photo.projectId) ?? new Map<string, AccPhoto>();
    project.set(photo.id, photo);
    this.projects.set(photo.projectId, project);
  }

  /** A user deleting a media: it stays, with deletedAt and deletedBy set. */
  remove(projectId: string, photoId: string, deletedBy: string): void {
    const photo = this.projects.get(projectId)?.get(photoId);
    if (!photo) return;
    photo.deletedAt = new Date().toISOString().slice(0, 19);
    photo.deletedBy = deletedBy;
  }

  get(projectId: string, photoId: string): StoredLookup {
    const photo = this.projects.get(projectId)?.get(photoId);
    if (!photo) return { kind: 'missing' };
    return photo.deletedAt ? { kind: 'deleted' } : { kind: 'found', photo };
  }

  /** The live photos a photos:filter selects, in its order. Invalid filter values are a 400. */
  query(projectId: string, filter: AccPhotoFilter, sort: AccSort = DEFAULT_SORT): AccPhoto[] {
    const matches = matcher(filter);
    const photos = [...(this.projects.get(projectId)?.values() ?? [])].filter((photo) => !photo.deletedAt && matches(photo));
    return photos.sort(comparator(sort));
  }
}

/** ACC times are UTC; the store keeps them zone-less like ACC sends them. */
export function instant(value: string): number {
  return Date.parse(/(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`);
}

/** Order of `sort`, ties broken by id in the same direction; media without the field go last. */
export function comparator([field, direction]: AccSort): (a: AccPhoto, b: AccPhoto) => number {
  const sign = direction === 'desc' ? -1 : 1;
  return (a, b) => {
    const left = a[field];
    const right = b[field];
    if (!left || !right) {
      if (left || right) return left ? -1 : 1;
    } else if (instant(left) !== instant(right)) {
      return sign * (instant(left) - instant(right));
    }
    return sign * (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  };
}

function matcher(filter: AccPhotoFilter): (photo: AccPhoto) => boolean {
  const checks: Array<(photo: AccPhoto) => boolean> = [];
  const anyOf = (name: string, values: unknown, pick: (photo: AccPhoto) => string | null | undefined) => {
    if (values === undefined) return;
    if (!Array.isArray(values) || !values.every((value) => typeof value === 'string')) {
      throw new SimulatorHttpError(400, `filter.${name} must be an array of strings`);
    }
    const wanted = new Set(values);
    checks.push((photo) => wanted.has(pick(photo) ?? ''));
  };
  anyOf('id', filter.id, (photo) => photo.id);
  anyOf('createdBy', filter.createdBy, (photo) => photo.createdBy);
  anyOf('mediaType', filter.mediaType, (photo) => photo.mediaType);
  if (filter.mediaType?.some((type) => !(ACC_MEDIA_TYPES as readonly string[]).includes(type))) {
    throw new SimulatorHttpError(400, `filter.mediaType accepts ${ACC_MEDIA_TYPES.join(', ')}`);
  }
  if (filter.title !== undefined) {
    if (typeof filter.title !== 'string') throw new SimulatorHttpError(400, 'filter.title must be a string');
    const needle = filter.title.toLowerCase();
    checks.push((photo) => (photo.title ?? '').toLowerCase().includes(needle));
  }
  for (const field of ['createdAt', 'takenAt'] as const) {
    if (filter[field] === undefined) continue;
    const inRange = rangeMatcher(field, filter[field]);
    checks.push((photo) => inRange(photo[field]));
  }
  return (photo) => checks.every((check) => check(photo));
}

/** `a..b`, `a..`, `..b` (inclusive) or a single instant `a`. */
function rangeMatcher(field: string, range: unknown): (value: string | null | undefined) => boolean {
  const invalid = () => new SimulatorHttpError(400, `filter.${field} must be a date-time or a range a..b, a.. or ..b`);
  if (typeof range !== 'string') throw invalid();
  const [fromText, toText, ...rest] = range.split('..');
  if (rest.length) throw invalid();
  const bound = (text: string | undefined) => {
    if (!text) return undefined;
    const value = instant(text);
    if (Number.isNaN(value)) throw invalid();
    return value;
  };
  const from = bound(fromText);
  const to = toText === undefined ? from : bound(toText);
  if (from === undefined && to === undefined) throw invalid();
  return (value) => {
    if (!value) return false;
    const at = instant(value);
    return (from === undefined || at >= from) && (to === undefined || at <= to);
  };
}
