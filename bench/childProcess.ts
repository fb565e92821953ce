import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LoadResult, LoadRun } from './children/load';
import { benchAuthEnv } from './benchCaller';

export interface BenchChild<Ready> {
  process: ChildProcess;
  pid: number;
  ready: Ready;
  /** Sends `message` and resolves with the child's next answer of type `answerType`. */
  ask<Answer>(message: unknown, answerType: string): Promise<Answer>;
  stop(): void;
}

/**
 * Starts one of bench/children/*.js (built) and waits for its `ready` report. Children die with
 * the benchmark: they exit when their IPC channel closes, and are killed on exit.
 */
export async function startChild<Ready>(
  name: 'simulators' | 'gateway' | 'floor' | 'bareStack' | 'barePipe' | 'load',
  args: string[] = [],
  env: Record<string, string> = {},
  execArgv: string[] = [],
): Promise<BenchChild<Ready>> {
  const child = fork(path.join(__dirname, 'children', `${name}.js`), args, {
    env: { ...process.env, ...env },
    execArgv,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const ready = await nextMessage<Ready>(child, 'ready');
  return {
    process: child,
    pid: child.pid!,
    ready,
    ask: (message, answerType) => {
      const answer = nextMessage<never>(child, answerType);
      child.send(message as object);
      return answer;
    },
    stop: () => {
      process.off('exit', kill);
      child.kill('SIGTERM');
    },
  };
}

function nextMessage<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onMessage = (message: { type: string; message?: string }) => {
      if (message.type === 'error') {
        cleanup();
        reject(new Error(message.message));
      } else if (message.type === type) {
        cleanup();
        resolve(message as T);
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`bench child exited with ${code}`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** A process's resident memory now (VmRSS), in KiB. */
export async function rssKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]);
}

/** The V8 flags `npm start` and the image run the gateway with (package.json, Dockerfile). */
export const GATEWAY_NODE_FLAGS = ['--max-semi-space-size=32'];

/**
 * The gateway in production mode on the given vendors, batched or naive, trusting the bench's
 * token issuer, with the flags it is deployed with.
 */
export async function startGatewayChild(vendorEnv: Record<string, string>, options: { naive?: boolean; execArgv?: string[] } = {}) {
  return startChild<{ url: string }>(
    'gateway',
    options.naive ? ['--naive'] : [],
    { NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', ...(await benchAuthEnv()), ...vendorEnv },
    [...GATEWAY_NODE_FLAGS, ...(options.execArgv ?? [])],
  );
}

/** CPU time a process has used so far (user + system), in seconds, from /proc/<pid>/stat. */
export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100;
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

export interface MeasuredLoad {
  result: LoadResult;
  /** CPU time the process `pid` spent per request. */
  cpuMsPerRequest: number;
  /** Each watched process's CPU time over the run's wall time: 1 is one core busy throughout. */
  cores: Record<string, number>;
}

/**
 * One run of the load generator against the process `pid`, the CPU it spent per request, and how
 * busy the `watched` processes (the vendors, the load generator) were meanwhile.
 */
export async function loadMeasuringCpu(load: BenchChild<object>, run: LoadRun, pid: number, watched: Record<string, number> = {}): Promise<MeasuredLoad> {
  const pids = [pid, ...Object.values(watched)];
  const before = await Promise.all(pids.map(cpuSeconds));
  const started = process.hrtime.bigint();
  const { result } = await load.ask<{ result: LoadResult }>(run, 'result');
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const [target, ...others] = (await Promise.all(pids.map(cpuSeconds))).map((seconds, index) => seconds - before[index]!);
  return {
    result,
    cpuMsPerRequest: (target! * 1000) / result.requests,
    cores: Object.fromEntries(Object.keys(watched).map((name, index) => [name, others[index]! / wallSeconds])),
  };
}
