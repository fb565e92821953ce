import { badUserInput } from '../../errors';
import type { AccFilterRequest, AccPhotoFilter } from '../../upstream/acc/model';
import type { DateTimeRange, PhotoFilter, PhotoSort } from '../../generated/resolvers';

/** Turns the typed GraphQL filter into the body fields of ACC's photos:filter. */
export function toAccFilter(filter: PhotoFilter | null | undefined): AccPhotoFilter {
  if (!filter) return {};
  const accFilter: AccPhotoFilter = {};
  if (filter.photoIds) accFilter.id = filter.photoIds;
  if (filter.createdAt) accFilter.createdAt = toAccRange('createdAt', filter.createdAt);
  if (filter.takenAt) accFilter.takenAt = toAccRange('takenAt', filter.takenAt);
  if (filter.createdBy) accFilter.createdBy = filter.createdBy;
  if (filter.mediaTypes) accFilter.mediaType = filter.mediaTypes;
  if (filter.title != null) accFilter.title = filter.title;
  return accFilter;
}

export function toAccSort(sort: PhotoSort | null | undefined): AccFilterRequest['sort'] {
  if (!sort) return undefined;
  return [sort.field === 'TAKEN_AT' ? 'takenAt' : 'createdAt', sort.direction === 'DESC' ? 'desc' : 'asc'];
}

/** ACC's range syntax: `a..b`, `a..`, `..b`, or a single instant `a`. */
function toAccRange(field: string, range: DateTimeRange): string {
  const from = range.from?.toISOString();
  const to = range.to?.toISOString();
  if (!from && !to) throw badUserInput(`filter.${field} needs \`from\`, \`to\` or both.`);
  if (from && to && from > to) throw badUserInput(`filter.${field}.from is after filter.${field}.to.`);
  if (from === to) return from!;
  return `${from ?? ''}..${to ?? ''}`;
}
