import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { Readable } from 'node:stream';

export interface MultipartFile {
  field: string;
  filename: string;
  contentType: string;
  /** Read once, chunk by chunk: the file is never held whole. */
  content: Readable;
}

/**
 * Room for a few of the socket's 64 KiB chunks, so the store's connection is written in large
 * batches instead of one chunk per turn of the event loop; bounded, so a file is never held.
 */
export const UPLOAD_BODY_HIGH_WATER_MARK = 256 * 1024;

/**
 * A multipart/form-data body (RFC 7578) built as a stream: the text fields, then the file's bytes
 * as they arrive, then the closing boundary. The file's chunks are piped through as they are
 * (no copy, no per-chunk promise). An error from the file aborts the body before the closing
 * boundary, so the receiver never sees a complete part.
 */
export function multipartBody(fields: Record<string, string>, file: MultipartFile): { stream: Readable; contentType: string } {
  const boundary = `----mediagraph${randomBytes(12).toString('hex')}`;
  let head = '';
  for (const [name, value] of Object.entries(fields)) {
    head += `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`;
  }
  head +=
    `--${boundary}\r\nContent-Disposition: form-data; name="${quote(file.field)}"; filename="${quote(file.filename)}"\r\n` +
    `Content-Type: ${file.contentType.replace(/[\r\n]/g, '')}\r\n\r\n`;
  const body = new PassThrough({ highWaterMark: UPLOAD_BODY_HIGH_WATER_MARK });
  body.write(head);
  file.content.once('error', (error) => body.destroy(error));
  file.content.once('end', () => body.end(`\r\n--${boundary}--\r\n`));
  file.content.pipe(body, { end: false });
  return { stream: body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** RFC 7578 section 4.2: quote and escape field and file names; no line breaks. */
function quote(value: string): string {
  return value.replace(/[\r\n]/g, ' ').replace(/"/g, '%22');
}
