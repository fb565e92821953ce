import type { Readable } from 'node:stream';
import { Agent, request } from 'undici';
import { GatewayError } from '../errors';
import type { UpstreamName } from '../errors';
import { errorForStatus } from '../upstream/http/statusErrors';
import type { Download } from './importableFile';

export interface VendorDownloadsOptions {
  /**
   * Origins a vendor's file URL may point at (IMPORT_DOWNLOAD_ORIGINS, plus each vendor API's
   * own): any other URL is refused before a byte is sent.
   */
  trustedOrigins: readonly string[];
  /** Connect, headers and idle-body deadline of a download. */
  timeoutMs: number;
}

/**
 * What a vendor's own API needs to serve a file on its own origin (Content Hub's ZIPs: "both
 * are sent with every request"). Sent only to a URL on exactly `origin`.
 */
export interface DownloadCredentials {
  /** The vendor API's origin, e.g. https://acme.sitecorecontenthub.cloud */
  origin: string;
  headers: Readonly<Record<string, string>>;
}

/**
 * Downloads of the files vendors point at (ACC's signed URLs, a material's URL, a download
 * order's ZIP), for asset imports. Only the vendor-returned URL is fetched, only on a trusted
 * origin, and without credentials unless the file is on the vendor API's own origin and that
 * API needs them there (DownloadCredentials): a signed URL needs none, and one vendor's token
 * must never reach another's host. Redirects are not followed (undici's request follows none), so a URL
 * cannot lead off the trusted origins; a 3xx is UPSTREAM_BAD_RESPONSE.
 */
export class VendorDownloads {
  private readonly trusted: ReadonlySet<string>;
  private readonly agent: Agent;

  constructor(private readonly options: VendorDownloadsOptions) {
    this.trusted = new Set(options.trustedOrigins.map((origin) => new URL(origin).origin));
    this.agent = new Agent({ connectTimeout: options.timeoutMs, headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs });
  }

  /** Whether `url` may be downloaded: an http(s) URL on a trusted origin. */
  trusts(url: string): boolean {
    return this.originOf(url) !== undefined;
  }

  /** Downloads `url`; `credentials` go along only when `url` is on their own origin. */
  async open(upstream: UpstreamName, url: string, signal: AbortSignal, credentials?: DownloadCredentials): Promise<Download> {
    const origin = this.originOf(url);
    if (!origin) {
      throw new GatewayError('UPSTREAM_BAD_RESPONSE', `The ${upstream} API points this file at a host IMPORT_DOWNLOAD_ORIGINS does not trust.`, { upstream });
    }
    let response;
    try {
      const headers = credentials && new URL(credentials.origin).origin === origin ? credentials.headers : undefined;
      response = await request(url, { dispatcher: this.agent, signal, headers });
    } catch (error) {
      if (signal.aborted) throw signal.reason ?? error;
      throw new GatewayError('UPSTREAM_UNAVAILABLE', `The ${upstream} file could not be downloaded (${(error as Error).message}).`, { upstream }, { retryable: false });
    }
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw response.statusCode >= 300 && response.statusCode < 400
        ? new GatewayError('UPSTREAM_BAD_RESPONSE', `The ${upstream} file's URL answered a redirect (HTTP ${response.statusCode}), which is never followed.`, {
            upstream,
            upstreamStatus: response.statusCode,
          })
        : errorForStatus(upstream, response.statusCode, undefined);
    }
    const length = Number(response.headers['content-length']);
    return { body: response.body as Readable, size: Number.isSafeInteger(length) && length >= 0 ? length : null };
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  private originOf(url: string): string | undefined {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return undefined;
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
    return this.trusted.has(parsed.origin) ? parsed.origin : undefined;
  }
}
