/**
 * What ACC's docs allow it to answer, switched on in the simulator (AccSimulatorOptions.forms)
 * and read through the real gateway: the forms an ACC written from the doc alone may use.
 */
import { DEMO, seedDemoPhotos } from '../src/simulators/acc/seed';
import type { AccAnswerForms, AccLastPageForm, AccTimeForm } from '../src/simulators/acc/forms';
import { AccPhotoStore } from '../src/simulators/acc/store';
import type { AccPhotoFilter } from '../src/upstream/acc/model';
import { toGlobalId } from '../src/graphql/relay/globalId';
import { startGatewayProcess } from './helpers/gatewayProcess';
import type { GatewayProcess } from './helpers/gatewayProcess';
import { photoPages } from './helpers/photoPages';
import { bearer, postGraphQL, startStack } from './helpers/stack';
import type { TestStack } from './helpers/stack';

const [BIG_PROJECT, , SMALL_PROJECT] = DEMO.projectIds;
const ACC_PAGE = 25;

/** A gateway over an ACC simulator that answers in `forms`, for the tests of one describe block. */
function stackAnswering(forms: AccAnswerForms, store?: () => AccPhotoStore): () => TestStack {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ acc: { forms, store: store?.() } });
  });
  afterAll(() => stack.close());
  return () => stack;
}

/** Photos by id through `nodes(ids)`, one operation: what a normalized client cache refetches. */
async function lookUp(stack: TestStack, projectId: string, photoIds: string[]) {
  const { body } = await stack.graphql<{ nodes: Array<{ __typename: string; photoId: string }> }>(
    `query($ids: [ID!]!) { nodes(ids: $ids) { __typename ... on Photo { photoId } ... on DeletedPhoto { photoId } } }`,
    { ids: photoIds.map((photoId) => toGlobalId('Photo', projectId, photoId)) },
  );
  return body;
}

const idsOf = (photos: Array<{ id: string }>) => photos.map((photo) => photo.id);

describe('deleted media in photos:filter results (forms.listDeleted)', () => {
  const stack = stackAnswering({ listDeleted: true });
  const { page, walk } = photoPages(stack);
  const live = (projectId: string, filter: AccPhotoFilter = {}) => idsOf(stack().acc.store.query(projectId, filter));
  /** Everything ACC lists, in its order, deleted media included. */
  const listed = (projectId: string) => stack().acc.store.query(projectId, {}, undefined, undefined, { withDeleted: true });

  it('has deleted media among those ACC lists in both projects walked here', () => {
    for (const projectId of [BIG_PROJECT!, SMALL_PROJECT!]) {
      expect(listed(projectId).filter((photo) => photo.deletedAt).length).toBeGreaterThan(2);
    }
  });

  it.each([
    [BIG_PROJECT!, [25]],
    [BIG_PROJECT!, [100]],
    [SMALL_PROJECT!, [7, 13, 50, 100, 1, 49]],
    [SMALL_PROJECT!, [1]],
  ])('lists the live photos of %s only, each once, in ACC order, every page but the last full, with pages of %j', async (projectId, sizes) => {
    const { ids, pages } = await walk({ p: projectId }, sizes);
    expect(ids).toEqual(live(projectId));
    pages.slice(0, -1).forEach((current, index) => expect(current.edges).toHaveLength(sizes[Math.min(index, sizes.length - 1)]!));
  });

  it('fills `first` from the next ACC page when deleted media took places in the first one', async () => {
    const order = listed(BIG_PROJECT!);
    expect(order.slice(0, ACC_PAGE).some((photo) => photo.deletedAt)).toBe(true);
    // Where the 25th live media sits among all ACC lists tells which ACC page it is on.
    const lastIndex = order.findIndex((photo) => photo.id === live(BIG_PROJECT!)[ACC_PAGE - 1]);
    stack().takeAccRequests();
    const current = await page({ p: BIG_PROJECT, first: ACC_PAGE });
    expect(current.edges.map((edge) => edge.node.photoId)).toEqual(live(BIG_PROJECT!).slice(0, ACC_PAGE));
    expect(stack().takeAccRequests()).toHaveLength(Math.floor(lastIndex / ACC_PAGE) + 1);
  });

  it('resumes right after each edge next to a deleted media, inside an ACC page and across its end', async () => {
    const order = listed(SMALL_PROJECT!);
    const liveIds = live(SMALL_PROJECT!);
    const { pages } = await walk({ p: SMALL_PROJECT }, [50]);
    const edges = pages.flatMap((current) => current.edges);
    const neighbours = edges.filter((edge) => {
      const at = order.findIndex((photo) => photo.id === edge.node.photoId);
      return order[at - 1]?.deletedAt || order[at + 1]?.deletedAt;
    });
    expect(neighbours.length).toBeGreaterThan(2);
    for (const edge of neighbours) {
      const resumed = await page({ p: SMALL_PROJECT, first: 3, after: edge.cursor });
      const at = liveIds.indexOf(edge.node.photoId);
      expect(resumed.edges.map((next) => next.node.photoId)).toEqual(liveIds.slice(at + 1, at + 4));
    }
  });

  it('answers an empty page to a filter that matches deleted media only', async () => {
    const gone = idsOf(listed(BIG_PROJECT!).filter((photo) => photo.deletedAt)).slice(0, 3);
    const current = await page({ p: BIG_PROJECT, filter: { photoIds: gone } });
    expect(current).toEqual({ edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } });
  });

  it('answers photos by id as tombstones when ACC lists them deleted, in one ACC call', async () => {
    const gone = idsOf(listed(BIG_PROJECT!).filter((photo) => photo.deletedAt)).slice(0, 3);
    const alive = live(BIG_PROJECT!).slice(0, 2);
    stack().takeAccRequests();
    const body = await lookUp(stack(), BIG_PROJECT!, [...alive, ...gone]);
    expect(body.errors).toBeUndefined();
    expect(body.data!.nodes).toEqual([
      ...alive.map((photoId) => ({ __typename: 'Photo', photoId })),
      ...gone.map((photoId) => ({ __typename: 'DeletedPhoto', photoId })),
    ]);
    // ACC's filter answered every id, so no GET had to tell deleted from missing.
    expect(stack().takeAccRequests().map((call) => call.method)).toEqual(['POST']);
  });
});

describe('deleted media at the end of what ACC lists (forms.listDeleted)', () => {
  // Five live media, then three deleted ones, in ACC's order.
  const photos = seedDemoPhotos()
    .filter((photo) => photo.projectId === SMALL_PROJECT && !photo.deletedAt)
    .slice(0, 8)
    .map((photo, index) => ({ ...photo, ...(index >= 5 ? { deletedAt: '2025-12-01T00:00:00', deletedBy: 'PER8KQPK2JRT' } : {}) }));
  const stack = stackAnswering({ listDeleted: true }, () => new AccPhotoStore(photos));
  const { page } = photoPages(stack);
  const liveIds = idsOf(photos.slice(0, 5));

  it('says hasNextPage false when the ACC pages it read hold no further live media', async () => {
    // ACC pages of 6: five live and one deleted, then two deleted.
    const current = await page({ p: SMALL_PROJECT, first: 6 });
    expect(current.edges.map((edge) => edge.node.photoId)).toEqual(liveIds);
    expect(current.pageInfo.hasNextPage).toBe(false);
  });

  it('says hasNextPage true where ACC says more follow, then ends with an empty page when they are all deleted', async () => {
    const current = await page({ p: SMALL_PROJECT, first: 5 });
    expect(current.edges.map((edge) => edge.node.photoId)).toEqual(liveIds);
    expect(current.pageInfo.hasNextPage).toBe(true);
    const rest = await page({ p: SMALL_PROJECT, first: 5, after: current.pageInfo.endCursor });
    expect(rest).toEqual({ edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null } });
  });
});

describe.each<AccLastPageForm>(['nextPostWithoutBody', 'nextPostWithoutCursorState', 'nullCursorState', 'emptyCursorState'])(
  'a last photos:filter page that says "no further pages" by a nextPost with no cursorState value (forms.lastPage %s)',
  (lastPage) => {
    const stack = stackAnswering({ lastPage });
    const { page, walk } = photoPages(stack);
    const live = (projectId: string, filter: AccPhotoFilter = {}) => idsOf(stack().acc.store.query(projectId, filter));

    it.each([
      [BIG_PROJECT!, [100]],
      [SMALL_PROJECT!, [7, 13, 50, 1, 49]],
    ])('walks the photos of %s to the end with pages of %j', async (projectId, sizes) => {
      const { ids, pages } = await walk({ p: projectId }, sizes);
      expect(ids).toEqual(live(projectId));
      expect(pages.at(-1)!.pageInfo.hasNextPage).toBe(false);
    });

    it('answers a filter that fits one ACC page, with one ACC call', async () => {
      stack().takeAccRequests();
      const current = await page({ p: BIG_PROJECT, first: 100, filter: { title: 'wall' } });
      expect(current.edges.map((edge) => edge.node.photoId)).toEqual(live(BIG_PROJECT!, { title: 'wall' }));
      expect(current.edges.length).toBeLessThan(50);
      expect(current.pageInfo.hasNextPage).toBe(false);
      expect(stack().takeAccRequests()).toHaveLength(1);
    });

    it('answers a batched lookup of several photos by id, with one ACC call', async () => {
      const wanted = live(SMALL_PROJECT!).slice(3, 7);
      stack().takeAccRequests();
      const body = await lookUp(stack(), SMALL_PROJECT!, wanted);
      expect(body.errors).toBeUndefined();
      expect(body.data!.nodes).toEqual(wanted.map((photoId) => ({ __typename: 'Photo', photoId })));
      expect(stack().takeAccRequests()).toHaveLength(1);
    });
  },
);

describe('a full last photos:filter page that still carries a nextPost (forms.nextPostOnFullLastPage)', () => {
  const stack = stackAnswering({ nextPostOnFullLastPage: true });
  const { page, walk } = photoPages(stack);
  const twenty = () => idsOf(stack().acc.store.query(BIG_PROJECT!, {})).slice(0, 20);

  it('ends with the empty page ACC sends after it, every photo once', async () => {
    const { ids, pages } = await walk({ p: BIG_PROJECT, filter: { photoIds: twenty() } }, [10]);
    expect(ids).toEqual(twenty());
    expect(pages.map((current) => [current.edges.length, current.pageInfo.hasNextPage])).toEqual([
      [10, true],
      [10, true],
      [0, false],
    ]);
  });

  it('answers a page that ends short of a full ACC page exactly', async () => {
    const current = await page({ p: BIG_PROJECT, first: 25, filter: { photoIds: twenty() } });
    expect(current.edges).toHaveLength(20);
    expect(current.pageInfo.hasNextPage).toBe(false);
  });

  it('answers a batched lookup of 50 photos by id with one ACC call', async () => {
    const wanted = idsOf(stack().acc.store.query(BIG_PROJECT!, {})).slice(0, 50);
    stack().takeAccRequests();
    const body = await lookUp(stack(), BIG_PROJECT!, wanted);
    expect(body.errors).toBeUndefined();
    expect(body.data!.nodes.map((node) => node.photoId)).toEqual(wanted);
    expect(stack().takeAccRequests()).toHaveLength(1);
  });
});

describe.each<AccTimeForm>(['zoneless', 'utc'])('ACC times written %s, read by a gateway whose own zone is not UTC', (times) => {
  // Zone-less times are UTC (the doc: "ISO8601 Date time format in UTC"), never the server's local time.
  const GATEWAY_ZONE = 'Asia/Kolkata';
  const stack = stackAnswering({ times });
  let gateway: GatewayProcess;
  beforeAll(async () => {
    gateway = await startGatewayProcess({ ...stack().env, LOG_LEVEL: 'info', TZ: GATEWAY_ZONE });
  });
  afterAll(() => gateway.stop());

  const ask = <TData>(query: string, variables: Record<string, unknown>) =>
    postGraphQL<TData>(gateway.url, { query, variables }, { ...bearer(stack().tokens.full), 'x-acc-token': DEMO.token });
  const stored = () => stack().acc.store.query(SMALL_PROJECT!, {}).find((photo) => photo.takenAt)!;
  const utc = (accTime: string | null | undefined) => (accTime ? new Date(`${accTime}Z`).toISOString() : null);

  it('answers every DateTime field as the UTC instant ACC meant', async () => {
    const photo = stored();
    const { status, body } = await ask<{ photo: Record<string, string | null> }>(
      `query($p: ID!, $id: ID!) { photo(projectId: $p, id: $id) { ... on Photo { takenAt userCreatedAt createdAt updatedAt } } }`,
      { p: SMALL_PROJECT, id: photo.id },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data!.photo).toEqual({
      takenAt: utc(photo.takenAt),
      userCreatedAt: utc(photo.userCreatedAt),
      createdAt: utc(photo.createdAt),
      updatedAt: utc(photo.updatedAt),
    });
  });

  it('finds a photo by a range that holds exactly its instant, as the gateway answered it', async () => {
    const photo = stored();
    const query = `query($p: ID!, $filter: PhotoFilter) { project(id: $p) { photos(first: 100, filter: $filter) { nodes { photoId createdAt takenAt } } } }`;
    type Nodes = { project: { photos: { nodes: Array<{ photoId: string; createdAt: string; takenAt: string }> } } };
    const instants = { createdAt: utc(photo.createdAt)!, takenAt: utc(photo.takenAt)! };
    stack().takeAccRequests();
    for (const [field, at] of Object.entries(instants)) {
      const { body } = await ask<Nodes>(query, { p: SMALL_PROJECT, filter: { [field]: { from: at, to: at } } });
      expect(body.errors).toBeUndefined();
      const nodes = body.data!.project.photos.nodes;
      expect(nodes.map((node) => node.photoId)).toContain(photo.id);
      expect(nodes.every((node) => node[field as keyof typeof instants] === at)).toBe(true);
    }
    expect(stack().takeAccRequests().map((call) => (call.body as { filter: AccPhotoFilter }).filter)).toEqual([
      { createdAt: instants.createdAt },
      { takenAt: instants.takenAt },
    ]);
  });
});
