import { getNullableType, isInputObjectType, isListType } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { listMaxima } from '../../src/access/listLimits';
import type { InputValue } from '../../src/access/listLimits';
import { buildFederatedSchema } from '../../src/graphql/federation/subgraphSchema';
import { buildSchema } from '../../src/graphql/schema';

const UPLOAD_FILES = 7;

/** Every argument and input field of a schema whose type is a list, by its schema coordinate. */
function listInputs(schema: GraphQLSchema): Array<[string, InputValue]> {
  const found: Array<[string, InputValue]> = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) found.push([`${type.name}.${field.name}`, field]);
    } else if ('getFields' in type) {
      for (const field of Object.values(type.getFields())) {
        for (const argument of field.args) found.push([`${type.name}.${field.name}(${argument.name}:)`, argument]);
      }
    }
  }
  return found.filter(([, input]) => isListType(getNullableType(input.type)));
}

describe('list maxima', () => {
  it.each([
    ['plain', buildSchema()],
    ['federation subgraph', buildFederatedSchema()],
  ])('every list argument and input field of the %s schema has one', (_name, schema) => {
    const maxItemsOf = listMaxima(schema, UPLOAD_FILES);
    const inputs = listInputs(schema);
    expect(inputs.length).toBeGreaterThan(8);
    expect(inputs.filter(([, input]) => maxItemsOf(input) === undefined).map(([coordinate]) => coordinate)).toEqual([]);
  });

  it('says its maximum in the description of every list argument and input field that declares one', () => {
    const schema = buildSchema();
    const maxItemsOf = listMaxima(schema, UPLOAD_FILES);
    const missing = listInputs(schema)
      .filter(([, input]) => !new RegExp(`\\b${maxItemsOf(input)}\\b|UPLOAD_MAX_FILES`).test(input.description ?? ''))
      .map(([coordinate]) => coordinate);
    expect(missing).toEqual([]);
  });

  it('bounds nodes(ids:) by 100, uploads by the upload limit and _entities by 100', () => {
    const plain = buildSchema();
    const maxItemsOf = listMaxima(plain, UPLOAD_FILES);
    expect(maxItemsOf(plain.getQueryType()!.getFields()['nodes']!.args[0]!)).toBe(100);
    expect(maxItemsOf(plain.getMutationType()!.getFields()['assetUploadMany']!.args[0]!)).toBe(UPLOAD_FILES);
    const subgraph = buildFederatedSchema();
    expect(listMaxima(subgraph, UPLOAD_FILES)(subgraph.getQueryType()!.getFields()['_entities']!.args[0]!)).toBe(100);
  });
});
