import { DEMO } from '../src/simulators/acc/seed';
import { startStack } from './helpers/stack';
import type { TestStack } from './helpers/stack';

const [BIG_PROJECT, OTHER_PROJECT] = DEMO.projectIds;
const globalId = (projectId: string, photoId: string) => Buffer.from(JSON.stringify(['Photo', projectId, photoId])).toString('base64url');

describe('photo lookups are batched into photos:filter calls', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  const liveIds = (projectId: string) => stack.acc.store.query(projectId, {}).map((photo) => photo.id);
  const filterCalls = (requests: TestStack['acc']['requests']) => requests.filter((r) => r.path.endsWith('photos:filter'));

  it('turns 100 distinct lookups through nodes(ids) into exactly 2 ACC calls of 50 ids', async () => {
    const ids = liveIds(BIG_PROJECT).slice(0, 100);
    stack.takeAccRequests();
    const { body } = await stack.graphql<{ nodes: Array<{ photoId: string }> }>(
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Photo { photoId } } }`,
      { ids: ids.map((id) => globalId(BIG_PROJECT, id)) },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.nodes.map((node) => node.photoId)).toEqual(ids);
    const calls = stack.takeAccRequests();
    expect(calls).toHaveLength(2);
    expect(calls.map((call) => (call.body as { filter: { id: string[] } }).filter.id.length)).toEqual([50, 50]);
    expect(body.extensions?.upstreamCalls).toEqual({ acc: 2, total: 2 });
  });

  it('dedupes aliases and repeated ids, and groups by project; a lone id is one GET', async () => {
    const [a, b] = liveIds(BIG_PROJECT);
    const [c] = liveIds(OTHER_PROJECT);
    stack.takeAccRequests();
    const { body } = await stack.graphql(
      `query($p: ID!, $q: ID!, $a: ID!, $b: ID!, $c: ID!, $ids: [ID!]!) {
         one: photo(projectId: $p, id: $a) { ... on Photo { photoId } }
         two: photo(projectId: $p, id: $a) { ... on Photo { photoId } }
         three: photo(projectId: $p, id: $b) { ... on Photo { photoId project { id } } }
         other: photo(projectId: $q, id: $c) { ... on Photo { photoId } }
         nodes(ids: $ids) { id }
       }`,
      { p: BIG_PROJECT, q: OTHER_PROJECT, a, b, c, ids: [globalId(BIG_PROJECT, a!), globalId(OTHER_PROJECT, c!)] },
    );
    expect(body.errors).toBeUndefined();
    const calls = stack.takeAccRequests();
    expect(calls).toHaveLength(2);
    const [filter] = filterCalls(calls);
    expect(filter!.path.split('/')[5]).toBe(BIG_PROJECT);
    expect([...(filter!.body as { filter: { id: string[] } }).filter.id].sort()).toEqual([a, b].sort());
    const get = calls.find((call) => call.method === 'GET');
    expect(get!.path).toBe(`/construction/photos/v1/projects/${OTHER_PROJECT}/photos/${c}`);
  });

  it('asks ACC one by one only for ids its filter left out, to tell deleted from missing', async () => {
    const ids = [...liveIds(BIG_PROJECT).slice(0, 10), DEMO.deletedPhotoId, '00000000-0000-4000-8000-000000000000'];
    stack.takeAccRequests();
    const { body } = await stack.graphql<{ nodes: Array<{ __typename: string } | null> }>(
      `query($ids: [ID!]!) { nodes(ids: $ids) { __typename } }`,
      { ids: ids.map((id) => globalId(BIG_PROJECT, id)) },
    );
    const calls = stack.takeAccRequests();
    expect(filterCalls(calls)).toHaveLength(1);
    expect(calls.filter((call) => call.method === 'GET').map((call) => call.path.split('/').at(-1))).toEqual(ids.slice(10));
    expect(body.data!.nodes.map((node) => node?.__typename ?? null)).toEqual([...Array(10).fill('Photo'), 'DeletedPhoto', null]);
    expect(body.errors).toEqual([expect.objectContaining({ path: ['nodes', 11], extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })]);
  });
});
