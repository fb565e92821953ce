import { DEMO } from '../src/simulators/acc/seed';
import type { AccPhoto } from '../src/upstream/acc/model';
import { startStack } from './helpers/stack';
import type { TestStack } from './helpers/stack';

const PHOTO_FIELDS = /* GraphQL */ `
  fragment PhotoFields on Photo {
    id photoId title description mediaType source size isPublic locked
    location { latitude longitude }
    takenAt userCreatedAt createdAt createdBy updatedAt updatedBy deletedAt deletedBy
    signedUrls { fileUrl thumbnailUrl expiresAt }
    apiUrls { fileUrl thumbnailUrl }
    project { id projectId }
  }
`;

const [PROJECT_ID] = DEMO.projectIds;

/** A photo as JSON, read field by field by the assertions below. */
type PhotoJson = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('photo(projectId, id)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('returns every documented field of a live photo, mapped to the schema', async () => {
    const { body } = await stack.graphql<{ photo: PhotoJson }>(
      `query($p: ID!, $id: ID!) { photo(projectId: $p, id: $id) { __typename ...PhotoFields } } ${PHOTO_FIELDS}`,
      { p: PROJECT_ID, id: DEMO.livePhotoId },
    );
    expect(body.errors).toBeUndefined();
    const photo = body.data!.photo;
    const vendor = (stack.acc.store.get(PROJECT_ID!, DEMO.livePhotoId) as { kind: 'found'; photo: AccPhoto }).photo;

    expect(photo.__typename).toBe('Photo');
    expect(photo.photoId).toBe(vendor.id);
    expect(photo.title).toBe(vendor.title);
    expect(photo.mediaType).toBe(vendor.mediaType);
    expect(photo.source).toBe(vendor.type!.replace('-', '_'));
    expect(photo.size).toBe(vendor.size);
    expect(photo.createdBy).toBe(vendor.createdBy);
    // ACC sends zone-less UTC times; the schema answers RFC 3339 instants.
    expect(photo.createdAt).toBe(new Date(`${vendor.createdAt}Z`).toISOString());
    expect(photo.takenAt).toBe(vendor.takenAt ? new Date(`${vendor.takenAt}Z`).toISOString() : null);
    expect(photo.deletedAt).toBeNull();
    expect(photo.project).toEqual({ id: expect.any(String), projectId: PROJECT_ID });
    expect(photo.location).toEqual(
      vendor.latitude == null ? null : { latitude: vendor.latitude, longitude: vendor.longitude },
    );
    expect(photo.apiUrls.fileUrl).toContain(vendor.id);

    const signed = new URL(photo.signedUrls.fileUrl);
    expect(signed.origin).toBe(stack.acc.url);
    const amzDate = signed.searchParams.get('X-Amz-Date')!;
    const signedAt = Date.parse(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
    const expiresIn = Number(signed.searchParams.get('X-Amz-Expires'));
    expect(Date.parse(photo.signedUrls.expiresAt)).toBe(signedAt + expiresIn * 1000);
    expect(Date.parse(photo.signedUrls.expiresAt)).toBeGreaterThan(Date.now());
  });

  it('answers a deleted photo (ACC 410) with a DeletedPhoto tombstone, not an error', async () => {
    const { body } = await stack.graphql<{ photo: PhotoJson }>(
      `query($p: ID!, $id: ID!) { photo(projectId: $p, id: $id) { __typename ... on DeletedPhoto { id photoId project { projectId } } } }`,
      { p: PROJECT_ID, id: DEMO.deletedPhotoId },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.photo).toEqual({
      __typename: 'DeletedPhoto',
      id: expect.any(String),
      photoId: DEMO.deletedPhotoId,
      project: { projectId: PROJECT_ID },
    });
  });

  it('answers a missing photo (ACC 404) with null and NOT_FOUND while the rest of the query succeeds', async () => {
    const { status, body } = await stack.graphql<{ missing: unknown; live: { photoId: string } }>(
      `query($p: ID!, $id: ID!, $live: ID!) {
         missing: photo(projectId: $p, id: $id) { __typename }
         live: photo(projectId: $p, id: $live) { ... on Photo { photoId } }
       }`,
      { p: PROJECT_ID, id: '00000000-0000-4000-8000-000000000000', live: DEMO.livePhotoId },
    );
    expect(status).toBe(200);
    expect(body.data!.missing).toBeNull();
    expect(body.data!.live.photoId).toBe(DEMO.livePhotoId);
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({ path: ['missing'], extensions: { code: 'NOT_FOUND', upstream: 'acc', upstreamStatus: 404 } });
  });

  it('refuses an id that would change the vendor path, without calling ACC', async () => {
    stack.takeAccRequests();
    const { body } = await stack.graphql(`query($p: ID!) { photo(projectId: $p, id: "..") { __typename } }`, { p: PROJECT_ID });
    expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(stack.takeAccRequests().filter((r) => r.method === 'GET')).toHaveLength(0);
  });
});

describe('node(id) and nodes(ids)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('round-trips the global IDs of photos, deleted photos and projects', async () => {
    const first = await stack.graphql<{ live: { id: string }; deleted: { id: string }; project: { id: string } }>(
      `query($p: ID!, $live: ID!, $deleted: ID!) {
         live: photo(projectId: $p, id: $live) { ... on Node { id } }
         deleted: photo(projectId: $p, id: $deleted) { ... on Node { id } }
         project(id: $p) { id }
       }`,
      { p: PROJECT_ID, live: DEMO.livePhotoId, deleted: DEMO.deletedPhotoId },
    );
    const { live, deleted, project } = first.body.data!;
    const { body } = await stack.graphql<{ nodes: Array<Record<string, unknown>>; node: Record<string, unknown> }>(
      `query($ids: [ID!]!, $one: ID!) {
         node(id: $one) { __typename id }
         nodes(ids: $ids) {
           __typename id
           ... on Photo { photoId }
           ... on DeletedPhoto { photoId }
           ... on Project { projectId }
         }
       }`,
      { ids: [live.id, deleted.id, project.id], one: live.id },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.node).toEqual({ __typename: 'Photo', id: live.id });
    expect(body.data!.nodes).toEqual([
      { __typename: 'Photo', id: live.id, photoId: DEMO.livePhotoId },
      { __typename: 'DeletedPhoto', id: deleted.id, photoId: DEMO.deletedPhotoId },
      { __typename: 'Project', id: project.id, projectId: PROJECT_ID },
    ]);
  });

  it('fails only the entries of nodes(ids) that are malformed or missing', async () => {
    const live = await stack.graphql<{ photo: { id: string } }>(
      `query($p: ID!, $id: ID!) { photo(projectId: $p, id: $id) { ... on Node { id } } }`,
      { p: PROJECT_ID, id: DEMO.livePhotoId },
    );
    const missingId = Buffer.from(JSON.stringify(['Photo', PROJECT_ID, '00000000-0000-4000-8000-000000000000'])).toString('base64url');
    const { body } = await stack.graphql<{ nodes: Array<{ id: string } | null> }>(
      `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
      { ids: ['not-an-id', live.body.data!.photo.id, missingId, Buffer.from('["Invoice","x"]').toString('base64url')] },
    );
    expect(body.data!.nodes).toEqual([null, { id: live.body.data!.photo.id }, null, null]);
    const codeAt = (index: number) => body.errors!.find((e) => e.path!.join('.') === `nodes.${index}`)!.extensions!.code;
    expect(codeAt(0)).toBe('BAD_USER_INPUT');
    expect(codeAt(2)).toBe('NOT_FOUND');
    expect(codeAt(3)).toBe('BAD_USER_INPUT');
  });
});
