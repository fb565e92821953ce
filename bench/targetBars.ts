/** The bars the bench report checks (issues 7 and 17), in one place for the tables and the targets section. */

/** Throughput ratios the gateway must reach: over the floor script, or over the naive baseline. */
export const FLOOR_RATIO_TARGETS: Record<string, number> = { '1': 0.6 };
export const NAIVE_RATIO_TARGETS: Record<string, number> = { '3': 5, '6': 6 };
/** The most the gateway's low-load p50 overhead may exceed the floor script's own, in ms. */
export const LOW_LOAD_EXCESS_MS: Record<string, number> = { '1': 0.5, '2': 1.5, '3': 1.5, '4': 1.5, '5': 1.5, '6': 1.5 };
export const SCENARIO_1_CPU_MS = 0.6;
/** The largest file's rate through the gateway over the same bytes sent or fetched directly. */
export const STREAMING_RATIO_TARGET = 0.85;
export const STREAMING_RSS_MIB = 64;
