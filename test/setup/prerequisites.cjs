/**
 * What `npm test` needs beyond node_modules, provisioned before any suite runs (Jest's
 * globalSetup): `redis-server`, which the shared-cache and Redis-outage suites start and kill
 * on loopback. Missing, it is installed with Debian's package when the machine allows it (apt-get,
 * as root or with sudo that asks no password); otherwise the run fails at once with one line
 * saying what to run. A suite is never skipped for want of it.
 */
const { spawnSync } = require('node:child_process');
const { accessSync, constants } = require('node:fs');
const path = require('node:path');

const INSTALL = ['apt-get', 'install', '-y', '--no-install-recommends', 'redis-server'];

/** The first executable `name` on PATH, or undefined. */
function onPath(name, env = process.env) {
  for (const directory of (env.PATH ?? '').split(path.delimiter)) {
    if (!directory) continue;
    const candidate = path.join(directory, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** How to run apt-get here: directly as root, through sudo without a password, or not at all. */
function aptRunner(env) {
  if (!onPath('apt-get', env)) return undefined;
  if (process.getuid?.() === 0) return [];
  if (onPath('sudo', env) && spawnSync('sudo', ['-n', 'true'], { env, stdio: 'ignore' }).status === 0) return ['sudo', '-n'];
  return undefined;
}

function run(prefix, command, env) {
  const [program, ...args] = [...prefix, ...command];
  const result = spawnSync(program, args, { env: { ...env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: ['ignore', 'inherit', 'inherit'] });
  return result.status === 0;
}

/** Makes sure redis-server is on PATH; throws one line saying what to run when it cannot. */
function provisionRedis(env = process.env, log = (line) => console.error(line)) {
  if (onPath('redis-server', env)) return;
  const prefix = aptRunner(env);
  const manual = 'redis-server is missing: the Redis suites start a real one. Run `sudo apt-get install -y redis-server` (Debian/Ubuntu) or put redis-server on PATH, then `npm test` again.';
  if (!prefix) throw new Error(manual);
  log(`redis-server is missing: installing Debian's package (${[...prefix, ...INSTALL].join(' ')})…`);
  if (!run(prefix, ['apt-get', 'update'], env) || !run(prefix, INSTALL, env) || !onPath('redis-server', env)) {
    throw new Error(`Installing redis-server failed (see above). ${manual}`);
  }
}

/** Provisions, or ends the process with the one line (Jest would print a stack under it). */
function provisionOrExit() {
  try {
    provisionRedis();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}

module.exports = async function globalSetup() {
  provisionOrExit();
};

if (require.main === module) provisionOrExit();
