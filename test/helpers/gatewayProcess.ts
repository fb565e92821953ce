import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface GatewayProcess {
  /** The GraphQL endpoint, read off the startup log line. */
  url: string;
  /** Every line the gateway has logged so far, parsed; a line that is not JSON as `{ unparsed }`. */
  logs: Array<Record<string, unknown>>;
  /** SIGTERM, then the exit code once it has drained. */
  stop(): Promise<number | null>;
}

const ROOT = path.resolve(__dirname, '../..');
const STARTUP_TIMEOUT_MS = 30_000;

/**
 * `src/main.ts` as its own Node process (through tsx, so no build step), configured only by
 * `env`: what `npm start` runs, outside Jest's module sandbox. For what needs a plain Node
 * runtime, such as the OTLP exporter's dynamic imports.
 */
export async function startGatewayProcess(env: Record<string, string>): Promise<GatewayProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start within ${STARTUP_TIMEOUT_MS} ms: ${stderr}`)), STARTUP_TIMEOUT_MS);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const entry = parseLine(line);
      logs.push(entry);
      if (typeof entry.url === 'string') {
        clearTimeout(timer);
        resolve(entry.url);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`gateway exited with ${code} before it started: ${stderr}`));
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });

  return {
    url,
    logs,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

function parseLine(line: string): Record<string, unknown> {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return { unparsed: line };
  }
}
