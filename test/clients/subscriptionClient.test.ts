import { gql } from '@apollo/client';
import { firstValueFrom, toArray } from 'rxjs';
import WebSocket from 'ws';
import { createSubscriptionClient } from '../../examples/client/subscriptionClient';
import { DEMO } from '../../src/simulators/acc/seed';
import { startStack } from '../helpers/stack';
import type { TestStack } from '../helpers/stack';

const WATCH = gql`
  subscription Watch($id: ID!) {
    downloadOrderWatch(id: $id) { id orderId status }
  }
`;
const ORDER = gql`
  query Order($id: ID!) {
    downloadOrder(id: $id) { id orderId status }
  }
`;

describe('Apollo Client with subscriptions over WebSocket and the rest over HTTP (docs/clients.md)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('watches an order over the WebSocket and queries it over HTTP', async () => {
    const client = createSubscriptionClient({ uri: stack.url, getAccessToken: () => stack.tokens.full, accToken: DEMO.token }, WebSocket);
    try {
      const events = await firstValueFrom(client.subscribe({ query: WATCH, variables: { id: '1004' } }).pipe(toArray()));
      expect(events.map((event) => event.data)).toEqual([{ downloadOrderWatch: expect.objectContaining({ orderId: '1004', status: 'COMPLETED' }) }]);
      const { data } = await client.query({ query: ORDER, variables: { id: '1004' } });
      expect(data).toEqual({ downloadOrder: expect.objectContaining({ orderId: '1004', status: 'COMPLETED' }) });
    } finally {
      client.stop();
    }
  });
});
