import type DataLoader from 'dataloader';

/**
 * DataLoader's own switches, both on in the gateway. `npm run bench` turns them off to measure
 * what batching and per-request caching are worth (the naive baseline).
 */
export type LoaderOptions = Pick<DataLoader.Options<unknown, unknown>, 'batch' | 'cache'>;
