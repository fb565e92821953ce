import net from 'node:net';
import { request } from 'undici';
import type { Dispatcher } from 'undici';
import { DEMO, seedDemoPhotos } from '../../src/simulators/acc/seed';
import { startAccSimulator } from '../../src/simulators/acc/server';
import type { AccSimulator, AccSimulatorOptions } from '../../src/simulators/acc/server';
import { AccPhotoStore, DEFAULT_SORT } from '../../src/simulators/acc/store';
import type { AccSort } from '../../src/simulators/acc/store';
import { ACC_MEDIA_SOURCES, ACC_MEDIA_TYPES } from '../../src/upstream/acc/model';
import type { AccFilterResponse, AccPhoto, AccPhotoFilter } from '../../src/upstream/acc/model';

const [BIG_PROJECT, , SMALL_PROJECT] = DEMO.projectIds;
const AUTH = { authorization: `Bearer ${DEMO.token}` };
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const TIMESTAMP_FIELDS = ['createdAt', 'deletedAt', 'takenAt', 'updatedAt', 'userCreatedAt'] as const;
// How ACC writes times: UTC, whole seconds, no zone designator.
const ACC_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const ALL_SORTS: AccSort[] = [
  ['createdAt', 'asc'],
  ['createdAt', 'desc'],
  ['takenAt', 'asc'],
  ['takenAt', 'desc'],
];

type FilterAnswer = AccFilterResponse & { message?: string };
/** A filter built from the data, with the rule a media must satisfy to be in the answer. */
type FilterCase = [string, (photos: AccPhoto[]) => { filter: AccPhotoFilter; keeps: (photo: AccPhoto) => boolean }];

const utc = (accTime: string) => Date.parse(`${accTime}Z`);
const ids = (photos: AccPhoto[]) => photos.map((photo) => photo.id);
const byText = (key: (photo: AccPhoto) => string) => (a: AccPhoto, b: AccPhoto) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
const hasDuplicates = (values: unknown[]) => new Set(values).size < values.length;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The order ACC should answer in, worked out differently from the store: ACC times are
 * fixed-width, so they sort as text; media without the sort value go last in either direction.
 */
function expectedOrder(photos: AccPhoto[], [field, direction]: AccSort = DEFAULT_SORT): AccPhoto[] {
  const withValue = photos.filter((photo) => photo[field]).sort(byText((photo) => `${photo[field]} ${photo.id}`));
  const without = photos.filter((photo) => !photo[field]).sort(byText((photo) => photo.id));
  return direction === 'asc' ? [...withValue, ...without] : [...withValue.reverse(), ...without.reverse()];
}

/** A simulator of its own, for tests that change data or settings. */
async function withSimulator(options: AccSimulatorOptions, test: (simulator: AccSimulator) => Promise<void>) {
  const simulator = await startAccSimulator(options);
  try {
    await test(simulator);
  } finally {
    await simulator.close();
  }
}

/** Calls one simulator over loopback, as the gateway's client does. */
function clientOf(simulator: AccSimulator) {
  const filterPath = (projectId: string) => `/construction/photos/v1/projects/${encodeURIComponent(projectId)}/photos:filter`;

  async function get(path: string, headers: Record<string, string> = AUTH) {
    const response = await request(`${simulator.url}${path}`, { headers });
    return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
  }

  async function getPhoto(projectId: string, photoId: string, query = '', headers: Record<string, string> = AUTH) {
    const path = `/construction/photos/v1/projects/${encodeURIComponent(projectId)}/photos/${encodeURIComponent(photoId)}${query}`;
    const answer = await get(path, headers);
    return { status: answer.status, body: JSON.parse(answer.text) as AccPhoto & { message?: string } };
  }

  async function filter(projectId: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json', ...AUTH }) {
    const response = await request(`${simulator.url}${filterPath(projectId)}`, {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.statusCode, body: (await response.body.json()) as FilterAnswer };
  }

  /** Follows nextPost to the end; every page must be a 200. */
  async function filterAll(projectId: string, body: unknown) {
    const pages: FilterAnswer[] = [];
    let next: unknown = body;
    while (next) {
      const page = await filter(projectId, next);
      expect(page.status).toBe(200);
      pages.push(page.body);
      next = page.body.pagination?.nextPost?.body;
      expect(pages.length).toBeLessThan(500);
    }
    return { pages, results: pages.flatMap((page) => page.results) };
  }

  return { filterPath, get, getPhoto, filter, filterAll };
}

describe('ACC demo data', () => {
  const photos = seedDemoPhotos();
  const inProject = (projectId: string) => photos.filter((photo) => photo.projectId === projectId);

  it('is the same on every start', () => {
    expect(seedDemoPhotos()).toEqual(photos);
  });

  it('has 240, 150 and 60 media in its three projects, ids unique', () => {
    expect(DEMO.projectIds.map((projectId) => inProject(projectId).length)).toEqual([240, 150, 60]);
    expect(hasDuplicates(ids(photos))).toBe(false);
  });

  it.each(DEMO.projectIds)('has every media type live and every source in project %s', (projectId) => {
    const project = inProject(projectId);
    expect(new Set(project.filter((photo) => !photo.deletedAt).map((photo) => photo.mediaType))).toEqual(new Set(ACC_MEDIA_TYPES));
    expect(new Set(project.map((photo) => photo.type))).toEqual(new Set(ACC_MEDIA_SOURCES));
  });

  it('has about 8% deleted media, each with who and when', () => {
    const deleted = photos.filter((photo) => photo.deletedAt);
    expect(deleted.length / photos.length).toBeGreaterThan(0.05);
    expect(deleted.length / photos.length).toBeLessThan(0.12);
    expect(deleted.every((photo) => photo.deletedBy && utc(photo.deletedAt!) > utc(photo.createdAt!))).toBe(true);
  });

  it("knows ACC's example photo as a live one and a deleted photo, both in the first project", () => {
    const [example, deleted] = [DEMO.livePhotoId, DEMO.deletedPhotoId].map((id) => photos.find((photo) => photo.id === id)!);
    expect(example).toMatchObject({ projectId: BIG_PROJECT, mediaType: 'NORMAL', title: 'Office Dry Wall' });
    expect(example!.deletedAt).toBeUndefined();
    expect(deleted).toMatchObject({ projectId: BIG_PROJECT, deletedAt: expect.any(String), deletedBy: expect.any(String) });
  });

  it('writes times like ACC, in 2025, taken before added before uploaded', () => {
    for (const photo of photos) {
      for (const field of TIMESTAMP_FIELDS) if (photo[field] !== undefined) expect(photo[field]).toMatch(ACC_TIME);
      expect(photo.createdAt!.slice(0, 4)).toBe('2025');
      expect(utc(photo.userCreatedAt!)).toBeLessThan(utc(photo.createdAt!));
      if (photo.takenAt) expect(utc(photo.takenAt)).toBeLessThan(utc(photo.userCreatedAt!));
    }
  });

  it('has ties on both sort times, media without takenAt or location, and videos bigger than photos', () => {
    for (const projectId of DEMO.projectIds) {
      const live = inProject(projectId).filter((photo) => !photo.deletedAt);
      expect(hasDuplicates(live.map((photo) => photo.createdAt))).toBe(true);
      expect(hasDuplicates(live.filter((photo) => photo.takenAt).map((photo) => photo.takenAt))).toBe(true);
    }
    expect(photos.some((photo) => !photo.takenAt)).toBe(true);
    expect(photos.some((photo) => photo.latitude == null && photo.longitude == null)).toBe(true);
    const sizes = (videos: boolean) => photos.filter((photo) => (photo.mediaType === 'VIDEO') === videos).map((photo) => photo.size!);
    expect(Math.min(...sizes(true))).toBeGreaterThan(Math.max(...sizes(false)));
  });
});

describe('ACC photos simulator', () => {
  let acc: AccSimulator;
  let client: ReturnType<typeof clientOf>;
  beforeAll(async () => {
    acc = await startAccSimulator();
    client = clientOf(acc);
  });
  afterAll(() => acc.close());

  const live = (projectId: string) => acc.store.list(projectId).filter((photo) => !photo.deletedAt);
  const deleted = (projectId: string) => acc.store.list(projectId).filter((photo) => photo.deletedAt);
  const apiUrls = (id: string) => ({
    fileUrl: `${acc.url}/construction/photos/assets/${id}/${id}.jpg`,
    thumbnailUrl: `${acc.url}/construction/photos/assets/${id}/${id}_t.jpg`,
  });

  describe('authentication', () => {
    it.each([
      ['no Authorization', {}],
      ['an unknown token', { authorization: 'Bearer nope' }],
      ['another scheme', { authorization: `Basic ${DEMO.token}` }],
      ['a bare token', { authorization: DEMO.token }],
    ])('answers 403 with a JSON error to %s, on every route', async (_what, headers: Record<string, string>) => {
      const photo = await client.getPhoto(BIG_PROJECT, DEMO.livePhotoId, '', headers);
      expect(photo.status).toBe(403);
      expect(photo.body.message).toEqual(expect.any(String));
      expect((await client.filter(BIG_PROJECT, {}, { 'content-type': 'application/json', ...headers })).status).toBe(403);
      expect((await client.get('/construction/photos/v1/projects', headers)).status).toBe(403);
    });

    it('accepts exactly the tokens it was last given', async () => {
      await withSimulator({ tokens: ['first'] }, async (simulator) => {
        const { getPhoto } = clientOf(simulator);
        const withToken = (token: string) => getPhoto(BIG_PROJECT, DEMO.livePhotoId, '', { authorization: `Bearer ${token}` });
        expect((await withToken('first')).status).toBe(200);
        expect((await withToken(DEMO.token)).status).toBe(403);
        simulator.setTokens(['second']);
        expect((await withToken('first')).status).toBe(403);
        expect((await withToken('second')).status).toBe(200);
      });
    });
  });

  describe('GET photos/:photoId', () => {
    it('answers a live media as stored, with API URLs, ACC times and no signed URLs', async () => {
      for (const photo of [live(BIG_PROJECT)[0]!, live(SMALL_PROJECT).at(-1)!]) {
        const answer = await client.getPhoto(photo.projectId, photo.id);
        expect(answer.status).toBe(200);
        expect(answer.body).toEqual({ ...photo, urls: apiUrls(photo.id) });
        expect(answer.body).not.toHaveProperty('signedUrls');
        for (const field of TIMESTAMP_FIELDS) if (answer.body[field] !== undefined) expect(answer.body[field]).toMatch(ACC_TIME);
      }
    });

    it.each([['?include=signedUrls'], ['?include=thumbnails&include=signedUrls'], ['?include=thumbnails,signedUrls']])(
      'adds S3-style signed URLs for %s that serve the file and a thumbnail without auth',
      async (query) => {
        const before = Date.now();
        const { status, body } = await client.getPhoto(BIG_PROJECT, DEMO.livePhotoId, query);
        expect(status).toBe(200);
        const fileParams = `response-content-disposition=${encodeURIComponent(`attachment; filename="${DEMO.livePhotoId}.jpg"`).replace(/%20/g, '+')}&response-content-type=image%2Fjpeg&`;
        for (const [url, name, responseParams] of [
          [body.signedUrls!.fileUrl, `${DEMO.livePhotoId}.jpg`, fileParams],
          [body.signedUrls!.thumbnailUrl, `${DEMO.livePhotoId}_t.jpg`, ''],
        ] as const) {
          const match = new RegExp(
            `^${escapeRegExp(`${acc.url}/oss/signed/${BIG_PROJECT}/${name}?${responseParams}`)}X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=(\\d{8}T\\d{6}Z)&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=[0-9a-f]{64}$`,
          ).exec(url);
          expect(match).not.toBeNull();
          const signedAt = Date.parse(match![1]!.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
          expect(signedAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
          expect(signedAt).toBeLessThanOrEqual(Date.now());
        }
        const thumbnail = await request(body.signedUrls!.thumbnailUrl);
        expect(thumbnail.statusCode).toBe(200);
        expect(thumbnail.headers['content-type']).toBe('image/svg+xml');
        expect(await thumbnail.body.text()).toContain('<svg');
        const file = await request(body.signedUrls!.fileUrl);
        expect(file.statusCode).toBe(200);
        expect(file.headers['content-type']).toBe('image/jpeg');
        expect(Number(file.headers['content-length'])).toBe(body.size);
        await file.body.dump({ limit: Infinity });
      },
    );

    it('leaves signed URLs out for other include values', async () => {
      const { body } = await client.getPhoto(BIG_PROJECT, DEMO.livePhotoId, '?include=thumbnails');
      expect(body).not.toHaveProperty('signedUrls');
    });

    it('refuses a signed URL once it has expired or when its signature fields are missing', async () => {
      const { body } = await client.getPhoto(BIG_PROJECT, DEMO.livePhotoId, '?include=signedUrls');
      const expired = new URL(body.signedUrls!.fileUrl);
      expired.searchParams.set('X-Amz-Date', '20250101T000000Z');
      expect((await client.get(`${expired.pathname}${expired.search}`, {})).status).toBe(403);
      expect((await client.get(new URL(body.signedUrls!.fileUrl).pathname, {})).status).toBe(403);
    });

    it('answers 410 for every deleted media and 404 for an unknown media or project', async () => {
      const gone = [...deleted(BIG_PROJECT), ...deleted(SMALL_PROJECT)];
      expect(gone.map((photo) => photo.id)).toContain(DEMO.deletedPhotoId);
      for (const photo of gone) expect((await client.getPhoto(photo.projectId, photo.id)).status).toBe(410);
      expect((await client.getPhoto(BIG_PROJECT, UNKNOWN_ID)).status).toBe(404);
      expect((await client.getPhoto(UNKNOWN_ID, DEMO.livePhotoId)).status).toBe(404);
    });

    it('decodes percent-encoded path segments', async () => {
      const photo = { ...live(SMALL_PROJECT)[0]!, projectId: 'site 7/b', id: 'odd id/with slash' };
      await withSimulator({ store: new AccPhotoStore([photo]) }, async (simulator) => {
        const answer = await clientOf(simulator).getPhoto(photo.projectId, photo.id);
        expect(answer.status).toBe(200);
        expect(answer.body.id).toBe(photo.id);
      });
    });
  });

  it.each<[Dispatcher.HttpMethod, string]>([
    ['GET', '/'],
    ['GET', `/construction/photos/v1/projects/${SMALL_PROJECT}/photos`],
    ['DELETE', `/construction/photos/v1/projects/${SMALL_PROJECT}/photos/${DEMO.livePhotoId}`],
    ['GET', `/construction/photos/v1/projects/${SMALL_PROJECT}/photos:filter`],
    ['POST', `/construction/photos/v1/projects/${SMALL_PROJECT}/photos:filter/more`],
    ['GET', `/construction/photos/v2/projects/${BIG_PROJECT}/photos/${DEMO.livePhotoId}`],
  ])('answers 404 with a JSON error to %s %s', async (method, path) => {
    const response = await request(`${acc.url}${path}`, { method, headers: AUTH });
    expect(response.statusCode).toBe(404);
    expect(((await response.body.json()) as { message: string }).message).toEqual(expect.any(String));
  });

  describe('POST photos:filter', () => {
    const filterCases: FilterCase[] = [
      [
        'id: any of the ids, unknown and deleted ones matching nothing',
        (photos) => {
          const wanted = [photos[3]!.id, photos[70]!.id, photos[150]!.id, DEMO.deletedPhotoId, UNKNOWN_ID];
          return { filter: { id: wanted }, keeps: (photo) => wanted.includes(photo.id) };
        },
      ],
      [
        'createdBy: any of the authors',
        (photos) => {
          const authors = [...new Set(photos.map((photo) => photo.createdBy!))].slice(0, 2);
          return { filter: { createdBy: authors }, keeps: (photo) => authors.includes(photo.createdBy!) };
        },
      ],
      ...ACC_MEDIA_TYPES.map((type): FilterCase => [
        `mediaType: ${type}`,
        () => ({ filter: { mediaType: [type] }, keeps: (photo) => photo.mediaType === type }),
      ]),
      [
        'mediaType: any of two',
        () => ({ filter: { mediaType: ['VIDEO', 'INFRARED'] }, keeps: (photo) => ['VIDEO', 'INFRARED'].includes(photo.mediaType) }),
      ],
      [
        'title: a substring, whatever its case',
        () => ({ filter: { title: 'DRY wall' }, keeps: (photo) => photo.title!.toLowerCase().includes('dry wall') }),
      ],
      [
        'createdAt: a closed range, both ends included',
        (photos) => {
          const [from, to] = [photos[20]!.createdAt!, photos[60]!.createdAt!];
          return { filter: { createdAt: `${from}.000Z..${to}.000Z` }, keeps: (photo) => photo.createdAt! >= from && photo.createdAt! <= to };
        },
      ],
      [
        'createdAt: open at the end',
        (photos) => {
          const from = photos[100]!.createdAt!;
          return { filter: { createdAt: `${from}.000Z..` }, keeps: (photo) => photo.createdAt! >= from };
        },
      ],
      [
        'createdAt: open at the start, in a zone two hours east of UTC',
        (photos) => {
          const to = photos[100]!.createdAt!;
          const local = new Date(utc(to) + 2 * 3600_000).toISOString().slice(0, 19);
          return { filter: { createdAt: `..${local}+02:00` }, keeps: (photo) => photo.createdAt! <= to };
        },
      ],
      [
        'createdAt: one instant, matching exactly (a tie)',
        (photos) => {
          const tie = photos.find((photo, index) => photos.some((other, at) => at !== index && other.createdAt === photo.createdAt))!.createdAt!;
          return { filter: { createdAt: `${tie}.000Z` }, keeps: (photo) => photo.createdAt === tie };
        },
      ],
      [
        'createdAt: whole days',
        () => ({
          filter: { createdAt: '2025-03-01..2025-04-01' },
          keeps: (photo) => photo.createdAt! >= '2025-03-01T00:00:00' && photo.createdAt! <= '2025-04-01T00:00:00',
        }),
      ],
      [
        'takenAt: a closed range, media without takenAt never matching',
        (photos) => {
          const times = photos.map((photo) => photo.takenAt).filter((time): time is string => !!time).sort();
          const [from, to] = [times[10]!, times[120]!];
          return { filter: { takenAt: `${from}.000Z..${to}.000Z` }, keeps: (photo) => !!photo.takenAt && photo.takenAt >= from && photo.takenAt <= to };
        },
      ],
      [
        'several fields at once, all of them holding',
        (photos) => {
          const author = photos[0]!.createdBy!;
          return {
            filter: { mediaType: ['NORMAL', 'PHOTOSPHERE'], title: 'level', createdBy: [author] },
            keeps: (photo) =>
              ['NORMAL', 'PHOTOSPHERE'].includes(photo.mediaType) && photo.title!.toLowerCase().includes('level') && photo.createdBy === author,
          };
        },
      ],
    ];

    it.each(filterCases)('filters by %s', async (_what, build) => {
      const photos = live(BIG_PROJECT);
      const { filter, keeps } = build(photos);
      const expected = ids(expectedOrder(photos.filter(keeps)));
      // The filter must select something, and not everything, for the check to mean anything.
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(photos.length);
      const { results } = await client.filterAll(BIG_PROJECT, { filter, limit: 50 });
      expect(ids(results)).toEqual(expected);
    });

    it.each(ALL_SORTS)('sorts by %s %s, ties by id the same way, media without the value last', async (field, direction) => {
      const photos = live(BIG_PROJECT);
      const limit = 7;
      // Ties, and page boundaries inside the tail of media without takenAt, must exist.
      expect(hasDuplicates(photos.filter((photo) => photo[field]).map((photo) => photo[field]))).toBe(true);
      expect(photos.filter((photo) => !photo.takenAt).length).toBeGreaterThan(limit);
      const { results } = await client.filterAll(BIG_PROJECT, { sort: [field, direction], limit });
      expect(ids(results)).toEqual(ids(expectedOrder(photos, [field, direction])));
    });

    it.each(DEMO.projectIds)(
      'walks every live media of %s exactly once, 25 a page by default, nextPost on every page but the last',
      async (projectId) => {
        const { pages, results } = await client.filterAll(projectId, {});
        const expected = ids(expectedOrder(live(projectId)));
        expect(ids(results)).toEqual(expected);
        expect(pages).toHaveLength(Math.ceil(expected.length / 25));
        pages.forEach((page, index) => {
          const isLast = index === pages.length - 1;
          expect(page.pagination!.limit).toBe(25);
          expect(page.results).toHaveLength(isLast ? expected.length - 25 * index : 25);
          if (isLast) {
            expect(page.pagination).not.toHaveProperty('nextPost');
          } else {
            expect(page.pagination!.nextPost).toEqual({
              url: `${acc.url}${client.filterPath(projectId)}`,
              body: { cursorState: expect.stringMatching(/^[\w-]+$/) },
            });
          }
        });
      },
    );

    it.each([
      [10, [10, 10]],
      [20, [20]],
      [19, [19, 1]],
      [50, [20]],
    ])('with limit %i over 20 media, answers pages of %j and no nextPost after the last', async (limit, sizes) => {
      const twenty = ids(expectedOrder(live(BIG_PROJECT))).filter((_, index) => index % 11 === 0).slice(0, 20);
      expect(twenty).toHaveLength(20);
      const { pages, results } = await client.filterAll(BIG_PROJECT, { filter: { id: twenty }, limit });
      expect(pages.map((page) => page.results.length)).toEqual(sizes);
      expect(pages.map((page) => page.pagination!.nextPost !== undefined)).toEqual(sizes.map((_, index) => index < sizes.length - 1));
      expect(ids(results)).toEqual(twenty);
    });

    it('answers no results for an unknown project', async () => {
      expect(await client.filter(UNKNOWN_ID, {})).toEqual({ status: 200, body: { pagination: { limit: 25 }, results: [] } });
    });

    it('never answers a deleted media', async () => {
      for (const projectId of DEMO.projectIds) {
        const gone = ids(deleted(projectId));
        expect(gone.length).toBeGreaterThan(0);
        const { results } = await client.filterAll(projectId, { limit: 50 });
        expect(ids(results).filter((id) => gone.includes(id))).toEqual([]);
        expect(results.every((photo) => !photo.deletedAt && !photo.deletedBy)).toBe(true);
        expect((await client.filter(projectId, { filter: { id: gone } })).body.results).toEqual([]);
      }
    });

    it('answers media as GET does, with signed URLs only when included, times as ACC writes them', async () => {
      const stored = new Map(live(SMALL_PROJECT).map((photo) => [photo.id, photo]));
      const plain = await client.filter(SMALL_PROJECT, { limit: 50 });
      const signed = await client.filter(SMALL_PROJECT, { limit: 50, include: ['signedUrls'] });
      for (const photo of plain.body.results) {
        expect(photo).toEqual({ ...stored.get(photo.id), urls: apiUrls(photo.id) });
        for (const field of TIMESTAMP_FIELDS) if (photo[field] !== undefined) expect(photo[field]).toMatch(ACC_TIME);
      }
      expect(signed.body.results.every((photo) => photo.signedUrls?.fileUrl.startsWith(`${acc.url}/oss/signed/${photo.projectId}/${photo.id}.`))).toBe(true);
    });

    it.each([
      ['limit 0', { limit: 0 }],
      ['limit 51', { limit: 51 }],
      ['limit 2.5', { limit: 2.5 }],
      ['limit -1', { limit: -1 }],
      ['limit as text', { limit: '10' }],
      ['an unknown sort field', { sort: ['title', 'asc'] }],
      ['an unknown sort direction', { sort: ['createdAt', 'up'] }],
      ['a sort without direction', { sort: ['createdAt'] }],
      ['an unknown media type', { filter: { mediaType: ['SKETCH'] } }],
      ['a single id instead of a list', { filter: { id: DEMO.livePhotoId } }],
      ['a title that is not text', { filter: { title: 7 } }],
      ['a filter that is a list', { filter: [] }],
      ['include that is not a list', { include: 'signedUrls' }],
      ['createdAt that is no date', { filter: { createdAt: 'yesterday..' } }],
      ['createdAt with an impossible month', { filter: { createdAt: '2025-13-01T00:00:00.000Z' } }],
      ['createdAt with no bound', { filter: { createdAt: '..' } }],
      ['createdAt with three parts', { filter: { createdAt: '2025-01-01..2025-02-01..2025-03-01' } }],
      ['takenAt that is a number', { filter: { takenAt: 20250101 } }],
      ['a body that is a list', []],
      ['a body that is text', '"limit"'],
      ['malformed JSON', '{"limit": 10'],
    ])('answers 400 with a JSON error to %s', async (_what, body) => {
      const answer = await client.filter(BIG_PROJECT, body);
      expect(answer.status).toBe(400);
      expect(answer.body.message).toEqual(expect.any(String));
    });

    it.each([['text/plain'], [null]])('answers 400 to Content-Type %s', async (contentType) => {
      const headers: Record<string, string> = contentType ? { ...AUTH, 'content-type': contentType } : AUTH;
      expect((await client.filter(BIG_PROJECT, {}, headers)).status).toBe(400);
    });

    it('answers 413 to a body over 1 MB', async () => {
      expect((await client.filter(BIG_PROJECT, { filter: { title: 'x'.repeat(1024 * 1024) } })).status).toBe(413);
    });

    it('takes limits 1 and 50', async () => {
      for (const limit of [1, 50]) {
        const { body } = await client.filter(BIG_PROJECT, { limit });
        expect(body.results).toHaveLength(limit);
        expect(body.pagination!.limit).toBe(limit);
      }
    });

    it('follows the query of the cursorState and ignores every other field sent with it', async () => {
      const sort: AccSort = ['takenAt', 'desc'];
      const videos = ids(expectedOrder(live(BIG_PROJECT).filter((photo) => photo.mediaType === 'VIDEO'), sort));
      expect(videos.length).toBeGreaterThan(20);
      const first = await client.filter(BIG_PROJECT, { limit: 10, filter: { mediaType: ['VIDEO'] }, sort });
      const second = await client.filter(BIG_PROJECT, {
        ...first.body.pagination!.nextPost!.body,
        limit: 50,
        filter: { mediaType: ['NORMAL'] },
        sort: ['createdAt', 'asc'],
        include: ['signedUrls'],
      });
      expect(ids(first.body.results)).toEqual(videos.slice(0, 10));
      expect(ids(second.body.results)).toEqual(videos.slice(10, 20));
      expect(second.body.pagination!.limit).toBe(10);
      expect(second.body.results.some((photo) => photo.signedUrls)).toBe(false);
    });

    it('keeps include=signedUrls in the cursorState', async () => {
      const first = await client.filter(SMALL_PROJECT, { limit: 5, include: ['signedUrls'] });
      const second = await client.filter(SMALL_PROJECT, first.body.pagination!.nextPost!.body);
      expect(second.body.results).toHaveLength(5);
      expect(second.body.results.every((photo) => photo.signedUrls)).toBe(true);
    });

    it('answers 400 to a cursorState it did not issue', async () => {
      const issued = (await client.filter(SMALL_PROJECT, { limit: 5 })).body.pagination!.nextPost!.body!.cursorState!;
      const vendorExample = Buffer.from('{"limit":25, "title": "wall"}').toString('base64url');
      for (const cursorState of ['garbled', '', issued.slice(0, -6), `${issued}!!`, vendorExample, 42, null]) {
        const answer = await client.filter(SMALL_PROJECT, { cursorState });
        expect([cursorState, answer.status]).toEqual([cursorState, 400]);
      }
    });
  });

  describe('cursorState is a keyset position, not an offset', () => {
    it.each(ALL_SORTS)(
      'continues right after the last media of a page sorted by %s %s, whatever was added or deleted meanwhile',
      async (field, direction) => {
        await withSimulator({ store: new AccPhotoStore(seedDemoPhotos()) }, async (simulator) => {
          const { filter } = clientOf(simulator);
          const sort: AccSort = [field, direction];
          const first = await filter(SMALL_PROJECT, { limit: 5, sort });
          const last = first.body.results.at(-1)!;
          const template = first.body.results[0]!;
          // One that sorts before the whole first page, and one right after its last media: same
          // time, and an id just past the last one's in the sort direction.
          const before = { ...template, id: 'added-before', [field]: direction === 'asc' ? '2001-01-01T00:00:00' : '2099-01-01T00:00:00' };
          const rightAfter = { ...template, id: direction === 'asc' ? `${last.id}0` : last.id.slice(0, -1), [field]: last[field] };
          simulator.store.add(before);
          simulator.store.add(rightAfter);
          const stillLive = (photo: AccPhoto) => !photo.deletedAt;
          const originalNext = expectedOrder(simulator.store.list(SMALL_PROJECT).filter(stillLive), sort).map((photo) => photo.id);
          const removed = originalNext[originalNext.indexOf(rightAfter.id) + 1]!;
          simulator.store.remove(SMALL_PROJECT, removed, 'PER8KQPK2JRT');

          const second = await filter(SMALL_PROJECT, first.body.pagination!.nextPost!.body);
          const order = ids(expectedOrder(simulator.store.list(SMALL_PROJECT).filter(stillLive), sort));
          const resumeAt = order.indexOf(last.id) + 1;
          expect(order[resumeAt]).toBe(rightAfter.id);
          expect(ids(second.body.results)).toEqual(order.slice(resumeAt, resumeAt + 5));
          expect(ids(second.body.results)).not.toContain(removed);
          expect(ids(second.body.results).filter((id) => ids(first.body.results).includes(id))).toEqual([]);
        });
      },
    );

    it('answers 410 and leaves a media out of every filter once it is deleted', async () => {
      await withSimulator({ store: new AccPhotoStore(seedDemoPhotos()) }, async (simulator) => {
        const { getPhoto, filter } = clientOf(simulator);
        simulator.store.remove(BIG_PROJECT, DEMO.livePhotoId, 'PER8KQPK2JRT');
        expect((await getPhoto(BIG_PROJECT, DEMO.livePhotoId)).status).toBe(410);
        expect((await filter(BIG_PROJECT, { filter: { id: [DEMO.livePhotoId] } })).body.results).toEqual([]);
        const stored = simulator.store.list(BIG_PROJECT).find((photo) => photo.id === DEMO.livePhotoId)!;
        expect(stored).toMatchObject({ deletedAt: expect.stringMatching(ACC_TIME), deletedBy: 'PER8KQPK2JRT' });
      });
    });
  });

  it('answers times added in any ISO 8601 form the way ACC writes them', async () => {
    const template = live(SMALL_PROJECT)[0]!;
    const store = new AccPhotoStore([{ ...template, createdAt: '2025-06-01T12:00:00.789+02:00', takenAt: '2025-06-01' }]);
    await withSimulator({ store }, async (simulator) => {
      const { body } = await clientOf(simulator).getPhoto(template.projectId, template.id);
      expect(body).toMatchObject({ createdAt: '2025-06-01T10:00:00', takenAt: '2025-06-01T00:00:00' });
    });
  });

  it('logs every request without its Authorization', async () => {
    const from = acc.requests.length;
    await client.getPhoto(BIG_PROJECT, DEMO.livePhotoId, '?include=signedUrls');
    await client.filter(SMALL_PROJECT, { limit: 3 });
    await client.getPhoto(BIG_PROJECT, UNKNOWN_ID, '', { authorization: 'Bearer secret-value' });
    expect(acc.requests.slice(from)).toEqual([
      { method: 'GET', path: `/construction/photos/v1/projects/${BIG_PROJECT}/photos/${DEMO.livePhotoId}`, query: { include: 'signedUrls' }, status: 200, inFlight: 0 },
      { method: 'POST', path: client.filterPath(SMALL_PROJECT), query: {}, body: { limit: 3 }, status: 200, inFlight: 0 },
      { method: 'GET', path: `/construction/photos/v1/projects/${BIG_PROJECT}/photos/${UNKNOWN_ID}`, query: {}, status: 403, inFlight: 0 },
    ]);
    expect(JSON.stringify(acc.requests)).not.toMatch(new RegExp(`${DEMO.token}|secret-value`));
  });

  it('waits latencyMs before answering', async () => {
    await withSimulator({ latencyMs: 150 }, async (simulator) => {
      const started = performance.now();
      expect((await clientOf(simulator).getPhoto(BIG_PROJECT, DEMO.livePhotoId)).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    });
  });

  it('answers 400 to a request target that is not a path, and keeps serving', async () => {
    const { hostname, port } = new URL(acc.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), hostname, () => socket.end('GET http://[bad HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
      let received = '';
      socket.on('data', (chunk) => (received += String(chunk)));
      socket.on('end', () => resolve(received));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect((await client.getPhoto(BIG_PROJECT, DEMO.livePhotoId)).status).toBe(200);
  });

  it('closes at once, cutting a request still in progress', async () => {
    const simulator = await startAccSimulator({ latencyMs: 1000 });
    const pending = clientOf(simulator).getPhoto(BIG_PROJECT, DEMO.livePhotoId);
    while (simulator.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = performance.now();
    await simulator.close();
    expect(performance.now() - started).toBeLessThan(500);
    await expect(pending).rejects.toThrow();
    await expect(request(simulator.url)).rejects.toThrow();
  });
});

describe('ACC photos simulator: answer forms the doc allows (forms)', () => {
  /** Every page of a walk, following the cursorState of each nextPost that carries one. */
  async function pagesOf(simulator: AccSimulator, projectId: string, body: unknown) {
    const pages: FilterAnswer[] = [];
    let next: unknown = body;
    while (next) {
      const page = await clientOf(simulator).filter(projectId, next);
      expect(page.status).toBe(200);
      pages.push(page.body);
      const cursorState = page.body.pagination?.nextPost?.body?.cursorState;
      next = cursorState ? { cursorState } : undefined;
      expect(pages.length).toBeLessThan(500);
    }
    return pages;
  }

  it('lists deleted media too with listDeleted, as they are stored, in the same order, and still answers 410 for them', async () => {
    await withSimulator({ forms: { listDeleted: true } }, async (simulator) => {
      const all = simulator.store.list(SMALL_PROJECT);
      const gone = all.filter((photo) => photo.deletedAt);
      expect(gone.length).toBeGreaterThan(0);
      const results = (await pagesOf(simulator, SMALL_PROJECT, { limit: 7 })).flatMap((page) => page.results);
      expect(ids(results)).toEqual(ids(expectedOrder(all)));
      for (const photo of gone) {
        expect(results.find((result) => result.id === photo.id)).toMatchObject({ deletedAt: photo.deletedAt, deletedBy: photo.deletedBy });
        expect((await clientOf(simulator).getPhoto(SMALL_PROJECT, photo.id)).status).toBe(410);
      }
    });
  });

  it.each([
    ['nextPostWithoutBody', (url: string) => ({ url })],
    ['nextPostWithoutCursorState', (url: string) => ({ url, body: {} })],
    ['nullCursorState', (url: string) => ({ url, body: { cursorState: null } })],
    ['emptyCursorState', (url: string) => ({ url, body: { cursorState: '' } })],
  ] as const)('ends the list with %s: the last page has a nextPost without a cursorState value', async (lastPage, nextPost) => {
    await withSimulator({ forms: { lastPage } }, async (simulator) => {
      const pages = await pagesOf(simulator, SMALL_PROJECT, { limit: 20 });
      const expected = ids(expectedOrder(simulator.store.query(SMALL_PROJECT, {})));
      expect(ids(pages.flatMap((page) => page.results))).toEqual(expected);
      expect(pages).toHaveLength(Math.ceil(expected.length / 20));
      expect(pages.at(-1)!.pagination!.nextPost).toEqual(nextPost(`${simulator.url}${clientOf(simulator).filterPath(SMALL_PROJECT)}`));
      expect(pages.slice(0, -1).every((page) => page.pagination!.nextPost!.body!.cursorState)).toBe(true);
    });
  });

  it.each([
    [10, [10, 10, 0]],
    [19, [19, 1]],
  ])('with nextPostOnFullLastPage and limit %i over 20 media, answers pages of %j: only a short page ends the list', async (limit, sizes) => {
    await withSimulator({ forms: { nextPostOnFullLastPage: true } }, async (simulator) => {
      const twenty = ids(expectedOrder(simulator.store.query(BIG_PROJECT, {}))).slice(0, 20);
      const pages = await pagesOf(simulator, BIG_PROJECT, { filter: { id: twenty }, limit });
      expect(pages.map((page) => page.results.length)).toEqual(sizes);
      expect(pages.at(-1)!.pagination).not.toHaveProperty('nextPost');
      expect(ids(pages.flatMap((page) => page.results))).toEqual(twenty);
    });
  });

  it("writes every time with an explicit UTC zone with times: 'utc', the same instants as the zone-less default", async () => {
    await withSimulator({ forms: { times: 'utc' } }, async (simulator) => {
      const stored = simulator.store.list(SMALL_PROJECT).find((photo) => !photo.deletedAt && photo.takenAt)!;
      const answers = [
        (await clientOf(simulator).getPhoto(SMALL_PROJECT, stored.id)).body,
        (await clientOf(simulator).filter(SMALL_PROJECT, { filter: { id: [stored.id] } })).body.results[0]!,
      ];
      for (const answer of answers) {
        for (const field of TIMESTAMP_FIELDS) {
          expect(answer[field]).toBe(stored[field] ? `${stored[field]}.000Z` : undefined);
        }
      }
    });
  });
});
