import { loadDevMessages, loadErrorMessages } from '@apollo/client/dev';

/**
 * Fails each test of the enclosing `describe` in which Apollo Client wrote to the console: it
 * reports cache trouble there (lost data, missing fields, bad merges), in its own words rather
 * than as links to its website.
 */
export function failOnApolloWarnings(): void {
  let consoleWarn: jest.SpyInstance;
  let consoleError: jest.SpyInstance;
  beforeAll(() => {
    loadDevMessages();
    loadErrorMessages();
  });
  beforeEach(() => {
    consoleWarn = jest.spyOn(console, 'warn');
    consoleError = jest.spyOn(console, 'error');
  });
  afterEach(() => {
    expect(consoleWarn).not.toHaveBeenCalled();
    expect(consoleError).not.toHaveBeenCalled();
    jest.restoreAllMocks();
  });
}
