import type { DatasetContext } from '../../model/dataset.js';
import { PRNG_MODULUS } from '../../generate/prng.js';
import { paddedId } from '../../generate/sql.js';
import type { DataPipelineConfig } from './config.js';
import { snapshotOfDay } from './snapshot-of-day.js';
import { generateProducts } from './generate-products.js';
import { PRODUCTS_HISTORY } from './names.js';
import { CATEGORIES, SUPPLIERS } from './vocabulary.js';

export const PRODUCT_COLUMNS = ['product_id', 'product_name', 'category', 'price', 'stock_quantity', 'supplier', 'weight_kg', 'created_date', 'is_active'] as const;

/**
 * The catalog as the source system holds it on the run's day. With no history before that day,
 * the generated catalog of that day; otherwise the products current the day before, of which
 * about `changeRate` get a new price, are switched on or off, or are withdrawn, while a few
 * withdrawn ones return and new products are listed.
 */
export function productsOfDay(ctx: DatasetContext<DataPipelineConfig>): string {
  const { dialect: d, config } = ctx;
  return snapshotOfDay(ctx, {
    first: generateProducts(d, { count: config.products, seed: config.seed, asOf: config.asOf }),
    history: PRODUCTS_HISTORY,
    table: 'products',
    size: config.products,
    key: 'product_id',
    columns: PRODUCT_COLUMNS,
    // PROD_0042 -> 42; keys of other shapes share number 0 (their draws are then alike).
    keyNumber: (key) => `coalesce(${d.tryCast(`substr(${key}, 6)`, 'BIGINT')}, 0)`,
    // A third are repriced (-20 % … +25 %), a third switched on or off, a third both.
    update: (draw) => ({
      price: `CASE WHEN ${draw(1)} % 3 <> 1 THEN round(c.price * (0.8 + CAST(${draw(2)} AS DOUBLE) * 0.45 / ${PRNG_MODULUS}), 2) ELSE c.price END`,
      is_active: `CASE WHEN ${draw(1)} % 3 <> 0 THEN NOT c.is_active ELSE c.is_active END`,
    }),
    insertDraws: 5,
    insertColumns: (number, draw) => [
      `${paddedId(d, 'PROD_', number, 4)} AS product_id`,
      `concat('Product ', CAST(${number} AS ${d.textType})) AS product_name`,
      `${d.pick(CATEGORIES, `${draw(1)} % ${CATEGORIES.length}`)} AS category`,
      `round(10 + CAST(${draw(2)} AS DOUBLE) * 1990 / ${PRNG_MODULUS}, 2) AS price`,
      `CAST(${draw(3)} % 2001 AS INTEGER) AS stock_quantity`,
      `${d.pick(SUPPLIERS, `${draw(4)} % ${SUPPLIERS.length}`)} AS supplier`,
      `round(0.1 + CAST(${draw(5)} AS DOUBLE) * 99.9 / ${PRNG_MODULUS}, 2) AS weight_kg`,
      // Listed on the day, and on sale.
      `${d.quote(config.asOf)} AS created_date`,
      'true AS is_active',
    ],
  });
}
