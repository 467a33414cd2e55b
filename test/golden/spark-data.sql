-- session settings
SET spark.sql.adaptive.enabled=true;

SET spark.sql.adaptive.coalescePartitions.enabled=true;

SET spark.sql.shuffle.partitions=20;

SET spark.sql.session.timeZone=UTC;

SET spark.sql.ansi.enabled=true;

SET spark.sql.parquet.outputTimestampType=TIMESTAMP_MICROS;

-- data bronze.customers: Customer master records, exactly as received from the source.
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/bronze/customers' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `customer_id`, `first_name`, `last_name`, `email`, `age`, `city`, `signup_date`, `total_orders`, `total_spent`
FROM (
SELECT customer_id, first_name, last_name,
       concat(lower(first_name), '.', lower(last_name), CAST(customer_id AS STRING), '@example.com') AS email,
       age, city, signup_date, total_orders, total_spent
FROM (
  SELECT CAST(id + 1 AS INTEGER) AS customer_id,
         element_at(array('John', 'Jane', 'Bob', 'Alice', 'Charlie', 'Diana', 'Eve', 'Frank', 'Grace', 'Henry', 'Ivy', 'Jack', 'Kelly', 'Leo', 'Mia', 'Noah'), CAST(r1 % 16 AS INT) + 1) AS first_name,
         element_at(array('Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Wilson', 'Anderson'), CAST(r2 % 12 AS INT) + 1) AS last_name,
         CAST((18 + r3 % 63) AS INTEGER) AS age,
         element_at(array('New York', 'Los Angeles', 'Chicago', 'Houston', 'Phoenix', 'Philadelphia', 'San Antonio', 'San Diego', 'Dallas', 'Austin'), CAST(r4 % 10 AS INT) + 1) AS city,
         date_format(timestamp_seconds(CAST(1768435200 - 86400 * (1 + r5 % 730) AS BIGINT)), 'yyyy-MM-dd') AS signup_date,
         CAST((0 + r6 % 101) AS INTEGER) AS total_orders,
         round(0 + CAST(r7 AS DOUBLE) * 10000 / 2147483647, 2) AS total_spent
  FROM (SELECT id, (((r1 ^ shiftright(r1, 12)) * 440114875) % 2147483647) AS r1, (((r2 ^ shiftright(r2, 13)) * 996748676) % 2147483647) AS r2, (((r3 ^ shiftright(r3, 14)) * 91290546) % 2147483647) AS r3, (((r4 ^ shiftright(r4, 15)) * 1691124117) % 2147483647) AS r4, (((r5 ^ shiftright(r5, 16)) * 209182507) % 2147483647) AS r5, (((r6 ^ shiftright(r6, 17)) * 1438882394) % 2147483647) AS r6, (((r7 ^ shiftright(r7, 11)) * 451290566) % 2147483647) AS r7 FROM (SELECT id, (h + 385479454) % 2147483647 AS r1, (h + 1109399819) % 2147483647 AS r2, (h + 429645915) % 2147483647 AS r3, (h + 956855668) % 2147483647 AS r4, (h + 1276755186) % 2147483647 AS r5, (h + 1332313408) % 2147483647 AS r6, (h + 1115049314) % 2147483647 AS r7 FROM (SELECT id, (((h ^ shiftright(h, 15)) * 2013265905) % 2147483647) AS h FROM (SELECT id, (((h ^ shiftright(h, 13)) * 1664525397) % 2147483647) AS h FROM (SELECT id, (((h ^ shiftright(h, 16)) * 1103515245) % 2147483647) AS h FROM (SELECT id, ((id % 2147483647) + 927328273) % 2147483647 AS h FROM (SELECT id FROM range(10000)) AS ids) AS row_round_0) AS row_round_1) AS row_round_2) AS row_hash) AS stream_round) AS draws
)) AS candidate
WHERE ((1 = 1));

SELECT count(*) AS n FROM parquet.`file:///data/medallion/bronze/customers`;

-- data bronze.transactions: Transaction log as received: every status, amounts and timestamps as text.
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/bronze/transactions' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `transaction_id`, `customer_id`, `product_id`, `product_category`, `amount`, `timestamp`, `payment_method`, `status`, `device`, `browser`, `location`
FROM (
SELECT concat('TXN_', CASE WHEN id + 1 < 10000000 THEN lpad(CAST(id + 1 AS STRING), 7, '0') ELSE CAST(id + 1 AS STRING) END) AS transaction_id,
       CAST((1 + r1 % 10000) AS INTEGER) AS customer_id,
       concat('PROD_', CASE WHEN (1 + r2 % 200) < 10000 THEN lpad(CAST((1 + r2 % 200) AS STRING), 4, '0') ELSE CAST((1 + r2 % 200) AS STRING) END) AS product_id,
       element_at(array('Electronics', 'Clothing', 'Books', 'Home', 'Sports', 'Food', 'Toys', 'Health'), CAST(r3 % 8 AS INT) + 1) AS product_category,
       round(5 + CAST(r4 AS DOUBLE) * 995 / 2147483647, 2) AS amount,
       date_format(timestamp_seconds(CAST(1768435200 - (3600 + r5 % 31532401) AS BIGINT)), 'yyyy-MM-dd\'T\'HH:mm:ss') AS timestamp,
       element_at(array('credit_card', 'debit_card', 'paypal', 'cash', 'apple_pay', 'google_pay'), CAST(r6 % 6 AS INT) + 1) AS payment_method,
       element_at(array('completed', 'pending', 'cancelled', 'refunded'), CAST(r7 % 4 AS INT) + 1) AS status,
       element_at(array('mobile', 'desktop', 'tablet'), CAST(r8 % 3 AS INT) + 1) AS device,
       element_at(array('chrome', 'firefox', 'safari', 'edge'), CAST(r9 % 4 AS INT) + 1) AS browser,
       element_at(array('US', 'CA', 'UK', 'DE', 'FR', 'JP', 'AU'), CAST(r10 % 7 AS INT) + 1) AS location
FROM (SELECT id, (((r1 ^ shiftright(r1, 12)) * 440114875) % 2147483647) AS r1, (((r2 ^ shiftright(r2, 13)) * 996748676) % 2147483647) AS r2, (((r3 ^ shiftright(r3, 14)) * 91290546) % 2147483647) AS r3, (((r4 ^ shiftright(r4, 15)) * 1691124117) % 2147483647) AS r4, (((r5 ^ shiftright(r5, 16)) * 209182507) % 2147483647) AS r5, (((r6 ^ shiftright(r6, 17)) * 1438882394) % 2147483647) AS r6, (((r7 ^ shiftright(r7, 11)) * 451290566) % 2147483647) AS r7, (((r8 ^ shiftright(r8, 12)) * 2104333898) % 2147483647) AS r8, (((r9 ^ shiftright(r9, 13)) * 237159108) % 2147483647) AS r9, (((r10 ^ shiftright(r10, 14)) * 501383456) % 2147483647) AS r10 FROM (SELECT id, (h + 385479454) % 2147483647 AS r1, (h + 1109399819) % 2147483647 AS r2, (h + 429645915) % 2147483647 AS r3, (h + 956855668) % 2147483647 AS r4, (h + 1276755186) % 2147483647 AS r5, (h + 1332313408) % 2147483647 AS r6, (h + 1115049314) % 2147483647 AS r7, (h + 116144698) % 2147483647 AS r8, (h + 293628729) % 2147483647 AS r9, (h + 1148463212) % 2147483647 AS r10 FROM (SELECT id, (((h ^ shiftright(h, 15)) * 2013265905) % 2147483647) AS h FROM (SELECT id, (((h ^ shiftright(h, 13)) * 1664525397) % 2147483647) AS h FROM (SELECT id, (((h ^ shiftright(h, 16)) * 1103515245) % 2147483647) AS h FROM (SELECT id, ((id % 2147483647) + 401626316) % 2147483647 AS h FROM (SELECT id FROM range(50000)) AS ids) AS row_round_0) AS row_round_1) AS row_round_2) AS row_hash) AS stream_round) AS draws) AS candidate
WHERE ((1 = 1));

SELECT count(*) AS n FROM parquet.`file:///data/medallion/bronze/transactions`;

-- data bronze.products: Product catalog as received, active and inactive.
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/bronze/products' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `product_id`, `product_name`, `category`, `price`, `stock_quantity`, `supplier`, `weight_kg`, `created_date`, `is_active`
FROM (
SELECT concat('PROD_', CASE WHEN id + 1 < 10000 THEN lpad(CAST(id + 1 AS STRING), 4, '0') ELSE CAST(id + 1 AS STRING) END) AS product_id,
       concat('Product ', CAST(id + 1 AS STRING)) AS product_name,
       element_at(array('Electronics', 'Clothing', 'Books', 'Home', 'Sports', 'Food', 'Toys', 'Health'), CAST(r1 % 8 AS INT) + 1) AS category,
       round(10 + CAST(r2 AS DOUBLE) * 1990 / 2147483647, 2) AS price,
       CAST((0 + r3 % 2001) AS INTEGER) AS stock_quantity,
       element_at(array('Supplier A', 'Supplier B', 'Supplier C', 'Supplier D', 'Supplier E'), CAST(r4 % 5 AS INT) + 1) AS supplier,
       round(0.1 + CAST(r5 AS DOUBLE) * 99.9 / 2147483647, 2) AS weight_kg,
       date_format(timestamp_seconds(CAST(1768435200 - 86400 * (30 + r6 % 1796) AS BIGINT)), 'yyyy-MM-dd') AS created_date,
       (r7 % 2 = 0) AS is_active
FROM (SELECT id, (((r1 ^ shiftright(r1, 12)) * 440114875) % 2147483647) AS r1, (((r2 ^ shiftright(r2, 13)) * 996748676) % 2147483647) AS r2, (((r3 ^ shiftright(r3, 14)) * 91290546) % 2147483647) AS r3, (((r4 ^ shiftright(r4, 15)) * 1691124117) % 2147483647) AS r4, (((r5 ^ shiftright(r5, 16)) * 209182507) % 2147483647) AS r5, (((r6 ^ shiftright(r6, 17)) * 1438882394) % 2147483647) AS r6, (((r7 ^ shiftright(r7, 11)) * 451290566) % 2147483647) AS r7 FROM (SELECT id, (h + 385479454) % 2147483647 AS r1, (h + 1109399819) % 2147483647 AS r2, (h + 429645915) % 2147483647 AS r3, (h + 956855668) % 2147483647 AS r4, (h + 1276755186) % 2147483647 AS r5, (h + 1332313408) % 2147483647 AS r6, (h + 1115049314) % 2147483647 AS r7 FROM (SELECT id, (((h ^ shiftright(h, 15)) * 2013265905) % 2147483647) AS h FROM (SELECT id, (((h ^ shiftright(h, 13)) * 1664525397) % 2147483647) AS h FROM (SELECT id, (((h ^ shiftright(h, 16)) * 1103515245) % 2147483647) AS h FROM (SELECT id, ((id % 2147483647) + 677943507) % 2147483647 AS h FROM (SELECT id FROM range(200)) AS ids) AS row_round_0) AS row_round_1) AS row_round_2) AS row_hash) AS stream_round) AS draws) AS candidate
WHERE ((1 = 1));

SELECT count(*) AS n FROM parquet.`file:///data/medallion/bronze/products`;

-- data silver.customers_enriched: Customers with typed dates, full name, average order value and spend segment.
SELECT count(*) AS rows_in,
       sum(CASE WHEN (1 = 1) THEN 1 ELSE 0 END) AS checked,
       sum(CASE WHEN (1 = 1) AND NOT coalesce((`age` IS NULL OR (`age` >= 0 AND `age` <= 120)), false) THEN 1 ELSE 0 END) AS failed_2,
       sum(CASE WHEN (1 = 1) AND NOT coalesce((`total_spent` IS NULL OR (`total_spent` >= 0)), false) THEN 1 ELSE 0 END) AS failed_3,
       sum(CASE WHEN ((1 = 1)) AND (NOT coalesce((`age` IS NULL OR (`age` >= 0 AND `age` <= 120)), false)) THEN 1 ELSE 0 END) AS removed_2,
       sum(CASE WHEN ((1 = 1)) AND (coalesce((`age` IS NULL OR (`age` >= 0 AND `age` <= 120)), false)) AND (NOT coalesce((`total_spent` IS NULL OR (`total_spent` >= 0)), false)) THEN 1 ELSE 0 END) AS removed_3
FROM (
SELECT customer_id, first_name, last_name, email, age, city,
       CASE WHEN (signup_date RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2})\\z') THEN try_cast(signup_date AS DATE) END AS signup_date,
       total_orders, total_spent,
       concat(first_name, ' ', last_name) AS full_name,
       CASE WHEN total_orders > 0 THEN round(total_spent / total_orders, 2) ELSE 0.0 END AS avg_order_value,
       CASE WHEN total_spent > 3000 THEN 'Premium' WHEN total_spent > 1500 THEN 'Gold' WHEN total_spent > 500 THEN 'Silver'
            ELSE 'Bronze' END AS customer_segment
FROM parquet.`file:///data/medallion/bronze/customers` AS c) AS candidate;

INSERT OVERWRITE DIRECTORY 'file:///data/medallion/silver/customers_enriched' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `customer_id`, `first_name`, `last_name`, `email`, `age`, `city`, `signup_date`, `total_orders`, `total_spent`, `full_name`, `avg_order_value`, `customer_segment`
FROM (
SELECT customer_id, first_name, last_name, email, age, city,
       CASE WHEN (signup_date RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2})\\z') THEN try_cast(signup_date AS DATE) END AS signup_date,
       total_orders, total_spent,
       concat(first_name, ' ', last_name) AS full_name,
       CASE WHEN total_orders > 0 THEN round(total_spent / total_orders, 2) ELSE 0.0 END AS avg_order_value,
       CASE WHEN total_spent > 3000 THEN 'Premium' WHEN total_spent > 1500 THEN 'Gold' WHEN total_spent > 500 THEN 'Silver'
            ELSE 'Bronze' END AS customer_segment
FROM parquet.`file:///data/medallion/bronze/customers` AS c) AS candidate
WHERE ((1 = 1)) AND (coalesce((`age` IS NULL OR (`age` >= 0 AND `age` <= 120)), false)) AND (coalesce((`total_spent` IS NULL OR (`total_spent` >= 0)), false));

SELECT count(*) AS n FROM parquet.`file:///data/medallion/silver/customers_enriched`;

INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_quarantine/silver.customers_enriched' USING parquet OPTIONS ('compression' = 'snappy')
SELECT candidate.*,
       CASE WHEN NOT coalesce((`age` IS NULL OR (`age` >= 0 AND `age` <= 120)), false) THEN 'range(age)' WHEN NOT coalesce((`total_spent` IS NULL OR (`total_spent` >= 0)), false) THEN 'range(total_spent)' END AS _expectation,
       CASE WHEN NOT coalesce((`age` IS NULL OR (`age` >= 0 AND `age` <= 120)), false) THEN 'age ≥ 0 and ≤ 120' WHEN NOT coalesce((`total_spent` IS NULL OR (`total_spent` >= 0)), false) THEN 'total_spent ≥ 0' END AS _reason,
       '<run-id>' AS _run_id
FROM (
SELECT customer_id, first_name, last_name, email, age, city,
       CASE WHEN (signup_date RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2})\\z') THEN try_cast(signup_date AS DATE) END AS signup_date,
       total_orders, total_spent,
       concat(first_name, ' ', last_name) AS full_name,
       CASE WHEN total_orders > 0 THEN round(total_spent / total_orders, 2) ELSE 0.0 END AS avg_order_value,
       CASE WHEN total_spent > 3000 THEN 'Premium' WHEN total_spent > 1500 THEN 'Gold' WHEN total_spent > 500 THEN 'Silver'
            ELSE 'Bronze' END AS customer_segment
FROM parquet.`file:///data/medallion/bronze/customers` AS c) AS candidate
WHERE (1 = 1) AND CASE WHEN NOT coalesce((`age` IS NULL OR (`age` >= 0 AND `age` <= 120)), false) THEN 'quarantine' WHEN NOT coalesce((`total_spent` IS NULL OR (`total_spent` >= 0)), false) THEN 'quarantine' END = 'quarantine';

SELECT count(*) AS n FROM parquet.`file:///data/medallion/_quarantine/silver.customers_enriched`;

SELECT count(*) AS checked, sum(CASE WHEN NOT coalesce((`customer_id` IS NOT NULL), false) THEN 1 ELSE 0 END) AS failed_0, sum(CASE WHEN NOT coalesce((`customer_segment` IS NULL OR `customer_segment` IN ('Premium', 'Gold', 'Silver', 'Bronze')), false) THEN 1 ELSE 0 END) AS failed_1, sum(CASE WHEN NOT coalesce((`email` IS NULL OR (`email` RLIKE '^(?:[^@ ]+@[^@ ]+\\.[a-z]+)\\z')), false) THEN 1 ELSE 0 END) AS failed_4, sum(CASE WHEN NOT coalesce((`signup_date` IS NOT NULL), false) THEN 1 ELSE 0 END) AS failed_5 FROM parquet.`file:///data/medallion/silver/customers_enriched` AS written;

SELECT coalesce(sum(n), 0) AS failures, (SELECT count(*) FROM parquet.`file:///data/medallion/silver/customers_enriched` AS all_rows) AS checked,
       CAST(count(*) AS STRING) AS observed
FROM (SELECT `customer_id`, count(*) AS n FROM parquet.`file:///data/medallion/silver/customers_enriched` AS r WHERE `customer_id` IS NOT NULL GROUP BY `customer_id` HAVING count(*) > 1) AS duplicated;

-- data silver.transactions_clean: Completed transactions with a positive amount, typed timestamp and transaction date.
SELECT count(*) AS rows_in,
       sum(CASE WHEN (coalesce((status = 'completed'), false)) THEN 1 ELSE 0 END) AS checked,
       sum(CASE WHEN (NOT coalesce((status = 'completed'), false)) THEN 1 ELSE 0 END) AS filtered_0,
       sum(CASE WHEN (coalesce((status = 'completed'), false)) AND NOT coalesce((`amount` IS NULL OR (`amount` > 0)), false) THEN 1 ELSE 0 END) AS failed_0,
       sum(CASE WHEN (coalesce((status = 'completed'), false)) AND NOT coalesce((`timestamp` IS NOT NULL), false) THEN 1 ELSE 0 END) AS failed_1,
       sum(CASE WHEN (coalesce((status = 'completed'), false)) AND NOT coalesce((`customer_id` IS NULL OR `customer_id` IN (SELECT `customer_id` FROM parquet.`file:///data/medallion/silver/customers_enriched` AS referenced)), false) THEN 1 ELSE 0 END) AS failed_2,
       sum(CASE WHEN ((coalesce((status = 'completed'), false))) AND (NOT coalesce((`amount` IS NULL OR (`amount` > 0)), false)) THEN 1 ELSE 0 END) AS removed_0,
       sum(CASE WHEN ((coalesce((status = 'completed'), false))) AND (coalesce((`amount` IS NULL OR (`amount` > 0)), false)) AND (NOT coalesce((`timestamp` IS NOT NULL), false)) THEN 1 ELSE 0 END) AS removed_1,
       sum(CASE WHEN ((coalesce((status = 'completed'), false))) AND (coalesce((`amount` IS NULL OR (`amount` > 0)), false)) AND (coalesce((`timestamp` IS NOT NULL), false)) AND (NOT coalesce((`customer_id` IS NULL OR `customer_id` IN (SELECT `customer_id` FROM parquet.`file:///data/medallion/silver/customers_enriched` AS referenced)), false)) THEN 1 ELSE 0 END) AS removed_2
FROM (
SELECT transaction_id, customer_id, product_id, product_category, amount,
       CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,6})?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS timestamp,
       payment_method, status, device, browser, location,
       CAST(CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,6})?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS DATE) AS transaction_date
FROM parquet.`file:///data/medallion/bronze/transactions` AS t) AS candidate;

INSERT OVERWRITE DIRECTORY 'file:///data/medallion/silver/transactions_clean' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `transaction_id`, `customer_id`, `product_id`, `product_category`, `amount`, `timestamp`, `payment_method`, `status`, `device`, `browser`, `location`, `transaction_date`
FROM (
SELECT transaction_id, customer_id, product_id, product_category, amount,
       CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,6})?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS timestamp,
       payment_method, status, device, browser, location,
       CAST(CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,6})?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS DATE) AS transaction_date
FROM parquet.`file:///data/medallion/bronze/transactions` AS t) AS candidate
WHERE ((coalesce((status = 'completed'), false))) AND (coalesce((`amount` IS NULL OR (`amount` > 0)), false)) AND (coalesce((`timestamp` IS NOT NULL), false)) AND (coalesce((`customer_id` IS NULL OR `customer_id` IN (SELECT `customer_id` FROM parquet.`file:///data/medallion/silver/customers_enriched` AS referenced)), false));

SELECT count(*) AS n FROM parquet.`file:///data/medallion/silver/transactions_clean`;

INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_quarantine/silver.transactions_clean' USING parquet OPTIONS ('compression' = 'snappy')
SELECT candidate.*,
       CASE WHEN NOT coalesce((`amount` IS NULL OR (`amount` > 0)), false) THEN 'positive_amount' WHEN NOT coalesce((`timestamp` IS NOT NULL), false) THEN 'timestamp_parses' WHEN NOT coalesce((`customer_id` IS NULL OR `customer_id` IN (SELECT `customer_id` FROM parquet.`file:///data/medallion/silver/customers_enriched` AS referenced)), false) THEN 'references(customer_id -> silver.customers_enriched.customer_id)' END AS _expectation,
       CASE WHEN NOT coalesce((`amount` IS NULL OR (`amount` > 0)), false) THEN 'amount > 0' WHEN NOT coalesce((`timestamp` IS NOT NULL), false) THEN 'timestamp is not null' WHEN NOT coalesce((`customer_id` IS NULL OR `customer_id` IN (SELECT `customer_id` FROM parquet.`file:///data/medallion/silver/customers_enriched` AS referenced)), false) THEN 'every customer_id exists in silver.customers_enriched.customer_id' END AS _reason,
       '<run-id>' AS _run_id
FROM (
SELECT transaction_id, customer_id, product_id, product_category, amount,
       CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,6})?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS timestamp,
       payment_method, status, device, browser, location,
       CAST(CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,6})?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS DATE) AS transaction_date
FROM parquet.`file:///data/medallion/bronze/transactions` AS t) AS candidate
WHERE (coalesce((status = 'completed'), false)) AND CASE WHEN NOT coalesce((`amount` IS NULL OR (`amount` > 0)), false) THEN 'drop' WHEN NOT coalesce((`timestamp` IS NOT NULL), false) THEN 'quarantine' WHEN NOT coalesce((`customer_id` IS NULL OR `customer_id` IN (SELECT `customer_id` FROM parquet.`file:///data/medallion/silver/customers_enriched` AS referenced)), false) THEN 'quarantine' END = 'quarantine';

SELECT count(*) AS n FROM parquet.`file:///data/medallion/_quarantine/silver.transactions_clean`;

SELECT count(*) AS checked, sum(CASE WHEN NOT coalesce((`payment_method` IS NULL OR `payment_method` IN ('credit_card', 'debit_card', 'paypal', 'cash', 'apple_pay', 'google_pay')), false) THEN 1 ELSE 0 END) AS failed_3, sum(CASE WHEN NOT coalesce((`product_id` IS NULL OR (`product_id` RLIKE '^(?:PROD_[0-9]{4,})\\z')), false) THEN 1 ELSE 0 END) AS failed_4 FROM parquet.`file:///data/medallion/silver/transactions_clean` AS written;

SELECT coalesce(sum(n), 0) AS failures, (SELECT count(*) FROM parquet.`file:///data/medallion/silver/transactions_clean` AS all_rows) AS checked,
       CAST(count(*) AS STRING) AS observed
FROM (SELECT `transaction_id`, count(*) AS n FROM parquet.`file:///data/medallion/silver/transactions_clean` AS r WHERE `transaction_id` IS NOT NULL GROUP BY `transaction_id` HAVING count(*) > 1) AS duplicated;

SELECT CASE WHEN max(`timestamp`) IS NULL OR (CAST(unix_micros(max(`timestamp`)) AS DOUBLE) / 1000000) < 1768262400 THEN 1 ELSE 0 END AS failures, 1 AS checked,
                       CAST(max(`timestamp`) AS STRING) AS observed FROM parquet.`file:///data/medallion/silver/transactions_clean` AS r;

-- data silver.products_active: Products that are active and in stock, with a typed creation date.
SELECT count(*) AS rows_in,
       sum(CASE WHEN (coalesce((is_active), false)) AND (coalesce((stock_quantity > 0), false)) THEN 1 ELSE 0 END) AS checked,
       sum(CASE WHEN (NOT coalesce((is_active), false)) THEN 1 ELSE 0 END) AS filtered_0,
       sum(CASE WHEN (coalesce((is_active), false)) AND (NOT coalesce((stock_quantity > 0), false)) THEN 1 ELSE 0 END) AS filtered_1,
       sum(CASE WHEN (coalesce((is_active), false)) AND (coalesce((stock_quantity > 0), false)) AND NOT coalesce((`price` IS NULL OR (`price` > 0)), false) THEN 1 ELSE 0 END) AS failed_0,
       sum(CASE WHEN ((coalesce((is_active), false)) AND (coalesce((stock_quantity > 0), false))) AND (NOT coalesce((`price` IS NULL OR (`price` > 0)), false)) THEN 1 ELSE 0 END) AS removed_0
FROM (
SELECT product_id, product_name, category, price, stock_quantity, supplier, weight_kg,
       CASE WHEN (created_date RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2})\\z') THEN try_cast(created_date AS DATE) END AS created_date, is_active
FROM parquet.`file:///data/medallion/bronze/products` AS p) AS candidate;

INSERT OVERWRITE DIRECTORY 'file:///data/medallion/silver/products_active' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `product_id`, `product_name`, `category`, `price`, `stock_quantity`, `supplier`, `weight_kg`, `created_date`, `is_active`
FROM (
SELECT product_id, product_name, category, price, stock_quantity, supplier, weight_kg,
       CASE WHEN (created_date RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2})\\z') THEN try_cast(created_date AS DATE) END AS created_date, is_active
FROM parquet.`file:///data/medallion/bronze/products` AS p) AS candidate
WHERE ((coalesce((is_active), false)) AND (coalesce((stock_quantity > 0), false))) AND (coalesce((`price` IS NULL OR (`price` > 0)), false));

SELECT count(*) AS n FROM parquet.`file:///data/medallion/silver/products_active`;

SELECT count(*) AS checked, sum(CASE WHEN NOT coalesce((`created_date` IS NOT NULL), false) THEN 1 ELSE 0 END) AS failed_1 FROM parquet.`file:///data/medallion/silver/products_active` AS written;

SELECT coalesce(sum(n), 0) AS failures, (SELECT count(*) FROM parquet.`file:///data/medallion/silver/products_active` AS all_rows) AS checked,
       CAST(count(*) AS STRING) AS observed
FROM (SELECT `product_id`, count(*) AS n FROM parquet.`file:///data/medallion/silver/products_active` AS r WHERE `product_id` IS NOT NULL GROUP BY `product_id` HAVING count(*) > 1) AS duplicated;

-- data gold.customer_analytics: Customers per segment and city, with their spend; largest segment revenue first.
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/gold/customer_analytics' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `customer_segment`, `city`, `customer_count`, `avg_age`, `avg_total_spent`, `avg_order_value`, `segment_revenue`
FROM (
SELECT customer_segment, city, count(*) AS customer_count,
       round(avg(age), 1) AS avg_age,
       round(avg(total_spent), 2) AS avg_total_spent,
       round(avg(avg_order_value), 2) AS avg_order_value,
       round(sum(total_spent), 2) AS segment_revenue
FROM parquet.`file:///data/medallion/silver/customers_enriched` AS c
GROUP BY customer_segment, city
ORDER BY segment_revenue DESC, customer_segment, city) AS candidate
WHERE ((1 = 1));

SELECT count(*) AS n FROM parquet.`file:///data/medallion/gold/customer_analytics`;

SELECT count(*) AS checked, sum(CASE WHEN NOT coalesce((`customer_segment` IS NULL OR `customer_segment` IN ('Premium', 'Gold', 'Silver', 'Bronze')), false) THEN 1 ELSE 0 END) AS failed_0, sum(CASE WHEN NOT coalesce((`customer_count` IS NULL OR (`customer_count` >= 1)), false) THEN 1 ELSE 0 END) AS failed_1 FROM parquet.`file:///data/medallion/gold/customer_analytics` AS written;

SELECT CASE WHEN abs(coalesce(mine, 0) - coalesce(theirs, 0)) > 0 THEN 1 ELSE 0 END AS failures, 1 AS checked,
       concat(CAST(mine AS STRING), ' vs ', CAST(theirs AS STRING)) AS observed
FROM (SELECT sum(customer_count) AS mine FROM parquet.`file:///data/medallion/gold/customer_analytics` AS r) AS a
CROSS JOIN (SELECT count(*) AS theirs FROM parquet.`file:///data/medallion/silver/customers_enriched` AS s) AS b;

SELECT CASE WHEN abs(coalesce(mine, 0) - coalesce(theirs, 0)) > 1 THEN 1 ELSE 0 END AS failures, 1 AS checked,
       concat(CAST(mine AS STRING), ' vs ', CAST(theirs AS STRING)) AS observed
FROM (SELECT sum(segment_revenue) AS mine FROM parquet.`file:///data/medallion/gold/customer_analytics` AS r) AS a
CROSS JOIN (SELECT sum(total_spent) AS theirs FROM parquet.`file:///data/medallion/silver/customers_enriched` AS s) AS b;

-- data gold.category_analytics: Completed-transaction revenue per product category; highest revenue first.
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/gold/category_analytics' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `product_category`, `transaction_count`, `total_revenue`, `avg_transaction_value`, `min_transaction`, `max_transaction`
FROM (
SELECT product_category, count(*) AS transaction_count,
       round(sum(amount), 2) AS total_revenue,
       round(avg(amount), 2) AS avg_transaction_value,
       min(amount) AS min_transaction,
       max(amount) AS max_transaction
FROM parquet.`file:///data/medallion/silver/transactions_clean` AS t
GROUP BY product_category
ORDER BY total_revenue DESC, product_category) AS candidate
WHERE ((1 = 1));

SELECT count(*) AS n FROM parquet.`file:///data/medallion/gold/category_analytics`;

SELECT count(*) AS checked, sum(CASE WHEN NOT coalesce((`product_category` IS NULL OR `product_category` IN ('Electronics', 'Clothing', 'Books', 'Home', 'Sports', 'Food', 'Toys', 'Health')), false) THEN 1 ELSE 0 END) AS failed_0, sum(CASE WHEN NOT coalesce((min_transaction <= avg_transaction_value + 0.005 AND avg_transaction_value <= max_transaction + 0.005), false) THEN 1 ELSE 0 END) AS failed_1 FROM parquet.`file:///data/medallion/gold/category_analytics` AS written;

SELECT CASE WHEN n < 1 THEN 1 ELSE 0 END AS failures, 1 AS checked, CAST(n AS STRING) AS observed FROM (SELECT count(*) AS n FROM parquet.`file:///data/medallion/gold/category_analytics` AS r) AS counted;

SELECT CASE WHEN abs(coalesce(mine, 0) - coalesce(theirs, 0)) > 0 THEN 1 ELSE 0 END AS failures, 1 AS checked,
       concat(CAST(mine AS STRING), ' vs ', CAST(theirs AS STRING)) AS observed
FROM (SELECT sum(transaction_count) AS mine FROM parquet.`file:///data/medallion/gold/category_analytics` AS r) AS a
CROSS JOIN (SELECT count(*) AS theirs FROM parquet.`file:///data/medallion/silver/transactions_clean` AS s) AS b;

SELECT CASE WHEN abs(coalesce(mine, 0) - coalesce(theirs, 0)) > 1 THEN 1 ELSE 0 END AS failures, 1 AS checked,
       concat(CAST(mine AS STRING), ' vs ', CAST(theirs AS STRING)) AS observed
FROM (SELECT sum(total_revenue) AS mine FROM parquet.`file:///data/medallion/gold/category_analytics` AS r) AS a
CROSS JOIN (SELECT sum(amount) AS theirs FROM parquet.`file:///data/medallion/silver/transactions_clean` AS s) AS b;

-- data gold.payment_analytics: Use of each payment method in completed transactions; most used first.
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/gold/payment_analytics' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `payment_method`, `usage_count`, `total_amount`, `avg_amount`
FROM (
SELECT payment_method, count(*) AS usage_count,
       round(sum(amount), 2) AS total_amount,
       round(avg(amount), 2) AS avg_amount
FROM parquet.`file:///data/medallion/silver/transactions_clean` AS t
GROUP BY payment_method
ORDER BY usage_count DESC, payment_method) AS candidate
WHERE ((1 = 1));

SELECT count(*) AS n FROM parquet.`file:///data/medallion/gold/payment_analytics`;

SELECT count(*) AS checked, sum(CASE WHEN NOT coalesce((`payment_method` IS NULL OR `payment_method` IN ('credit_card', 'debit_card', 'paypal', 'cash', 'apple_pay', 'google_pay')), false) THEN 1 ELSE 0 END) AS failed_0 FROM parquet.`file:///data/medallion/gold/payment_analytics` AS written;

SELECT CASE WHEN abs(coalesce(mine, 0) - coalesce(theirs, 0)) > 0 THEN 1 ELSE 0 END AS failures, 1 AS checked,
       concat(CAST(mine AS STRING), ' vs ', CAST(theirs AS STRING)) AS observed
FROM (SELECT sum(usage_count) AS mine FROM parquet.`file:///data/medallion/gold/payment_analytics` AS r) AS a
CROSS JOIN (SELECT count(*) AS theirs FROM parquet.`file:///data/medallion/silver/transactions_clean` AS s) AS b;

SELECT CASE WHEN abs(coalesce(mine, 0) - coalesce(theirs, 0)) > 1 THEN 1 ELSE 0 END AS failures, 1 AS checked,
       concat(CAST(mine AS STRING), ' vs ', CAST(theirs AS STRING)) AS observed
FROM (SELECT sum(total_amount) AS mine FROM parquet.`file:///data/medallion/gold/payment_analytics` AS r) AS a
CROSS JOIN (SELECT sum(amount) AS theirs FROM parquet.`file:///data/medallion/silver/transactions_clean` AS s) AS b;

-- data gold.device_analytics: Completed transactions per device and browser; most used first.
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/gold/device_analytics' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `device`, `browser`, `transaction_count`, `total_revenue`
FROM (
SELECT device, browser, count(*) AS transaction_count, round(sum(amount), 2) AS total_revenue
FROM parquet.`file:///data/medallion/silver/transactions_clean` AS t
GROUP BY device, browser
ORDER BY transaction_count DESC, device, browser) AS candidate
WHERE ((1 = 1));

SELECT count(*) AS n FROM parquet.`file:///data/medallion/gold/device_analytics`;

SELECT count(*) AS checked, sum(CASE WHEN NOT coalesce((`device` IS NULL OR `device` IN ('mobile', 'desktop', 'tablet')), false) THEN 1 ELSE 0 END) AS failed_0 FROM parquet.`file:///data/medallion/gold/device_analytics` AS written;

SELECT CASE WHEN abs(coalesce(mine, 0) - coalesce(theirs, 0)) > 0 THEN 1 ELSE 0 END AS failures, 1 AS checked,
       concat(CAST(mine AS STRING), ' vs ', CAST(theirs AS STRING)) AS observed
FROM (SELECT sum(transaction_count) AS mine FROM parquet.`file:///data/medallion/gold/device_analytics` AS r) AS a
CROSS JOIN (SELECT count(*) AS theirs FROM parquet.`file:///data/medallion/silver/transactions_clean` AS s) AS b;

SELECT CASE WHEN abs(coalesce(mine, 0) - coalesce(theirs, 0)) > 1 THEN 1 ELSE 0 END AS failures, 1 AS checked,
       concat(CAST(mine AS STRING), ' vs ', CAST(theirs AS STRING)) AS observed
FROM (SELECT sum(total_revenue) AS mine FROM parquet.`file:///data/medallion/gold/device_analytics` AS r) AS a
CROSS JOIN (SELECT sum(amount) AS theirs FROM parquet.`file:///data/medallion/silver/transactions_clean` AS s) AS b;

-- data gold.product_analytics: Active, in-stock products per category and supplier.
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/gold/product_analytics' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `category`, `supplier`, `product_count`, `avg_price`, `total_stock`
FROM (
SELECT category, supplier, count(*) AS product_count,
       round(avg(price), 2) AS avg_price,
       CAST(sum(stock_quantity) AS BIGINT) AS total_stock
FROM parquet.`file:///data/medallion/silver/products_active` AS p
GROUP BY category, supplier
ORDER BY category, product_count DESC, supplier) AS candidate
WHERE ((1 = 1));

SELECT count(*) AS n FROM parquet.`file:///data/medallion/gold/product_analytics`;

SELECT count(*) AS checked, sum(CASE WHEN NOT coalesce((`avg_price` IS NULL OR (`avg_price` > 0)), false) THEN 1 ELSE 0 END) AS failed_0 FROM parquet.`file:///data/medallion/gold/product_analytics` AS written;

SELECT CASE WHEN abs(coalesce(mine, 0) - coalesce(theirs, 0)) > 0 THEN 1 ELSE 0 END AS failures, 1 AS checked,
       concat(CAST(mine AS STRING), ' vs ', CAST(theirs AS STRING)) AS observed
FROM (SELECT sum(product_count) AS mine FROM parquet.`file:///data/medallion/gold/product_analytics` AS r) AS a
CROSS JOIN (SELECT count(*) AS theirs FROM parquet.`file:///data/medallion/silver/products_active` AS s) AS b;

SELECT CASE WHEN abs(coalesce(mine, 0) - coalesce(theirs, 0)) > 0 THEN 1 ELSE 0 END AS failures, 1 AS checked,
       concat(CAST(mine AS STRING), ' vs ', CAST(theirs AS STRING)) AS observed
FROM (SELECT sum(total_stock) AS mine FROM parquet.`file:///data/medallion/gold/product_analytics` AS r) AS a
CROSS JOIN (SELECT sum(stock_quantity) AS theirs FROM parquet.`file:///data/medallion/silver/products_active` AS s) AS b;
