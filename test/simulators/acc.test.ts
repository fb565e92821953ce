import { request } from 'undici';
import { DEMO } from '../../src/simulators/acc/seed';
import { startAccSimulator } from '../../src/simulators/acc/server';
import type { AccSimulator } from '../../src/simulators/acc/server';
import type { AccFilterResponse, AccPhoto } from '../../src/upstream/acc/model';

const [PROJECT, , SMALL_PROJECT] = DEMO.projectIds;
const auth = { authorization: `Bearer ${DEMO.token}` };

describe('ACC photos simulator', () => {
  let acc: AccSimulator;
  beforeAll(async () => {
    acc = await startAccSimulator();
  });
  afterAll(() => acc.close());

  const photoUrl = (projectId: string, photoId: string, query = '') =>
    `${acc.url}/construction/photos/v1/projects/${projectId}/photos/${photoId}${query}`;
  const filterUrl = (projectId: string) => `${acc.url}/construction/photos/v1/projects/${projectId}/photos:filter`;

  async function filter(projectId: string, body: unknown, headers: Record<string, string> = auth) {
    const response = await request(filterUrl(projectId), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.statusCode, body: (await response.body.json()) as AccFilterResponse };
  }

  it.each([
    ['no Authorization', {}],
    ['an unknown token', { authorization: 'Bearer nope' }],
    ['another scheme', { authorization: `Basic ${DEMO.token}` }],
  ])('answers 403 to %s', async (_what, headers) => {
    const response = await request(photoUrl(PROJECT, DEMO.livePhotoId), { headers });
    await response.body.dump();
    expect(response.statusCode).toBe(403);
    expect((await filter(PROJECT, {}, headers)).status).toBe(403);
  });

  it('answers one media, with signed URLs only when included', async () => {
    const bare = await request(photoUrl(PROJECT, DEMO.livePhotoId), { headers: auth });
    const bareBody = (await bare.body.json()) as AccPhoto;
    expect(bare.statusCode).toBe(200);
    expect(bareBody.id).toBe(DEMO.livePhotoId);
    expect(bareBody.signedUrls).toBeUndefined();
    expect(bareBody.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    const signed = (await (await request(photoUrl(PROJECT, DEMO.livePhotoId, '?include=signedUrls'), { headers: auth })).body.json()) as AccPhoto;
    const image = await request(signed.signedUrls!.thumbnailUrl);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/svg+xml');
    await image.body.dump();
  });

  it('answers 410 for a deleted media and 404 for an unknown one', async () => {
    for (const [photoId, status] of [[DEMO.deletedPhotoId, 410], ['00000000-0000-4000-8000-000000000000', 404]] as const) {
      const response = await request(photoUrl(PROJECT, photoId), { headers: auth });
      await response.body.dump();
      expect(response.statusCode).toBe(status);
    }
  });

  it('pages 25 by default and walks every live media exactly once with cursorState', async () => {
    const first = await filter(PROJECT, {});
    expect(first.body.results).toHaveLength(25);
    const seen = [...first.body.results];
    let next = first.body.pagination?.nextPost;
    while (next) {
      expect(new URL(next.url).origin).toBe(acc.url);
      const page = await filter(PROJECT, next.body);
      seen.push(...page.body.results);
      next = page.body.pagination?.nextPost;
    }
    const live = acc.store.query(PROJECT, {});
    expect(seen.map((photo) => photo.id)).toEqual(live.map((photo) => photo.id));
    expect(seen.some((photo) => photo.deletedAt)).toBe(false);
  });

  it('sends no nextPost on a last page that is exactly full', async () => {
    const total = acc.store.query(SMALL_PROJECT, {}).length;
    const limit = Array.from({ length: 50 }, (_, i) => 50 - i).find((size) => total % size === 0 && total / size >= 2)!;
    let body: unknown = { limit };
    let pages = 0;
    for (;;) {
      const page = await filter(SMALL_PROJECT, body);
      pages += 1;
      expect(page.body.results).toHaveLength(limit);
      if (!page.body.pagination?.nextPost) break;
      body = page.body.pagination.nextPost.body;
    }
    expect(pages).toBe(total / limit);
  });

  it('ignores every other field when cursorState is sent', async () => {
    const first = await filter(PROJECT, { limit: 10, filter: { mediaType: ['VIDEO'] } });
    const next = await filter(PROJECT, { ...first.body.pagination!.nextPost!.body, limit: 50, filter: { mediaType: ['NORMAL'] } });
    expect(next.body.results).toHaveLength(10);
    expect(next.body.results.every((photo) => photo.mediaType === 'VIDEO')).toBe(true);
  });

  it.each([
    [{ limit: 0 }],
    [{ limit: 51 }],
    [{ limit: 2.5 }],
    [{ sort: ['title', 'asc'] }],
    [{ filter: { mediaType: ['SKETCH'] } }],
    [{ filter: { createdAt: 'yesterday..' } }],
    [{ cursorState: 'garbled' }],
    ['{not json'],
  ])('answers 400 to %j', async (body) => {
    expect((await filter(PROJECT, body)).status).toBe(400);
  });

  it('filters by each field and sorts both ways, ties broken by id', async () => {
    const all = acc.store.query(PROJECT, {});
    const video = await filter(PROJECT, { limit: 50, filter: { mediaType: ['VIDEO'] } });
    expect(video.body.results.length).toBeGreaterThan(0);
    expect(video.body.results.every((photo) => photo.mediaType === 'VIDEO')).toBe(true);

    const author = all[0]!.createdBy!;
    const byAuthor = await filter(PROJECT, { limit: 50, filter: { createdBy: [author] } });
    expect(byAuthor.body.results.every((photo) => photo.createdBy === author)).toBe(true);

    const title = await filter(PROJECT, { limit: 50, filter: { title: 'DRY WALL' } });
    expect(title.body.results.map((photo) => photo.id)).toContain(DEMO.livePhotoId);

    const pivot = all[40]!.createdAt!;
    const after = await filter(PROJECT, { limit: 50, filter: { createdAt: `${pivot}.000Z..` } });
    expect(after.body.results.every((photo) => photo.createdAt! >= pivot)).toBe(true);
    const exact = await filter(PROJECT, { limit: 50, filter: { createdAt: `${pivot}Z` } });
    expect(exact.body.results.map((photo) => photo.createdAt)).toEqual(all.filter((p) => p.createdAt === pivot).map(() => pivot));

    const desc = await filter(PROJECT, { limit: 50, sort: ['createdAt', 'desc'] });
    const ids = desc.body.results.map((photo) => photo.id);
    const expected = [...all].reverse().slice(0, 50).map((photo) => photo.id);
    expect(ids).toEqual(expected);
    // The seed puts several uploads in the same second, so the tie-break is exercised.
    expect(new Set(all.map((photo) => photo.createdAt)).size).toBeLessThan(all.length);
  });

  it('continues after the last item returned even when media are added before it', async () => {
    const first = await filter(SMALL_PROJECT, { limit: 5 });
    const template = first.body.results[0]!;
    acc.store.add({ ...template, id: '00000000-aaaa-4000-8000-000000000001', createdAt: '2000-01-01T00:00:00' });
    try {
      const second = await filter(SMALL_PROJECT, first.body.pagination!.nextPost!.body);
      const live = acc.store.query(SMALL_PROJECT, {}).map((photo) => photo.id);
      const fifth = live.indexOf(first.body.results[4]!.id);
      expect(second.body.results.map((photo) => photo.id)).toEqual(live.slice(fifth + 1, fifth + 6));
    } finally {
      acc.store.remove(SMALL_PROJECT, '00000000-aaaa-4000-8000-000000000001', 'TEST');
    }
  });
});
