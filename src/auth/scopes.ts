/**
 * The OAuth scopes this gateway knows, exactly as an access token's `scope` claim carries them
 * (space-separated, as Apollo Router reads it) and as the SDL's `@requiresScopes` names them.
 * Each description says what the scope unlocks; docs and the demo tokens read them from here.
 */
export const SCOPES = {
  'materials:read': "Read orders' assignments and their materials (Materials API).",
  'assets:read': "Read assets and get their content links (the partner asset store), private ones included.",
  'assets:write': 'Upload assets to the partner asset store with the gateway\'s service token.',
  'download-orders:read': 'Read and watch Content Hub download orders and their targets.',
  'download-orders:write': 'Create Content Hub download orders with the gateway\'s service token.',
} as const;

export type Scope = keyof typeof SCOPES;

export const ALL_SCOPES = Object.keys(SCOPES) as Scope[];

/** Every scope that only reads: what a viewer's token carries. */
export const READ_SCOPES: readonly Scope[] = ['materials:read', 'assets:read', 'download-orders:read'];
