import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TestRedis {
  url: string;
  /** A key prefix of this test's own: tests sharing one Redis never see each other's keys. */
  keyPrefix: string;
  stop(): Promise<void>;
}

/** A redis-server this test owns, so it can take it down. */
export interface SpawnedRedis extends TestRedis {
  /** SIGKILL: Redis is gone and its connections drop. */
  kill(): Promise<void>;
  /** Starts it again, empty, on the same port. */
  restart(): Promise<void>;
  /** SIGSTOP: connections stay open but nothing answers, as with an overloaded Redis. */
  pause(): void;
  resume(): void;
}

const MISSING = 'redis-server is not installed: the Redis tests start a real one. Install it (Debian: apt-get install redis-server).';
const START_TIMEOUT_MS = 5_000;

/** The Redis at REDIS_URL when the environment gives one, else a redis-server of this test's own. */
export async function startRedis(): Promise<TestRedis> {
  const url = process.env.REDIS_URL;
  // Keys left behind expire with the gateway's cache TTL.
  if (url) return { url, keyPrefix: `mediagraph-test:${randomUUID()}:`, stop: async () => undefined };
  return spawnRedis();
}

/**
 * redis-server on 127.0.0.1 and a free port, with no persistence. It is killed by stop(), and
 * with the test process if that ends first.
 */
export async function spawnRedis(): Promise<SpawnedRedis> {
  const port = await freePort();
  let server = await launch(port);
  const killAtExit = () => server.kill('SIGKILL');
  process.once('exit', killAtExit);
  const kill = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGKILL');
    await exited;
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    keyPrefix: `mediagraph-test:${randomUUID()}:`,
    kill,
    restart: async () => {
      await kill();
      server = await launch(port);
    },
    pause: () => server.kill('SIGSTOP'),
    resume: () => server.kill('SIGCONT'),
    stop: async () => {
      await kill();
      process.off('exit', killAtExit);
    },
  };
}

/** A port nothing listens on (for a while): Redis's, or an unreachable one's. */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function launch(port: number): Promise<ChildProcess> {
  const server = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--loglevel', 'notice'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!error) return resolve(server);
      server.kill('SIGKILL');
      reject(error);
    };
    const timer = setTimeout(() => settle(new Error(`redis-server did not start within ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
    server.once('error', (error: NodeJS.ErrnoException) => settle(error.code === 'ENOENT' ? new Error(MISSING) : error));
    server.once('exit', (code) => settle(new Error(`redis-server exited (${code}) before it was ready:\n${output}`)));
    // Its log is read to the end: a full pipe would block Redis.
    const read = (chunk: Buffer) => {
      if (settled) return;
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) settle();
    };
    server.stdout!.on('data', read);
    server.stderr!.on('data', read);
  });
}
