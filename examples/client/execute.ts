import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

export interface ExecutionResult<TData> {
  data?: TData | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string } }>;
}

/**
 * Runs a generated document with plain fetch, no client library: the document's type fixes
 * which variables it takes and the shape of the data it returns.
 */
export async function execute<TData, TVariables>(
  uri: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  headers: Record<string, string> = {},
): Promise<ExecutionResult<TData>> {
  const response = await fetch(uri, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: print(document), variables }),
  });
  return (await response.json()) as ExecutionResult<TData>;
}
