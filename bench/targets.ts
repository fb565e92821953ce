import { request } from 'undici';
import { ACC_TOKEN_HEADER } from '../src/auth/accToken';
import type { LoadRequest } from './children/load';
import type { TargetName } from './report';
import type { Fixtures, GraphQLRequestBody, Scenario } from './scenarios';
import { benchAuthorization } from './benchCaller';
import { BENCH_TOKENS } from './vendorTokens';

/** How a load run or a single request reaches one of the three things measured. */
export interface Target {
  name: TargetName;
  origin: string;
  requests(scenario: Scenario, fixtures: Fixtures): LoadRequest[];
}

/** A GraphQL POST as the load generator and `send` take it. */
export function graphqlRequest(url: string, body: GraphQLRequestBody): LoadRequest {
  return {
    method: 'POST',
    path: new URL(url).pathname,
    headers: { 'content-type': 'application/json', authorization: benchAuthorization(), [ACC_TOKEN_HEADER]: BENCH_TOKENS.acc },
    body: JSON.stringify(body),
  };
}

export function graphqlTarget(name: TargetName, url: string): Target {
  return {
    name,
    origin: new URL(url).origin,
    requests: (scenario, fixtures) => scenario.operations(fixtures).map((body) => graphqlRequest(url, body)),
  };
}

export function floorTarget(url: string): Target {
  return {
    name: 'floor',
    origin: url,
    requests: (scenario, fixtures) => scenario.operations(fixtures).map((_, step) => ({ method: 'GET', path: `/${scenario.id}/${step}` })),
  };
}

/** One request, checked: a 200 without GraphQL errors, or the run stops with what went wrong. */
export async function send(origin: string, load: LoadRequest): Promise<unknown> {
  const response = await request(`${origin}${load.path}`, { method: load.method, headers: load.headers, body: load.body });
  const text = await response.body.text();
  if (response.statusCode !== 200 || text.includes('"errors":')) {
    throw new Error(`${load.method} ${origin}${load.path} answered ${response.statusCode}: ${text.slice(0, 500)}`);
  }
  return JSON.parse(text);
}
