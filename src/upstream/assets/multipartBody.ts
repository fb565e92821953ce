import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

export interface MultipartFile {
  field: string;
  filename: string;
  contentType: string;
  /** Read once, chunk by chunk: the file is never held whole. */
  content: AsyncIterable<Uint8Array>;
}

/**
 * A multipart/form-data body (RFC 7578) built as a stream: the text fields, then the file's bytes
 * as they arrive, then the closing boundary. An error from the file aborts the body before the
 * closing boundary, so the receiver never sees a complete part.
 */
export function multipartBody(fields: Record<string, string>, file: MultipartFile): { stream: Readable; contentType: string } {
  const boundary = `----mediagraph${randomBytes(12).toString('hex')}`;
  async function* parts(): AsyncGenerator<Buffer | Uint8Array> {
    for (const [name, value] of Object.entries(fields)) {
      yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`);
    }
    yield Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${quote(file.field)}"; filename="${quote(file.filename)}"\r\n` +
        `Content-Type: ${file.contentType.replace(/[\r\n]/g, '')}\r\n\r\n`,
    );
    for await (const chunk of file.content) yield chunk;
    yield Buffer.from(`\r\n--${boundary}--\r\n`);
  }
  return { stream: Readable.from(parts(), { objectMode: false }), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** RFC 7578 section 4.2: quote and escape field and file names; no line breaks. */
function quote(value: string): string {
  return value.replace(/[\r\n]/g, ' ').replace(/"/g, '%22');
}
