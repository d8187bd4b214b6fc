/** JSON Schemas of the API's answers, for the OpenAPI document (openapi.ts). */
export const num = { type: 'number' } as const;
export const int = { type: 'integer' } as const;
export const str = { type: 'string' } as const;
export const bool = { type: 'boolean' } as const;
export const nullable = (t: string) => ({ type: [t, 'null'] });
export const arr = (items: object) => ({ type: 'array', items });
export const obj = (properties: Record<string, object>, required = Object.keys(properties)) => ({
  type: 'object',
  properties,
  required,
});
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export const schemas = {
  Error: obj({
    error: obj(
      {
        message: str,
        pointer: { ...str, description: 'query.NAME, path.NAME, body or body.PATH' },
        hint: str,
        suggestions: arr(str),
        problems: arr(
          obj({ pointer: str, message: str, hint: str, line: int }, ['pointer', 'message']),
        ),
      },
      ['message', 'pointer'],
    ),
  }),
  Item: obj({
    id: str,
    name: str,
    area: str,
    kind: str,
    stage: nullable('string'),
    variantOf: nullable('string'),
    marketSizeUsd: nullable('number'),
  }),
  Concentration: obj({
    item: str,
    name: str,
    area: str,
    hhi: nullable('number'),
    cr1: nullable('number'),
    cr3: nullable('number'),
    top: { oneOf: [obj({ country: str, share: num }), { type: 'null' }] },
    countriesTo75: nullable('integer'),
    unattributed: num,
    quantified: bool,
    unquantified: arr(str),
  }),
  OrgConcentration: obj({
    item: str,
    name: str,
    area: str,
    hhi: nullable('number'),
    cr1: nullable('number'),
    cr3: nullable('number'),
    top: { type: ['object', 'null'] },
    organizationsTo75: nullable('integer'),
    unattributed: num,
    unquantified: arr(str),
  }),
  ItemDetail: {
    type: 'object',
    description: 'The JSON of `chokepoint show ITEM`.',
    properties: {
      item: str,
      name: str,
      area: str,
      kind: str,
      marketSizeUsd: nullable('number'),
      marketYear: nullable('integer'),
      concentration: ref('Concentration'),
      organizationConcentration: ref('OrgConcentration'),
      countryShares: arr({ type: 'object' }),
      organizationShares: arr({ type: 'object' }),
      modelShares: obj({
        origin: {
          type: 'string',
          enum: ['countries', 'organizations', 'category', 'variants', 'none'],
        },
        from: nullable('string'),
        shares: arr(obj({ country: str, share: num })),
      }),
      requires: arr({ type: 'object' }),
      requiredBy: arr({ type: 'object' }),
      sources: arr(ref('Source')),
    },
  },
  Source: obj(
    { id: str, title: str, publisher: str, url: str, year: int, accessed: str, license: str },
    ['id', 'title'],
  ),
  Exposure: obj({
    item: str,
    name: str,
    area: str,
    domestic: num,
    foreign: num,
    controlledBy: { type: 'object', additionalProperties: num },
    selfSufficiency: nullable('number'),
  }),
  Overview: {
    type: 'object',
    description: 'The JSON of `chokepoint overview`.',
    properties: {
      dataset: { type: 'object' },
      perspective: str,
      members: arr(str),
      areas: arr({ type: 'object' }),
      stages: arr({ type: 'object' }),
    },
  },
  DatasetSummary: {
    type: 'object',
    properties: {
      name: nullable('string'),
      version: nullable('string'),
      counts: { type: 'object', additionalProperties: int },
      areas: arr({ type: 'object' }),
      countries: arr(obj({ code: str, name: str })),
      blocs: arr(obj({ id: str, members: arr(str) })),
      validation: obj({ errors: int, warnings: int, issues: arr({ type: 'object' }) }),
      sources: arr(ref('Source')),
    },
  },
  Graph: obj({
    area: str,
    perspective: str,
    nodes: arr({ type: 'object' }),
    edges: arr(obj({ from: str, to: str, criticality: num, group: nullable('string') })),
  }),
  LibraryScenario: {
    type: 'object',
    properties: {
      id: str,
      name: nullable('string'),
      perspective: nullable('string'),
      shocks: int,
      file: str,
      valid: bool,
      problems: arr(str),
      scenario: ref('Scenario'),
      text: str,
    },
  },
  Scenario: {
    type: 'object',
    description: 'A scenario file as JSON (docs/formats.md): shocks restrict, outage or build.',
    properties: {
      id: str,
      name: str,
      description: str,
      perspective: str,
      assumptions: obj({ reallocation: { enum: ['market', 'fixed'] } }, []),
      shocks: arr({ type: 'object' }),
      sources: arr(str),
    },
  },
  SimulationReport: {
    type: 'object',
    description: 'The JSON of `chokepoint simulate`.',
    properties: {
      scenario: str,
      perspective: str,
      reallocation: str,
      converged: bool,
      iterations: int,
      capabilityIndex: num,
      valueAtRisk: num,
      baselineValue: num,
      byArea: arr(obj({ area: str, capabilityIndex: num, valueAtRisk: num, baselineValue: num })),
      nodes: arr(obj({ item: str, country: str, x: num })),
      access: arr(obj({ item: str, country: str, a: num })),
      losses: arr(obj({ item: str, country: str, x: num, valueLost: num, why: arr(str) })),
      worldLoss: arr(obj({ item: str, loss: num })),
    },
  },
  RankRow: obj({
    item: str,
    restrictor: str,
    valueAtRisk: num,
    capabilityIndex: num,
    shareOfProduction: num,
    controlled: num,
    fullDecouplingValueAtRisk: num,
  }),
};
