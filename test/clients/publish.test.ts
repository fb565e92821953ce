import { createHash, randomUUID } from 'node:crypto';
import { request } from 'undici';
import WebSocket from 'ws';
import { ProjectPhotosToPublishDocument } from '../../examples/client/generated/graphql';
import { progressBar, publishToAssetStore } from '../../examples/client/publish';
import type { ImportState, PublishablePhoto } from '../../examples/client/publish';
import { createSubscriptionClient } from '../../examples/client/subscriptionClient';
import { DEMO } from '../../src/simulators/acc/seed';
import { expectHealthy } from '../helpers/health';
import { MIB, addPhoto } from '../helpers/imports';
import { scrape, total } from '../helpers/prometheus';
import { startStack } from '../helpers/stack';
import type { TestStack } from '../helpers/stack';
import { failOnApolloWarnings } from './apolloWarnings';

const KIB = 1024;

describe('publishing photos to the asset store from the example client (docs/clients.md#publishing-photos-to-the-asset-store)', () => {
  let stack: TestStack;
  /** A gateway on ACC by another host name and no IMPORT_DOWNLOAD_ORIGINS: it trusts none of ACC's signed URLs. */
  let untrustingGateway: string;
  // GraphQLWsLink reads the global WebSocket when the server sends an `error` message: a browser
  // has one; Node gets ws's.
  beforeAll(async () => {
    Object.assign(globalThis, { WebSocket });
    stack = await startStack();
    untrustingGateway = (await stack.replica({ ACC_BASE_URL: stack.acc.url.replace('127.0.0.1', 'localhost') })).gateway.url;
  });
  afterAll(() => stack.close());
  failOnApolloWarnings();

  const clientOf = (uri: string) => createSubscriptionClient({ uri, getAccessToken: () => stack.tokens.full, accToken: DEMO.token }, WebSocket);

  async function photosOf(uri: string, projectId: string): Promise<PublishablePhoto[]> {
    const client = clientOf(uri);
    try {
      const { data } = await client.query({ query: ProjectPhotosToPublishDocument, variables: { projectId, first: 10 } });
      return data!.project!.photos.edges.map((edge) => edge.node);
    } finally {
      client.stop();
    }
  }

  async function sha256At(url: string): Promise<string> {
    const response = await request(url);
    expect(response.statusCode).toBe(200);
    const hash = createHash('sha256');
    for await (const chunk of response.body) hash.update(chunk as Buffer);
    return hash.digest('hex');
  }

  it('imports every importable photo with monotonic progress to its size, and reports the one the gateway cannot import', async () => {
    const projectId = randomUUID();
    const sources = [await addPhoto(stack, 300 * KIB, projectId), await addPhoto(stack, MIB + 123, projectId), await addPhoto(stack, 2 * MIB, projectId)];
    const unimportable = await addPhoto(stack, 400 * KIB, projectId);
    const listed = await photosOf(stack.url, projectId);
    expect(listed.map((photo) => photo.importable)).toEqual([true, true, true, true]);
    // The fourth as a gateway that does not trust ACC's download origin answers it.
    const refusedThere = (await photosOf(untrustingGateway, projectId)).find((photo) => photo.id === unimportable.id)!;
    expect(refusedThere.importable).toBe(false);
    const photos = [...sources.map((source) => listed.find((photo) => photo.id === source.id)!), refusedThere];

    const states = new Map<string, ImportState[]>();
    const client = clientOf(stack.url);
    try {
      const outcomes = await publishToAssetStore(client, photos, (photo, state) => states.set(photo.id, [...(states.get(photo.id) ?? []), state]));

      expect(outcomes.map((outcome) => [outcome.photo.id, outcome.status])).toEqual([...sources.map((source) => [source.id, 'SUCCEEDED']), [unimportable.id, 'SKIPPED']]);
      expect(outcomes[3]).toMatchObject({ error: { code: 'NOT_IMPORTABLE' } });
      expect(states.has(unimportable.id)).toBe(false);
      for (const [index, source] of sources.entries()) {
        const outcome = outcomes[index]!;
        if (outcome.status !== 'SUCCEEDED') throw new Error(`${source.id} ended ${outcome.status}`);
        expect(stack.assets.store.get(outcome.asset.key)!.sha256).toBe(source.sha256);
        expect(await sha256At(outcome.asset.contentUrl)).toBe(source.sha256);

        const seen = states.get(source.id)!;
        const { size } = photos[index]!;
        expect(seen.at(-1)).toMatchObject({ status: 'SUCCEEDED', bytesDone: size, totalBytes: size, asset: outcome.asset });
        const bytes = seen.map((state) => state.bytesDone);
        expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
        // One state per change: never the same one twice in a row.
        seen.slice(1).forEach((state, at) => expect(state).not.toEqual(seen[at]));
      }
      expect(stack.acc.requests.filter((call) => call.path.includes(unimportable.photoId))).toEqual([]);
    } finally {
      client.stop();
    }
    await expectHealthy(stack);
  });

  it('reports a userError of assetImportMany as the photo it names, the others imported', async () => {
    const projectId = randomUUID();
    const source = await addPhoto(stack, 200 * KIB, projectId);
    const gone = await addPhoto(stack, 200 * KIB, projectId);
    const photos = await photosOf(stack.url, projectId);
    stack.acc.store.remove(projectId, gone.photoId, 'someone');
    const client = clientOf(stack.url);
    try {
      const outcomes = await publishToAssetStore(client, photos, () => undefined);
      const byId = new Map(outcomes.map((outcome) => [outcome.photo.id, outcome]));
      expect(byId.get(source.id)).toMatchObject({ status: 'SUCCEEDED' });
      expect(byId.get(gone.id)).toMatchObject({ status: 'REFUSED', error: { code: 'GONE' } });
    } finally {
      client.stop();
    }
  });

  it('starts more than 50 photos in calls of at most 50, as assetImportMany takes them', async () => {
    const projectId = randomUUID();
    const sources = await Promise.all(Array.from({ length: 51 }, () => addPhoto(stack, 4 * KIB, projectId)));
    const photos: PublishablePhoto[] = sources.map(({ id }) => ({ __typename: 'Photo', id, title: null, size: 4 * KIB, importable: true }));
    const calls = async () => total((await scrape(stack.url)).samples, 'mediagraph_graphql_client_operations_total', { operation: 'PublishPhotos' });
    const before = await calls();
    const client = clientOf(stack.url);
    try {
      // More than the gateway's 10 subscriptions a connection: each import followed once a slot frees.
      const lastStates = new Map<string, string>();
      const outcomes = await publishToAssetStore(client, photos, (photo, state) => lastStates.set(photo.id, state.status));
      expect(outcomes.map((outcome) => outcome.status)).toEqual(photos.map(() => 'SUCCEEDED'));
      expect(photos.map((photo) => lastStates.get(photo.id))).toEqual(photos.map(() => 'SUCCEEDED'));
      expect(await calls()).toBe(before + 2);
    } finally {
      client.stop();
    }
  });

  it('draws a bar for a known total and bytes alone for an unknown one', () => {
    expect(progressBar(3.1 * MIB, 5 * MIB, 10)).toBe('[######----] 62% 3.1/5.0 MiB');
    expect(progressBar(0, 300 * KIB, 4)).toBe('[----] 0% 0.0/300.0 KiB');
    expect(progressBar(5 * MIB, 5 * MIB, 10)).toBe('[##########] 100% 5.0/5.0 MiB');
    expect(progressBar(3.1 * MIB, null, 10)).toBe('3.1 MiB');
    expect(progressBar(512, null, 10)).toBe('512 B');
  });
});
