import { Upload } from 'graphql-upload-minimal';
import type { FileUpload } from 'graphql-upload-minimal';
import { MultipartError } from './errors';
import { isJsonObject } from '../../jsonObject';

/** The GraphQL request of a multipart body (its `operations` field); batching is off. */
export type Operations = Record<string, unknown>;

/** graphql-upload-minimal's Upload has these at runtime; its type declarations leave them out. */
export interface PendingUpload extends Upload {
  resolve(file: FileUpload): void;
  reject(error: Error): void;
}

const SPEC = 'https://github.com/jaydenseric/graphql-multipart-request-spec';

export function parseOperations(value: string): Operations {
  const operations = parseJson(value, 'operations');
  if (!isJsonObject(operations)) throw MultipartError.malformed(`The 'operations' field must be a JSON object (${SPEC}).`);
  return operations;
}

/**
 * Reads the `map` field and puts an Upload (the value graphql-upload-minimal's Upload scalar
 * expects) at each path it names. Answers the Uploads by file field name, in map order.
 */
export function placeUploads(operations: Operations, value: string, maxFiles: number): Map<string, PendingUpload> {
  const map = parseJson(value, 'map');
  if (!isJsonObject(map)) throw MultipartError.malformed(`The 'map' field must be a JSON object (${SPEC}).`);
  const entries = Object.entries(map);
  // Known before any file is read: the request is refused before a resolver starts uploading.
  if (entries.length > maxFiles) throw MultipartError.tooLarge(`The map names ${entries.length} files; at most ${maxFiles} are allowed.`);
  const uploads = new Map<string, PendingUpload>();
  for (const [field, paths] of entries) {
    // A file is streamed, never stored, so only one reader can ever have it.
    if (!Array.isArray(paths) || paths.length !== 1 || typeof paths[0] !== 'string') {
      throw MultipartError.malformed(`Each map entry must be an array of exactly one operations path (a file is streamed to one place).`);
    }
    const upload = new Upload() as PendingUpload;
    placeAt(operations, paths[0], upload);
    uploads.set(field, upload);
  }
  return uploads;
}

/**
 * Sets the value at a dotted path (`variables.inputs.0.file`) that already exists in the
 * operations and holds `null`, as the spec has clients send files. Only the object's own
 * properties are followed, so a path can never reach a prototype.
 */
function placeAt(operations: Operations, path: string, upload: Upload): void {
  const segments = path.split('.');
  const last = segments.pop()!;
  let container: unknown = operations;
  for (const segment of segments) {
    container = ownProperty(container, segment) ? (container as Record<string, unknown>)[segment] : undefined;
  }
  if (!ownProperty(container, last) || (container as Record<string, unknown>)[last] !== null) {
    throw MultipartError.malformed(`A map path does not name a null value in the operations (${SPEC}).`);
  }
  (container as Record<string, unknown>)[last] = upload;
}

/** `__proto__` can be an own property of parsed JSON, but assigning to it sets a prototype. */
function ownProperty(container: unknown, key: string): boolean {
  return typeof container === 'object' && container !== null && key !== '__proto__' && Object.hasOwn(container, key);
}

function parseJson(value: string, field: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw MultipartError.malformed(`The '${field}' field is not valid JSON (${SPEC}).`);
  }
}
