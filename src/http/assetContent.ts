import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { AssetContentLinks } from '../assets/contentLinks';
import type { Caller } from '../auth/caller';
import { GatewayError } from '../errors';
import type { Upstreams } from '../upstream';
import { UpstreamCallLog } from '../upstream/http/callLog';
import { sendJson } from './errorBody';

/** Vendor headers a browser and HTTP caches need, passed through as they are. */
const PASSED_HEADERS = ['content-type', 'content-length', 'cache-control', 'etag', 'last-modified'];
const CONDITIONAL_HEADERS = ['if-none-match', 'if-modified-since'];

/**
 * Uploaded files are served from the gateway's own origin, so none may run there as a page:
 * no sniffing, a CSP that sandboxes whatever is opened (no script, no plugin, an opaque origin),
 * and only these passive types shown inline; everything else (HTML, SVG, XML, PDF, scripts,
 * unknown types) is a download. Inline styles let browsers' image and media viewers lay out.
 */
const SAFETY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox",
};
const INLINE_TYPES = /^(image\/(png|jpeg|gif|webp|avif|bmp|apng)|video\/[\w.+-]+|audio\/[\w.+-]+|text\/plain)$/;

const STATUS_BY_CODE: Record<string, number> = {
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  UPSTREAM_TIMEOUT: 504,
  UPSTREAM_RATE_LIMITED: 503,
};

/**
 * GET /assets/:key/content: streams an asset's bytes from the vendor with its content type,
 * length and cache headers, answers conditional requests (304), and never holds the file.
 * The gateway's credentials fetch it for a valid signed link (a capability minted for a caller
 * who could read the asset) or for a caller whose token may read assets (`mayReadAssets`, the
 * schema's rule for `Asset`); anyone else gets what the store serves anonymously.
 */
export function assetContentHandler(upstreams: Upstreams, links: AssetContentLinks, mayReadAssets: (caller: Caller) => boolean) {
  return async (req: IncomingMessage, res: ServerResponse, key: string, caller: Caller): Promise<void> => {
    for (const [name, value] of Object.entries(SAFETY_HEADERS)) res.setHeader(name, value);
    const query = new URLSearchParams(searchOf(req.url));
    const signed = links.check(key, queryValue(query, 'expires'), queryValue(query, 'signature'));
    if (signed === 'invalid') {
      req.logFields.code = 'FORBIDDEN';
      sendJson(res, 403, { error: { code: 'FORBIDDEN', message: 'The link is invalid or has expired: ask the API for a new contentUrl.' } });
      return;
    }
    // Unchecked callers (AUTH_DISABLED) get what an unsigned link always gave: the public bytes.
    const credentials = signed === 'valid' || (caller.kind === 'token' && mayReadAssets(caller));
    // An unsigned link answers by the caller's token: shared caches must keep them apart.
    if (signed === 'absent') res.setHeader('vary', 'authorization');
    const disconnected = new AbortController();
    res.on('close', () => disconnected.abort());
    const conditional = Object.fromEntries(
      CONDITIONAL_HEADERS.flatMap((name) => (typeof req.headers[name] === 'string' ? [[name, req.headers[name]]] : [])),
    );
    try {
      const upstream = await upstreams.assets.content({ signal: disconnected.signal, calls: new UpstreamCallLog(), log: req.log }, key, {
        credentials,
        conditional,
      });
      res.statusCode = upstream.statusCode;
      for (const name of PASSED_HEADERS) {
        const value = upstream.headers[name];
        if (value !== undefined) res.setHeader(name, value);
      }
      res.setHeader('content-disposition', shownInline(upstream.headers['content-type']) ? 'inline' : 'attachment');
      // What the gateway fetched with its own credentials must not land in a shared cache.
      if (credentials) res.setHeader('cache-control', String(res.getHeader('cache-control') ?? '').replace(/\bpublic\b/, 'private') || 'private');
      await pipeline(upstream.body, res);
    } catch (error) {
      if (res.headersSent) return void res.destroy();
      const code = error instanceof GatewayError ? error.code : 'INTERNAL_SERVER_ERROR';
      // An anonymous fetch of a private asset: say no more than that there is nothing here.
      const status = code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' ? 404 : (STATUS_BY_CODE[code] ?? 502);
      const answered = status === 404 ? 'NOT_FOUND' : code;
      req.logFields.code = answered;
      sendJson(res, status, { error: { code: answered } });
    }
  };
}

/** True for a passive type, judged on the media type alone (`text/plain; charset=utf-8` is text/plain). */
function shownInline(contentType: string | string[] | undefined): boolean {
  if (typeof contentType !== 'string') return false;
  return INLINE_TYPES.test(contentType.split(';')[0]!.trim().toLowerCase());
}

/** A query parameter given once (given twice, it is none: no guessing which one was signed). */
function queryValue(query: URLSearchParams, name: string): string | undefined {
  const values = query.getAll(name);
  return values.length === 1 ? values[0] : undefined;
}

function searchOf(url: string | undefined = ''): string {
  const start = url.indexOf('?');
  return start === -1 ? '' : url.slice(start);
}
