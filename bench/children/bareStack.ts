/**
 * The chosen stack with nothing of the gateway's, for `npm run bench:ceiling`: scenario 1's query
 * answered by one resolver that makes the scenario's vendor call with undici. Served three ways:
 * Apollo Server 5 behind Express 5 (as the gateway serves), Apollo Server 5's standalone server
 * (node:http, cors and body-parser), and graphql-js alone on node:http. What each costs per
 * request bounds what any gateway built on it can reach.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { execute, parse } from 'graphql';
import type { DocumentNode } from 'graphql';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { DirectVendors, SCENARIOS } from '../scenarios';
import type { Fixtures, VendorUrls } from '../scenarios';
import type { BareStack } from '../stackCeiling';
import { BENCH_TOKENS } from '../vendorTokens';
import { reportReady } from './ipc';

const typeDefs = /* GraphQL */ `
  type Query { photo(projectId: ID!, id: ID!): Photo }
  type Photo { id: ID! title: String mediaType: String createdAt: String signedUrls: SignedUrls }
  type SignedUrls { fileUrl: String expiresAt: String }
`;

async function main(): Promise<void> {
  const { stack, urls, fixtures, connections } = JSON.parse(process.argv[2]!) as {
    stack: BareStack;
    urls: VendorUrls;
    fixtures: Fixtures;
    connections: number;
  };
  const vendors = new DirectVendors(urls, BENCH_TOKENS, connections);
  const onePhoto = SCENARIOS.find((scenario) => scenario.id === '1')!;
  const resolvers = { Query: { photo: () => onePhoto.direct(vendors, fixtures, 0) } };
  const url = await SERVE[stack](resolvers);
  reportReady({ url }, () => vendors.close());
}

type Resolvers = { Query: { photo: () => Promise<unknown> } };

const SERVE: Record<BareStack, (resolvers: Resolvers) => Promise<string>> = {
  'apollo-express': async (resolvers) => {
    const apollo = new ApolloServer({ typeDefs, resolvers });
    await apollo.start();
    const app = express();
    app.use('/graphql', express.json(), expressMiddleware(apollo));
    return listen(http.createServer(app));
  },
  'apollo-standalone': async (resolvers) => {
    const { url } = await startStandaloneServer(new ApolloServer({ typeDefs, resolvers }), { listen: { port: 0, host: '127.0.0.1' } });
    return `${url}graphql`;
  },
  // Parsing cached per query text, as Apollo's document store does; no validation after the first.
  'graphql-js': async (resolvers) => {
    const schema = makeExecutableSchema({ typeDefs, resolvers });
    const documents = new Map<string, DocumentNode>();
    return listen(
      http.createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', async () => {
          const { query, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables?: Record<string, unknown> };
          let document = documents.get(query);
          if (!document) documents.set(query, (document = parse(query)));
          const body = JSON.stringify(await execute({ schema, document, variableValues: variables }));
          response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
        });
      }),
    );
  },
};

async function listen(server: http.Server): Promise<string> {
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

void main();
