import { createHash } from 'node:crypto';
import path from 'node:path';
import { gql } from '@apollo/client';
import type { ApolloClient } from '@apollo/client';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { generatePersistedQueryIdsAtRuntime, generatePersistedQueryIdsFromManifest } from '@apollo/persisted-query-lists';
import { firstValueFrom, toArray } from 'rxjs';
import { request } from 'undici';
import WebSocket from 'ws';
import { createApolloClient } from '../../examples/client/apolloClient';
import type { GatewayOptions } from '../../examples/client/apolloClient';
import {
  AssetByKeyDocument,
  AssignmentMaterialsDocument,
  DownloadOrderWatchDocument,
  ProjectPhotosDocument,
  UploadAssetDocument,
} from '../../examples/client/generated/graphql';
import apolloManifest from '../../examples/client/generated/persisted-query-manifest.json';
import { codegenDocumentIds } from '../../examples/client/persistedDocuments';
import type { PersistedDocumentIds } from '../../examples/client/persistedDocuments';
import { createSubscriptionClient } from '../../examples/client/subscriptionClient';
import { createUploadClient } from '../../examples/client/uploadClient';
import { DEMO } from '../../src/simulators/acc/seed';
import { ASSETS_DEMO } from '../../src/simulators/assets/server';
import { expectHealthy } from '../helpers/health';
import { scrape, total } from '../helpers/prometheus';
import { bearer, postGraphQL, startStack } from '../helpers/stack';
import type { TestStack } from '../helpers/stack';
import { failOnApolloWarnings } from './apolloWarnings';

const generated = path.join(__dirname, '..', '..', 'examples', 'client', 'generated');
const APOLLO_MANIFEST = path.join(generated, 'persisted-query-manifest.json');
const CODEGEN_MANIFEST = path.join(generated, 'persisted-documents.json');
const [PROJECT_ID] = DEMO.projectIds;

/** What the example client ships: each operation's id from Apollo's generated manifest. */
const manifestIds = () => generatePersistedQueryIdsFromManifest({ loadManifest: () => apolloManifest });
/** Apollo's runtime twin of the manifest's ids: the SHA-256 of the text Apollo Client sends. */
const runtimeIds = () => generatePersistedQueryIdsAtRuntime({ sha256: (text: string) => createHash('sha256').update(text).digest('hex') });
/** The ids of a build whose manifest the gateway was never given: `operation`'s id is in no manifest. */
const unlistedIds = (operation: string) => generatePersistedQueryIdsFromManifest({ loadManifest: () => ({ operations: [{ name: operation, id: 'f'.repeat(64) }] }) });

/** An operation no frontend of this repository ships. */
const UNLISTED = gql`
  query Unlisted($projectId: ID!) {
    project(id: $projectId) { id }
  }
`;

type Refusal = 'PERSISTED_QUERY_ID_REQUIRED' | 'PERSISTED_QUERY_NOT_IN_LIST' | 'QUERY_NOT_IN_SAFELIST';

/** Over HTTP the gateway refuses with a 400 and a JSON body: Apollo Client 4 throws a ServerError holding that body. */
function expectRefusedOverHttp(error: unknown, code: Refusal): void {
  if (!ServerError.is(error)) throw error;
  expect(error.statusCode).toBe(400);
  const body = JSON.parse(error.bodyText) as { errors: Array<{ extensions: { code: string } }> };
  expect(body.errors.map((refusal) => refusal.extensions.code)).toEqual([code]);
}

describe('trusted documents: the example client sends ids only, to a gateway that runs nothing else (docs/clients.md#trusted-documents)', () => {
  /** PERSISTED_DOCUMENTS_MODE=require over Apollo's manifest. */
  let stack: TestStack;
  /** The same, over the client preset's persisted-documents.json. */
  let codegenGateway: string;
  /** The same simulators, trusted documents off: what the operations answer as text. */
  let openGateway: string;

  beforeAll(async () => {
    stack = await startStack({ env: { PERSISTED_DOCUMENTS: APOLLO_MANIFEST, PERSISTED_DOCUMENTS_MODE: 'require' } });
    codegenGateway = (await stack.replica({ PERSISTED_DOCUMENTS: CODEGEN_MANIFEST })).gateway.url;
    openGateway = (await stack.replica({ PERSISTED_DOCUMENTS_MODE: 'off' })).gateway.url;
  });
  afterAll(() => stack.close());
  failOnApolloWarnings();

  const gateway = (uri: string, persistedDocuments?: PersistedDocumentIds): GatewayOptions => ({
    uri,
    getAccessToken: () => stack.tokens.full,
    accToken: DEMO.token,
    persistedDocuments,
  });

  /**
   * One operation of each family in examples/client/operations, each on a gateway's first call
   * (so none is answered from its cache): what they answered, and the vendor calls they cost.
   */
  async function runFamilies(client: ApolloClient) {
    stack.takeAccRequests();
    stack.takeMaterialsRequests();
    stack.assets.requests.splice(0);
    const photos = await client.query({ query: ProjectPhotosDocument, variables: { projectId: PROJECT_ID!, first: 30 } });
    const acc = stack.takeAccRequests().length;
    const materials = await client.query({
      query: AssignmentMaterialsDocument,
      variables: { orderId: 'ORD-1001', assignmentId: 'A1', productType: 'GROUND_PHOTO', visualQuality: 'WEB', first: 2 },
    });
    const materialCalls = stack.takeMaterialsRequests().length;
    const { data } = await client.query({ query: AssetByKeyDocument, variables: { key: ASSETS_DEMO.publicKey } });
    // A content link is signed by the gateway that gave it, and holds its origin: its bytes are what compares.
    const { contentUrl, ...asset } = data!.asset!;
    const content = await request(contentUrl);
    const bytes = Buffer.from(await content.body.arrayBuffer());
    return {
      answers: { photos: photos.data, materials: materials.data, asset, content: { status: content.statusCode, bytes } },
      vendorCalls: { acc, materials: materialCalls, assets: stack.assets.requests.splice(0).length },
    };
  }

  let asText: Awaited<ReturnType<typeof runFamilies>>;
  beforeAll(async () => {
    asText = await runFamilies(createApolloClient(gateway(openGateway)));
    expect(asText.answers.photos!.project!.photos.edges).toHaveLength(30);
    expect(asText.answers.materials!.order!.assignment!.materials.edges).toHaveLength(2);
    expect(asText.answers.content.status).toBe(200);
    expect(asText.vendorCalls).toEqual({ acc: 1, materials: 1, assets: 1 });
  });

  it('runs photos, materials and an asset by the ids of Apollo’s manifest: the same answers and vendor calls as their text', async () => {
    expect(await runFamilies(createApolloClient(gateway(stack.url, manifestIds())))).toEqual(asText);
  });

  it('hashes at runtime to the manifest’s ids: the generator wrote what Apollo Client sends', async () => {
    const hashing = createApolloClient(gateway(stack.url, runtimeIds()));
    expect((await runFamilies(hashing)).answers).toEqual(asText.answers);
  });

  it('runs them by the client preset’s __meta__.hash against a gateway that lists persisted-documents.json', async () => {
    expect(await runFamilies(createApolloClient(gateway(codegenGateway, codegenDocumentIds)))).toEqual(asText);
  });

  it('runs them sent as text by a gateway in safelist mode over Apollo’s manifest: its bodies are the text Apollo Client sends', async () => {
    const safelist = (await stack.replica({ PERSISTED_DOCUMENTS_MODE: 'safelist' })).gateway.url;
    const client = createApolloClient(gateway(safelist));
    expect(await runFamilies(client)).toEqual(asText);
    // Not from the cache, where ProjectPhotos left this project.
    const refused = await client.query({ query: UNLISTED, variables: { projectId: PROJECT_ID! }, fetchPolicy: 'network-only' }).catch((error: unknown) => error);
    expectRefusedOverHttp(refused, 'QUERY_NOT_IN_SAFELIST');
  });

  it('runs a build whose manifest the gateway has not read yet in log mode (its ids are its texts’ SHA-256, so APQ takes the text), and counts it', async () => {
    const log = (await stack.replica({ PERSISTED_DOCUMENTS_MODE: 'log' })).gateway.url;
    const labels = { operation: 'Unlisted', client: 'web-dashboard' };
    const untrusted = async () => total((await scrape(log)).samples, 'mediagraph_graphql_untrusted_documents_total', labels);
    const before = await untrusted();
    const newerBuild = createApolloClient({
      ...gateway(log, runtimeIds()),
      clientAwareness: { name: labels.client, version: '2.0.0' },
    });
    const { data } = await newerBuild.query({ query: UNLISTED, variables: { projectId: PROJECT_ID! } });
    expect(data).toEqual({ project: { __typename: 'Project', id: expect.any(String) } });
    expect((await untrusted()) - before).toBe(1);
  });

  it('uploads a file by UploadAsset’s id: a multipart request without the text', async () => {
    const client = createUploadClient(gateway(stack.url, manifestIds()));
    const file = new File(['%PDF-1.7 site plan'], 'plan.pdf', { type: 'application/pdf' });
    const { data } = await client.mutate({ mutation: UploadAssetDocument, variables: { input: { file, visibility: 'PUBLIC' } } });
    const { asset, record, userErrors } = data!.assetUpload;
    expect(userErrors).toEqual([]);
    expect(record).toMatchObject({ name: 'plan.pdf', type: 'DOCUMENT', visibility: 'PUBLIC' });
    expect(stack.assets.store.get(asset!.key)!.size).toBe(file.size);
  });

  it('refuses the text of any document and an id in no manifest, before any vendor call; the gateway serves on', async () => {
    stack.takeAccRequests();
    const asTextClient = createApolloClient(gateway(stack.url));
    const variables = { projectId: PROJECT_ID!, first: 3 };
    expectRefusedOverHttp(await asTextClient.query({ query: UNLISTED, variables }).catch((error: unknown) => error), 'PERSISTED_QUERY_ID_REQUIRED');
    // Listed, but sent as text: `require` takes ids only.
    expectRefusedOverHttp(await asTextClient.query({ query: ProjectPhotosDocument, variables }).catch((error: unknown) => error), 'PERSISTED_QUERY_ID_REQUIRED');
    const newerBuild = createApolloClient(gateway(stack.url, unlistedIds('ProjectPhotos')));
    expectRefusedOverHttp(await newerBuild.query({ query: ProjectPhotosDocument, variables }).catch((error: unknown) => error), 'PERSISTED_QUERY_NOT_IN_LIST');
    expect(stack.takeAccRequests()).toEqual([]);

    const projectPhotos = apolloManifest.operations.find((operation) => operation.name === 'ProjectPhotos')!;
    await expectHealthy(stack, (projectId) =>
      postGraphQL(
        stack.url,
        { extensions: { persistedQuery: { version: 1, sha256Hash: projectPhotos.id } }, variables: { projectId, first: 3 } },
        { ...bearer(stack.tokens.full), 'x-acc-token': DEMO.token },
      ),
    );
  });

  // GraphQLWsLink reads the global WebSocket when the server sends an `error` message: a browser
  // has one, Node 20 not (apollographql/apollo-client#11761), so the test is given ws's.
  beforeAll(() => Object.assign(globalThis, { WebSocket }));

  /** Every result a subscription gave until it ended. */
  const subscribe = (persistedDocuments?: PersistedDocumentIds) => {
    const client = createSubscriptionClient(gateway(stack.url, persistedDocuments), WebSocket);
    return firstValueFrom(client.subscribe({ query: DownloadOrderWatchDocument, variables: { id: '1004' } }).pipe(toArray())).finally(() => client.stop());
  };

  it('watches a download order over the WebSocket by its id', async () => {
    const events = await subscribe(manifestIds());
    expect(events).toEqual([{ data: { downloadOrderWatch: expect.objectContaining({ orderId: '1004', status: 'COMPLETED' }) } }]);
  });

  it.each<[string, () => PersistedDocumentIds | undefined, Refusal]>([
    ['as text', () => undefined, 'PERSISTED_QUERY_ID_REQUIRED'],
    ['by an id in no manifest', () => unlistedIds('DownloadOrderWatch'), 'PERSISTED_QUERY_NOT_IN_LIST'],
  ])('refuses a subscription %s with an error message for it', async (_how, ids, code) => {
    const events = await subscribe(ids());
    expect(events).toHaveLength(1);
    const [{ data, error }] = events as [{ data: unknown; error: unknown }];
    expect(data).toBeUndefined();
    if (!CombinedGraphQLErrors.is(error)) throw error;
    expect(error.errors.map((refusal) => refusal.extensions?.['code'])).toEqual([code]);
  });
});
