import { PipelineConfig, type ConfigOptions, type ConfigSpec } from '../../model/config.js';

/** Sizes and inputs of the retail pipeline; the original project's sizes by default. */
export const DATA_CONFIG: ConfigSpec = {
  defaultDataDir: '~/pipeline-data',
  sizes: {
    customers: { default: 10_000, help: 'customers to generate' },
    transactions: { default: 50_000, help: 'transactions to generate' },
    products: { default: 200, help: 'products to generate' },
  },
  inputs: {
    customers: { formats: ['csv', 'parquet'], help: 'ingest customers from CSV (with a header) or Parquet instead of generating them' },
    transactions: { formats: ['csv', 'parquet'], help: 'ingest transactions from CSV or Parquet' },
    products: { formats: ['csv', 'parquet'], help: 'ingest products from CSV or Parquet' },
  },
  fractions: {
    changeRate: { default: 0.02, flag: '--change-rate', help: 'share of generated customers and products changed per day, on a run for a later day than the last' },
  },
};

export interface DataPipelineOptions extends Omit<ConfigOptions, 'sizes' | 'inputs'> {
  customers?: number;
  transactions?: number;
  products?: number;
  /** Share (0–1) of generated customers and products that change from one day to the next (default 0.02). */
  changeRate?: number;
  /** Real sources to ingest instead of generated ones: CSV (with a header) or Parquet files, directories or globs. */
  inputs?: { customers?: string; transactions?: string; products?: string };
}

/** Configuration of the retail (`data`) pipeline. Frozen once built; invalid values throw `UserError`. */
export class DataPipelineConfig extends PipelineConfig {
  declare readonly customers: number;
  declare readonly transactions: number;
  declare readonly products: number;
  declare readonly changeRate: number;

  static readonly defaults = { customers: 10_000, transactions: 50_000, products: 200 } as const;

  constructor(options: DataPipelineOptions | ConfigOptions = {}) {
    super('data', DATA_CONFIG, normalise(options));
  }
}

function normalise(options: DataPipelineOptions | ConfigOptions): ConfigOptions {
  if ('sizes' in options && options.sizes) return options as ConfigOptions;
  const { customers, transactions, products, changeRate, ...rest } = options as DataPipelineOptions;
  const sizes = { ...(customers === undefined ? {} : { customers }), ...(transactions === undefined ? {} : { transactions }), ...(products === undefined ? {} : { products }) };
  return { ...rest, sizes, ...(changeRate === undefined ? {} : { fractions: { changeRate } }) } as ConfigOptions;
}
