import { readFile, stat } from 'node:fs/promises';
import { request } from 'undici';
import { ManifestError } from './manifest';

/** Far above any frontend's manifest; a source past it is refused rather than read. */
export const MAX_MANIFEST_BYTES = 32 * 1024 * 1024;
const URL_TIMEOUT_MS = 10_000;

/** Where one manifest is read from: a file, or a URL the gateway polls. */
export interface ManifestSource {
  /** For logs and errors: the path, or the URL without its query string (it may hold a token). */
  readonly name: string;
  /** The manifest's text, or `unchanged` when the source says it has not changed since the last read. */
  read(): Promise<string | 'unchanged'>;
}

/** `PERSISTED_DOCUMENTS`' entries: http(s) URLs, else file paths. */
export function manifestSourceOf(location: string): ManifestSource {
  return /^https?:\/\//i.test(location) ? new UrlSource(new URL(location)) : new FileSource(location);
}

class FileSource implements ManifestSource {
  constructor(readonly name: string) {}

  async read(): Promise<string> {
    const { size } = await stat(this.name);
    if (size > MAX_MANIFEST_BYTES) throw new ManifestError(`is ${size} bytes, more than ${MAX_MANIFEST_BYTES}`);
    return readFile(this.name, 'utf8');
  }
}

/**
 * A manifest served over HTTP, e.g. by the CI that builds the frontend. Polled with the
 * validators it last answered (ETag, Last-Modified), so an unchanged manifest costs a 304.
 * Redirects are not followed: the URL configured is the one read.
 */
class UrlSource implements ManifestSource {
  readonly name: string;
  private validators: Record<string, string> = {};

  constructor(private readonly url: URL) {
    this.name = `${url.origin}${url.pathname}`;
  }

  async read(): Promise<string | 'unchanged'> {
    const response = await request(this.url, {
      headers: { accept: 'application/json', ...this.validators },
      signal: AbortSignal.timeout(URL_TIMEOUT_MS),
    });
    if (response.statusCode === 304) {
      await response.body.dump();
      return 'unchanged';
    }
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw new ManifestError(`answered HTTP ${response.statusCode}`);
    }
    const length = Number(response.headers['content-length']);
    if (length > MAX_MANIFEST_BYTES) {
      response.body.destroy();
      throw new ManifestError(`is ${length} bytes, more than ${MAX_MANIFEST_BYTES}`);
    }
    const text = await readCapped(response.body);
    this.validators = validatorsOf(response.headers);
    return text;
  }
}

async function readCapped(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of body) {
    bytes += chunk.length;
    if (bytes > MAX_MANIFEST_BYTES) {
      body.destroy();
      throw new ManifestError(`is more than ${MAX_MANIFEST_BYTES} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function validatorsOf(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const validators: Record<string, string> = {};
  const etag = headers['etag'];
  const lastModified = headers['last-modified'];
  if (typeof etag === 'string') validators['if-none-match'] = etag;
  if (typeof lastModified === 'string') validators['if-modified-since'] = lastModified;
  return validators;
}
