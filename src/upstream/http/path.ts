import { badUserInput } from '../../errors';

// Control characters (C0, DEL, C1) never belong in a vendor path segment.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Builds a vendor path from a template whose literal parts are trusted and whose interpolated
 * parts are identifiers from callers: each of those is percent-encoded as one segment, so an
 * id can never add a segment, climb out with `..`, or smuggle an encoded slash.
 *
 *   vendorPath`/construction/photos/v1/projects/${projectId}/photos:filter`
 */
export function vendorPath(literals: TemplateStringsArray, ...segments: string[]): string {
  let path = literals[0] ?? '';
  segments.forEach((segment, index) => {
    path += encodeSegment(segment) + (literals[index + 1] ?? '');
  });
  return path;
}

function encodeSegment(segment: string): string {
  if (segment === '' || segment === '.' || segment === '..' || CONTROL_CHARACTERS.test(segment)) {
    throw badUserInput(`"${segment.replace(CONTROL_CHARACTERS, '?')}" is not a valid identifier.`);
  }
  return encodeURIComponent(segment);
}
