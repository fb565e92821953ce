/**
 * What hostile requests cost the gateway (issue 14's figures), measured from outside against
 * the gateway as a production child process: the Content Hub calls a 2,000-id `nodes` request
 * makes, and the gateway's RSS after WebSocket messages at and over the JSON body limit.
 * Loopback only; a fixed number of requests; stops by itself.
 *
 *   npm run bench:hostile                 # 5 messages of each size
 *   HOSTILE_ROUNDS=20 npm run bench:hostile
 */
import { request } from 'undici';
import WebSocket from 'ws';
import { toGlobalId } from '../src/graphql/relay/globalId';
import { CONTENT_HUB_DEMO } from '../src/simulators/contentHub/seed';
import { startContentHubSimulator } from '../src/simulators/contentHub/server';
import { rssKb, startGatewayChild } from './childProcess';
import { benchAuthorization } from './benchCaller';

const ROUNDS = Number(process.env.HOSTILE_ROUNDS ?? 5);
const LIMIT_BYTES = 1024 * 1024;
const WATCH = 'subscription($id: ID!) { downloadOrderWatch(id: $id) { orderId } }';

async function main(): Promise<void> {
  const contentHub = await startContentHubSimulator();
  const gateway = await startGatewayChild({ CONTENT_HUB_BASE_URL: contentHub.url, CONTENT_HUB_TOKEN: CONTENT_HUB_DEMO.token, LOG_LEVEL: 'silent' });
  try {
    const ids = Array.from({ length: 2_000 }, (_, index) => toGlobalId('DownloadOrder', String(CONTENT_HUB_DEMO.firstOrderId + (index % 23))));
    const body = JSON.stringify({ query: 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids } });
    const callsBefore = contentHub.requests.length;
    const answer = await request(gateway.ready.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: benchAuthorization() }, body });
    const refusal = (await answer.body.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    console.log(
      `nodes(ids:) with 2,000 ids (${body.length} bytes): HTTP ${answer.statusCode} ${refusal.errors?.[0]?.extensions?.code ?? 'no error'}, ` +
        `${contentHub.requests.length - callsBefore} Content Hub calls`,
    );

    for (const [label, padding] of [
      ['at the limit (1 MiB less 1 KiB)', LIMIT_BYTES - 1024],
      ['over the limit (30 MiB)', 30 * LIMIT_BYTES],
    ] as const) {
      const rss = [(await rssKb(gateway.pid)) / 1024];
      const closes: Array<number | string> = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        closes.push(await sendMessage(gateway.ready.url, padding));
        rss.push((await rssKb(gateway.pid)) / 1024);
      }
      const health = await request(new URL('/healthz', gateway.ready.url));
      await health.body.dump();
      console.log(
        `WebSocket message ${label}, ${ROUNDS} times: answered ${[...new Set(closes)].join(', ')}; ` +
          `RSS ${rss.map((mib) => mib.toFixed(1)).join(' → ')} MiB; /healthz ${health.statusCode}`,
      );
    }
  } finally {
    gateway.stop();
    await contentHub.close();
  }
}

/** One subscribe message padded to about `padding` bytes; how the gateway answered it. */
async function sendMessage(url: string, padding: number): Promise<number | string> {
  const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  socket.on('error', () => undefined);
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: benchAuthorization() } }));
  await new Promise((resolve) => socket.once('message', resolve));
  const answered = new Promise<number | string>((resolve) => {
    socket.on('message', (data: Buffer) => resolve(`a ${(JSON.parse(String(data)) as { type: string }).type} message`));
    socket.once('close', (code) => resolve(`close ${code}`));
  });
  socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: WATCH, variables: { id: '1004', padding: 'x'.repeat(padding - 200) } } }));
  const outcome = await Promise.race([answered, new Promise<string>((resolve) => setTimeout(() => resolve('no answer in 5 s'), 5_000))]);
  socket.terminate();
  return outcome;
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
