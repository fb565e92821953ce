import type { AccFilterResponse, AccPhoto } from '../../upstream/acc/model';
import { ACC_TIMESTAMP_FIELDS, formatAccTime, parseAccTime } from './store';

/**
 * Answers ACC's docs allow besides the ones this simulator gives by default, each behind a
 * switch so a test can prove the gateway handles it (DESIGN.md §5). An ACC written from the doc
 * alone may answer any of them.
 */
export interface AccAnswerForms {
  /**
   * photos:filter lists deleted media too, with deletedAt and deletedBy: the doc says it returns
   * "all specified media … visible to the user", and its example result is a deleted one.
   * Default: left out. GET answers 410 for them either way.
   */
  listDeleted?: boolean;
  /** How the last page of photos:filter says that the list is finished; see ACC_LAST_PAGE_FORMS. */
  lastPage?: AccLastPageForm;
  /**
   * A full page carries a nextPost even when nothing follows it, so the list ends with an empty
   * page. The doc says only "repeat until the response contains no nextPost". Default: the last
   * media's page has no nextPost, full or not.
   */
  nextPostOnFullLastPage?: boolean;
  /** How times are written; see ACC_TIME_FORMS. */
  times?: AccTimeForm;
}

/**
 * The doc's two end signals: "repeat until the response contains no nextPost" and "if a
 * paginated response contains no cursorState value, there are no further pages". The first is
 * the default; the others are a nextPost without a cursorState value, in each shape JSON allows.
 */
export const ACC_LAST_PAGE_FORMS = {
  noNextPost: () => undefined,
  nextPostWithoutBody: (url: string) => ({ url }),
  nextPostWithoutCursorState: (url: string) => ({ url, body: {} }),
  nullCursorState: (url: string) => ({ url, body: { cursorState: null } }),
  emptyCursorState: (url: string) => ({ url, body: { cursorState: '' } }),
} satisfies Record<string, (url: string) => AccNextPost>;
export type AccLastPageForm = keyof typeof ACC_LAST_PAGE_FORMS;
type AccNextPost = NonNullable<AccFilterResponse['pagination']>['nextPost'];

/**
 * The doc describes every time as "ISO8601 Date time format in UTC". Its examples write them
 * without a zone designator ('zoneless', the default: "2021-03-14T10:20:33"); its filter fields
 * take YYYY-MM-DDThh:mm:ss.SSSZ ('utc': "2021-03-14T10:20:33.000Z").
 */
export const ACC_TIME_FORMS = {
  zoneless: formatAccTime,
  utc: (epochMs: number) => new Date(epochMs).toISOString(),
} satisfies Record<string, (epochMs: number) => string>;
export type AccTimeForm = keyof typeof ACC_TIME_FORMS;

/** A stored media (times zone-less, as the store keeps them) with its times in `form`. */
export function withTimesIn(form: AccTimeForm, photo: AccPhoto): AccPhoto {
  if (form === 'zoneless') return photo;
  const written: AccPhoto = { ...photo };
  for (const field of ACC_TIMESTAMP_FIELDS) {
    const value = photo[field];
    if (value) written[field] = ACC_TIME_FORMS[form](parseAccTime(value));
  }
  return written;
}
