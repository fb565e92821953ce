import { getLocation, locatedError, visit } from 'graphql';
import type { DocumentNode, FieldNode, GraphQLError } from 'graphql';

/**
 * Rebuilds graphql-jit's field errors as graphql-js builds them, so clients, Apollo and our
 * formatError see the same errors whichever executor ran. graphql-jit makes errors of its own
 * shape: no `nodes`, no `extensions` unless the thrown error had some (Apollo reads
 * `extensions.code` and fails on that), and a thrown error that already has its own path is
 * wrapped where graphql-js keeps it as it is. graphql-js passes each error, thrown or its own
 * (a non-null field that answered null...), through `locatedError` with the field's nodes and
 * path; graphql-jit reports the nodes as their locations, which name them exactly.
 */
export class JitErrors {
  private fieldsByLocation?: Map<string, FieldNode>;

  constructor(private readonly document: DocumentNode) {}

  asGraphQLJs(errors: readonly GraphQLError[]): GraphQLError[] {
    return errors.map((error) => {
      const nodes = error.locations?.map(({ line, column }) => this.fieldAt(line, column)).filter((node) => node !== undefined);
      // graphql-jit keeps the thrown error as originalError, and its own errors carry only a message.
      return locatedError(error.originalError ?? new Error(error.message), nodes, error.path);
    });
  }

  /** Read once, on the document's first error: documents that answer without errors never pay. */
  private fieldAt(line: number, column: number): FieldNode | undefined {
    if (!this.fieldsByLocation) {
      const fields = new Map<string, FieldNode>();
      visit(this.document, {
        Field: (node) => {
          if (node.loc) {
            const { line: at, column: from } = getLocation(node.loc.source, node.loc.start);
            fields.set(`${at}:${from}`, node);
          }
        },
      });
      this.fieldsByLocation = fields;
    }
    return this.fieldsByLocation.get(`${line}:${column}`);
  }
}
