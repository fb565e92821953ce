import { GraphQLError } from 'graphql';

/**
 * Deepest bracket nesting a document may have: selections (`{`), arguments (`(`) and list and
 * object values (`[`, `{`) together. The depth limit keeps selections at 10 and no input needs
 * more than a few dozen levels, while graphql-js's recursive parser runs out of stack at about
 * 2,000: far below that, and checked before the parser ever sees the document.
 */
export const MAX_DOCUMENT_NESTING = 128;

const OPENING = new Set(['{', '[', '(']);
const CLOSING = new Set(['}', ']', ')']);

/**
 * Refuses a document nested deeper than MAX_DOCUMENT_NESTING with GRAPHQL_PARSE_FAILED, in one
 * pass over its text: brackets inside strings, block strings and comments do not count.
 */
export function documentNestingError(source: string): GraphQLError | undefined {
  let depth = 0;
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index]!;
    if (char === '#') {
      index = endOf(source, index, '\n');
    } else if (source.startsWith('"""', index)) {
      index = endOfBlockString(source, index + 3);
    } else if (char === '"') {
      index = endOfString(source, index + 1);
    } else if (OPENING.has(char)) {
      depth += 1;
      if (depth > MAX_DOCUMENT_NESTING) {
        return new GraphQLError(`Syntax Error: the document nests brackets deeper than ${MAX_DOCUMENT_NESTING} levels.`, {
          extensions: { code: 'GRAPHQL_PARSE_FAILED' },
        });
      }
    } else if (CLOSING.has(char)) {
      depth -= 1;
    }
  }
  return undefined;
}

/** The index of the next `char` after `from`, or the end. */
function endOf(source: string, from: number, char: string): number {
  const found = source.indexOf(char, from + 1);
  return found === -1 ? source.length : found;
}

function endOfBlockString(source: string, from: number): number {
  for (let index = from; index < source.length; index += 1) {
    if (source.startsWith('\\"""', index)) index += 3;
    else if (source.startsWith('"""', index)) return index + 2;
  }
  return source.length;
}

function endOfString(source: string, from: number): number {
  for (let index = from; index < source.length; index += 1) {
    const char = source[index];
    if (char === '\\') index += 1;
    else if (char === '"' || char === '\n') return index;
  }
  return source.length;
}
