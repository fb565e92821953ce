import { request } from 'undici';
import { DEMO } from '../../src/simulators/acc/seed';
import type { GraphQLResponse, TestStack } from './stack';

/**
 * The gateway still answers after an attack: /healthz is 200 and a normal query has its data.
 * `probe` sends that query (a project's photos); by default as text, which a gateway that runs
 * only trusted documents by id refuses, so such tests send a listed one by id instead.
 */
export async function expectHealthy(stack: TestStack, probe: (projectId: string) => Promise<GraphQLResponse> = photosAsText(stack)): Promise<void> {
  const health = await request(`${new URL(stack.url).origin}/healthz`);
  expect(health.statusCode).toBe(200);
  await health.body.dump();
  const { status, body } = await probe(DEMO.projectIds[0]!);
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
}

function photosAsText(stack: TestStack) {
  return (projectId: string) => stack.graphql(`query($p: ID!) { project(id: $p) { photos(first: 3) { nodes { photoId } } } }`, { p: projectId });
}
