/**
 * The dataset folder's files and columns (DATA.md, the public contract).
 * Column order here is the order the writer uses.
 */

export interface FileSpec {
  /** File name in a dataset folder. */
  file: string;
  /** Key of the same table in the JSON form. */
  key: TableKey;
  /** Whether a dataset must have this file. */
  required: boolean;
  columns: readonly string[];
  requiredColumns: readonly string[];
}

export type TableKey =
  | 'items'
  | 'requirements'
  | 'shares'
  | 'organizations'
  | 'countries'
  | 'demand'
  | 'blocs'
  | 'sources';

export const FILES: readonly FileSpec[] = [
  {
    file: 'items.csv',
    key: 'items',
    required: true,
    columns: [
      'id',
      'name',
      'name_zh',
      'area',
      'kind',
      'stage',
      'variant_of',
      'market_size_usd',
      'market_year',
      'description',
      'source',
    ],
    requiredColumns: ['id', 'name', 'area', 'kind'],
  },
  {
    file: 'requirements.csv',
    key: 'requirements',
    required: false,
    columns: ['item', 'requires', 'criticality', 'group', 'efficiency', 'note', 'source'],
    requiredColumns: ['item', 'requires'],
  },
  {
    file: 'shares.csv',
    key: 'shares',
    required: true,
    columns: ['item', 'provider', 'share', 'basis', 'year', 'source', 'confidence'],
    requiredColumns: ['item', 'provider'],
  },
  {
    file: 'organizations.csv',
    key: 'organizations',
    required: false,
    columns: ['id', 'name', 'country', 'aliases'],
    requiredColumns: ['id', 'name', 'country'],
  },
  {
    file: 'countries.csv',
    key: 'countries',
    required: false,
    columns: ['code', 'name', 'name_zh', 'gdp_usd', 'gdp_year'],
    requiredColumns: ['code', 'name'],
  },
  {
    file: 'demand.csv',
    key: 'demand',
    required: false,
    columns: ['item', 'country', 'share', 'year', 'source'],
    requiredColumns: ['item', 'country', 'share'],
  },
  {
    file: 'blocs.csv',
    key: 'blocs',
    required: false,
    columns: ['bloc', 'country'],
    requiredColumns: ['bloc', 'country'],
  },
  {
    file: 'sources.csv',
    key: 'sources',
    required: false,
    columns: ['id', 'title', 'publisher', 'url', 'year', 'accessed', 'license'],
    requiredColumns: ['id', 'title'],
  },
];

export const META_FILE = 'dataset.yaml';
export const META_KEYS = ['name', 'version', 'description', 'license', 'homepage'] as const;

export function fileSpec(key: TableKey): FileSpec {
  return FILES.find((f) => f.key === key)!;
}
