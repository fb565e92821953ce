import { badUserInput } from '../../errors';

/** DESIGN.md section 1: `first` and `last` are 1..100 on every connection. */
export const MAX_PAGE_SIZE = 100;

export function checkPageSize(argument: 'first' | 'last', value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw badUserInput(`\`${argument}\` must be between 1 and ${MAX_PAGE_SIZE}; got ${value}.`);
  }
  return value;
}
