import { DEMO } from '../src/simulators/acc/seed';
import { startStack } from './helpers/stack';
import type { TestStack } from './helpers/stack';

const [PROJECT_ID] = DEMO.projectIds;
const QUERY = /* GraphQL */ `
  query($p: ID!, $id: ID!) {
    project(id: $p) { id projectId photos(first: 3) { nodes { photoId } } }
    photo(projectId: $p, id: $id) { __typename }
  }
`;

describe('the caller’s ACC token', () => {
  let stack: TestStack;
  const REVOKED = 'revoked-token-4f8a9c';
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('is forwarded to ACC as a bearer token from the x-acc-token header', async () => {
    const { body } = await stack.graphql(QUERY, { p: PROJECT_ID, id: DEMO.livePhotoId }, { 'x-acc-token': `Bearer ${DEMO.token}` });
    expect(body.errors).toBeUndefined();
  });

  it('when missing, fails only the ACC fields with UNAUTHENTICATED and calls nothing', async () => {
    stack.takeAccRequests();
    const { status, body } = await stack.graphql<{ project: { projectId: string; photos: unknown }; photo: unknown }>(
      QUERY,
      { p: PROJECT_ID, id: DEMO.livePhotoId },
      { 'x-acc-token': '' },
    );
    expect(status).toBe(200);
    expect(body.data).toEqual({ project: null, photo: null });
    expect(body.errors!.map((error) => error.extensions!.code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(body.errors![0]!.message).toContain('x-acc-token');
    expect(stack.takeAccRequests()).toHaveLength(0);
  });

  it('when ACC rejects it, answers FORBIDDEN and never echoes the token', async () => {
    const { body, text } = await stack.graphql(QUERY, { p: PROJECT_ID, id: DEMO.livePhotoId }, { 'x-acc-token': REVOKED });
    expect(body.errors!.map((error) => error.extensions!.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(body.errors![0]!.extensions).toMatchObject({ upstream: 'acc', upstreamStatus: 403 });
    expect(text).not.toContain(REVOKED);
  });

  it('refuses a header that is not a bearer token before it reaches ACC', async () => {
    stack.takeAccRequests();
    const { body, text } = await stack.graphql(QUERY, { p: PROJECT_ID, id: DEMO.livePhotoId }, { 'x-acc-token': 'abc def"ghi' });
    expect(body.errors!.map((error) => error.extensions!.code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(text).not.toContain('def"ghi');
    expect(stack.takeAccRequests()).toHaveLength(0);
  });

  it('is not needed for fields that do not call ACC', async () => {
    const { body } = await stack.graphql<{ project: { projectId: string } }>(
      `query($p: ID!) { project(id: $p) { projectId } }`,
      { p: PROJECT_ID },
      { 'x-acc-token': '' },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.project.projectId).toBe(PROJECT_ID);
  });
});
