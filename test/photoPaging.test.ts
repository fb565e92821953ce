import { DEMO } from '../src/simulators/acc/seed';
import type { AccSort } from '../src/simulators/acc/store';
import { startStack } from './helpers/stack';
import type { TestStack } from './helpers/stack';
import { PHOTOS_QUERY, photoPages } from './helpers/photoPages';

const [BIG_PROJECT, , SMALL_PROJECT] = DEMO.projectIds;

describe('Project.photos as a Relay connection over ACC cursorState pages', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  const { page, walk } = photoPages(() => stack);

  const liveIds = (projectId: string, filter = {}, sort?: AccSort) =>
    stack.acc.store.query(projectId, filter, sort).map((photo) => photo.id);

  it('walks every live photo exactly once, in ACC order, with pages of 100 filled from several ACC pages', async () => {
    const { ids, pages } = await walk({ p: BIG_PROJECT }, [100]);
    expect(ids).toEqual(liveIds(BIG_PROJECT));
    expect(pages.slice(0, -1).every((p) => p.edges.length === 100)).toBe(true);
    expect(pages.at(-1)!.pageInfo.hasNextPage).toBe(false);
  });

  it.each([
    ['odd sizes that cross ACC page boundaries', [7, 13, 50, 100, 1, 49]],
    ['a size that divides the total', [5]],
    ['single items', [1, 1, 1, 100]],
  ])('resumes exactly after each cursor with %s: no duplicate, no gap', async (_name, sizes) => {
    const { ids } = await walk({ p: SMALL_PROJECT }, sizes);
    expect(ids).toEqual(liveIds(SMALL_PROJECT));
  });

  it('says hasNextPage exactly: false on a page that ends on the last photo', async () => {
    const total = liveIds(SMALL_PROJECT).length;
    const all = await page({ p: SMALL_PROJECT, first: total });
    expect(all.edges).toHaveLength(total);
    expect(all.pageInfo.hasNextPage).toBe(false);
    const allButOne = await page({ p: SMALL_PROJECT, first: total - 1 });
    expect(allButOne.pageInfo.hasNextPage).toBe(true);
    const rest = await page({ p: SMALL_PROJECT, first: 10, after: allButOne.pageInfo.endCursor });
    expect(rest.edges).toHaveLength(1);
    expect(rest.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const beyond = await page({ p: SMALL_PROJECT, first: 10, after: rest.pageInfo.endCursor });
    expect(beyond.edges).toHaveLength(0);
    expect(beyond.pageInfo).toMatchObject({ hasNextPage: false, startCursor: null, endCursor: null });
  });

  it('gives stable cursors: the same page twice has the same cursors, and each edge cursor resumes after its edge', async () => {
    const once = await page({ p: SMALL_PROJECT, first: 20 });
    const twice = await page({ p: SMALL_PROJECT, first: 20 });
    expect(twice.edges.map((e) => e.cursor)).toEqual(once.edges.map((e) => e.cursor));
    const resumed = await page({ p: SMALL_PROJECT, first: 3, after: once.edges[9]!.cursor });
    expect(resumed.edges.map((e) => e.node.photoId)).toEqual(once.edges.slice(10, 13).map((e) => e.node.photoId));
  });

  it('fills a page of 100 from exactly two ACC calls, and the next page starts on an ACC boundary', async () => {
    stack.takeAccRequests();
    const first = await page({ p: BIG_PROJECT, first: 100 });
    expect(stack.takeAccRequests()).toHaveLength(2);
    await page({ p: BIG_PROJECT, first: 100, after: first.pageInfo.endCursor });
    const calls = stack.takeAccRequests();
    expect(calls).toHaveLength(2);
    expect(calls.every((call) => Object.keys(call.body as object).join() === 'cursorState')).toBe(true);
  });

  it.each([
    ['photoIds', () => ({ photoIds: liveIds(BIG_PROJECT).slice(3, 9) }), { id: expect.any(Array) }],
    ['createdAt closed range', () => ({ createdAt: { from: '2025-03-01T00:00:00Z', to: '2025-06-30T23:59:59Z' } }), { createdAt: '2025-03-01T00:00:00.000Z..2025-06-30T23:59:59.000Z' }],
    ['createdAt open end', () => ({ createdAt: { from: '2025-09-01T00:00:00Z' } }), { createdAt: '2025-09-01T00:00:00.000Z..' }],
    ['takenAt open start', () => ({ takenAt: { to: '2025-04-01T00:00:00Z' } }), { takenAt: '..2025-04-01T00:00:00.000Z' }],
    ['createdBy', () => ({ createdBy: [firstCreator()] }), { createdBy: expect.any(Array) }],
    ['mediaTypes', () => ({ mediaTypes: ['VIDEO', 'PHOTOSPHERE'] }), { mediaType: ['VIDEO', 'PHOTOSPHERE'] }],
    ['title', () => ({ title: 'wall' }), { title: 'wall' }],
  ])('reaches ACC with the %s filter and returns what ACC selects', async (_name, filter, sentFilter) => {
    stack.takeAccRequests();
    const graphqlFilter = filter();
    const { ids } = await walk({ p: BIG_PROJECT, filter: graphqlFilter }, [100]);
    const sent = stack.takeAccRequests()[0]!.body as { filter: Record<string, unknown> };
    expect(sent.filter).toEqual(sentFilter);
    const expected = liveIds(BIG_PROJECT, sent.filter);
    expect(expected.length).toBeGreaterThan(0);
    expect(ids).toEqual(expected);
  });

  function firstCreator(): string {
    return stack.acc.store.query(BIG_PROJECT, {}).find((photo) => photo.createdBy)!.createdBy!;
  }

  it.each([
    [{ field: 'CREATED_AT', direction: 'DESC' }, ['createdAt', 'desc']],
    [{ field: 'TAKEN_AT', direction: 'ASC' }, ['takenAt', 'asc']],
    [{ field: 'TAKEN_AT', direction: 'DESC' }, ['takenAt', 'desc']],
  ])('sorts by %o through ACC', async (sort, accSort) => {
    const { ids } = await walk({ p: BIG_PROJECT, sort }, [100]);
    expect(ids).toEqual(liveIds(BIG_PROJECT, {}, accSort as AccSort));
  });

  it.each([
    [{ first: 0 }, 'first'],
    [{ first: 101 }, 'first'],
    [{ filter: { createdAt: {} } }, 'createdAt'],
    [{ filter: { takenAt: { from: '2025-05-01T00:00:00Z', to: '2025-04-01T00:00:00Z' } } }, 'takenAt'],
    [{ after: 'garbage!' }, 'cursor'],
  ])('refuses bad arguments %o with BAD_USER_INPUT and no ACC call', async (variables, mentions) => {
    stack.takeAccRequests();
    const { body } = await stack.graphql(PHOTOS_QUERY, { p: BIG_PROJECT, ...variables });
    expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(body.errors![0]!.message).toContain(mentions);
    expect(stack.takeAccRequests()).toHaveLength(0);
  });

  it('refuses a cursor taken from a different filter, sort or project', async () => {
    const sorted = await page({ p: BIG_PROJECT, first: 5, sort: { field: 'TAKEN_AT', direction: 'ASC' } });
    for (const variables of [
      { p: BIG_PROJECT },
      { p: SMALL_PROJECT, sort: { field: 'TAKEN_AT', direction: 'ASC' } },
      { p: BIG_PROJECT, sort: { field: 'TAKEN_AT', direction: 'ASC' }, filter: { title: 'wall' } },
    ]) {
      const { body } = await stack.graphql(PHOTOS_QUERY, { ...variables, first: 5, after: sorted.pageInfo.endCursor });
      expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    }
  });

  it('keeps its place when photos are added on both sides of the cursor between two pages', async () => {
    const sort = { field: 'CREATED_AT', direction: 'DESC' };
    const firstPage = await page({ p: SMALL_PROJECT, first: 10, sort });
    const originalRest = liveIds(SMALL_PROJECT, {}, ['createdAt', 'desc']).slice(10);
    const template = stack.acc.store.query(SMALL_PROJECT, {})[0]!;
    const newest = { ...template, id: '11111111-2222-4333-8444-555555555555', createdAt: '2026-06-01T00:00:00' };
    const oldest = { ...template, id: '11111111-2222-4333-8444-666666666666', createdAt: '2020-01-01T00:00:00' };
    stack.acc.store.add(newest);
    stack.acc.store.add(oldest);
    try {
      const { ids } = await walk({ p: SMALL_PROJECT, sort, after: firstPage.pageInfo.endCursor }, [10]);
      expect(ids).toEqual([...originalRest, oldest.id]);
    } finally {
      stack.acc.store.remove(SMALL_PROJECT, newest.id, 'TEST');
      stack.acc.store.remove(SMALL_PROJECT, oldest.id, 'TEST');
    }
  });
});
