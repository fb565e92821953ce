import { getIntrospectionQuery } from 'graphql';
import { request } from 'undici';
import { readFixturesWith } from '../bench/fixtures';
import { SCENARIOS } from '../bench/scenarios';
import type { Fixtures, GraphQLRequestBody } from '../bench/scenarios';
import { toGlobalId } from '../src/graphql/relay/globalId';
import type { RunningApp } from '../src/app';
import { DEMO } from '../src/simulators/acc/seed';
import { ASSETS_DEMO } from '../src/simulators/assets/server';
import { CONTENT_HUB_DEMO } from '../src/simulators/contentHub/seed';
import type { Fault } from '../src/simulators/faults';
import { MATERIALS_DEMO } from '../src/simulators/materials/seed';
import { expectHealthy } from './helpers/health';
import { bytesFile, multipartRequest } from './helpers/multipart';
import { scrape, total } from './helpers/prometheus';
import { bearer, postGraphQL, startStack } from './helpers/stack';
import type { TestStack } from './helpers/stack';

/**
 * The differential test of the executor (docs/BENCHMARKS.md#the-executor): every operation of
 * bench/scenarios.ts and a corpus of the operations the test suite sends run through a gateway on
 * graphql-jit and one on graphql-js, over the same simulators, each pair back to back. Their
 * answers must be equal: HTTP status, `data`, every error (message, path, locations, every
 * extension) and `extensions.upstreamCalls`, and the simulators must count the same calls.
 * Each case also names the error codes it expects, so a case cannot pass by failing alike on both.
 *
 * Only what differs per request by nature is normalised (see `normalised`): the answering
 * gateway's own origin (asset links point at it), the signature and expiry of signed links, and
 * the expiry times the vendors sign with the clock.
 */

type Caller = 'full' | 'readOnly' | 'anonymous' | 'noScopes';

interface Case {
  name: string;
  body: GraphQLRequestBody & { operationName?: string };
  /** Whose token is sent; `full` (every scope) unless told. */
  caller?: Caller;
  /** The subgraph gateways (GRAPHQL_FEDERATION=true) instead of the plain ones. */
  federation?: boolean;
  /** A vendor misbehaving for both runs of this case. */
  fault?: { vendor: 'acc' | 'materials' | 'contentHub' | 'assets'; fault: Fault };
  /** The `extensions.code` of each error, in order (none: an answer without errors). */
  codes?: string[];
  status?: number;
}

const PROJECT = DEMO.projectIds[0];
const PHOTO = toGlobalId('Photo', PROJECT, DEMO.livePhotoId);
const ORDER = MATERIALS_DEMO.orderId;
const ASSIGNMENT = MATERIALS_DEMO.assignmentId;
const DOWNLOAD_ORDER = String(CONTENT_HUB_DEMO.firstOrderId);
const MISSING_PHOTO = '00000000-0000-4000-8000-000000000000';

const PHOTO_FIELDS = 'id photoId title mediaType size location { latitude longitude } takenAt createdAt signedUrls { fileUrl expiresAt } project { id projectId }';
const NODE_FIELDS = `__typename id
  ... on Photo { ${PHOTO_FIELDS} }
  ... on DeletedPhoto { photoId }
  ... on Project { projectId }
  ... on Order { orderId }
  ... on Assignment { assignmentId }
  ... on DownloadOrder { orderId status name }
  ... on Asset { key contentUrl }`;
const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) { __typename ... on Photo { photoId title } ... on Assignment { assignmentId } ... on DownloadOrder { orderId status } } }`;
const CREATE_ORDER = `mutation($input: DownloadOrderCreateInput!) {
  downloadOrderCreate(input: $input) { downloadOrder { status name targetCount hasConversions } userErrors { field message code } }
}`;
const UPLOAD = `mutation($input: AssetUploadInput!) { assetUpload(input: $input) { asset { __typename visibility } record { name type visibility } userErrors { field message code } } }`;

/** Operations the test suite sends, with the callers and vendor faults that make them interesting. */
const CORPUS: Case[] = [
  // Photos: the lookup union, paging, filters, the project handle (test/photos.test.ts, photoPaging.test.ts).
  { name: 'a live photo through the PhotoLookup union', body: { query: `query($p: ID!, $id: ID!) { photo(projectId: $p, id: $id) { __typename ... on Photo { ${PHOTO_FIELDS} } ... on DeletedPhoto { photoId project { projectId } } } }`, variables: { p: PROJECT, id: DEMO.livePhotoId } } },
  { name: 'a deleted photo as DeletedPhoto', body: { query: `query($p: ID!, $id: ID!) { photo(projectId: $p, id: $id) { __typename ... on DeletedPhoto { id photoId project { projectId } } ... on Photo { title } } }`, variables: { p: PROJECT, id: DEMO.deletedPhotoId } } },
  { name: 'a missing photo: null and NOT_FOUND', body: { query: `query($p: ID!, $id: ID!) { photo(projectId: $p, id: $id) { __typename } }`, variables: { p: PROJECT, id: MISSING_PHOTO } }, codes: ['NOT_FOUND'] },
  { name: 'photo pages with cursors and a filter', body: { query: `query($p: ID!) { project(id: $p) { projectId photos(first: 7, filter: { mediaTypes: [VIDEO, PHOTOSPHERE] }) { edges { cursor node { photoId mediaType } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`, variables: { p: PROJECT } } },
  { name: 'a page after a cursor that is not one', body: { query: `query($p: ID!) { project(id: $p) { photos(first: 2, after: "garbage") { nodes { photoId } } } }`, variables: { p: PROJECT } }, codes: ['BAD_USER_INPUT'] },
  { name: 'photos of photos, nested lists', body: { query: `query($p: ID!) { project(id: $p) { photos(first: 3) { nodes { photoId project { photos(first: 2) { nodes { title } } } } } } }`, variables: { p: PROJECT } } },
  // Node and nodes: the Node interface over every type, per-entry failures (test/photos.test.ts).
  { name: 'node(id) of each type', body: { query: `query($photo: ID!, $project: ID!, $order: ID!, $assignment: ID!, $download: ID!, $asset: ID!) { photo: node(id: $photo) { ${NODE_FIELDS} } project: node(id: $project) { ${NODE_FIELDS} } order: node(id: $order) { ${NODE_FIELDS} } assignment: node(id: $assignment) { ${NODE_FIELDS} } download: node(id: $download) { ${NODE_FIELDS} } asset: node(id: $asset) { ${NODE_FIELDS} } }`, variables: { photo: PHOTO, project: toGlobalId('Project', PROJECT), order: toGlobalId('Order', ORDER), assignment: toGlobalId('Assignment', ORDER, ASSIGNMENT), download: toGlobalId('DownloadOrder', DOWNLOAD_ORDER), asset: toGlobalId('Asset', ASSETS_DEMO.publicKey) } } },
  { name: 'nodes(ids) failing only its malformed, missing and deleted entries', body: { query: `query($ids: [ID!]!) { nodes(ids: $ids) { ${NODE_FIELDS} } }`, variables: { ids: ['not-an-id', PHOTO, toGlobalId('Photo', PROJECT, MISSING_PHOTO), toGlobalId('Photo', PROJECT, DEMO.deletedPhotoId), Buffer.from('["Invoice","x"]').toString('base64url'), toGlobalId('Project', PROJECT)] } }, codes: ['BAD_USER_INPUT', 'BAD_USER_INPUT', 'NOT_FOUND'] },
  // Materials: the Material interface, its members by __typename (test/materials.test.ts).
  { name: 'materials through the Material interface', body: { query: `query($o: ID!, $a: ID!) { order(id: $o) { orderId assignment(id: $a) { assignmentId photos: materials(productType: GROUND_PHOTO, first: 5) { totalCount nodes { __typename materialId url modifiedAt ... on PhotoMaterial { width height } } pageInfo { hasNextPage endCursor } } tour: materials(productType: VIRTUAL_TOUR) { nodes { __typename materialId } } plans: materials(productType: FLOOR_PLAN) { nodes { __typename materialId } } } } }`, variables: { o: ORDER, a: ASSIGNMENT } } },
  { name: 'an assignment that does not exist', body: { query: `query($o: ID!) { order(id: $o) { assignment(id: "nope") { assignmentId materials(productType: VIDEO) { totalCount } } } }`, variables: { o: ORDER } }, codes: ['NOT_FOUND'] },
  // Download orders: list, by id, the targets (test/downloadOrders.test.ts).
  { name: 'download orders, first and last pages', body: { query: `{ first: downloadOrders(first: 5) { totalCount edges { cursor node { orderId name status createdOn } } pageInfo { hasNextPage endCursor } } last: downloadOrders(last: 3) { nodes { orderId } pageInfo { hasPreviousPage startCursor } } }` } },
  { name: 'one download order with its targets, twice under aliases', body: { query: `query($id: ID!) { a: downloadOrder(id: $id) { name modifiedOn status targetCount downloadLocation { href title } targets(first: 2) { totalCount nodes { __typename } } } b: downloadOrder(id: $id) { status } }`, variables: { id: DOWNLOAD_ORDER } } },
  { name: 'a download order that does not exist', body: { query: `{ downloadOrder(id: "999999") { orderId } }` }, codes: ['NOT_FOUND'] },
  // Assets (test/assets.test.ts): by key, public and private.
  { name: 'assets by key', body: { query: `query($public: ID!, $private: ID!) { public: asset(key: $public) { id key contentUrl } private: asset(key: $private) { key contentUrl } missing: asset(key: "no-such-asset") { key } }`, variables: { public: ASSETS_DEMO.publicKey, private: ASSETS_DEMO.privateKey } } },
  // Mutations (test/downloadOrderWatch.test.ts, clientMistakes.test.ts, fanOut.test.ts).
  { name: 'a download order created', body: { query: CREATE_ORDER, variables: { input: { name: 'differential', assets: [{ assetId: '42', download: { renditions: ['original'] } }] } } } },
  { name: 'a download order refused by its own rules (userErrors)', body: { query: CREATE_ORDER, variables: { input: { name: 'empty' } } } },
  { name: 'a download order over the input list limit', body: { query: CREATE_ORDER, variables: { input: { assets: Array.from({ length: 101 }, (_, index) => ({ assetId: String(index), download: { renditions: ['preview'] } })) } } }, codes: ['BAD_USER_INPUT'], status: 400 },
  // The auth directives (test/schemaAuthorization.test.ts, callers.test.ts): read-only, anonymous, no scopes.
  { name: 'a read-only caller creating an order', caller: 'readOnly', body: { query: CREATE_ORDER, variables: { input: { name: 'read only', assets: [{ assetId: '42', download: { renditions: ['original'] } }] } } }, codes: ['FORBIDDEN'] },
  { name: 'an anonymous caller: guarded fields null, the rest answers', caller: 'anonymous', body: { query: `query($p: ID!, $id: ID!, $ids: [ID!]!) { __typename photo(projectId: $p, id: $id) { __typename } nodes(ids: $ids) { __typename } asset(key: "${ASSETS_DEMO.publicKey}") { key } }`, variables: { p: PROJECT, id: DEMO.livePhotoId, ids: [PHOTO, toGlobalId('DownloadOrder', DOWNLOAD_ORDER)] } }, codes: ['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED'] },
  { name: 'a token lacking scopes: the non-null downloadOrders nulls the whole data', caller: 'noScopes', body: { query: `{ downloadOrders(first: 2) { totalCount } }` }, codes: ['FORBIDDEN'] },
  { name: 'a token lacking scopes: nullable fields fail alone', caller: 'noScopes', body: { query: `query($o: ID!, $a: ID!) { order(id: $o) { assignment(id: $a) { materials(productType: VIDEO) { totalCount } } } asset(key: "${ASSETS_DEMO.privateKey}") { key } downloadOrder(id: "${DOWNLOAD_ORDER}") { status } }`, variables: { o: ORDER, a: ASSIGNMENT } }, codes: ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'] },
  // Partial failures and null bubbling (test/partialFailure.test.ts, faults.test.ts).
  { name: 'materials down: its fields fail, the photos answer', fault: { vendor: 'materials', fault: { kind: 'reset' } }, body: { query: `query($p: ID!, $o: ID!, $a: ID!) { project(id: $p) { photos(first: 2) { nodes { photoId } } } order(id: $o) { assignment(id: $a) { materials(productType: VIDEO) { totalCount } } } }`, variables: { p: PROJECT, o: ORDER, a: ASSIGNMENT } }, codes: ['UPSTREAM_UNAVAILABLE'] },
  { name: 'ACC answering garbage: the non-null photos bubbles to the project', fault: { vendor: 'acc', fault: { kind: 'malformedJson' } }, body: { query: `query($p: ID!) { project(id: $p) { projectId photos(first: 2) { nodes { photoId } } } downloadOrders(first: 1) { totalCount } }`, variables: { p: PROJECT } }, codes: ['UPSTREAM_BAD_RESPONSE'] },
  { name: 'Content Hub down under a non-null root field', fault: { vendor: 'contentHub', fault: { kind: 'reset' } }, body: { query: `query($p: ID!, $id: ID!) { photo(projectId: $p, id: $id) { __typename } downloadOrders(first: 1) { totalCount } }`, variables: { p: PROJECT, id: DEMO.livePhotoId } }, codes: ['UPSTREAM_UNAVAILABLE'] },
  { name: 'ACC down under a list of nodes', fault: { vendor: 'acc', fault: { kind: 'reset' } }, body: { query: `query($ids: [ID!]!) { nodes(ids: $ids) { __typename } }`, variables: { ids: [PHOTO, toGlobalId('Order', ORDER), toGlobalId('Photo', PROJECT, DEMO.deletedPhotoId)] } }, codes: ['UPSTREAM_UNAVAILABLE', 'UPSTREAM_UNAVAILABLE'] },
  // Refusals before anything runs (test/fanOut.test.ts, hostileInput.test.ts, clientMistakes.test.ts).
  { name: 'over the cost limit', body: { query: 'query($p: ID!, $n: Int) { project(id: $p) { photos(first: $n) { nodes { project { photos(first: $n) { nodes { title } } } } } } }', variables: { p: PROJECT, n: 100 } }, codes: ['COST_ESTIMATED_TOO_EXPENSIVE'], status: 400 },
  { name: 'a variable of the wrong type', body: { query: 'query($p: ID!, $n: Int) { project(id: $p) { photos(first: $n) { nodes { photoId } } } }', variables: { p: PROJECT, n: 'ten' } }, codes: ['BAD_USER_INPUT'], status: 400 },
  { name: 'a missing non-null variable', body: { query: 'query($p: ID!) { project(id: $p) { projectId } }', variables: {} }, codes: ['BAD_USER_INPUT'], status: 400 },
  { name: 'an unknown field', body: { query: '{ photoz }' }, codes: ['GRAPHQL_VALIDATION_FAILED'], status: 400 },
  { name: 'two operations, one chosen by name', body: { query: 'query A { __typename } query B { downloadOrders(first: 1) { totalCount } }', operationName: 'B' } },
  { name: 'an operation name the document does not have', body: { query: 'query A { __typename }', operationName: 'C' }, codes: ['OPERATION_RESOLUTION_FAILURE'], status: 400 },
  { name: 'skip, include, fragments and variables in arguments', body: { query: `query($p: ID!, $yes: Boolean!, $no: Boolean!) { project(id: $p) { ...P } } fragment P on Project { projectId photos(first: 2) @include(if: $yes) { nodes { photoId title @skip(if: $yes) mediaType @include(if: $no) } } }`, variables: { p: PROJECT, yes: true, no: false } } },
  // Introspection (test/server.test.ts).
  { name: 'the full introspection query', body: { query: getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }) } },
  { name: 'type introspection on abstract types', body: { query: `{ node: __type(name: "Node") { kind possibleTypes { name } } lookup: __type(name: "PhotoLookup") { possibleTypes { name } } __typename }` } },
  // Federation (test/federation.test.ts): _service and _entities, per-representation failures.
  { name: '_service', federation: true, body: { query: '{ _service { sdl } }' } },
  { name: '_entities with good and bad representations', federation: true, body: { query: ENTITIES, variables: { representations: [{ __typename: 'Photo', project: { projectId: PROJECT }, photoId: DEMO.livePhotoId }, { __typename: 'Photo', project: { projectId: PROJECT }, photoId: MISSING_PHOTO }, { __typename: 'Photo', project: { projectId: PROJECT }, photoId: DEMO.deletedPhotoId }, { __typename: 'Photo', photoId: DEMO.livePhotoId }, { __typename: 'Invoice', id: '1' }, { __typename: 'DownloadOrder', orderId: '999999' }, { __typename: 'Assignment', order: { orderId: ORDER }, assignmentId: ASSIGNMENT }] } }, codes: ['BAD_USER_INPUT', 'BAD_USER_INPUT', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND'] },
  { name: '_entities for an anonymous caller', federation: true, caller: 'anonymous', body: { query: ENTITIES, variables: { representations: [{ __typename: 'Photo', project: { projectId: PROJECT }, photoId: DEMO.livePhotoId }, { __typename: 'Assignment', order: { orderId: ORDER }, assignmentId: ASSIGNMENT }] } }, codes: ['UNAUTHENTICATED', 'UNAUTHENTICATED'] },
];

describe('graphql-jit answers as graphql-js does', () => {
  let stack: TestStack;
  let gateways: Record<'plain' | 'federation', { jit: string; graphqlJs: string }>;
  let tokens: Record<Caller, Record<string, string>>;
  let fixtures: Fixtures;

  beforeAll(async () => {
    stack = await startStack();
    const replica = (env: Record<string, string>) => stack.replica(env).then((app: RunningApp) => app.gateway.url);
    gateways = {
      plain: { jit: stack.url, graphqlJs: await replica({ GRAPHQL_EXECUTOR: 'graphql-js' }) },
      federation: { jit: await replica({ GRAPHQL_FEDERATION: 'true' }), graphqlJs: await replica({ GRAPHQL_FEDERATION: 'true', GRAPHQL_EXECUTOR: 'graphql-js' }) },
    };
    const noScopes = await stack.issuer.sign({ sub: 'test-nobody', client_id: 'mediagraph-tests', scope: '' }, { expiresInSeconds: 3600 });
    const acc = { 'x-acc-token': DEMO.token };
    tokens = { full: { ...acc, ...bearer(stack.tokens.full) }, readOnly: { ...acc, ...bearer(stack.tokens.readOnly) }, anonymous: acc, noScopes: { ...acc, ...bearer(noScopes) } };
    fixtures = await readFixturesWith(async (body) => (await stack.graphql(body.query, body.variables)).body as { data: Record<string, unknown> });
  });
  afterAll(() => stack.close());

  const vendorCalls = () => ({
    acc: stack.takeAccRequests().length,
    materials: stack.takeMaterialsRequests().length,
    contentHub: stack.contentHub.requests.splice(0).length,
    assets: stack.assets.requests.splice(0).length,
  });

  /** One request to `url` and what it cost at the simulators; faulted while it runs if the case says so. */
  async function answer(url: string, send: (url: string) => Promise<{ status: number; text: string }>, fault?: Case['fault']) {
    vendorCalls();
    if (fault) stack[fault.vendor].faults.inject(fault.fault);
    try {
      const { status, text } = await send(url);
      return { status, body: normalised(text, url), calls: vendorCalls() };
    } finally {
      if (fault) stack[fault.vendor].faults.clear();
    }
  }

  async function expectAlike(pair: { jit: string; graphqlJs: string }, send: (url: string) => Promise<{ status: number; text: string }>, fault?: Case['fault']) {
    const jit = await answer(pair.jit, send, fault);
    const graphqlJs = await answer(pair.graphqlJs, send, fault);
    expect(jit.status).toBe(graphqlJs.status);
    expect(jit.body).toEqual(graphqlJs.body);
    expect(jit.calls).toEqual(graphqlJs.calls);
    return jit;
  }

  const json = (body: GraphQLRequestBody, caller: Caller) => (url: string) => postGraphQL(url, body, tokens[caller]);

  it.each(SCENARIOS.map((scenario) => [scenario.id, scenario.title, scenario] as const))('bench scenario %s (%s)', async (_id, _title, scenario) => {
    for (const body of scenario.operations(fixtures)) {
      const { status, body: answered } = await expectAlike(gateways.plain, json(body, 'full'));
      expect(status).toBe(200);
      expect(answered.errors).toBeUndefined();
    }
  });

  it.each(CORPUS.map((testCase) => [testCase.name, testCase] as const))('%s', async (_name, testCase) => {
    const pair = testCase.federation ? gateways.federation : gateways.plain;
    const { status, body } = await expectAlike(pair, json(testCase.body, testCase.caller ?? 'full'), testCase.fault);
    expect(status).toBe(testCase.status ?? 200);
    expect((body.errors ?? []).map((error) => error.extensions?.code)).toEqual(testCase.codes ?? []);
  });

  it('an upload, a real multipart body through both, and one refused for its size', async () => {
    const upload = (file: ReturnType<typeof bytesFile>, input: Record<string, unknown>) => async (url: string) => {
      const response = await multipartRequest(url, { query: UPLOAD, variables: { input: { file: null, ...input } } }, { 0: ['variables.input.file'] }, [file], {
        headers: tokens.full,
      });
      return { status: response.statusCode, text: await response.body.text() };
    };
    const stored = stack.assets.store.size;
    const accepted = await expectAlike(gateways.plain, upload(bytesFile('brief.txt', Buffer.from('differential')), { name: 'brief', visibility: 'PUBLIC' }));
    expect(accepted.body.errors).toBeUndefined();
    expect(stack.assets.store.size).toBe(stored + 2);
    const refused = await expectAlike(gateways.plain, upload(bytesFile('empty.txt', Buffer.alloc(0)), {}));
    expect(refused.status).toBe(200);
  });

  it('ran on jit over there and on graphql-js here, and both gateways are healthy after', async () => {
    const executions = async (url: string, executor: string) => total((await scrape(url)).samples, 'mediagraph_graphql_executions_total', { executor });
    expect(await executions(gateways.plain.jit, 'jit')).toBeGreaterThan(CORPUS.length / 2);
    expect(await executions(gateways.federation.jit, 'jit')).toBeGreaterThan(0);
    expect(await executions(gateways.plain.graphqlJs, 'jit')).toBe(0);
    await expectHealthy(stack);
    const health = await request(`${new URL(gateways.plain.graphqlJs).origin}/healthz`);
    expect(health.statusCode).toBe(200);
    await health.body.dump();
  });
});

/**
 * The answer, with what differs per request by nature made equal: the answering gateway's origin
 * (its asset links point at it), a signed link's query (signature and expiry) and the expiry
 * times vendors sign with the clock (`expiresAt`).
 */
function normalised(text: string, gatewayUrl: string) {
  const body = JSON.parse(text.replaceAll(new URL(gatewayUrl).origin, 'GATEWAY')) as {
    data?: unknown;
    errors?: Array<{ extensions?: Record<string, unknown> }>;
    extensions?: unknown;
  };
  return JSON.parse(
    JSON.stringify(body, (key, value: unknown) => {
      if (key === 'expiresAt' && typeof value === 'string') return 'EXPIRES';
      // The gateway's own links (`signature=`) and ACC's S3 ones (`X-Amz-Signature=`, dated to the second).
      if (typeof value === 'string' && /[?&][\w-]*(signature|expires)=/i.test(value)) return `${value.split('?')[0]}?SIGNED`;
      return value;
    }),
  ) as typeof body;
}
