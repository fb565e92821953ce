import { MAX_VARIABLES_DEPTH, variablesDepthError } from '../../src/access/variablesDepth';

/** A value `depth` levels of lists and objects deep, built without recursion. */
function nested(depth: number, wrap: (inner: unknown) => unknown = (inner) => [inner]): unknown {
  let value: unknown = 'leaf';
  for (let level = 0; level < depth; level++) value = wrap(value);
  return value;
}

describe('variablesDepthError', () => {
  it('takes no variables, scalars and values up to the bound', () => {
    expect(variablesDepthError(undefined)).toBeUndefined();
    expect(variablesDepthError({ id: 'x', n: 3, flag: null })).toBeUndefined();
    expect(variablesDepthError({ v: nested(MAX_VARIABLES_DEPTH) })).toBeUndefined();
    expect(variablesDepthError({ v: nested(MAX_VARIABLES_DEPTH, (inner) => ({ inner })) })).toBeUndefined();
  });

  it('refuses one level more, in lists, objects or both, naming the variable and not its value', () => {
    const mixed = (inner: unknown) => ({ list: [inner] });
    for (const value of [nested(MAX_VARIABLES_DEPTH + 1), nested(MAX_VARIABLES_DEPTH + 1, (inner) => ({ inner })), nested(MAX_VARIABLES_DEPTH / 2 + 1, mixed)]) {
      const error = variablesDepthError({ ok: 1, deep: value });
      expect(error?.message).toBe(`Variable "$deep" is nested deeper than ${MAX_VARIABLES_DEPTH} levels.`);
      expect(error?.extensions.code).toBe('BAD_USER_INPUT');
    }
  });

  it('measures a value nested 1,000,000 deep without exhausting the stack', () => {
    expect(variablesDepthError({ v: nested(1_000_000) })?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('finds the one deep branch among many shallow ones', () => {
    const wide = Array.from({ length: 10_000 }, () => ({ a: [1] }));
    expect(variablesDepthError({ v: wide })).toBeUndefined();
    wide[9_999] = { a: nested(MAX_VARIABLES_DEPTH) as never };
    expect(variablesDepthError({ v: wide })?.extensions.code).toBe('BAD_USER_INPUT');
  });
});
