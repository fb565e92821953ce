#!/usr/bin/env node
/**
 * Breaking-change check of the GraphQL schema (schema/*.graphql) against a base revision, with
 * graphql-inspector's diff: lists every change and fails on a breaking one.
 *
 * Base: SCHEMA_BASE_REF if set; else origin/main or main when they differ from HEAD (a branch
 * or pull request); else HEAD~1 (on main, the change the last commit made). A breaking change
 * that is meant (the old field deprecated long enough) passes with SCHEMA_ALLOW_BREAKING=1.
 */
const { execFileSync } = require('node:child_process');
const { readdirSync, readFileSync } = require('node:fs');
const path = require('node:path');
const { buildSchema } = require('graphql');
const { CriticalityLevel, diff } = require('@graphql-inspector/core');

const git = (...args) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
const revision = (ref) => {
  try {
    return git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`);
  } catch {
    return undefined;
  }
};

function baseRef() {
  if (process.env.SCHEMA_BASE_REF) return process.env.SCHEMA_BASE_REF;
  const head = revision('HEAD');
  for (const ref of ['origin/main', 'main']) {
    const commit = revision(ref);
    if (commit && commit !== head) return git('merge-base', 'HEAD', ref);
  }
  return revision('HEAD~1');
}

function sdlAt(ref) {
  const files = git('ls-tree', '--name-only', `${ref}:schema`).split('\n').filter((name) => name.endsWith('.graphql'));
  return files.map((name) => git('show', `${ref}:schema/${name}`)).join('\n');
}

function currentSdl() {
  const directory = path.join(__dirname, '..', 'schema');
  return readdirSync(directory)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => readFileSync(path.join(directory, name), 'utf8'))
    .join('\n');
}

async function main() {
  const base = baseRef();
  if (!base) {
    console.log('schema: no base revision to compare with');
    return;
  }
  const changes = await diff(buildSchema(sdlAt(base)), buildSchema(currentSdl()));
  const breaking = changes.filter((change) => change.criticality.level === CriticalityLevel.Breaking);
  console.log(`schema: ${changes.length} change(s) since ${base.slice(0, 12)}, ${breaking.length} breaking`);
  for (const change of changes) console.log(`  ${change.criticality.level.padEnd(13)} ${change.message}`);
  if (breaking.length && process.env.SCHEMA_ALLOW_BREAKING !== '1') {
    console.log('schema: breaking changes; deprecate first, or set SCHEMA_ALLOW_BREAKING=1 if this one is meant');
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
