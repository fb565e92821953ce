import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { ACC_DEFAULT_PAGE_SIZE, ACC_MAX_PAGE_SIZE, ACC_MEDIA_TYPES, ACC_SORT_FIELDS } from '../../upstream/acc/model';
import type { AccFilterResponse, AccPhoto } from '../../upstream/acc/model';
import { SimulatorHttpError, bearerToken, pathSegments, readJsonBody, sendJson, startSimulatorServer } from '../http';
import type { FaultInjector } from '../faults';
import { FileFaults, serveFile } from '../files';
import type { RecordedRequest, SimulatorOptions, SimulatorRequest } from '../http';
import { ACC_LAST_PAGE_FORMS, withTimesIn } from './forms';
import type { AccAnswerForms } from './forms';
import { DEMO, seedDemoPhotos } from './seed';
import { AccPhotoStore, DEFAULT_SORT, parseTimeRange, sortPosition } from './store';
import type { SortPosition } from './store';

/**
 * A simulator of the ACC Photos API as its docs describe it (upstream-docs/acc-photos-*.txt):
 * bearer token required (403 otherwise), GET one media (404 unknown, 410 deleted, signed URLs
 * only with include=signedUrls), and photos:filter with filters, sort, limit 1..50 (25 by
 * default) and an opaque keyset `cursorState` that, when sent, makes every other field ignored.
 * Where the doc allows more than one answer, `forms` picks it (src/simulators/acc/forms.ts).
 */

export interface AccSimulatorOptions extends SimulatorOptions {
  /** Default: the demo data. */
  store?: AccPhotoStore;
  /** Bearer tokens ACC accepts; every other one gets 403. Default: the demo token. */
  tokens?: string[];
  /** Doc-allowed answers other than the default ones, to prove the gateway handles them. */
  forms?: AccAnswerForms;
  /** How long a signed URL works (X-Amz-Expires); ACC's live a minute. */
  signedUrlLifetimeSeconds?: number;
}

export interface AccSimulator {
  url: string;
  store: AccPhotoStore;
  requests: RecordedRequest[];
  faults: FaultInjector;
  /** Faults of the signed file URLs alone (404, 410, a body cut short), the API answering normally. */
  fileFaults: FileFaults;
  /** Replaces the accepted bearer tokens, e.g. to make the gateway's current one expire. */
  setTokens(tokens: string[]): void;
  close(): Promise<void>;
}

const SIGNED_URL_LIFETIME_SECONDS = 60;
const PHOTOS_PREFIX = ['construction', 'photos', 'v1', 'projects'];
const BASE64URL = /^[\w-]+$/;

const timeRangeSchema = z
  .string()
  .refine((text) => parseTimeRange(text) !== undefined, 'must be an ISO 8601 date-time, or a range a..b, a.. or ..b');

/** A photos:filter body without cursorState, defaults applied. */
const filterQuerySchema = z.object({
  filter: z
    .object({
      id: z.array(z.string()).optional(),
      createdBy: z.array(z.string()).optional(),
      mediaType: z.array(z.enum(ACC_MEDIA_TYPES)).optional(),
      title: z.string().optional(),
      createdAt: timeRangeSchema.optional(),
      takenAt: timeRangeSchema.optional(),
    })
    .default({}),
  sort: z.tuple([z.enum(ACC_SORT_FIELDS), z.enum(['asc', 'desc'])]).default(DEFAULT_SORT),
  limit: z.number().int().min(1).max(ACC_MAX_PAGE_SIZE).default(ACC_DEFAULT_PAGE_SIZE),
  // Unknown extras are ignored: ACC documents only signedUrls but may add more.
  include: z.array(z.string()).default([]),
});
type FilterQuery = z.infer<typeof filterQuerySchema>;

/** What a cursorState carries: the original query and the keyset position of the last media returned. */
const cursorSchema = filterQuerySchema.extend({
  after: z.object({ at: z.number().nullable(), id: z.string() }),
});
type Cursor = z.infer<typeof cursorSchema>;

export async function startAccSimulator(options: AccSimulatorOptions = {}): Promise<AccSimulator> {
  const store = options.store ?? new AccPhotoStore(seedDemoPhotos());
  const forms = options.forms ?? {};
  let tokens = new Set(options.tokens ?? [DEMO.token]);
  const fileFaults = new FileFaults();
  let origin = '';

  const server = await startSimulatorServer(async (request, response) => {
    const segments = pathSegments(request.url);
    const [oss, signed, fileProject, file, ...afterFile] = segments;
    if (request.method === 'GET' && oss === 'oss' && signed === 'signed' && fileProject && file && !afterFile.length) {
      return serveSigned(fileProject, file, request.url.searchParams, response);
    }
    const token = bearerToken(request);
    if (!token || !tokens.has(token)) {
      throw new SimulatorHttpError(403, 'The request was not accepted because it lacked valid authentication credentials');
    }
    const [projectId, resource, photoId, ...rest] = segments.slice(PHOTOS_PREFIX.length);
    if (!PHOTOS_PREFIX.every((part, index) => segments[index] === part) || !projectId || rest.length) {
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
    // `include=signedUrls`, repeated or as a comma list.
    const include = request.url.searchParams.getAll('include').flatMap((value) => value.split(','));
    sendJson(response, 200, present(found.photo, include));
  }

  async function filterPhotos(projectId: string, request: SimulatorRequest, response: ServerResponse): Promise<void> {
    const body = await readJsonBody(request);
    const cursorState = typeof body === 'object' && body !== null && 'cursorState' in body ? body.cursorState : undefined;
    const query: FilterQuery & { after?: SortPosition } =
      cursorState === undefined ? parseBody(filterQuerySchema, body) : decodeCursorState(cursorState);

    // By default `nextPost` is sent only when at least one more media follows this page, never
    // on the last one, even when that page is full (forms.nextPostOnFullLastPage changes that).
    const following = store.query(projectId, query.filter, query.sort, query.after, { withDeleted: forms.listDeleted });
    const page = following.slice(0, query.limit);
    const last = page.at(-1);
    const more = following.length > page.length || (forms.nextPostOnFullLastPage === true && page.length === query.limit);
    const url = `${origin}${request.url.pathname}`;
    const result: AccFilterResponse = {
      pagination: {
        limit: query.limit,
        nextPost:
          more && last
            ? { url, body: { cursorState: encodeCursorState({ ...query, after: sortPosition(last, query.sort) }) } }
            : ACC_LAST_PAGE_FORMS[forms.lastPage ?? 'noNextPost'](url),
      },
      results: page.map((photo) => present(photo, query.include)),
    };
    sendJson(response, 200, result);
  }

  /** A media as ACC answers it: API URLs, freshly signed URLs when included, times in their form. */
  function present(photo: AccPhoto, include: string[]): AccPhoto {
    const id = encodeURIComponent(photo.id);
    const apiBase = `${origin}/construction/photos/assets/${id}/${id}`;
    const file = accMediaFile(photo);
    // As ACC's example: the original's URL names the file and its type for S3 to answer with.
    const fileParams = { 'response-content-disposition': `attachment; filename="${file.name}"`, 'response-content-type': file.contentType };
    return {
      ...withTimesIn(forms.times ?? 'zoneless', photo),
      signedUrls: include.includes('signedUrls')
        ? { fileUrl: signUrl(photo.projectId, file.name, fileParams), thumbnailUrl: signUrl(photo.projectId, `${photo.id}${THUMBNAIL_SUFFIX}`) }
        : undefined,
      urls: { fileUrl: `${apiBase}.jpg`, thumbnailUrl: `${apiBase}_t.jpg` },
    };
  }

  /** An S3-style presigned URL on the simulator itself, valid for `signedUrlLifetimeSeconds`. */
  function signUrl(projectId: string, file: string, responseParams: Record<string, string> = {}): string {
    const amzDate = formatAmzDate(Date.now());
    const params = new URLSearchParams({
      ...responseParams,
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Date': amzDate,
      'X-Amz-Expires': String(options.signedUrlLifetimeSeconds ?? SIGNED_URL_LIFETIME_SECONDS),
      'X-Amz-SignedHeaders': 'host',
      'X-Amz-Signature': createHash('sha256').update(`${file}${amzDate}`).digest('hex'),
    });
    return `${origin}/oss/signed/${encodeURIComponent(projectId)}/${encodeURIComponent(file)}?${params}`;
  }

  /**
   * What a signed URL points at, until the signature expires (403 after): a thumbnail is a small
   * SVG naming the media; the original is the media's `size` bytes (src/simulators/files.ts).
   */
  async function serveSigned(projectId: string, file: string, params: URLSearchParams, response: ServerResponse): Promise<void> {
    const expiresAt = parseAmzDate(params.get('X-Amz-Date') ?? '') + Number(params.get('X-Amz-Expires')) * 1000;
    // NaN (a parameter missing or malformed) fails this check too.
    if (!(expiresAt >= Date.now())) throw new SimulatorHttpError(403, 'Request has expired');
    if (file.endsWith(THUMBNAIL_SUFFIX)) return servePlaceholder(file, response);
    const found = store.get(projectId, file.replace(/\.[^.]*$/, ''));
    if (found.kind !== 'found') throw new SimulatorHttpError(404, 'The specified key does not exist.');
    const { contentType } = accMediaFile(found.photo);
    await serveFile(response, { identity: `acc/${projectId}/${found.photo.id}`, size: found.photo.size ?? 0, contentType }, fileFaults);
  }

  return {
    url: server.url,
    store,
    requests: server.requests,
    faults: server.faults,
    fileFaults,
    setTokens: (accepted) => {
      tokens = new Set(accepted);
    },
    close: server.close,
  };
}

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
    throw new SimulatorHttpError(400, problems.join('; '));
  }
  return parsed.data;
}

function encodeCursorState(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursorState(cursorState: unknown): Cursor {
  const invalid = new SimulatorHttpError(400, 'cursorState is not valid');
  // Node's decoder skips characters outside the alphabet, so they are refused first.
  if (typeof cursorState !== 'string' || !BASE64URL.test(cursorState)) throw invalid;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursorState, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  const cursor = cursorSchema.safeParse(decoded);
  if (!cursor.success) throw invalid;
  return cursor.data;
}

/** S3's X-Amz-Date: 20210324T193346Z. */
function formatAmzDate(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function parseAmzDate(text: string): number {
  return Date.parse(text.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
}

const THUMBNAIL_SUFFIX = '_t.jpg';

/** The original file of a media: a JPEG photo or an MP4 video, named after the media's id. */
export function accMediaFile(photo: AccPhoto): { name: string; contentType: string } {
  return photo.mediaType === 'VIDEO' ? { name: `${photo.id}.mp4`, contentType: 'video/mp4' } : { name: `${photo.id}.jpg`, contentType: 'image/jpeg' };
}

/** A thumbnail: a small SVG naming the file. */
function servePlaceholder(file: string, response: ServerResponse): void {
  const label = file.replace(/[^\w.-]/g, '');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240"><rect width="100%" height="100%" fill="#d8dee4"/><text x="16" y="128" font-family="sans-serif" font-size="14">${label}</text></svg>`;
  response.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'private, max-age=60' });
  response.end(svg);
}
