import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import type { ObservableQuery } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { filter, firstValueFrom, timeout } from 'rxjs';
import { createApolloClient } from '../../examples/client/apolloClient';
import { AssignmentMaterialsDocument, PhotoByIdDocument, ProjectPhotosDocument } from '../../examples/client/generated/graphql';
import type { ProjectPhotosQuery, ProjectPhotosQueryVariables } from '../../examples/client/generated/graphql';
import { DEMO } from '../../src/simulators/acc/seed';
import { scrape, total } from '../helpers/prometheus';
import { bearer, startStack } from '../helpers/stack';
import type { TestStack } from '../helpers/stack';
import { failOnApolloWarnings } from './apolloWarnings';

const [PROJECT_ID] = DEMO.projectIds;
const livePhoto = { projectId: PROJECT_ID, id: DEMO.livePhotoId };
const deletedPhoto = { projectId: PROJECT_ID, id: DEMO.deletedPhotoId };
const assignment = { orderId: 'ORD-1001', assignmentId: 'A1' };

describe('Apollo Client against the gateway (docs/clients.md)', () => {
  let stack: TestStack;
  let client: ApolloClient;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  failOnApolloWarnings();
  beforeEach(() => {
    client = createApolloClient({ uri: stack.url, getAccessToken: () => stack.tokens.full, accToken: DEMO.token });
  });

  it('reads a photo as the caller, with the access token and the x-acc-token header the link sets', async () => {
    const { data } = await client.query({ query: PhotoByIdDocument, variables: livePhoto });
    const photo = data?.photo;
    if (photo?.__typename !== 'Photo') throw new Error(`expected a Photo, got ${JSON.stringify(photo)}`);
    expect(photo.photoId).toBe(DEMO.livePhotoId);
    expect(photo.title).toEqual(expect.any(String));
    expect(Date.parse(photo.signedUrls!.expiresAt!)).toBeGreaterThan(Date.now());
  });

  it('names the app with clientAwareness, and the gateway counts its operations under that name and version', async () => {
    const labels = { client: 'web-dashboard', client_version: '1.4.2', operation: 'PhotoById', outcome: 'success' };
    const counted = async () => total((await scrape(stack.url)).samples, 'mediagraph_graphql_client_operations_total', labels);
    const before = await counted();
    const named = createApolloClient({ uri: stack.url, getAccessToken: () => stack.tokens.full, accToken: DEMO.token, clientAwareness: { name: 'web-dashboard', version: '1.4.2' } });
    await named.query({ query: PhotoByIdDocument, variables: livePhoto });
    expect((await counted()) - before).toBe(1);
  });

  it('asks for the access token before every request, so a refreshed one is used at once', async () => {
    let accessToken = await stack.issuer.sign({ sub: 'test-viewer', scope: 'assets:read' });
    const refreshing = createApolloClient({ uri: stack.url, getAccessToken: () => accessToken, accToken: DEMO.token });
    const read = () =>
      refreshing.query({
        query: AssignmentMaterialsDocument,
        variables: { ...assignment, productType: 'VIDEO', first: 1 },
        fetchPolicy: 'network-only',
        errorPolicy: 'all',
      });
    const withoutScope = await read();
    if (!CombinedGraphQLErrors.is(withoutScope.error)) throw new Error(`expected FORBIDDEN, got ${JSON.stringify(withoutScope)}`);
    expect(withoutScope.error.errors.map((error) => error.extensions?.['code'])).toEqual(['FORBIDDEN']);
    accessToken = stack.tokens.full;
    const refreshed = await read();
    expect(refreshed.error).toBeUndefined();
    expect(refreshed.data!.order!.assignment!.materials.edges).toHaveLength(1);
  });

  it('pages a project\'s photos with fetchMore, relayStylePagination merging the pages in order', async () => {
    const variables: ProjectPhotosQueryVariables = {
      projectId: PROJECT_ID!,
      filter: { mediaTypes: ['NORMAL', 'VIDEO'] },
      sort: { field: 'CREATED_AT', direction: 'DESC' },
      first: 30,
    };
    const query = client.watchQuery({ query: ProjectPhotosDocument, variables });
    const subscription = query.subscribe(() => undefined);
    // The watched query's next complete result with this many edges (after fetchMore merged them).
    const withEdges = (count: number) =>
      firstValueFrom(
        query.pipe(
          filter(
            (current): current is ObservableQuery.Result<ProjectPhotosQuery, 'complete'> =>
              current.dataState === 'complete' && current.data.project!.photos.edges.length === count,
          ),
          timeout({ first: 5000 }),
        ),
      );
    try {
      let result = await withEdges(30);
      for (let page = 2; page <= 3; page += 1) {
        const more = await query.fetchMore({ variables: { after: result.data.project!.photos.pageInfo.endCursor } });
        expect(more.data!.project!.photos.edges).toHaveLength(30);
        result = await withEdges(30 * page);
      }

      // The merged list is exactly the first 90 the gateway gives in one page.
      const direct = await stack.graphql<{ project: { photos: { edges: Array<{ node: { id: string } }> } } }>(
        `query($projectId: ID!, $filter: PhotoFilter, $sort: PhotoSort) {
          project(id: $projectId) { photos(filter: $filter, sort: $sort, first: 90) { edges { node { id } } } }
        }`,
        { projectId: variables.projectId, filter: variables.filter, sort: variables.sort },
      );
      const merged = result.data.project!.photos;
      expect(merged.edges.map((edge) => edge.node.id)).toEqual(direct.body.data!.project.photos.edges.map((edge) => edge.node.id));
      expect(merged.pageInfo.hasNextPage).toBe(true);
      expect(merged.edges.every((edge) => edge.node.mediaType === 'NORMAL' || edge.node.mediaType === 'VIDEO')).toBe(true);

      // Another filter is another list in the cache (keyArgs), not more pages of this one.
      const photos = await client.query({ query: ProjectPhotosDocument, variables: { ...variables, filter: { mediaTypes: ['NORMAL'] } } });
      expect(photos.data!.project!.photos.edges).toHaveLength(30);
      expect(client.readQuery({ query: ProjectPhotosDocument, variables })!.project!.photos.edges).toHaveLength(90);
    } finally {
      subscription.unsubscribe();
    }
  });

  it('keeps the fields of fragments on the PhotoLookup union thanks to possibleTypes', async () => {
    const live = await client.query({ query: PhotoByIdDocument, variables: livePhoto });
    const deleted = await client.query({ query: PhotoByIdDocument, variables: deletedPhoto });
    expect(live.data!.photo).toMatchObject({ __typename: 'Photo', photoId: DEMO.livePhotoId, mediaType: expect.any(String) });
    expect(deleted.data!.photo).toEqual({ __typename: 'DeletedPhoto', id: expect.any(String), photoId: DEMO.deletedPhotoId });
    // Read back from the cache alone: the fragment still matches each concrete type.
    expect(client.readQuery({ query: PhotoByIdDocument, variables: livePhoto })).toEqual(live.data);
    expect(client.readQuery({ query: PhotoByIdDocument, variables: deletedPhoto })).toEqual(deleted.data);

    // Without possibleTypes the cache cannot tell that a Photo is a PhotoLookup: the fragment's
    // fields are silently dropped.
    const bare = new ApolloClient({
      cache: new InMemoryCache(),
      link: new HttpLink({ uri: stack.url, headers: { ...bearer(stack.tokens.full), 'x-acc-token': DEMO.token } }),
    });
    expect((await bare.query({ query: PhotoByIdDocument, variables: livePhoto })).data).toEqual({ photo: { __typename: 'Photo' } });
  });

  it('gives every kind of material its own fields through the fragment on the Material interface', async () => {
    const materials = async (productType: 'GROUND_PHOTO' | 'VIDEO' | 'VIRTUAL_TOUR' | 'FLOOR_PLAN', visualQuality?: 'HD' | 'WEB') => {
      const { data } = await client.query({
        query: AssignmentMaterialsDocument,
        variables: { ...assignment, productType, visualQuality, first: 2 },
      });
      return data!.order!.assignment!.materials.edges.map((edge) => edge.node);
    };
    const [photo] = await materials('GROUND_PHOTO', 'WEB');
    const [video] = await materials('VIDEO');
    const [tour] = await materials('VIRTUAL_TOUR');
    const [plan] = await materials('FLOOR_PLAN');
    expect(photo).toMatchObject({ __typename: 'PhotoMaterial', visualQuality: 'WEB', width: 1920, file: { fileName: expect.any(String) } });
    expect(video).toMatchObject({ __typename: 'VideoMaterial', durationSeconds: expect.any(Number), file: { size: expect.any(Number) } });
    expect(tour).toMatchObject({ __typename: 'ResultLink', label: expect.stringContaining('tour') });
    expect(plan).toMatchObject({ __typename: 'DocumentMaterial', pageCount: expect.any(Number), file: { contentType: 'application/pdf' } });

    // The same material in HD is another url and file: the WEB one in the cache is left alone.
    const [hdPhoto] = await materials('GROUND_PHOTO', 'HD');
    expect(hdPhoto).toMatchObject({ materialId: photo!.materialId, visualQuality: 'HD', width: 6000 });
    expect(hdPhoto!.url).not.toBe(photo!.url);
    const cachedWeb = client.readQuery({
      query: AssignmentMaterialsDocument,
      variables: { ...assignment, productType: 'GROUND_PHOTO', visualQuality: 'WEB', first: 2 },
    });
    expect(cachedWeb!.order!.assignment!.materials.edges[0]!.node).toEqual(photo);
  });
});
