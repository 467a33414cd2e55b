/** The history datasets of the retail pipeline, named where both their generators and their definitions read them. */
export const CUSTOMERS_HISTORY = 'silver.customers_history';
export const CUSTOMERS_CHANGES = 'silver.customers_changes';
export const PRODUCTS_HISTORY = 'silver.products_history';
export const PRODUCTS_CHANGES = 'silver.products_changes';
