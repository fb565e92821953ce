import { isIntrospectionType, isUnionType, printType } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../../src/graphql/federation/subgraphSchema';
import { buildSchema } from '../../src/graphql/schema';

/** Each type of a schema printed as SDL, by name (descriptions included). */
function printedTypes(schema: GraphQLSchema): Map<string, string> {
  const types = Object.values(schema.getTypeMap()).filter((type) => !isIntrospectionType(type));
  return new Map(types.map((type) => [type.name, printType(type)]));
}

describe('the federation subgraph schema', () => {
  const plain = buildSchema();
  const federated = buildFederatedSchema();

  it('has every type and field of the plain schema, unchanged, except subscriptions', () => {
    const federatedTypes = printedTypes(federated);
    const queryFields = federated.getQueryType()!.getFields();
    for (const [name, printed] of printedTypes(plain)) {
      if (name === 'Subscription') expect(federatedTypes.has(name)).toBe(false);
      else if (name === 'Query') {
        for (const field of Object.values(plain.getQueryType()!.getFields())) {
          expect(queryFields[field.name]?.type.toString()).toBe(field.type.toString());
          expect(queryFields[field.name]?.args.map((arg) => `${arg.name}: ${arg.type}`)).toEqual(field.args.map((arg) => `${arg.name}: ${arg.type}`));
        }
      } else expect([name, federatedTypes.get(name)]).toEqual([name, printed]);
    }
    expect(federated.getSubscriptionType()).toBeUndefined();
  });

  it('adds _service and _entities over exactly the keyed entities', () => {
    expect(Object.keys(federated.getQueryType()!.getFields())).toEqual(expect.arrayContaining(['_service', '_entities']));
    const entity = federated.getType('_Entity');
    expect(isUnionType(entity) && entity.getTypes().map((type) => type.name).sort()).toEqual([
      'Asset',
      'Assignment',
      'DownloadOrder',
      'Order',
      'Photo',
      'Project',
    ]);
  });

  it('leaves the plain schema without any federation field or directive', () => {
    expect(plain.getQueryType()!.getFields()._service).toBeUndefined();
    expect(plain.getType('_Entity')).toBeUndefined();
    expect(plain.getDirective('key')).toBeUndefined();
    expect(plain.getSubscriptionType()?.name).toBe('Subscription');
  });
});
