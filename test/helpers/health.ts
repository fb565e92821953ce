import { request } from 'undici';
import { DEMO } from '../../src/simulators/acc/seed';
import type { TestStack } from './stack';

/** The normal query `expectHealthy` sends (a trusted documents manifest of a test lists it). */
export const HEALTH_QUERY = `query($p: ID!) { project(id: $p) { photos(first: 3) { nodes { photoId } } } }`;

/** The gateway still answers after an attack: /healthz is 200 and a normal query has its data. */
export async function expectHealthy(stack: TestStack): Promise<void> {
  const health = await request(`${new URL(stack.url).origin}/healthz`);
  expect(health.statusCode).toBe(200);
  await health.body.dump();
  const { status, body } = await stack.graphql(HEALTH_QUERY, { p: DEMO.projectIds[0] });
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
}
