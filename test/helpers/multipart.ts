import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { request } from 'undici';

/** A file for a GraphQL multipart request, produced chunk by chunk so large ones never sit in memory. */
export interface TestFile {
  filename: string;
  contentType: string;
  chunks: () => AsyncIterable<Buffer>;
}

export function bytesFile(filename: string, content: Buffer, contentType = 'application/octet-stream'): TestFile & { content: Buffer } {
  return {
    filename,
    contentType,
    content,
    chunks: async function* () {
      if (content.length) yield content;
    },
  };
}

/** `size` pseudo-random bytes in 1 MiB chunks, with their SHA-256 computed as they are made. */
export function generatedFile(filename: string, size: number): TestFile & { sha256: Promise<string> } {
  const hash = createHash('sha256');
  let resolveHash: (digest: string) => void;
  const sha256 = new Promise<string>((resolve) => (resolveHash = resolve));
  const block = randomBytes(1024 * 1024);
  return {
    filename,
    contentType: 'application/octet-stream',
    sha256,
    chunks: async function* () {
      for (let sent = 0; sent < size; sent += block.length) {
        const chunk = Buffer.from(block.subarray(0, Math.min(block.length, size - sent)));
        chunk.writeUInt32LE(sent / block.length, 0); // no two chunks alike
        hash.update(chunk);
        yield chunk;
      }
      resolveHash(hash.digest('hex'));
    },
  };
}

export const sha256Of = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** The pieces of a multipart/form-data body with `boundary`, for bodies right and wrong. */
export function multipartParts(boundary: string) {
  return {
    field: (name: string, value: string) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    /** A file part's header; without a filename when `filename` is undefined. */
    fileHeader: (name: string, filename: string | undefined, contentType = 'application/octet-stream') =>
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename === undefined ? '' : `; filename="${filename}"`}\r\n` +
          `Content-Type: ${contentType}\r\n\r\n`,
      ),
    /** A whole small file part. */
    file: (name: string, filename: string | undefined, content: Buffer | string) =>
      Buffer.concat([multipartParts(boundary).fileHeader(name, filename), Buffer.from(content), Buffer.from('\r\n')]),
    end: Buffer.from(`--${boundary}--\r\n`),
  };
}

/** A multipart POST with the CSRF preflight header and `body` sent exactly as given (streamed). */
export function rawMultipartRequest(
  url: string,
  boundary: string,
  body: Iterable<Buffer | string> | AsyncIterable<Buffer | string>,
  options: { headers?: Record<string, string>; signal?: AbortSignal } = {},
) {
  return request(url, {
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'apollo-require-preflight': 'true', ...options.headers },
    body: Readable.from(body),
    signal: options.signal,
  });
}

/**
 * A request exactly as the GraphQL multipart request spec describes: `operations`, then `map`,
 * then the files in map order, streamed.
 */
export function multipartRequest(
  url: string,
  operations: unknown,
  map: Record<string, string[]>,
  files: TestFile[],
  options: { headers?: Record<string, string>; signal?: AbortSignal } = {},
) {
  const boundary = `----test${randomBytes(8).toString('hex')}`;
  const parts = multipartParts(boundary);
  async function* body() {
    yield parts.field('operations', JSON.stringify(operations));
    yield parts.field('map', JSON.stringify(map));
    for (const [index, file] of files.entries()) {
      yield parts.fileHeader(String(index), file.filename, file.contentType);
      yield* file.chunks();
      yield Buffer.from('\r\n');
    }
    yield parts.end;
  }
  return rawMultipartRequest(url, boundary, body(), options);
}
