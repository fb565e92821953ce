import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { ACC_DEFAULT_PAGE_SIZE, ACC_MAX_PAGE_SIZE, ACC_SORT_FIELDS } from '../../upstream/acc/model';
import type { AccFilterResponse, AccPhoto, AccPhotoFilter } from '../../upstream/acc/model';
import { SimulatorHttpError, bearerToken, pathSegments, readJsonBody, sendJson, startSimulatorServer } from '../http';
import type { FaultInjector } from '../faults';
import type { RecordedRequest, SimulatorOptions, SimulatorRequest } from '../http';
import { DEMO, seedDemoPhotos } from './seed';
import { AccPhotoStore, DEFAULT_SORT, comparator } from './store';
import type { AccSort } from './store';

/**
 * A simulator of the ACC Photos API as its docs describe it (upstream-docs/acc-photos-*.txt):
 * bearer token required (403 otherwise), GET one media (404 unknown, 410 deleted, signed URLs
 * only with include=signedUrls), and photos:filter with filters, sort, limit 1..50 (25 by
 * default) and an opaque keyset `cursorState` that, when sent, makes every other field ignored.
 * `pagination.nextPost` is sent only while more results follow.
 */

export interface AccSimulatorOptions extends SimulatorOptions {
  store?: AccPhotoStore;
  /** Bearer tokens ACC accepts; every other one gets 403. Default: the demo token. */
  tokens?: string[];
}

export interface AccSimulator {
  url: string;
  store: AccPhotoStore;
  requests: RecordedRequest[];
  faults: FaultInjector;
  close(): Promise<void>;
}

/** What a cursorState carries: the original query and the last item returned (keyset). */
interface FilterQuery {
  filter: AccPhotoFilter;
  sort: AccSort;
  limit: number;
  signedUrls: boolean;
  after?: { value: string | null; id: string };
}

const SIGNED_URL_LIFETIME_SECONDS = 60;

export async function startAccSimulator(options: AccSimulatorOptions = {}): Promise<AccSimulator> {
  const store = options.store ?? new AccPhotoStore(seedDemoPhotos());
  const tokens = new Set(options.tokens ?? [DEMO.token]);
  let origin = '';

  const server = await startSimulatorServer(async (request, response) => {
    const segments = pathSegments(request.url);
    if (request.method === 'GET' && segments[0] === 'oss' && segments[1] === 'signed') {
      return servePlaceholder(request, response);
    }
    const token = bearerToken(request);
    if (!token || !tokens.has(token)) {
      throw new SimulatorHttpError(403, 'The request was not accepted because it lacked valid authentication credentials');
    }
    const [construction, photos, v1, projects, projectId, resource, photoId, ...rest] = segments;
    if (construction !== 'construction' || photos !== 'photos' || v1 !== 'v1' || projects !== 'projects' || !projectId || rest.length) {
      throw new SimulatorHttpError(404, 'The resource cannot be found');
    }
    if (request.method === 'GET' && resource === 'photos' && photoId) {
      return getPhoto(projectId, photoId, request, response);
    }
    if (request.method === 'POST' && resource === 'photos:filter' && photoId === undefined) {
      return filterPhotos(projectId, request, response);
    }
    throw new SimulatorHttpError(404, 'The resource cannot be found');
  }, options);
  origin = server.url;

  function getPhoto(projectId: string, photoId: string, request: SimulatorRequest, response: ServerResponse): void {
    const found = store.get(projectId, photoId);
    if (found.kind === 'missing') throw new SimulatorHttpError(404, 'The resource cannot be found');
    if (found.kind === 'deleted') throw new SimulatorHttpError(410, 'The resource was deleted by a user and cannot be return');
    const include = request.url.searchParams.getAll('include').flatMap((value) => value.split(','));
    sendJson(response, 200, present(found.photo, include.includes('signedUrls')));
  }

  async function filterPhotos(projectId: string, request: SimulatorRequest, response: ServerResponse): Promise<void> {
    const body = await readJsonBody(request);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new SimulatorHttpError(400, 'Body must be an object');
    const fields = body as Record<string, unknown>;
    const query = fields.cursorState !== undefined ? decodeCursorState(fields.cursorState) : parseQuery(fields);

    const matching = store.query(projectId, query.filter, query.sort);
    const order = comparator(query.sort);
    const anchor = query.after && ({ id: query.after.id, [query.sort[0]]: query.after.value } as unknown as AccPhoto);
    const start = anchor ? matching.findIndex((photo) => order(photo, anchor) > 0) : 0;
    const page = start < 0 ? [] : matching.slice(start, start + query.limit);
    const last = page.at(-1);
    const more = start >= 0 && start + query.limit < matching.length;

    const result: AccFilterResponse = {
      pagination: {
        limit: query.limit,
        ...(more && last
          ? {
              nextPost: {
                url: `${origin}${request.url.pathname}`,
                body: { cursorState: encodeCursorState({ ...query, after: { value: last[query.sort[0]] ?? null, id: last.id } }) },
              },
            }
          : {}),
      },
      results: page.map((photo) => present(photo, query.signedUrls)),
    };
    sendJson(response, 200, result);
  }

  /** A media as ACC answers it: freshly signed URLs (when asked) and API URLs. */
  function present(photo: AccPhoto, withSignedUrls: boolean): AccPhoto {
    const apiBase = `${origin}/construction/photos/assets/${photo.id}/${photo.id}`;
    return {
      ...photo,
      ...(withSignedUrls ? { signedUrls: { fileUrl: signUrl(`${photo.id}.jpg`), thumbnailUrl: signUrl(`${photo.id}_t.jpg`) } } : {}),
      urls: { fileUrl: `${apiBase}.jpg`, thumbnailUrl: `${apiBase}_t.jpg` },
    };
  }

  function signUrl(file: string): string {
    const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const params = new URLSearchParams({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Date': amzDate,
      'X-Amz-Expires': String(SIGNED_URL_LIFETIME_SECONDS),
      'X-Amz-SignedHeaders': 'host',
      'X-Amz-Signature': createHash('sha256').update(`${file}${amzDate}`).digest('hex'),
    });
    return `${origin}/oss/signed/${file}?${params}`;
  }

  return { url: server.url, store, requests: server.requests, faults: server.faults, close: server.close };
}

function parseQuery(fields: Record<string, unknown>): FilterQuery {
  const limit = fields.limit ?? ACC_DEFAULT_PAGE_SIZE;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > ACC_MAX_PAGE_SIZE) {
    throw new SimulatorHttpError(400, `limit must be an integer from 1 to ${ACC_MAX_PAGE_SIZE}`);
  }
  const filter = fields.filter ?? {};
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) throw new SimulatorHttpError(400, 'filter must be an object');
  const sort = fields.sort ?? DEFAULT_SORT;
  if (
    !Array.isArray(sort) ||
    sort.length !== 2 ||
    !(ACC_SORT_FIELDS as readonly unknown[]).includes(sort[0]) ||
    !['asc', 'desc'].includes(sort[1] as string)
  ) {
    throw new SimulatorHttpError(400, 'sort must be ["createdAt"|"takenAt", "asc"|"desc"]');
  }
  const include = fields.include ?? [];
  if (!Array.isArray(include)) throw new SimulatorHttpError(400, 'include must be an array');
  return { filter: filter as AccPhotoFilter, sort: sort as AccSort, limit, signedUrls: include.includes('signedUrls') };
}

function encodeCursorState(query: FilterQuery): string {
  return Buffer.from(JSON.stringify(query)).toString('base64url');
}

function decodeCursorState(cursorState: unknown): FilterQuery {
  try {
    const query = JSON.parse(Buffer.from(String(cursorState), 'base64url').toString('utf8')) as FilterQuery;
    const parsed = parseQuery({ ...query, include: query.signedUrls ? ['signedUrls'] : [] });
    if (typeof query.after?.id !== 'string') throw new Error('no position');
    return { ...parsed, after: query.after };
  } catch {
    throw new SimulatorHttpError(400, 'cursorState is not valid');
  }
}

/** What a signed URL points at: a small SVG, until the signature expires. */
function servePlaceholder(request: SimulatorRequest, response: ServerResponse): void {
  const params = request.url.searchParams;
  const signedAt = Date.parse((params.get('X-Amz-Date') ?? '').replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
  const expiresAt = signedAt + Number(params.get('X-Amz-Expires')) * 1000;
  if (!(expiresAt >= Date.now())) throw new SimulatorHttpError(403, 'Request has expired');
  const label = request.url.pathname.split('/').at(-1)!.replace(/[^\w.-]/g, '');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240"><rect width="100%" height="100%" fill="#d8dee4"/><text x="16" y="128" font-family="sans-serif" font-size="14">${label}</text></svg>`;
  response.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'private, max-age=60' });
  response.end(svg);
}
