import { badUserInput } from '../../errors';

// Control characters (C0, DEL, C1) never belong in a vendor path segment.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** A vendor path, and its template: the route logs, metrics and traces name, never the ids. */
export interface VendorPath {
  path: string;
  /** e.g. /construction/photos/v1/projects/{id}/photos:filter */
  route: string;
}

/**
 * Builds a vendor path from a template whose literal parts are trusted and whose interpolated
 * parts are identifiers from callers: each of those is percent-encoded as one segment, so an
 * id can never add a segment, climb out with `..`, or smuggle an encoded slash.
 *
 *   vendorPath`/construction/photos/v1/projects/${projectId}/photos:filter`
 */
export function vendorPath(literals: TemplateStringsArray, ...segments: string[]): VendorPath {
  let path = literals[0] ?? '';
  segments.forEach((segment, index) => {
    path += encodeSegment(segment) + (literals[index + 1] ?? '');
  });
  return { path, route: literals.join('{id}') };
}

function encodeSegment(segment: string): string {
  if (segment === '' || segment === '.' || segment === '..' || CONTROL_CHARACTERS.test(segment)) {
    throw badUserInput(`"${segment.replace(CONTROL_CHARACTERS, '?')}" is not a valid identifier.`);
  }
  return encodeURIComponent(segment);
}
