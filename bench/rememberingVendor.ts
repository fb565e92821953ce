/**
 * A vendor the benchmark is never bound by: a loopback front for one simulator that answers a
 * read it has seen before from memory, with the simulator's own answer (status, headers, body),
 * after the same fixed latency. The gateway, the naive baseline and the floor still get exactly
 * what the simulator would send, so they do the same work, and every call is still counted here;
 * only the simulator's filtering, sorting and signing per call is gone from the measured load.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import { CONTENT_HUB_CLIENT_ID_HEADER } from '../src/upstream/contentHub/model';

/** The request headers a simulator's answer depends on; the rest (request ids, host) never change it. */
const ANSWER_DEPENDS_ON = ['authorization', 'content-type', 'if-modified-since', 'if-none-match', CONTENT_HUB_CLIENT_ID_HEADER];
/** Hop-by-hop and per-answer headers, which Node sets itself for each answer. */
const NOT_REPLAYED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date', 'content-length']);
/** ACC's signed URLs live 60 s: a remembered answer is asked again long before its URLs expire. */
const REMEMBERED_MS = 10_000;
/** The bench asks a few dozen distinct reads; the bound only keeps a mistake from eating memory. */
const MAX_REMEMBERED = 10_000;

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** A vendor as the benchmark calls and counts it. */
export interface BenchVendor {
  url: string;
  /** Requests received (for a front: answered from memory or not) since the last reset. */
  readonly requests: number;
  resetRequests(): void;
  close(): Promise<void>;
}

/** A GET, or ACC's photos:filter, a read by POST body; anything else goes to the simulator each time. */
function isRead(method: string, path: string): boolean {
  return method === 'GET' || (method === 'POST' && /:filter(\?|$)/.test(path));
}

/** A front for `simulator` (which it closes with itself), answering after `latencyMs`. */
export async function startRememberingVendor(simulator: { url: string; close(): Promise<void> }, latencyMs: number): Promise<BenchVendor> {
  const pool = new Pool(simulator.url, { connections: 16 });
  const remembered = new Map<string, { answer: Promise<Answer>; at: number }>();
  let requests = 0;
  let origin = '';

  const ask = async (request: http.IncomingMessage, body: Buffer): Promise<Answer> => {
    const headers = Object.fromEntries(ANSWER_DEPENDS_ON.flatMap((name) => (request.headers[name] ? [[name, String(request.headers[name])]] : [])));
    const answer = await pool.request({ method: request.method as 'GET', path: request.url!, headers, body: body.length ? body : undefined });
    // The simulator's links (next pages, signed URLs) name its own origin: they name the front's,
    // as they would if the simulator listened there.
    const moved = (text: string) => text.replaceAll(simulator.url, origin);
    const replayed = Object.entries(answer.headers).flatMap(([name, value]) => (NOT_REPLAYED.has(name) || value === undefined ? [] : [[name, moved(String(value))]]));
    return { status: answer.statusCode, headers: Object.fromEntries(replayed), body: Buffer.from(moved(await answer.body.text())) };
  };

  const answerFor = (request: http.IncomingMessage, body: Buffer): Promise<Answer> => {
    if (!isRead(request.method!, request.url!)) return ask(request, body);
    const key = [request.method, request.url, ...ANSWER_DEPENDS_ON.map((name) => request.headers[name] ?? ''), body.toString('latin1')].join('\n');
    const known = remembered.get(key);
    if (known && Date.now() - known.at < REMEMBERED_MS) return known.answer;
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    // Remembered while in flight, so concurrent first asks make one simulator call; a failure or
    // a 5xx is forgotten, so it is asked again.
    const entry = { answer: ask(request, body), at: Date.now() };
    const forget = () => remembered.get(key) === entry && remembered.delete(key);
    entry.answer.then((fresh) => fresh.status >= 500 && forget(), forget);
    remembered.set(key, entry);
    return entry.answer;
  };

  const server = http.createServer((request, response) => {
    requests += 1;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      Promise.all([answerFor(request, Buffer.concat(chunks)), sleep(latencyMs)]).then(
        ([answer]) => response.writeHead(answer.status, { ...answer.headers, 'content-length': answer.body.length }).end(answer.body),
        () => response.writeHead(502).end(),
      );
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    get requests() {
      return requests;
    },
    resetRequests: () => {
      requests = 0;
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await pool.close();
      await simulator.close();
    },
  };
}
