import type { ContentHubLink, DownloadOrderResource } from '../../upstream/contentHub/model';

/**
 * Answers Content Hub's doc allows besides the ones this simulator gives by default, each behind
 * a switch so a test can prove the gateway handles it (DESIGN.md §5). A Content Hub written from
 * the doc alone may answer any of them.
 */
export interface ContentHubAnswerForms {
  /** total_items, returned_items and offset answered null: the doc types each "integer or null". */
  nullCounts?: boolean;
  /** No next/previous links: the doc does not say when a collection carries them. */
  omitPageLinks?: boolean;
  /**
   * The fields an order carries as an item of `GET /api/downloadorders` (default: all of them,
   * as by id). The doc names the item type but shows it as `{}`, so an item may carry less.
   */
  listItemFields?: ReadonlyArray<keyof DownloadOrderResource>;
}

/** An order as a list item, in `forms`. */
export function listItemIn(forms: ContentHubAnswerForms, order: DownloadOrderResource): Partial<DownloadOrderResource> {
  return forms.listItemFields ? Object.fromEntries(forms.listItemFields.map((field) => [field, order[field]])) : order;
}

/** A collection page's counts and links, in `forms`. */
export function pageFieldsIn(
  forms: ContentHubAnswerForms,
  counts: { total: number; returned: number; offset: number },
  links: { next: ContentHubLink | null; previous: ContentHubLink | null },
): object {
  const count = (value: number) => (forms.nullCounts ? null : value);
  return {
    total_items: count(counts.total),
    returned_items: count(counts.returned),
    offset: count(counts.offset),
    ...(forms.omitPageLinks ? {} : links),
  };
}
