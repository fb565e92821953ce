import { request } from 'undici';
import { DEMO } from '../../src/simulators/acc/seed';
import type { GraphQLResponse, TestStack } from './stack';

/** The normal query `expectHealthy` sends (a trusted documents manifest of a test lists it). */
export const HEALTH_QUERY = `query($p: ID!) { project(id: $p) { photos(first: 3) { nodes { photoId } } } }`;

/**
 * The gateway still answers after an attack: /healthz is 200 and a normal query has its data.
 * `probe` sends that query (a project's photos), by default HEALTH_QUERY as text; a gateway that
 * takes only ids refuses any text, so its tests send a listed document by id instead.
 */
export async function expectHealthy(
  stack: TestStack,
  probe: (projectId: string) => Promise<GraphQLResponse> = (projectId) => stack.graphql(HEALTH_QUERY, { p: projectId }),
): Promise<void> {
  const health = await request(`${new URL(stack.url).origin}/healthz`);
  expect(health.statusCode).toBe(200);
  await health.body.dump();
  const { status, body } = await probe(DEMO.projectIds[0]!);
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
}
