import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, visit } from 'graphql';
import type { DocumentNode } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { DEMO } from '../src/simulators/acc/seed';
import { CONTENT_HUB_DEMO } from '../src/simulators/contentHub/seed';
import { bearer, postGraphQL, startStack } from './helpers/stack';
import type { TestStack } from './helpers/stack';

const [PROJECT] = DEMO.projectIds;
const MISSING_PHOTO = '00000000-0000-4000-8000-000000000000';
const ORDER = { orderId: 'ORD-1001', assignmentId: 'A1' };
const DOWNLOAD_ORDER = String(CONTENT_HUB_DEMO.firstOrderId);

/**
 * Another team's subgraph, as it would reference ours: it stores only our entities' keys and
 * lets the supergraph fetch the rest from mediagraph through `_entities`.
 */
const PINS_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.0", import: ["@key"])

  type Query {
    pins(projectId: ID!, photoIds: [ID!]!): [Pin!]!
    workItem: WorkItem!
  }
  type Pin {
    note: String!
    photo: Photo
  }
  type WorkItem {
    project: Project!
    assignment: Assignment!
    asset: Asset!
    downloadOrder: DownloadOrder!
  }
  type Photo @key(fields: "project { projectId } photoId", resolvable: false) {
    project: Project!
    photoId: ID!
  }
  type Project @key(fields: "projectId", resolvable: false) {
    projectId: ID!
  }
  type Order @key(fields: "orderId", resolvable: false) {
    orderId: ID!
  }
  type Assignment @key(fields: "order { orderId } assignmentId", resolvable: false) {
    order: Order!
    assignmentId: ID!
  }
  type Asset @key(fields: "key", resolvable: false) {
    key: ID!
  }
  type DownloadOrder @key(fields: "orderId", resolvable: false) {
    orderId: ID!
  }
`;

const pinsResolvers = {
  Query: {
    pins: (_root: unknown, { projectId, photoIds }: { projectId: string; photoIds: string[] }) =>
      photoIds.map((photoId) => ({ note: `pin on ${photoId}`, photo: { project: { projectId }, photoId } })),
    workItem: () => ({
      project: { projectId: PROJECT },
      assignment: { order: { orderId: ORDER.orderId }, assignmentId: ORDER.assignmentId },
      asset: { key: 'demo-public-logo' },
      downloadOrder: { orderId: DOWNLOAD_ORDER },
    }),
  },
};

/**
 * @apollo/gateway enforces no authorization, so it refuses a supergraph linking features `for:
 * SECURITY` (Apollo Router and Hive Gateway enforce them). Its supergraph here is composed
 * without mediagraph's @authenticated / @requiresScopes, which mediagraph enforces itself on the
 * token the gateway forwards; `supergraphSdl` is the full composition.
 */
const AUTHORIZATION_DIRECTIVES = new Set(['authenticated', 'requiresScopes']);
function withoutAuthorization(subgraphSdl: string): DocumentNode {
  return visit(parse(subgraphSdl), {
    Directive: (node) => (AUTHORIZATION_DIRECTIVES.has(node.name.value) ? null : undefined),
    DirectiveDefinition: (node) => (AUTHORIZATION_DIRECTIVES.has(node.name.value) ? null : undefined),
    // The @link import list's "@authenticated", "@requiresScopes".
    StringValue: (node) => (node.value.startsWith('@') && AUTHORIZATION_DIRECTIVES.has(node.value.slice(1)) ? null : undefined),
  });
}

interface Listening {
  url: string;
  stop(): Promise<void>;
}

/** What the federation gateway passes on to its subgraphs: the caller's credentials. */
interface CallerHeaders {
  authorization?: string;
  accToken?: string;
}

async function listen(server: ApolloServer<CallerHeaders>): Promise<Listening> {
  const { url } = await startStandaloneServer(server, {
    listen: { host: '127.0.0.1', port: 0 },
    context: async ({ req }) => ({ authorization: req.headers.authorization, accToken: req.headers['x-acc-token'] as string | undefined }),
  });
  return { url, stop: () => server.stop() };
}

describe('Apollo Federation 2 subgraph (GRAPHQL_FEDERATION=true)', () => {
  let stack: TestStack;
  let pins: Listening;
  let supergraph: Listening;
  let sdl: string;
  let supergraphSdl: string;

  /** A query through the real federation gateway, with the caller's access token and ACC token. */
  const viaGateway = <TData>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = bearer(stack.tokens.full)) =>
    postGraphQL<TData>(supergraph.url, { query, variables }, { ...headers, 'x-acc-token': DEMO.token });

  beforeAll(async () => {
    stack = await startStack({ env: { GRAPHQL_FEDERATION: 'true' } });
    sdl = (await stack.graphql<{ _service: { sdl: string } }>('{ _service { sdl } }')).body.data!._service.sdl;

    pins = await listen(new ApolloServer({ schema: buildSubgraphSchema({ typeDefs: parse(PINS_SDL), resolvers: pinsResolvers }) }));
    const compose = (mediagraph: DocumentNode) => {
      const composed = composeServices([
        { name: 'mediagraph', typeDefs: mediagraph, url: stack.url },
        { name: 'pins', typeDefs: parse(PINS_SDL), url: pins.url },
      ]);
      if (composed.errors) throw new Error(`composition failed: ${composed.errors.map((error) => error.message).join('; ')}`);
      return composed.supergraphSdl;
    };
    supergraphSdl = compose(parse(sdl));

    const gateway = new ApolloGateway({
      supergraphSdl: compose(withoutAuthorization(sdl)),
      // The router's job in production: pass the caller's access token and ACC token on to
      // mediagraph, which checks the token again.
      buildService: ({ url }) =>
        new RemoteGraphQLDataSource<CallerHeaders>({
          url,
          willSendRequest({ request, context }) {
            if (context.authorization) request.http?.headers.set('authorization', context.authorization);
            if (context.accToken) request.http?.headers.set('x-acc-token', context.accToken);
          },
        }),
    });
    supergraph = await listen(new ApolloServer({ gateway }));
  });
  afterAll(async () => {
    await supergraph?.stop();
    await pins?.stop();
    await stack?.close();
  });

  const liveIds = () => stack.acc.store.query(PROJECT!, {}).map((photo) => photo.id);

  it('answers _service { sdl } with the keys, the federation link and no subscriptions', () => {
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.9"');
    for (const key of ['projectId', 'project { projectId } photoId', 'orderId', 'order { orderId } assignmentId', 'key']) {
      expect(sdl).toContain(`@key(fields: "${key}")`);
    }
    expect(sdl).not.toMatch(/type Subscription|downloadOrderWatch\(/);
  });

  it("carries the cost directives into the supergraph, so a router's demand control counts the same weights", () => {
    expect(supergraphSdl).toContain('@link(url: "https://specs.apollo.dev/cost/v0.1"');
    // The supergraph adds @join__field to fields of types both subgraphs define.
    for (const schema of [sdl, supergraphSdl]) {
      expect(schema).toMatch(/\): PhotoConnection!( @join__field\(\w+: \w+\))? @cost\(weight: 20\) @listSize\(slicingArguments: \["first"\], sizedFields: \["edges", "nodes"\]\)/);
      expect(schema).toMatch(/ids: \[ID!\]! (@maxItems\(count: 100\) )?@cost\(weight: 10\)\s*\): \[Node\]!( @join__field\(\w+: \w+\))? @listSize\(assumedSize: 100\)/);
    }
  });

  it('fetches 100 photos referenced by another subgraph through _entities in 2 ACC calls', async () => {
    const ids = liveIds().slice(0, 100);
    stack.takeAccRequests();
    const { body } = await viaGateway<{ pins: Array<{ note: string; photo: { photoId: string; title: string; project: { projectId: string } } }> }>(
      `query($projectId: ID!, $photoIds: [ID!]!) {
         pins(projectId: $projectId, photoIds: $photoIds) { note photo { photoId title project { projectId } } }
       }`,
      { projectId: PROJECT, photoIds: ids },
    );
    expect(body.errors).toBeUndefined();
    const titles = new Map(stack.acc.store.query(PROJECT!, {}).map((photo) => [photo.id, photo.title]));
    expect(body.data!.pins.map(({ photo }) => [photo.photoId, photo.title, photo.project.projectId])).toEqual(
      ids.map((id) => [id, titles.get(id), PROJECT]),
    );
    const calls = stack.takeAccRequests();
    expect(calls.map((call) => [call.method, call.path.split('/').at(-1)])).toEqual([
      ['POST', 'photos:filter'],
      ['POST', 'photos:filter'],
    ]);
    expect(calls.map((call) => (call.body as { filter: { id: string[] } }).filter.id.length)).toEqual([50, 50]);
  });

  it('answers a missing photo reference with null and NOT_FOUND, the others still resolved', async () => {
    const [live] = liveIds();
    const { body } = await viaGateway<{ pins: Array<{ photo: { title: string } | null }> }>(
      `query($projectId: ID!, $photoIds: [ID!]!) { pins(projectId: $projectId, photoIds: $photoIds) { photo { title } } }`,
      { projectId: PROJECT, photoIds: [live, MISSING_PHOTO] },
    );
    expect(body.data!.pins.map((pin) => pin.photo?.title ?? null)).toEqual([expect.any(String), null]);
    expect(body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })]);
  });

  it('checks the caller the gateway forwards: one without a token reads no photo, and costs no ACC call', async () => {
    const [live] = liveIds();
    stack.takeAccRequests();
    const { body } = await viaGateway<{ pins: Array<{ note: string; photo: { title: string } | null }> }>(
      `query($projectId: ID!, $photoIds: [ID!]!) { pins(projectId: $projectId, photoIds: $photoIds) { note photo { title } } }`,
      { projectId: PROJECT, photoIds: [live] },
      {},
    );
    // The pins subgraph still answers its own part; the photo's fields from mediagraph do not.
    expect(body.data!.pins.map((pin) => [pin.note, pin.photo?.title ?? null])).toEqual([[`pin on ${live}`, null]]);
    expect(body.errors).toEqual([
      expect.objectContaining({ path: ['pins', 0, 'photo'], extensions: expect.objectContaining({ code: 'UNAUTHENTICATED', serviceName: 'mediagraph' }) }),
    ]);
    expect(stack.takeAccRequests()).toEqual([]);
  });

  it('resolves every other entity kind by its key as the plain queries do', async () => {
    const fragments = /* GraphQL */ `
      fragment AssignmentFields on Assignment {
        assignmentId
        order { orderId }
        materials(productType: GROUND_PHOTO, first: 3) { totalCount nodes { materialId } }
      }
      fragment ProjectFields on Project { projectId photos(first: 3) { nodes { photoId } } }
      fragment AssetFields on Asset { key contentUrl }
      fragment DownloadOrderFields on DownloadOrder { orderId status name targetCount }
    `;
    type Answer = { assignment: unknown; project: unknown; asset: { key: string; contentUrl: string }; downloadOrder: unknown };
    const federated = await viaGateway<{ workItem: Answer }>(`{
      workItem {
        assignment { ...AssignmentFields } project { ...ProjectFields } asset { ...AssetFields } downloadOrder { ...DownloadOrderFields }
      }
    } ${fragments}`);
    const direct = await stack.graphql<Omit<Answer, 'assignment'> & { order: { assignment: unknown } }>(`{
      order(id: "${ORDER.orderId}") { assignment(id: "${ORDER.assignmentId}") { ...AssignmentFields } }
      project(id: "${PROJECT}") { ...ProjectFields }
      asset(key: "demo-public-logo") { ...AssetFields }
      downloadOrder(id: "${DOWNLOAD_ORDER}") { ...DownloadOrderFields }
    } ${fragments}`);
    expect(federated.body.errors).toBeUndefined();
    expect(direct.body.errors).toBeUndefined();
    const { order, ...others } = direct.body.data!;
    // Content links are signed per request with their own expiry: compare where they point.
    const unsigned = ({ asset, ...rest }: Answer) => ({ ...rest, asset: { ...asset, contentUrl: asset.contentUrl.split('?')[0] } });
    expect(unsigned(federated.body.data!.workItem)).toEqual(unsigned({ assignment: order.assignment, ...others }));
  });

  it('serves ordinary queries through the gateway', async () => {
    const query = `{
      photo(projectId: "${PROJECT}", id: "${DEMO.livePhotoId}") { __typename ... on Photo { id title } }
      downloadOrders(last: 2) { totalCount nodes { orderId status } }
    }`;
    const [federated, direct] = await Promise.all([viaGateway(query), stack.graphql(query)]);
    expect(federated.body.errors).toBeUndefined();
    expect(federated.body.data).toEqual(direct.body.data);
  });

  it('answers each bad representation of _entities on its own, never failing the rest', async () => {
    const [live] = liveIds();
    const { body } = await stack.graphql<{ _entities: Array<Record<string, string> | null> }>(
      `query($representations: [_Any!]!) {
         _entities(representations: $representations) {
           ... on Photo { photoId }
           ... on Assignment { assignmentId }
           ... on DownloadOrder { orderId }
         }
       }`,
      {
        representations: [
          { __typename: 'Photo', project: { projectId: PROJECT }, photoId: live },
          { __typename: 'Photo', project: { projectId: PROJECT }, photoId: MISSING_PHOTO },
          { __typename: 'Photo', project: { projectId: PROJECT }, photoId: DEMO.deletedPhotoId },
          { __typename: 'Photo', photoId: live },
          { __typename: 'DownloadOrder', orderId: '999999' },
          { __typename: 'Assignment', order: { orderId: ORDER.orderId }, assignmentId: ORDER.assignmentId },
        ],
      },
    );
    expect(body.data!._entities).toEqual([{ photoId: live }, null, null, null, null, { assignmentId: ORDER.assignmentId }]);
    const errors = body.errors!.map((error) => [error.path, error.extensions?.code, error.message]);
    expect(errors).toEqual(
      expect.arrayContaining([
        [['_entities', 1], 'NOT_FOUND', expect.any(String)],
        [['_entities', 2], 'NOT_FOUND', expect.stringMatching(/deleted/)],
        [['_entities', 3], 'BAD_USER_INPUT', expect.stringMatching(/Photo representation/)],
        [['_entities', 4], 'NOT_FOUND', expect.any(String)],
      ]),
    );
    expect(errors).toHaveLength(4);
  });

  it('keeps the download order watch on the service’s own WebSocket endpoint', async () => {
    const client = createClient({ url: stack.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, lazy: true, retryAttempts: 0, connectionParams: bearer(stack.tokens.full) });
    try {
      const watch = client.iterate<{ downloadOrderWatch: { orderId: string } }>({
        query: `subscription { downloadOrderWatch(id: "${DOWNLOAD_ORDER}") { orderId } }`,
      });
      const first = await watch.next();
      expect(first.value).toEqual({ data: { downloadOrderWatch: { orderId: DOWNLOAD_ORDER } } });
      await watch.return?.();
    } finally {
      await client.dispose();
    }
  });
});
