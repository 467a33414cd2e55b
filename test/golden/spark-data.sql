-- session settings
SET spark.sql.adaptive.enabled=true;

SET spark.sql.adaptive.coalescePartitions.enabled=true;

SET spark.sql.shuffle.partitions=20;

SET spark.sql.session.timeZone=UTC;

SET spark.sql.ansi.enabled=true;

SET spark.sql.parquet.outputTimestampType=TIMESTAMP_MICROS;

-- data bronze.customers: Customer master records, exactly as received from the source: a full snapshot of the day.
-- write
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/bronze/customers' USING parquet OPTIONS ('compression' = 'snappy')
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

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/customers` AS d;

-- profile (ranges only of the columns that are numbers or dates)
SELECT p.*, k0.d0
FROM (SELECT count(*) AS n, count(`customer_id`) AS c0, 0 AS u0, CAST(min(`customer_id`) AS STRING) AS lo0, CAST(max(`customer_id`) AS STRING) AS hi0, count(`first_name`) AS c1, approx_count_distinct(`first_name`) AS u1, CAST(min(`first_name`) AS STRING) AS lo1, CAST(max(`first_name`) AS STRING) AS hi1, count(`last_name`) AS c2, approx_count_distinct(`last_name`) AS u2, CAST(min(`last_name`) AS STRING) AS lo2, CAST(max(`last_name`) AS STRING) AS hi2, count(`email`) AS c3, approx_count_distinct(`email`) AS u3, CAST(min(`email`) AS STRING) AS lo3, CAST(max(`email`) AS STRING) AS hi3, count(`age`) AS c4, approx_count_distinct(`age`) AS u4, CAST(min(`age`) AS STRING) AS lo4, CAST(max(`age`) AS STRING) AS hi4, count(`city`) AS c5, approx_count_distinct(`city`) AS u5, CAST(min(`city`) AS STRING) AS lo5, CAST(max(`city`) AS STRING) AS hi5, count(`signup_date`) AS c6, approx_count_distinct(`signup_date`) AS u6, CAST(min(`signup_date`) AS STRING) AS lo6, CAST(max(`signup_date`) AS STRING) AS hi6, count(`total_orders`) AS c7, approx_count_distinct(`total_orders`) AS u7, CAST(min(`total_orders`) AS STRING) AS lo7, CAST(max(`total_orders`) AS STRING) AS hi7, count(`total_spent`) AS c8, approx_count_distinct(`total_spent`) AS u8, CAST(min(`total_spent`) AS STRING) AS lo8, CAST(max(`total_spent`) AS STRING) AS hi8 FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/customers` AS r) AS p
CROSS JOIN (SELECT coalesce(sum(occurrences - 1), 0) AS d0 FROM (SELECT count(*) AS occurrences FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/customers` AS r WHERE `customer_id` IS NOT NULL GROUP BY xxhash64(`customer_id`)) AS g) AS k0;

-- top values of first_name, last_name, email, age, city, signup_date, total_orders, total_spent (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`first_name`) = 0 THEN 'first_name' WHEN grouping(`last_name`) = 0 THEN 'last_name' WHEN grouping(`email`) = 0 THEN 'email' WHEN grouping(`age`) = 0 THEN 'age' WHEN grouping(`city`) = 0 THEN 'city' WHEN grouping(`signup_date`) = 0 THEN 'signup_date' WHEN grouping(`total_orders`) = 0 THEN 'total_orders' WHEN grouping(`total_spent`) = 0 THEN 'total_spent' END AS col, CASE WHEN grouping(`first_name`) = 0 THEN CAST(`first_name` AS STRING) WHEN grouping(`last_name`) = 0 THEN CAST(`last_name` AS STRING) WHEN grouping(`email`) = 0 THEN CAST(`email` AS STRING) WHEN grouping(`age`) = 0 THEN CAST(`age` AS STRING) WHEN grouping(`city`) = 0 THEN CAST(`city` AS STRING) WHEN grouping(`signup_date`) = 0 THEN CAST(`signup_date` AS STRING) WHEN grouping(`total_orders`) = 0 THEN CAST(`total_orders` AS STRING) WHEN grouping(`total_spent`) = 0 THEN CAST(`total_spent` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/customers` AS t GROUP BY GROUPING SETS ((`first_name`), (`last_name`), (`email`), (`age`), (`city`), (`signup_date`), (`total_orders`), (`total_spent`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- data bronze.transactions: Transaction log as received: every status, amounts and timestamps as text.
-- write
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/bronze/transactions' USING parquet OPTIONS ('compression' = 'snappy')
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

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/transactions` AS d;

-- profile (ranges only of the columns that are numbers or dates)
SELECT p.*, k0.d0
FROM (SELECT count(*) AS n, count(`transaction_id`) AS c0, 0 AS u0, CAST(min(`transaction_id`) AS STRING) AS lo0, CAST(max(`transaction_id`) AS STRING) AS hi0, count(`customer_id`) AS c1, approx_count_distinct(`customer_id`) AS u1, CAST(min(`customer_id`) AS STRING) AS lo1, CAST(max(`customer_id`) AS STRING) AS hi1, count(`product_id`) AS c2, approx_count_distinct(`product_id`) AS u2, CAST(min(`product_id`) AS STRING) AS lo2, CAST(max(`product_id`) AS STRING) AS hi2, count(`product_category`) AS c3, approx_count_distinct(`product_category`) AS u3, CAST(min(`product_category`) AS STRING) AS lo3, CAST(max(`product_category`) AS STRING) AS hi3, count(`amount`) AS c4, approx_count_distinct(`amount`) AS u4, CAST(min(`amount`) AS STRING) AS lo4, CAST(max(`amount`) AS STRING) AS hi4, count(`timestamp`) AS c5, approx_count_distinct(`timestamp`) AS u5, CAST(min(`timestamp`) AS STRING) AS lo5, CAST(max(`timestamp`) AS STRING) AS hi5, count(`payment_method`) AS c6, approx_count_distinct(`payment_method`) AS u6, CAST(min(`payment_method`) AS STRING) AS lo6, CAST(max(`payment_method`) AS STRING) AS hi6, count(`status`) AS c7, approx_count_distinct(`status`) AS u7, CAST(min(`status`) AS STRING) AS lo7, CAST(max(`status`) AS STRING) AS hi7, count(`device`) AS c8, approx_count_distinct(`device`) AS u8, CAST(min(`device`) AS STRING) AS lo8, CAST(max(`device`) AS STRING) AS hi8, count(`browser`) AS c9, approx_count_distinct(`browser`) AS u9, CAST(min(`browser`) AS STRING) AS lo9, CAST(max(`browser`) AS STRING) AS hi9, count(`location`) AS c10, approx_count_distinct(`location`) AS u10, CAST(min(`location`) AS STRING) AS lo10, CAST(max(`location`) AS STRING) AS hi10 FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/transactions` AS r) AS p
CROSS JOIN (SELECT coalesce(sum(occurrences - 1), 0) AS d0 FROM (SELECT count(*) AS occurrences FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/transactions` AS r WHERE `transaction_id` IS NOT NULL GROUP BY xxhash64(`transaction_id`)) AS g) AS k0;

-- top values of customer_id, product_id, product_category, amount, timestamp, payment_method, status, device, browser, location (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`customer_id`) = 0 THEN 'customer_id' WHEN grouping(`product_id`) = 0 THEN 'product_id' WHEN grouping(`product_category`) = 0 THEN 'product_category' WHEN grouping(`amount`) = 0 THEN 'amount' WHEN grouping(`timestamp`) = 0 THEN 'timestamp' WHEN grouping(`payment_method`) = 0 THEN 'payment_method' WHEN grouping(`status`) = 0 THEN 'status' WHEN grouping(`device`) = 0 THEN 'device' WHEN grouping(`browser`) = 0 THEN 'browser' WHEN grouping(`location`) = 0 THEN 'location' END AS col, CASE WHEN grouping(`customer_id`) = 0 THEN CAST(`customer_id` AS STRING) WHEN grouping(`product_id`) = 0 THEN CAST(`product_id` AS STRING) WHEN grouping(`product_category`) = 0 THEN CAST(`product_category` AS STRING) WHEN grouping(`amount`) = 0 THEN CAST(`amount` AS STRING) WHEN grouping(`timestamp`) = 0 THEN CAST(`timestamp` AS STRING) WHEN grouping(`payment_method`) = 0 THEN CAST(`payment_method` AS STRING) WHEN grouping(`status`) = 0 THEN CAST(`status` AS STRING) WHEN grouping(`device`) = 0 THEN CAST(`device` AS STRING) WHEN grouping(`browser`) = 0 THEN CAST(`browser` AS STRING) WHEN grouping(`location`) = 0 THEN CAST(`location` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/transactions` AS t GROUP BY GROUPING SETS ((`customer_id`), (`product_id`), (`product_category`), (`amount`), (`timestamp`), (`payment_method`), (`status`), (`device`), (`browser`), (`location`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- data bronze.products: Product catalog as received, active and inactive: a full snapshot of the day.
-- write
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/bronze/products' USING parquet OPTIONS ('compression' = 'snappy')
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

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/products` AS d;

-- profile (ranges only of the columns that are numbers or dates)
SELECT p.*, k0.d0
FROM (SELECT count(*) AS n, count(`product_id`) AS c0, 0 AS u0, CAST(min(`product_id`) AS STRING) AS lo0, CAST(max(`product_id`) AS STRING) AS hi0, count(`product_name`) AS c1, approx_count_distinct(`product_name`) AS u1, CAST(min(`product_name`) AS STRING) AS lo1, CAST(max(`product_name`) AS STRING) AS hi1, count(`category`) AS c2, approx_count_distinct(`category`) AS u2, CAST(min(`category`) AS STRING) AS lo2, CAST(max(`category`) AS STRING) AS hi2, count(`price`) AS c3, approx_count_distinct(`price`) AS u3, CAST(min(`price`) AS STRING) AS lo3, CAST(max(`price`) AS STRING) AS hi3, count(`stock_quantity`) AS c4, approx_count_distinct(`stock_quantity`) AS u4, CAST(min(`stock_quantity`) AS STRING) AS lo4, CAST(max(`stock_quantity`) AS STRING) AS hi4, count(`supplier`) AS c5, approx_count_distinct(`supplier`) AS u5, CAST(min(`supplier`) AS STRING) AS lo5, CAST(max(`supplier`) AS STRING) AS hi5, count(`weight_kg`) AS c6, approx_count_distinct(`weight_kg`) AS u6, CAST(min(`weight_kg`) AS STRING) AS lo6, CAST(max(`weight_kg`) AS STRING) AS hi6, count(`created_date`) AS c7, approx_count_distinct(`created_date`) AS u7, CAST(min(`created_date`) AS STRING) AS lo7, CAST(max(`created_date`) AS STRING) AS hi7, count(`is_active`) AS c8, approx_count_distinct(`is_active`) AS u8, CAST(min(`is_active`) AS STRING) AS lo8, CAST(max(`is_active`) AS STRING) AS hi8 FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/products` AS r) AS p
CROSS JOIN (SELECT coalesce(sum(occurrences - 1), 0) AS d0 FROM (SELECT count(*) AS occurrences FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/products` AS r WHERE `product_id` IS NOT NULL GROUP BY xxhash64(`product_id`)) AS g) AS k0;

-- top values of product_name, category, price, stock_quantity, supplier, weight_kg, created_date, is_active (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`product_name`) = 0 THEN 'product_name' WHEN grouping(`category`) = 0 THEN 'category' WHEN grouping(`price`) = 0 THEN 'price' WHEN grouping(`stock_quantity`) = 0 THEN 'stock_quantity' WHEN grouping(`supplier`) = 0 THEN 'supplier' WHEN grouping(`weight_kg`) = 0 THEN 'weight_kg' WHEN grouping(`created_date`) = 0 THEN 'created_date' WHEN grouping(`is_active`) = 0 THEN 'is_active' END AS col, CASE WHEN grouping(`product_name`) = 0 THEN CAST(`product_name` AS STRING) WHEN grouping(`category`) = 0 THEN CAST(`category` AS STRING) WHEN grouping(`price`) = 0 THEN CAST(`price` AS STRING) WHEN grouping(`stock_quantity`) = 0 THEN CAST(`stock_quantity` AS STRING) WHEN grouping(`supplier`) = 0 THEN CAST(`supplier` AS STRING) WHEN grouping(`weight_kg`) = 0 THEN CAST(`weight_kg` AS STRING) WHEN grouping(`created_date`) = 0 THEN CAST(`created_date` AS STRING) WHEN grouping(`is_active`) = 0 THEN CAST(`is_active` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/products` AS t GROUP BY GROUPING SETS ((`product_name`), (`category`), (`price`), (`stock_quantity`), (`supplier`), (`weight_kg`), (`created_date`), (`is_active`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- data silver.customers_changes: Changes of bronze.customers per day: customer_ids inserted, updated or deleted since the day before.
-- write
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/silver/customers_changes' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `customer_id`, `change_type`, `changed_columns`, `change_date`, `run_id`
FROM (SELECT * FROM (
SELECT s.`customer_id`, 'insert' AS change_type, concat_ws(',', CASE WHEN s.`first_name` IS NOT NULL THEN 'first_name' END, CASE WHEN s.`last_name` IS NOT NULL THEN 'last_name' END, CASE WHEN s.`email` IS NOT NULL THEN 'email' END, CASE WHEN s.`age` IS NOT NULL THEN 'age' END, CASE WHEN s.`city` IS NOT NULL THEN 'city' END, CASE WHEN s.`signup_date` IS NOT NULL THEN 'signup_date' END, CASE WHEN s.`total_orders` IS NOT NULL THEN 'total_orders' END, CASE WHEN s.`total_spent` IS NOT NULL THEN 'total_spent' END) AS changed_columns, DATE '2026-01-15' AS change_date, '<run-id>' AS run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/customers` AS s WHERE s.`customer_id` IS NOT NULL
) AS all_changes
ORDER BY change_date, `customer_id`) AS candidate
WHERE ((1 = 1));

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_changes` AS d;

-- profile, with unique(customer_id) in customers (ranges only of the columns that are numbers or dates)
SELECT p.*, t0.failures AS t0_failures, t0.checked AS t0_checked, t0.observed AS t0_observed
FROM (SELECT count(*) AS n, count(`customer_id`) AS c0, approx_count_distinct(`customer_id`) AS u0, CAST(min(`customer_id`) AS STRING) AS lo0, CAST(max(`customer_id`) AS STRING) AS hi0, count(`change_type`) AS c1, approx_count_distinct(`change_type`) AS u1, CAST(min(`change_type`) AS STRING) AS lo1, CAST(max(`change_type`) AS STRING) AS hi1, count(`changed_columns`) AS c2, approx_count_distinct(`changed_columns`) AS u2, CAST(min(`changed_columns`) AS STRING) AS lo2, CAST(max(`changed_columns`) AS STRING) AS hi2, count(`change_date`) AS c3, approx_count_distinct(`change_date`) AS u3, CAST(min(`change_date`) AS STRING) AS lo3, CAST(max(`change_date`) AS STRING) AS hi3, count(`run_id`) AS c4, approx_count_distinct(`run_id`) AS u4, CAST(min(`run_id`) AS STRING) AS lo4, CAST(max(`run_id`) AS STRING) AS hi4 FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_changes` AS r) AS p
LEFT JOIN (
SELECT coalesce(sum(occurrences), 0) AS failures, (SELECT count(*) FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/customers` AS all_rows) AS checked,
       CASE WHEN count(*) > 0 THEN concat(CAST(count(*) AS STRING), ' customer_id values given more than once') END AS observed
FROM (SELECT `customer_id`, count(*) AS occurrences FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/customers` AS s WHERE `customer_id` IS NOT NULL GROUP BY `customer_id` HAVING count(*) > 1) AS d) AS t0 ON 1 = 1;

-- examples of unique(customer_id) in customers (only when unique(customer_id) in customers has failures)
SELECT * FROM (SELECT `customer_id`, count(*) AS occurrences FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/customers` AS s WHERE `customer_id` IS NOT NULL GROUP BY `customer_id` HAVING count(*) > 1) AS d ORDER BY occurrences DESC, `customer_id` LIMIT 3;

-- top values of customer_id, change_type, changed_columns, change_date, run_id (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`customer_id`) = 0 THEN 'customer_id' WHEN grouping(`change_type`) = 0 THEN 'change_type' WHEN grouping(`changed_columns`) = 0 THEN 'changed_columns' WHEN grouping(`change_date`) = 0 THEN 'change_date' WHEN grouping(`run_id`) = 0 THEN 'run_id' END AS col, CASE WHEN grouping(`customer_id`) = 0 THEN CAST(`customer_id` AS STRING) WHEN grouping(`change_type`) = 0 THEN CAST(`change_type` AS STRING) WHEN grouping(`changed_columns`) = 0 THEN CAST(`changed_columns` AS STRING) WHEN grouping(`change_date`) = 0 THEN CAST(`change_date` AS STRING) WHEN grouping(`run_id`) = 0 THEN CAST(`run_id` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_changes` AS t GROUP BY GROUPING SETS ((`customer_id`), (`change_type`), (`changed_columns`), (`change_date`), (`run_id`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- data silver.customers_history: Every version of every customer_id of bronze.customers, with the days it was valid (a type-2 slowly changing dimension).
-- write
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/silver/customers_history' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `customer_id`, `first_name`, `last_name`, `email`, `age`, `city`, `signup_date`, `total_orders`, `total_spent`, `valid_from`, `valid_to`, `is_current`
FROM (SELECT * FROM (
SELECT s.`customer_id`, s.`first_name`, s.`last_name`, s.`email`, s.`age`, s.`city`, s.`signup_date`, s.`total_orders`, s.`total_spent`, DATE '2026-01-15' AS valid_from, CAST(NULL AS DATE) AS valid_to, true AS is_current
FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/customers` AS s JOIN (SELECT `customer_id`, change_type FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_changes` AS c WHERE change_date = DATE '2026-01-15') AS c ON s.`customer_id` = c.`customer_id` AND c.change_type IN ('insert', 'update')
) AS versions
ORDER BY `customer_id`, valid_from) AS candidate
WHERE ((1 = 1));

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_history` AS d;

-- profile, with one_current_version(customer_id) (ranges only of the columns that are numbers or dates)
SELECT p.*, t0.failures AS t0_failures, t0.checked AS t0_checked, t0.observed AS t0_observed
FROM (SELECT count(*) AS n, count(`customer_id`) AS c0, approx_count_distinct(`customer_id`) AS u0, CAST(min(`customer_id`) AS STRING) AS lo0, CAST(max(`customer_id`) AS STRING) AS hi0, count(`first_name`) AS c1, approx_count_distinct(`first_name`) AS u1, CAST(min(`first_name`) AS STRING) AS lo1, CAST(max(`first_name`) AS STRING) AS hi1, count(`last_name`) AS c2, approx_count_distinct(`last_name`) AS u2, CAST(min(`last_name`) AS STRING) AS lo2, CAST(max(`last_name`) AS STRING) AS hi2, count(`email`) AS c3, approx_count_distinct(`email`) AS u3, CAST(min(`email`) AS STRING) AS lo3, CAST(max(`email`) AS STRING) AS hi3, count(`age`) AS c4, approx_count_distinct(`age`) AS u4, CAST(min(`age`) AS STRING) AS lo4, CAST(max(`age`) AS STRING) AS hi4, count(`city`) AS c5, approx_count_distinct(`city`) AS u5, CAST(min(`city`) AS STRING) AS lo5, CAST(max(`city`) AS STRING) AS hi5, count(`signup_date`) AS c6, approx_count_distinct(`signup_date`) AS u6, CAST(min(`signup_date`) AS STRING) AS lo6, CAST(max(`signup_date`) AS STRING) AS hi6, count(`total_orders`) AS c7, approx_count_distinct(`total_orders`) AS u7, CAST(min(`total_orders`) AS STRING) AS lo7, CAST(max(`total_orders`) AS STRING) AS hi7, count(`total_spent`) AS c8, approx_count_distinct(`total_spent`) AS u8, CAST(min(`total_spent`) AS STRING) AS lo8, CAST(max(`total_spent`) AS STRING) AS hi8, count(`valid_from`) AS c9, approx_count_distinct(`valid_from`) AS u9, CAST(min(`valid_from`) AS STRING) AS lo9, CAST(max(`valid_from`) AS STRING) AS hi9, count(`valid_to`) AS c10, approx_count_distinct(`valid_to`) AS u10, CAST(min(`valid_to`) AS STRING) AS lo10, CAST(max(`valid_to`) AS STRING) AS hi10, count(`is_current`) AS c11, approx_count_distinct(`is_current`) AS u11, CAST(min(`is_current`) AS STRING) AS lo11, CAST(max(`is_current`) AS STRING) AS hi11 FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_history` AS r) AS p
LEFT JOIN (
SELECT coalesce(sum(n), 0) AS failures, (SELECT count(*) FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_history` AS all_rows WHERE is_current) AS checked, CAST(count(*) AS STRING) AS observed
FROM (SELECT `customer_id`, count(*) AS n FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_history` AS r WHERE is_current GROUP BY `customer_id` HAVING count(*) > 1) AS forked) AS t0 ON 1 = 1;

-- top values of customer_id, first_name, last_name, email, age, city, signup_date, total_orders, total_spent, valid_from, valid_to, is_current (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`customer_id`) = 0 THEN 'customer_id' WHEN grouping(`first_name`) = 0 THEN 'first_name' WHEN grouping(`last_name`) = 0 THEN 'last_name' WHEN grouping(`email`) = 0 THEN 'email' WHEN grouping(`age`) = 0 THEN 'age' WHEN grouping(`city`) = 0 THEN 'city' WHEN grouping(`signup_date`) = 0 THEN 'signup_date' WHEN grouping(`total_orders`) = 0 THEN 'total_orders' WHEN grouping(`total_spent`) = 0 THEN 'total_spent' WHEN grouping(`valid_from`) = 0 THEN 'valid_from' WHEN grouping(`valid_to`) = 0 THEN 'valid_to' WHEN grouping(`is_current`) = 0 THEN 'is_current' END AS col, CASE WHEN grouping(`customer_id`) = 0 THEN CAST(`customer_id` AS STRING) WHEN grouping(`first_name`) = 0 THEN CAST(`first_name` AS STRING) WHEN grouping(`last_name`) = 0 THEN CAST(`last_name` AS STRING) WHEN grouping(`email`) = 0 THEN CAST(`email` AS STRING) WHEN grouping(`age`) = 0 THEN CAST(`age` AS STRING) WHEN grouping(`city`) = 0 THEN CAST(`city` AS STRING) WHEN grouping(`signup_date`) = 0 THEN CAST(`signup_date` AS STRING) WHEN grouping(`total_orders`) = 0 THEN CAST(`total_orders` AS STRING) WHEN grouping(`total_spent`) = 0 THEN CAST(`total_spent` AS STRING) WHEN grouping(`valid_from`) = 0 THEN CAST(`valid_from` AS STRING) WHEN grouping(`valid_to`) = 0 THEN CAST(`valid_to` AS STRING) WHEN grouping(`is_current`) = 0 THEN CAST(`is_current` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_history` AS t GROUP BY GROUPING SETS ((`customer_id`), (`first_name`), (`last_name`), (`email`), (`age`), (`city`), (`signup_date`), (`total_orders`), (`total_spent`), (`valid_from`), (`valid_to`), (`is_current`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- data silver.products_changes: Changes of bronze.products per day: product_ids inserted, updated or deleted since the day before.
-- write
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/silver/products_changes' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `product_id`, `change_type`, `changed_columns`, `change_date`, `run_id`
FROM (SELECT * FROM (
SELECT s.`product_id`, 'insert' AS change_type, concat_ws(',', CASE WHEN s.`product_name` IS NOT NULL THEN 'product_name' END, CASE WHEN s.`category` IS NOT NULL THEN 'category' END, CASE WHEN s.`price` IS NOT NULL THEN 'price' END, CASE WHEN s.`stock_quantity` IS NOT NULL THEN 'stock_quantity' END, CASE WHEN s.`supplier` IS NOT NULL THEN 'supplier' END, CASE WHEN s.`weight_kg` IS NOT NULL THEN 'weight_kg' END, CASE WHEN s.`created_date` IS NOT NULL THEN 'created_date' END, CASE WHEN s.`is_active` IS NOT NULL THEN 'is_active' END) AS changed_columns, DATE '2026-01-15' AS change_date, '<run-id>' AS run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/products` AS s WHERE s.`product_id` IS NOT NULL
) AS all_changes
ORDER BY change_date, `product_id`) AS candidate
WHERE ((1 = 1));

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/products_changes` AS d;

-- profile, with unique(product_id) in products (ranges only of the columns that are numbers or dates)
SELECT p.*, t0.failures AS t0_failures, t0.checked AS t0_checked, t0.observed AS t0_observed
FROM (SELECT count(*) AS n, count(`product_id`) AS c0, approx_count_distinct(`product_id`) AS u0, CAST(min(`product_id`) AS STRING) AS lo0, CAST(max(`product_id`) AS STRING) AS hi0, count(`change_type`) AS c1, approx_count_distinct(`change_type`) AS u1, CAST(min(`change_type`) AS STRING) AS lo1, CAST(max(`change_type`) AS STRING) AS hi1, count(`changed_columns`) AS c2, approx_count_distinct(`changed_columns`) AS u2, CAST(min(`changed_columns`) AS STRING) AS lo2, CAST(max(`changed_columns`) AS STRING) AS hi2, count(`change_date`) AS c3, approx_count_distinct(`change_date`) AS u3, CAST(min(`change_date`) AS STRING) AS lo3, CAST(max(`change_date`) AS STRING) AS hi3, count(`run_id`) AS c4, approx_count_distinct(`run_id`) AS u4, CAST(min(`run_id`) AS STRING) AS lo4, CAST(max(`run_id`) AS STRING) AS hi4 FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/products_changes` AS r) AS p
LEFT JOIN (
SELECT coalesce(sum(occurrences), 0) AS failures, (SELECT count(*) FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/products` AS all_rows) AS checked,
       CASE WHEN count(*) > 0 THEN concat(CAST(count(*) AS STRING), ' product_id values given more than once') END AS observed
FROM (SELECT `product_id`, count(*) AS occurrences FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/products` AS s WHERE `product_id` IS NOT NULL GROUP BY `product_id` HAVING count(*) > 1) AS d) AS t0 ON 1 = 1;

-- examples of unique(product_id) in products (only when unique(product_id) in products has failures)
SELECT * FROM (SELECT `product_id`, count(*) AS occurrences FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/products` AS s WHERE `product_id` IS NOT NULL GROUP BY `product_id` HAVING count(*) > 1) AS d ORDER BY occurrences DESC, `product_id` LIMIT 3;

-- top values of product_id, change_type, changed_columns, change_date, run_id (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`product_id`) = 0 THEN 'product_id' WHEN grouping(`change_type`) = 0 THEN 'change_type' WHEN grouping(`changed_columns`) = 0 THEN 'changed_columns' WHEN grouping(`change_date`) = 0 THEN 'change_date' WHEN grouping(`run_id`) = 0 THEN 'run_id' END AS col, CASE WHEN grouping(`product_id`) = 0 THEN CAST(`product_id` AS STRING) WHEN grouping(`change_type`) = 0 THEN CAST(`change_type` AS STRING) WHEN grouping(`changed_columns`) = 0 THEN CAST(`changed_columns` AS STRING) WHEN grouping(`change_date`) = 0 THEN CAST(`change_date` AS STRING) WHEN grouping(`run_id`) = 0 THEN CAST(`run_id` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/products_changes` AS t GROUP BY GROUPING SETS ((`product_id`), (`change_type`), (`changed_columns`), (`change_date`), (`run_id`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- data silver.products_history: Every version of every product_id of bronze.products, with the days it was valid (a type-2 slowly changing dimension).
-- write
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/silver/products_history' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `product_id`, `product_name`, `category`, `price`, `stock_quantity`, `supplier`, `weight_kg`, `created_date`, `is_active`, `valid_from`, `valid_to`, `is_current`
FROM (SELECT * FROM (
SELECT s.`product_id`, s.`product_name`, s.`category`, s.`price`, s.`stock_quantity`, s.`supplier`, s.`weight_kg`, s.`created_date`, s.`is_active`, DATE '2026-01-15' AS valid_from, CAST(NULL AS DATE) AS valid_to, true AS is_current
FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/products` AS s JOIN (SELECT `product_id`, change_type FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/products_changes` AS c WHERE change_date = DATE '2026-01-15') AS c ON s.`product_id` = c.`product_id` AND c.change_type IN ('insert', 'update')
) AS versions
ORDER BY `product_id`, valid_from) AS candidate
WHERE ((1 = 1));

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/products_history` AS d;

-- profile, with one_current_version(product_id) (ranges only of the columns that are numbers or dates)
SELECT p.*, t0.failures AS t0_failures, t0.checked AS t0_checked, t0.observed AS t0_observed
FROM (SELECT count(*) AS n, count(`product_id`) AS c0, approx_count_distinct(`product_id`) AS u0, CAST(min(`product_id`) AS STRING) AS lo0, CAST(max(`product_id`) AS STRING) AS hi0, count(`product_name`) AS c1, approx_count_distinct(`product_name`) AS u1, CAST(min(`product_name`) AS STRING) AS lo1, CAST(max(`product_name`) AS STRING) AS hi1, count(`category`) AS c2, approx_count_distinct(`category`) AS u2, CAST(min(`category`) AS STRING) AS lo2, CAST(max(`category`) AS STRING) AS hi2, count(`price`) AS c3, approx_count_distinct(`price`) AS u3, CAST(min(`price`) AS STRING) AS lo3, CAST(max(`price`) AS STRING) AS hi3, count(`stock_quantity`) AS c4, approx_count_distinct(`stock_quantity`) AS u4, CAST(min(`stock_quantity`) AS STRING) AS lo4, CAST(max(`stock_quantity`) AS STRING) AS hi4, count(`supplier`) AS c5, approx_count_distinct(`supplier`) AS u5, CAST(min(`supplier`) AS STRING) AS lo5, CAST(max(`supplier`) AS STRING) AS hi5, count(`weight_kg`) AS c6, approx_count_distinct(`weight_kg`) AS u6, CAST(min(`weight_kg`) AS STRING) AS lo6, CAST(max(`weight_kg`) AS STRING) AS hi6, count(`created_date`) AS c7, approx_count_distinct(`created_date`) AS u7, CAST(min(`created_date`) AS STRING) AS lo7, CAST(max(`created_date`) AS STRING) AS hi7, count(`is_active`) AS c8, approx_count_distinct(`is_active`) AS u8, CAST(min(`is_active`) AS STRING) AS lo8, CAST(max(`is_active`) AS STRING) AS hi8, count(`valid_from`) AS c9, approx_count_distinct(`valid_from`) AS u9, CAST(min(`valid_from`) AS STRING) AS lo9, CAST(max(`valid_from`) AS STRING) AS hi9, count(`valid_to`) AS c10, approx_count_distinct(`valid_to`) AS u10, CAST(min(`valid_to`) AS STRING) AS lo10, CAST(max(`valid_to`) AS STRING) AS hi10, count(`is_current`) AS c11, approx_count_distinct(`is_current`) AS u11, CAST(min(`is_current`) AS STRING) AS lo11, CAST(max(`is_current`) AS STRING) AS hi11 FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/products_history` AS r) AS p
LEFT JOIN (
SELECT coalesce(sum(n), 0) AS failures, (SELECT count(*) FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/products_history` AS all_rows WHERE is_current) AS checked, CAST(count(*) AS STRING) AS observed
FROM (SELECT `product_id`, count(*) AS n FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/products_history` AS r WHERE is_current GROUP BY `product_id` HAVING count(*) > 1) AS forked) AS t0 ON 1 = 1;

-- top values of product_id, product_name, category, price, stock_quantity, supplier, weight_kg, created_date, is_active, valid_from, valid_to, is_current (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`product_id`) = 0 THEN 'product_id' WHEN grouping(`product_name`) = 0 THEN 'product_name' WHEN grouping(`category`) = 0 THEN 'category' WHEN grouping(`price`) = 0 THEN 'price' WHEN grouping(`stock_quantity`) = 0 THEN 'stock_quantity' WHEN grouping(`supplier`) = 0 THEN 'supplier' WHEN grouping(`weight_kg`) = 0 THEN 'weight_kg' WHEN grouping(`created_date`) = 0 THEN 'created_date' WHEN grouping(`is_active`) = 0 THEN 'is_active' WHEN grouping(`valid_from`) = 0 THEN 'valid_from' WHEN grouping(`valid_to`) = 0 THEN 'valid_to' WHEN grouping(`is_current`) = 0 THEN 'is_current' END AS col, CASE WHEN grouping(`product_id`) = 0 THEN CAST(`product_id` AS STRING) WHEN grouping(`product_name`) = 0 THEN CAST(`product_name` AS STRING) WHEN grouping(`category`) = 0 THEN CAST(`category` AS STRING) WHEN grouping(`price`) = 0 THEN CAST(`price` AS STRING) WHEN grouping(`stock_quantity`) = 0 THEN CAST(`stock_quantity` AS STRING) WHEN grouping(`supplier`) = 0 THEN CAST(`supplier` AS STRING) WHEN grouping(`weight_kg`) = 0 THEN CAST(`weight_kg` AS STRING) WHEN grouping(`created_date`) = 0 THEN CAST(`created_date` AS STRING) WHEN grouping(`is_active`) = 0 THEN CAST(`is_active` AS STRING) WHEN grouping(`valid_from`) = 0 THEN CAST(`valid_from` AS STRING) WHEN grouping(`valid_to`) = 0 THEN CAST(`valid_to` AS STRING) WHEN grouping(`is_current`) = 0 THEN CAST(`is_current` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/products_history` AS t GROUP BY GROUPING SETS ((`product_id`), (`product_name`), (`category`), (`price`), (`stock_quantity`), (`supplier`), (`weight_kg`), (`created_date`), (`is_active`), (`valid_from`), (`valid_to`), (`is_current`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- data silver.customers_enriched: Current customers with typed dates, full name, average order value and spend segment.
-- counts of keep rules and expectations
SELECT count(*) AS rows_in,
       sum(CASE WHEN (1 = 1) THEN 1 ELSE 0 END) AS checked,
       sum(CASE WHEN (1 = 1) AND NOT coalesce((`age` IS NULL OR (`age` >= 0 AND `age` <= 120)), false) THEN 1 ELSE 0 END) AS failed_2,
       sum(CASE WHEN (1 = 1) AND NOT coalesce((`total_spent` IS NULL OR (`total_spent` >= 0)), false) THEN 1 ELSE 0 END) AS failed_3,
       sum(CASE WHEN ((1 = 1)) AND (NOT coalesce((`age` IS NULL OR (`age` >= 0 AND `age` <= 120)), false)) THEN 1 ELSE 0 END) AS removed_2,
       sum(CASE WHEN ((1 = 1)) AND (coalesce((`age` IS NULL OR (`age` >= 0 AND `age` <= 120)), false)) AND (NOT coalesce((`total_spent` IS NULL OR (`total_spent` >= 0)), false)) THEN 1 ELSE 0 END) AS removed_3 FROM (
SELECT customer_id, first_name, last_name, email, age, city,
       CASE WHEN (signup_date RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2})\\z') THEN try_cast(signup_date AS DATE) END AS signup_date,
       total_orders, total_spent,
       concat(first_name, ' ', last_name) AS full_name,
       CASE WHEN total_orders > 0 THEN round(total_spent / total_orders, 2) ELSE 0.0 END AS avg_order_value,
       CASE WHEN total_spent > 3000 THEN 'Premium' WHEN total_spent > 1500 THEN 'Gold' WHEN total_spent > 500 THEN 'Silver'
            ELSE 'Bronze' END AS customer_segment
FROM (SELECT `customer_id`, `first_name`, `last_name`, `email`, `age`, `city`, `signup_date`, `total_orders`, `total_spent` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_history` AS h WHERE is_current) AS c) AS candidate;

-- examples of range(age) (only when range(age) would remove more rows than it may)
SELECT `customer_id`, `age` FROM (
SELECT customer_id, first_name, last_name, email, age, city,
       CASE WHEN (signup_date RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2})\\z') THEN try_cast(signup_date AS DATE) END AS signup_date,
       total_orders, total_spent,
       concat(first_name, ' ', last_name) AS full_name,
       CASE WHEN total_orders > 0 THEN round(total_spent / total_orders, 2) ELSE 0.0 END AS avg_order_value,
       CASE WHEN total_spent > 3000 THEN 'Premium' WHEN total_spent > 1500 THEN 'Gold' WHEN total_spent > 500 THEN 'Silver'
            ELSE 'Bronze' END AS customer_segment
FROM (SELECT `customer_id`, `first_name`, `last_name`, `email`, `age`, `city`, `signup_date`, `total_orders`, `total_spent` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_history` AS h WHERE is_current) AS c) AS candidate
WHERE ((1 = 1)) AND (NOT coalesce((`age` IS NULL OR (`age` >= 0 AND `age` <= 120)), false)) LIMIT 3;

-- examples of range(total_spent) (only when range(total_spent) would remove more rows than it may)
SELECT `customer_id`, `total_spent` FROM (
SELECT customer_id, first_name, last_name, email, age, city,
       CASE WHEN (signup_date RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2})\\z') THEN try_cast(signup_date AS DATE) END AS signup_date,
       total_orders, total_spent,
       concat(first_name, ' ', last_name) AS full_name,
       CASE WHEN total_orders > 0 THEN round(total_spent / total_orders, 2) ELSE 0.0 END AS avg_order_value,
       CASE WHEN total_spent > 3000 THEN 'Premium' WHEN total_spent > 1500 THEN 'Gold' WHEN total_spent > 500 THEN 'Silver'
            ELSE 'Bronze' END AS customer_segment
FROM (SELECT `customer_id`, `first_name`, `last_name`, `email`, `age`, `city`, `signup_date`, `total_orders`, `total_spent` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_history` AS h WHERE is_current) AS c) AS candidate
WHERE ((1 = 1)) AND (coalesce((`age` IS NULL OR (`age` >= 0 AND `age` <= 120)), false)) AND (NOT coalesce((`total_spent` IS NULL OR (`total_spent` >= 0)), false)) LIMIT 3;

-- write (only when the counts show rows removed)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/silver/customers_enriched' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `customer_id`, `first_name`, `last_name`, `email`, `age`, `city`, `signup_date`, `total_orders`, `total_spent`, `full_name`, `avg_order_value`, `customer_segment`
FROM (
SELECT customer_id, first_name, last_name, email, age, city,
       CASE WHEN (signup_date RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2})\\z') THEN try_cast(signup_date AS DATE) END AS signup_date,
       total_orders, total_spent,
       concat(first_name, ' ', last_name) AS full_name,
       CASE WHEN total_orders > 0 THEN round(total_spent / total_orders, 2) ELSE 0.0 END AS avg_order_value,
       CASE WHEN total_spent > 3000 THEN 'Premium' WHEN total_spent > 1500 THEN 'Gold' WHEN total_spent > 500 THEN 'Silver'
            ELSE 'Bronze' END AS customer_segment
FROM (SELECT `customer_id`, `first_name`, `last_name`, `email`, `age`, `city`, `signup_date`, `total_orders`, `total_spent` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_history` AS h WHERE is_current) AS c) AS candidate
WHERE ((1 = 1)) AND (coalesce((`age` IS NULL OR (`age` >= 0 AND `age` <= 120)), false)) AND (coalesce((`total_spent` IS NULL OR (`total_spent` >= 0)), false));

-- write (only when the counts show no row removed)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/silver/customers_enriched' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `customer_id`, `first_name`, `last_name`, `email`, `age`, `city`, `signup_date`, `total_orders`, `total_spent`, `full_name`, `avg_order_value`, `customer_segment`
FROM (
SELECT customer_id, first_name, last_name, email, age, city,
       CASE WHEN (signup_date RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2})\\z') THEN try_cast(signup_date AS DATE) END AS signup_date,
       total_orders, total_spent,
       concat(first_name, ' ', last_name) AS full_name,
       CASE WHEN total_orders > 0 THEN round(total_spent / total_orders, 2) ELSE 0.0 END AS avg_order_value,
       CASE WHEN total_spent > 3000 THEN 'Premium' WHEN total_spent > 1500 THEN 'Gold' WHEN total_spent > 500 THEN 'Silver'
            ELSE 'Bronze' END AS customer_segment
FROM (SELECT `customer_id`, `first_name`, `last_name`, `email`, `age`, `city`, `signup_date`, `total_orders`, `total_spent` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_history` AS h WHERE is_current) AS c) AS candidate
WHERE (1 = 1);

-- quarantined rows (only when the counts show rows to quarantine)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/silver.customers_enriched' USING parquet OPTIONS ('compression' = 'snappy')
SELECT candidate.*,
       CASE WHEN NOT coalesce((`age` IS NULL OR (`age` >= 0 AND `age` <= 120)), false) THEN 'range(age)' WHEN NOT coalesce((`total_spent` IS NULL OR (`total_spent` >= 0)), false) THEN 'range(total_spent)' END AS _expectation,
       CASE WHEN NOT coalesce((`age` IS NULL OR (`age` >= 0 AND `age` <= 120)), false) THEN coalesce(concat('age = ', substr(CAST(`age` AS STRING), 1, 80), ' (expected ≥ 0 and ≤ 120)'), 'age ≥ 0 and ≤ 120') WHEN NOT coalesce((`total_spent` IS NULL OR (`total_spent` >= 0)), false) THEN coalesce(concat('total_spent = ', substr(CAST(`total_spent` AS STRING), 1, 80), ' (expected ≥ 0)'), 'total_spent ≥ 0') END AS _reason,
       '<run-id>' AS _run_id
FROM (
SELECT customer_id, first_name, last_name, email, age, city,
       CASE WHEN (signup_date RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2})\\z') THEN try_cast(signup_date AS DATE) END AS signup_date,
       total_orders, total_spent,
       concat(first_name, ' ', last_name) AS full_name,
       CASE WHEN total_orders > 0 THEN round(total_spent / total_orders, 2) ELSE 0.0 END AS avg_order_value,
       CASE WHEN total_spent > 3000 THEN 'Premium' WHEN total_spent > 1500 THEN 'Gold' WHEN total_spent > 500 THEN 'Silver'
            ELSE 'Bronze' END AS customer_segment
FROM (SELECT `customer_id`, `first_name`, `last_name`, `email`, `age`, `city`, `signup_date`, `total_orders`, `total_spent` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_history` AS h WHERE is_current) AS c) AS candidate
WHERE (1 = 1) AND CASE WHEN NOT coalesce((`age` IS NULL OR (`age` >= 0 AND `age` <= 120)), false) THEN 'quarantine' WHEN NOT coalesce((`total_spent` IS NULL OR (`total_spent` >= 0)), false) THEN 'quarantine' END = 'quarantine';

-- an empty quarantine (only when the counts show no row to quarantine)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/silver.customers_enriched' USING parquet OPTIONS ('compression' = 'snappy')
SELECT * FROM (SELECT candidate.*,
       CASE WHEN NOT coalesce((`age` IS NULL OR (`age` >= 0 AND `age` <= 120)), false) THEN 'range(age)' WHEN NOT coalesce((`total_spent` IS NULL OR (`total_spent` >= 0)), false) THEN 'range(total_spent)' END AS _expectation,
       CASE WHEN NOT coalesce((`age` IS NULL OR (`age` >= 0 AND `age` <= 120)), false) THEN coalesce(concat('age = ', substr(CAST(`age` AS STRING), 1, 80), ' (expected ≥ 0 and ≤ 120)'), 'age ≥ 0 and ≤ 120') WHEN NOT coalesce((`total_spent` IS NULL OR (`total_spent` >= 0)), false) THEN coalesce(concat('total_spent = ', substr(CAST(`total_spent` AS STRING), 1, 80), ' (expected ≥ 0)'), 'total_spent ≥ 0') END AS _reason,
       '<run-id>' AS _run_id
FROM (
SELECT customer_id, first_name, last_name, email, age, city,
       CASE WHEN (signup_date RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2})\\z') THEN try_cast(signup_date AS DATE) END AS signup_date,
       total_orders, total_spent,
       concat(first_name, ' ', last_name) AS full_name,
       CASE WHEN total_orders > 0 THEN round(total_spent / total_orders, 2) ELSE 0.0 END AS avg_order_value,
       CASE WHEN total_spent > 3000 THEN 'Premium' WHEN total_spent > 1500 THEN 'Gold' WHEN total_spent > 500 THEN 'Silver'
            ELSE 'Bronze' END AS customer_segment
FROM (SELECT `customer_id`, `first_name`, `last_name`, `email`, `age`, `city`, `signup_date`, `total_orders`, `total_spent` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_history` AS h WHERE is_current) AS c) AS candidate
WHERE (1 = 1) AND CASE WHEN NOT coalesce((`age` IS NULL OR (`age` >= 0 AND `age` <= 120)), false) THEN 'quarantine' WHEN NOT coalesce((`total_spent` IS NULL OR (`total_spent` >= 0)), false) THEN 'quarantine' END = 'quarantine') AS quarantined LIMIT 0;

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_enriched` AS d;

-- profile and checks on the written rows, with unique(customer_id) (ranges only of the columns that are numbers or dates)
SELECT p.*, k0.d0, t0.failures AS t0_failures, t0.checked AS t0_checked, t0.observed AS t0_observed
FROM (SELECT count(*) AS n, count(*) AS checked, sum(CASE WHEN NOT coalesce((`customer_id` IS NOT NULL), false) THEN 1 ELSE 0 END) AS failed_0, sum(CASE WHEN NOT coalesce((`customer_segment` IS NULL OR `customer_segment` IN ('Premium', 'Gold', 'Silver', 'Bronze')), false) THEN 1 ELSE 0 END) AS failed_1, sum(CASE WHEN NOT coalesce((`email` IS NULL OR (`email` RLIKE '^(?:[^@ ]+@[^@ ]+\\.[a-z]+)\\z')), false) THEN 1 ELSE 0 END) AS failed_4, sum(CASE WHEN NOT coalesce((`signup_date` IS NOT NULL), false) THEN 1 ELSE 0 END) AS failed_5, count(`customer_id`) AS c0, 0 AS u0, CAST(min(`customer_id`) AS STRING) AS lo0, CAST(max(`customer_id`) AS STRING) AS hi0, count(`first_name`) AS c1, approx_count_distinct(`first_name`) AS u1, CAST(min(`first_name`) AS STRING) AS lo1, CAST(max(`first_name`) AS STRING) AS hi1, count(`last_name`) AS c2, approx_count_distinct(`last_name`) AS u2, CAST(min(`last_name`) AS STRING) AS lo2, CAST(max(`last_name`) AS STRING) AS hi2, count(`email`) AS c3, approx_count_distinct(`email`) AS u3, CAST(min(`email`) AS STRING) AS lo3, CAST(max(`email`) AS STRING) AS hi3, count(`age`) AS c4, approx_count_distinct(`age`) AS u4, CAST(min(`age`) AS STRING) AS lo4, CAST(max(`age`) AS STRING) AS hi4, count(`city`) AS c5, approx_count_distinct(`city`) AS u5, CAST(min(`city`) AS STRING) AS lo5, CAST(max(`city`) AS STRING) AS hi5, count(`signup_date`) AS c6, approx_count_distinct(`signup_date`) AS u6, CAST(min(`signup_date`) AS STRING) AS lo6, CAST(max(`signup_date`) AS STRING) AS hi6, count(`total_orders`) AS c7, approx_count_distinct(`total_orders`) AS u7, CAST(min(`total_orders`) AS STRING) AS lo7, CAST(max(`total_orders`) AS STRING) AS hi7, count(`total_spent`) AS c8, approx_count_distinct(`total_spent`) AS u8, CAST(min(`total_spent`) AS STRING) AS lo8, CAST(max(`total_spent`) AS STRING) AS hi8, count(`full_name`) AS c9, approx_count_distinct(`full_name`) AS u9, CAST(min(`full_name`) AS STRING) AS lo9, CAST(max(`full_name`) AS STRING) AS hi9, count(`avg_order_value`) AS c10, approx_count_distinct(`avg_order_value`) AS u10, CAST(min(`avg_order_value`) AS STRING) AS lo10, CAST(max(`avg_order_value`) AS STRING) AS hi10, count(`customer_segment`) AS c11, approx_count_distinct(`customer_segment`) AS u11, CAST(min(`customer_segment`) AS STRING) AS lo11, CAST(max(`customer_segment`) AS STRING) AS hi11 FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_enriched` AS r) AS p
CROSS JOIN (SELECT coalesce(sum(occurrences - 1), 0) AS d0 FROM (SELECT count(*) AS occurrences FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_enriched` AS r WHERE `customer_id` IS NOT NULL GROUP BY xxhash64(`customer_id`)) AS g) AS k0
LEFT JOIN (
SELECT coalesce(sum(n), 0) AS failures, (SELECT count(*) FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_enriched` AS all_rows) AS checked,
       CAST(count(*) AS STRING) AS observed
FROM (SELECT `customer_id`, count(*) AS n FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_enriched` AS r WHERE `customer_id` IS NOT NULL GROUP BY `customer_id` HAVING count(*) > 1) AS duplicated) AS t0 ON 1 = 1;

-- rows failing not_null(customer_id), kept for inspection (only when not_null(customer_id) trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/silver.customers_enriched' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'not_null(customer_id)' AS _expectation, coalesce('customer_id is null (expected not null)', 'customer_id is not null') AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_enriched` AS written
WHERE NOT coalesce((`customer_id` IS NOT NULL), false);

-- examples of not_null(customer_id) (only when not_null(customer_id) has failures)
SELECT `customer_id` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_enriched` AS written WHERE NOT coalesce((`customer_id` IS NOT NULL), false) LIMIT 3;

-- rows failing accepted_values(customer_segment), kept for inspection (only when accepted_values(customer_segment) trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/silver.customers_enriched' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'accepted_values(customer_segment)' AS _expectation, coalesce(concat('customer_segment = ', substr(CAST(`customer_segment` AS STRING), 1, 80), ' (expected one of Premium, Gold, Silver, Bronze)'), 'customer_segment is one of Premium, Gold, Silver, Bronze') AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_enriched` AS written
WHERE NOT coalesce((`customer_segment` IS NULL OR `customer_segment` IN ('Premium', 'Gold', 'Silver', 'Bronze')), false);

-- examples of accepted_values(customer_segment) (only when accepted_values(customer_segment) has failures)
SELECT `customer_id`, `customer_segment` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_enriched` AS written WHERE NOT coalesce((`customer_segment` IS NULL OR `customer_segment` IN ('Premium', 'Gold', 'Silver', 'Bronze')), false) LIMIT 3;

-- examples of range(age) (only when range(age) would remove more rows than it may)
SELECT `customer_id`, `age` FROM (
SELECT customer_id, first_name, last_name, email, age, city,
       CASE WHEN (signup_date RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2})\\z') THEN try_cast(signup_date AS DATE) END AS signup_date,
       total_orders, total_spent,
       concat(first_name, ' ', last_name) AS full_name,
       CASE WHEN total_orders > 0 THEN round(total_spent / total_orders, 2) ELSE 0.0 END AS avg_order_value,
       CASE WHEN total_spent > 3000 THEN 'Premium' WHEN total_spent > 1500 THEN 'Gold' WHEN total_spent > 500 THEN 'Silver'
            ELSE 'Bronze' END AS customer_segment
FROM (SELECT `customer_id`, `first_name`, `last_name`, `email`, `age`, `city`, `signup_date`, `total_orders`, `total_spent` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_history` AS h WHERE is_current) AS c) AS candidate
WHERE ((1 = 1)) AND (NOT coalesce((`age` IS NULL OR (`age` >= 0 AND `age` <= 120)), false)) LIMIT 3;

-- examples of range(total_spent) (only when range(total_spent) would remove more rows than it may)
SELECT `customer_id`, `total_spent` FROM (
SELECT customer_id, first_name, last_name, email, age, city,
       CASE WHEN (signup_date RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2})\\z') THEN try_cast(signup_date AS DATE) END AS signup_date,
       total_orders, total_spent,
       concat(first_name, ' ', last_name) AS full_name,
       CASE WHEN total_orders > 0 THEN round(total_spent / total_orders, 2) ELSE 0.0 END AS avg_order_value,
       CASE WHEN total_spent > 3000 THEN 'Premium' WHEN total_spent > 1500 THEN 'Gold' WHEN total_spent > 500 THEN 'Silver'
            ELSE 'Bronze' END AS customer_segment
FROM (SELECT `customer_id`, `first_name`, `last_name`, `email`, `age`, `city`, `signup_date`, `total_orders`, `total_spent` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_history` AS h WHERE is_current) AS c) AS candidate
WHERE ((1 = 1)) AND (coalesce((`age` IS NULL OR (`age` >= 0 AND `age` <= 120)), false)) AND (NOT coalesce((`total_spent` IS NULL OR (`total_spent` >= 0)), false)) LIMIT 3;

-- examples of not_null(customer_id) (only when not_null(customer_id) has failures)
SELECT `customer_id` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_enriched` AS written WHERE NOT coalesce((`customer_id` IS NOT NULL), false) LIMIT 3;

-- examples of accepted_values(customer_segment) (only when accepted_values(customer_segment) has failures)
SELECT `customer_id`, `customer_segment` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_enriched` AS written WHERE NOT coalesce((`customer_segment` IS NULL OR `customer_segment` IN ('Premium', 'Gold', 'Silver', 'Bronze')), false) LIMIT 3;

-- examples of range(age) (only when range(age) has failures)
SELECT `customer_id`, `age` FROM parquet.`file:///data/medallion/_staging/<run-id>/_quarantine/silver.customers_enriched` AS q WHERE _expectation = 'range(age)' LIMIT 3;

-- examples of range(total_spent) (only when range(total_spent) has failures)
SELECT `customer_id`, `total_spent` FROM parquet.`file:///data/medallion/_staging/<run-id>/_quarantine/silver.customers_enriched` AS q WHERE _expectation = 'range(total_spent)' LIMIT 3;

-- examples of pattern(email) (only when pattern(email) has failures)
SELECT `customer_id`, `email` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_enriched` AS written WHERE NOT coalesce((`email` IS NULL OR (`email` RLIKE '^(?:[^@ ]+@[^@ ]+\\.[a-z]+)\\z')), false) LIMIT 3;

-- examples of not_null(signup_date) (only when not_null(signup_date) has failures)
SELECT `customer_id`, `signup_date` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_enriched` AS written WHERE NOT coalesce((`signup_date` IS NOT NULL), false) LIMIT 3;

-- examples of unique(customer_id) (only when unique(customer_id) has failures)
SELECT `customer_id`, count(*) AS occurrences FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_enriched` AS r WHERE `customer_id` IS NOT NULL GROUP BY `customer_id` HAVING count(*) > 1 ORDER BY occurrences DESC LIMIT 3;

-- top values of first_name, last_name, email, age, city, signup_date, total_orders, total_spent, full_name, avg_order_value, customer_segment (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`first_name`) = 0 THEN 'first_name' WHEN grouping(`last_name`) = 0 THEN 'last_name' WHEN grouping(`email`) = 0 THEN 'email' WHEN grouping(`age`) = 0 THEN 'age' WHEN grouping(`city`) = 0 THEN 'city' WHEN grouping(`signup_date`) = 0 THEN 'signup_date' WHEN grouping(`total_orders`) = 0 THEN 'total_orders' WHEN grouping(`total_spent`) = 0 THEN 'total_spent' WHEN grouping(`full_name`) = 0 THEN 'full_name' WHEN grouping(`avg_order_value`) = 0 THEN 'avg_order_value' WHEN grouping(`customer_segment`) = 0 THEN 'customer_segment' END AS col, CASE WHEN grouping(`first_name`) = 0 THEN CAST(`first_name` AS STRING) WHEN grouping(`last_name`) = 0 THEN CAST(`last_name` AS STRING) WHEN grouping(`email`) = 0 THEN CAST(`email` AS STRING) WHEN grouping(`age`) = 0 THEN CAST(`age` AS STRING) WHEN grouping(`city`) = 0 THEN CAST(`city` AS STRING) WHEN grouping(`signup_date`) = 0 THEN CAST(`signup_date` AS STRING) WHEN grouping(`total_orders`) = 0 THEN CAST(`total_orders` AS STRING) WHEN grouping(`total_spent`) = 0 THEN CAST(`total_spent` AS STRING) WHEN grouping(`full_name`) = 0 THEN CAST(`full_name` AS STRING) WHEN grouping(`avg_order_value`) = 0 THEN CAST(`avg_order_value` AS STRING) WHEN grouping(`customer_segment`) = 0 THEN CAST(`customer_segment` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_enriched` AS t GROUP BY GROUPING SETS ((`first_name`), (`last_name`), (`email`), (`age`), (`city`), (`signup_date`), (`total_orders`), (`total_spent`), (`full_name`), (`avg_order_value`), (`customer_segment`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- data silver.transactions_clean: Completed transactions with a positive amount, typed timestamp and transaction date.
-- counts of keep rules and expectations
SELECT count(*) AS rows_in,
       sum(CASE WHEN (coalesce((status = 'completed'), false)) THEN 1 ELSE 0 END) AS checked,
       sum(CASE WHEN (NOT coalesce((status = 'completed'), false)) THEN 1 ELSE 0 END) AS filtered_0,
       sum(CASE WHEN (coalesce((status = 'completed'), false)) AND NOT coalesce((`amount` IS NULL OR (`amount` > 0)), false) THEN 1 ELSE 0 END) AS failed_0,
       sum(CASE WHEN (coalesce((status = 'completed'), false)) AND NOT coalesce((`timestamp` IS NOT NULL), false) THEN 1 ELSE 0 END) AS failed_1,
       sum(CASE WHEN (coalesce((status = 'completed'), false)) AND NOT coalesce((`customer_id` IS NULL OR `customer_id` IN (SELECT `customer_id` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_enriched` AS referenced)), false) THEN 1 ELSE 0 END) AS failed_2,
       sum(CASE WHEN ((coalesce((status = 'completed'), false))) AND (NOT coalesce((`amount` IS NULL OR (`amount` > 0)), false)) THEN 1 ELSE 0 END) AS removed_0,
       sum(CASE WHEN ((coalesce((status = 'completed'), false))) AND (coalesce((`amount` IS NULL OR (`amount` > 0)), false)) AND (NOT coalesce((`timestamp` IS NOT NULL), false)) THEN 1 ELSE 0 END) AS removed_1,
       sum(CASE WHEN ((coalesce((status = 'completed'), false))) AND (coalesce((`amount` IS NULL OR (`amount` > 0)), false)) AND (coalesce((`timestamp` IS NOT NULL), false)) AND (NOT coalesce((`customer_id` IS NULL OR `customer_id` IN (SELECT `customer_id` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_enriched` AS referenced)), false)) THEN 1 ELSE 0 END) AS removed_2 FROM (
SELECT transaction_id, customer_id, product_id, product_category, amount,
       CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS timestamp,
       payment_method, status, device, browser, location,
       CAST(CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS DATE) AS transaction_date
FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/transactions` AS t) AS candidate;

-- examples of positive_amount (only when positive_amount would remove more rows than it may)
SELECT `transaction_id`, `amount` FROM (
SELECT transaction_id, customer_id, product_id, product_category, amount,
       CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS timestamp,
       payment_method, status, device, browser, location,
       CAST(CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS DATE) AS transaction_date
FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/transactions` AS t) AS candidate
WHERE ((coalesce((status = 'completed'), false))) AND (NOT coalesce((`amount` IS NULL OR (`amount` > 0)), false)) LIMIT 3;

-- examples of timestamp_parses (only when timestamp_parses would remove more rows than it may)
SELECT `transaction_id`, `timestamp` FROM (
SELECT transaction_id, customer_id, product_id, product_category, amount,
       CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS timestamp,
       payment_method, status, device, browser, location,
       CAST(CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS DATE) AS transaction_date
FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/transactions` AS t) AS candidate
WHERE ((coalesce((status = 'completed'), false))) AND (coalesce((`amount` IS NULL OR (`amount` > 0)), false)) AND (NOT coalesce((`timestamp` IS NOT NULL), false)) LIMIT 3;

-- examples of references(customer_id -> silver.customers_enriched.customer_id) (only when references(customer_id -> silver.customers_enriched.customer_id) would remove more rows than it may)
SELECT `transaction_id`, `customer_id` FROM (
SELECT transaction_id, customer_id, product_id, product_category, amount,
       CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS timestamp,
       payment_method, status, device, browser, location,
       CAST(CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS DATE) AS transaction_date
FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/transactions` AS t) AS candidate
WHERE ((coalesce((status = 'completed'), false))) AND (coalesce((`amount` IS NULL OR (`amount` > 0)), false)) AND (coalesce((`timestamp` IS NOT NULL), false)) AND (NOT coalesce((`customer_id` IS NULL OR `customer_id` IN (SELECT `customer_id` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_enriched` AS referenced)), false)) LIMIT 3;

-- write (only when the counts show rows removed)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/silver/transactions_clean' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `transaction_id`, `customer_id`, `product_id`, `product_category`, `amount`, `timestamp`, `payment_method`, `status`, `device`, `browser`, `location`, `transaction_date`
FROM (
SELECT transaction_id, customer_id, product_id, product_category, amount,
       CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS timestamp,
       payment_method, status, device, browser, location,
       CAST(CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS DATE) AS transaction_date
FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/transactions` AS t) AS candidate
WHERE ((coalesce((status = 'completed'), false))) AND (coalesce((`amount` IS NULL OR (`amount` > 0)), false)) AND (coalesce((`timestamp` IS NOT NULL), false)) AND (coalesce((`customer_id` IS NULL OR `customer_id` IN (SELECT `customer_id` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_enriched` AS referenced)), false));

-- write (only when the counts show no row removed)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/silver/transactions_clean' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `transaction_id`, `customer_id`, `product_id`, `product_category`, `amount`, `timestamp`, `payment_method`, `status`, `device`, `browser`, `location`, `transaction_date`
FROM (
SELECT transaction_id, customer_id, product_id, product_category, amount,
       CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS timestamp,
       payment_method, status, device, browser, location,
       CAST(CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS DATE) AS transaction_date
FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/transactions` AS t) AS candidate
WHERE (coalesce((status = 'completed'), false));

-- quarantined rows (only when the counts show rows to quarantine)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/silver.transactions_clean' USING parquet OPTIONS ('compression' = 'snappy')
SELECT candidate.*,
       CASE WHEN NOT coalesce((`amount` IS NULL OR (`amount` > 0)), false) THEN 'positive_amount' WHEN NOT coalesce((`timestamp` IS NOT NULL), false) THEN 'timestamp_parses' WHEN NOT coalesce((`customer_id` IS NULL OR `customer_id` IN (SELECT `customer_id` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_enriched` AS referenced)), false) THEN 'references(customer_id -> silver.customers_enriched.customer_id)' END AS _expectation,
       CASE WHEN NOT coalesce((`amount` IS NULL OR (`amount` > 0)), false) THEN coalesce(concat('amount = ', substr(CAST(`amount` AS STRING), 1, 80), ' (expected > 0)'), 'amount > 0') WHEN NOT coalesce((`timestamp` IS NOT NULL), false) THEN coalesce('timestamp is null (expected not null)', 'timestamp is not null') WHEN NOT coalesce((`customer_id` IS NULL OR `customer_id` IN (SELECT `customer_id` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_enriched` AS referenced)), false) THEN coalesce(concat('customer_id = ', substr(CAST(`customer_id` AS STRING), 1, 80), ' (expected a customer_id of silver.customers_enriched)'), 'every customer_id exists in silver.customers_enriched.customer_id') END AS _reason,
       '<run-id>' AS _run_id
FROM (
SELECT transaction_id, customer_id, product_id, product_category, amount,
       CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS timestamp,
       payment_method, status, device, browser, location,
       CAST(CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS DATE) AS transaction_date
FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/transactions` AS t) AS candidate
WHERE (coalesce((status = 'completed'), false)) AND CASE WHEN NOT coalesce((`amount` IS NULL OR (`amount` > 0)), false) THEN 'drop' WHEN NOT coalesce((`timestamp` IS NOT NULL), false) THEN 'quarantine' WHEN NOT coalesce((`customer_id` IS NULL OR `customer_id` IN (SELECT `customer_id` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_enriched` AS referenced)), false) THEN 'quarantine' END = 'quarantine';

-- an empty quarantine (only when the counts show no row to quarantine)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/silver.transactions_clean' USING parquet OPTIONS ('compression' = 'snappy')
SELECT * FROM (SELECT candidate.*,
       CASE WHEN NOT coalesce((`amount` IS NULL OR (`amount` > 0)), false) THEN 'positive_amount' WHEN NOT coalesce((`timestamp` IS NOT NULL), false) THEN 'timestamp_parses' WHEN NOT coalesce((`customer_id` IS NULL OR `customer_id` IN (SELECT `customer_id` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_enriched` AS referenced)), false) THEN 'references(customer_id -> silver.customers_enriched.customer_id)' END AS _expectation,
       CASE WHEN NOT coalesce((`amount` IS NULL OR (`amount` > 0)), false) THEN coalesce(concat('amount = ', substr(CAST(`amount` AS STRING), 1, 80), ' (expected > 0)'), 'amount > 0') WHEN NOT coalesce((`timestamp` IS NOT NULL), false) THEN coalesce('timestamp is null (expected not null)', 'timestamp is not null') WHEN NOT coalesce((`customer_id` IS NULL OR `customer_id` IN (SELECT `customer_id` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_enriched` AS referenced)), false) THEN coalesce(concat('customer_id = ', substr(CAST(`customer_id` AS STRING), 1, 80), ' (expected a customer_id of silver.customers_enriched)'), 'every customer_id exists in silver.customers_enriched.customer_id') END AS _reason,
       '<run-id>' AS _run_id
FROM (
SELECT transaction_id, customer_id, product_id, product_category, amount,
       CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS timestamp,
       payment_method, status, device, browser, location,
       CAST(CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS DATE) AS transaction_date
FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/transactions` AS t) AS candidate
WHERE (coalesce((status = 'completed'), false)) AND CASE WHEN NOT coalesce((`amount` IS NULL OR (`amount` > 0)), false) THEN 'drop' WHEN NOT coalesce((`timestamp` IS NOT NULL), false) THEN 'quarantine' WHEN NOT coalesce((`customer_id` IS NULL OR `customer_id` IN (SELECT `customer_id` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_enriched` AS referenced)), false) THEN 'quarantine' END = 'quarantine') AS quarantined LIMIT 0;

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/transactions_clean` AS d;

-- profile and checks on the written rows, with unique(transaction_id), freshness(timestamp) (ranges only of the columns that are numbers or dates)
SELECT p.*, k0.d0, t0.failures AS t0_failures, t0.checked AS t0_checked, t0.observed AS t0_observed, CASE WHEN p.t1_own_newest IS NULL OR (CAST(unix_micros(p.t1_own_newest) AS DOUBLE) / 1000000) < 1768262400 THEN 1 ELSE 0 END AS t1_failures, 1 AS t1_checked, concat(coalesce(CAST(p.t1_own_newest AS STRING), 'no timestamp'), ' (threshold 2026-01-13 00:00:00 UTC: 48 h before as-of 2026-01-15)') AS t1_observed
FROM (SELECT count(*) AS n, count(*) AS checked, sum(CASE WHEN NOT coalesce((`payment_method` IS NULL OR `payment_method` IN ('credit_card', 'debit_card', 'paypal', 'cash', 'apple_pay', 'google_pay')), false) THEN 1 ELSE 0 END) AS failed_3, sum(CASE WHEN NOT coalesce((`product_id` IS NULL OR (`product_id` RLIKE '^(?:PROD_[0-9]{4,})\\z')), false) THEN 1 ELSE 0 END) AS failed_4, count(`transaction_id`) AS c0, 0 AS u0, CAST(min(`transaction_id`) AS STRING) AS lo0, CAST(max(`transaction_id`) AS STRING) AS hi0, count(`customer_id`) AS c1, approx_count_distinct(`customer_id`) AS u1, CAST(min(`customer_id`) AS STRING) AS lo1, CAST(max(`customer_id`) AS STRING) AS hi1, count(`product_id`) AS c2, approx_count_distinct(`product_id`) AS u2, CAST(min(`product_id`) AS STRING) AS lo2, CAST(max(`product_id`) AS STRING) AS hi2, count(`product_category`) AS c3, approx_count_distinct(`product_category`) AS u3, CAST(min(`product_category`) AS STRING) AS lo3, CAST(max(`product_category`) AS STRING) AS hi3, count(`amount`) AS c4, approx_count_distinct(`amount`) AS u4, CAST(min(`amount`) AS STRING) AS lo4, CAST(max(`amount`) AS STRING) AS hi4, count(`timestamp`) AS c5, approx_count_distinct(`timestamp`) AS u5, CAST(min(`timestamp`) AS STRING) AS lo5, CAST(max(`timestamp`) AS STRING) AS hi5, count(`payment_method`) AS c6, approx_count_distinct(`payment_method`) AS u6, CAST(min(`payment_method`) AS STRING) AS lo6, CAST(max(`payment_method`) AS STRING) AS hi6, count(`status`) AS c7, approx_count_distinct(`status`) AS u7, CAST(min(`status`) AS STRING) AS lo7, CAST(max(`status`) AS STRING) AS hi7, count(`device`) AS c8, approx_count_distinct(`device`) AS u8, CAST(min(`device`) AS STRING) AS lo8, CAST(max(`device`) AS STRING) AS hi8, count(`browser`) AS c9, approx_count_distinct(`browser`) AS u9, CAST(min(`browser`) AS STRING) AS lo9, CAST(max(`browser`) AS STRING) AS hi9, count(`location`) AS c10, approx_count_distinct(`location`) AS u10, CAST(min(`location`) AS STRING) AS lo10, CAST(max(`location`) AS STRING) AS hi10, count(`transaction_date`) AS c11, approx_count_distinct(`transaction_date`) AS u11, CAST(min(`transaction_date`) AS STRING) AS lo11, CAST(max(`transaction_date`) AS STRING) AS hi11, max(`timestamp`) AS t1_own_newest FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/transactions_clean` AS r) AS p
CROSS JOIN (SELECT coalesce(sum(occurrences - 1), 0) AS d0 FROM (SELECT count(*) AS occurrences FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/transactions_clean` AS r WHERE `transaction_id` IS NOT NULL GROUP BY xxhash64(`transaction_id`)) AS g) AS k0
LEFT JOIN (
SELECT coalesce(sum(n), 0) AS failures, (SELECT count(*) FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/transactions_clean` AS all_rows) AS checked,
       CAST(count(*) AS STRING) AS observed
FROM (SELECT `transaction_id`, count(*) AS n FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/transactions_clean` AS r WHERE `transaction_id` IS NOT NULL GROUP BY `transaction_id` HAVING count(*) > 1) AS duplicated) AS t0 ON 1 = 1;

-- examples of positive_amount (only when positive_amount would remove more rows than it may)
SELECT `transaction_id`, `amount` FROM (
SELECT transaction_id, customer_id, product_id, product_category, amount,
       CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS timestamp,
       payment_method, status, device, browser, location,
       CAST(CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS DATE) AS transaction_date
FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/transactions` AS t) AS candidate
WHERE ((coalesce((status = 'completed'), false))) AND (NOT coalesce((`amount` IS NULL OR (`amount` > 0)), false)) LIMIT 3;

-- examples of timestamp_parses (only when timestamp_parses would remove more rows than it may)
SELECT `transaction_id`, `timestamp` FROM (
SELECT transaction_id, customer_id, product_id, product_category, amount,
       CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS timestamp,
       payment_method, status, device, browser, location,
       CAST(CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS DATE) AS transaction_date
FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/transactions` AS t) AS candidate
WHERE ((coalesce((status = 'completed'), false))) AND (coalesce((`amount` IS NULL OR (`amount` > 0)), false)) AND (NOT coalesce((`timestamp` IS NOT NULL), false)) LIMIT 3;

-- examples of references(customer_id -> silver.customers_enriched.customer_id) (only when references(customer_id -> silver.customers_enriched.customer_id) would remove more rows than it may)
SELECT `transaction_id`, `customer_id` FROM (
SELECT transaction_id, customer_id, product_id, product_category, amount,
       CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS timestamp,
       payment_method, status, device, browser, location,
       CAST(CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS DATE) AS transaction_date
FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/transactions` AS t) AS candidate
WHERE ((coalesce((status = 'completed'), false))) AND (coalesce((`amount` IS NULL OR (`amount` > 0)), false)) AND (coalesce((`timestamp` IS NOT NULL), false)) AND (NOT coalesce((`customer_id` IS NULL OR `customer_id` IN (SELECT `customer_id` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_enriched` AS referenced)), false)) LIMIT 3;

-- examples of positive_amount (only when positive_amount has failures)
SELECT `transaction_id`, `amount` FROM (
SELECT transaction_id, customer_id, product_id, product_category, amount,
       CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS timestamp,
       payment_method, status, device, browser, location,
       CAST(CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS DATE) AS transaction_date
FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/transactions` AS t) AS candidate
WHERE ((coalesce((status = 'completed'), false))) AND (NOT coalesce((`amount` IS NULL OR (`amount` > 0)), false)) LIMIT 3;

-- examples of timestamp_parses (only when timestamp_parses has failures)
SELECT `transaction_id`, `timestamp` FROM parquet.`file:///data/medallion/_staging/<run-id>/_quarantine/silver.transactions_clean` AS q WHERE _expectation = 'timestamp_parses' LIMIT 3;

-- examples of references(customer_id -> silver.customers_enriched.customer_id) (only when references(customer_id -> silver.customers_enriched.customer_id) has failures)
SELECT `transaction_id`, `customer_id` FROM parquet.`file:///data/medallion/_staging/<run-id>/_quarantine/silver.transactions_clean` AS q WHERE _expectation = 'references(customer_id -> silver.customers_enriched.customer_id)' LIMIT 3;

-- examples of accepted_values(payment_method) (only when accepted_values(payment_method) has failures)
SELECT `transaction_id`, `payment_method` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/transactions_clean` AS written WHERE NOT coalesce((`payment_method` IS NULL OR `payment_method` IN ('credit_card', 'debit_card', 'paypal', 'cash', 'apple_pay', 'google_pay')), false) LIMIT 3;

-- examples of pattern(product_id) (only when pattern(product_id) has failures)
SELECT `transaction_id`, `product_id` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/transactions_clean` AS written WHERE NOT coalesce((`product_id` IS NULL OR (`product_id` RLIKE '^(?:PROD_[0-9]{4,})\\z')), false) LIMIT 3;

-- examples of unique(transaction_id) (only when unique(transaction_id) has failures)
SELECT `transaction_id`, count(*) AS occurrences FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/transactions_clean` AS r WHERE `transaction_id` IS NOT NULL GROUP BY `transaction_id` HAVING count(*) > 1 ORDER BY occurrences DESC LIMIT 3;

-- top values of customer_id, product_id, product_category, amount, timestamp, payment_method, status, device, browser, location, transaction_date (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`customer_id`) = 0 THEN 'customer_id' WHEN grouping(`product_id`) = 0 THEN 'product_id' WHEN grouping(`product_category`) = 0 THEN 'product_category' WHEN grouping(`amount`) = 0 THEN 'amount' WHEN grouping(`timestamp`) = 0 THEN 'timestamp' WHEN grouping(`payment_method`) = 0 THEN 'payment_method' WHEN grouping(`status`) = 0 THEN 'status' WHEN grouping(`device`) = 0 THEN 'device' WHEN grouping(`browser`) = 0 THEN 'browser' WHEN grouping(`location`) = 0 THEN 'location' WHEN grouping(`transaction_date`) = 0 THEN 'transaction_date' END AS col, CASE WHEN grouping(`customer_id`) = 0 THEN CAST(`customer_id` AS STRING) WHEN grouping(`product_id`) = 0 THEN CAST(`product_id` AS STRING) WHEN grouping(`product_category`) = 0 THEN CAST(`product_category` AS STRING) WHEN grouping(`amount`) = 0 THEN CAST(`amount` AS STRING) WHEN grouping(`timestamp`) = 0 THEN CAST(`timestamp` AS STRING) WHEN grouping(`payment_method`) = 0 THEN CAST(`payment_method` AS STRING) WHEN grouping(`status`) = 0 THEN CAST(`status` AS STRING) WHEN grouping(`device`) = 0 THEN CAST(`device` AS STRING) WHEN grouping(`browser`) = 0 THEN CAST(`browser` AS STRING) WHEN grouping(`location`) = 0 THEN CAST(`location` AS STRING) WHEN grouping(`transaction_date`) = 0 THEN CAST(`transaction_date` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/transactions_clean` AS t GROUP BY GROUPING SETS ((`customer_id`), (`product_id`), (`product_category`), (`amount`), (`timestamp`), (`payment_method`), (`status`), (`device`), (`browser`), (`location`), (`transaction_date`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- data silver.products_active: Current products that are active and in stock, with a typed creation date.
-- counts of keep rules and expectations
SELECT count(*) AS rows_in,
       sum(CASE WHEN (coalesce((is_active), false)) AND (coalesce((stock_quantity > 0), false)) THEN 1 ELSE 0 END) AS checked,
       sum(CASE WHEN (NOT coalesce((is_active), false)) THEN 1 ELSE 0 END) AS filtered_0,
       sum(CASE WHEN (coalesce((is_active), false)) AND (NOT coalesce((stock_quantity > 0), false)) THEN 1 ELSE 0 END) AS filtered_1,
       sum(CASE WHEN (coalesce((is_active), false)) AND (coalesce((stock_quantity > 0), false)) AND NOT coalesce((`price` IS NULL OR (`price` > 0)), false) THEN 1 ELSE 0 END) AS failed_0,
       sum(CASE WHEN ((coalesce((is_active), false)) AND (coalesce((stock_quantity > 0), false))) AND (NOT coalesce((`price` IS NULL OR (`price` > 0)), false)) THEN 1 ELSE 0 END) AS removed_0 FROM (
SELECT product_id, product_name, category, price, stock_quantity, supplier, weight_kg,
       CASE WHEN (created_date RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2})\\z') THEN try_cast(created_date AS DATE) END AS created_date, is_active
FROM (SELECT `product_id`, `product_name`, `category`, `price`, `stock_quantity`, `supplier`, `weight_kg`, `created_date`, `is_active` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/products_history` AS h WHERE is_current) AS p) AS candidate;

-- examples of positive_price (only when positive_price would remove more rows than it may)
SELECT `product_id`, `price` FROM (
SELECT product_id, product_name, category, price, stock_quantity, supplier, weight_kg,
       CASE WHEN (created_date RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2})\\z') THEN try_cast(created_date AS DATE) END AS created_date, is_active
FROM (SELECT `product_id`, `product_name`, `category`, `price`, `stock_quantity`, `supplier`, `weight_kg`, `created_date`, `is_active` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/products_history` AS h WHERE is_current) AS p) AS candidate
WHERE ((coalesce((is_active), false)) AND (coalesce((stock_quantity > 0), false))) AND (NOT coalesce((`price` IS NULL OR (`price` > 0)), false)) LIMIT 3;

-- write (only when the counts show rows removed)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/silver/products_active' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `product_id`, `product_name`, `category`, `price`, `stock_quantity`, `supplier`, `weight_kg`, `created_date`, `is_active`
FROM (
SELECT product_id, product_name, category, price, stock_quantity, supplier, weight_kg,
       CASE WHEN (created_date RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2})\\z') THEN try_cast(created_date AS DATE) END AS created_date, is_active
FROM (SELECT `product_id`, `product_name`, `category`, `price`, `stock_quantity`, `supplier`, `weight_kg`, `created_date`, `is_active` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/products_history` AS h WHERE is_current) AS p) AS candidate
WHERE ((coalesce((is_active), false)) AND (coalesce((stock_quantity > 0), false))) AND (coalesce((`price` IS NULL OR (`price` > 0)), false));

-- write (only when the counts show no row removed)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/silver/products_active' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `product_id`, `product_name`, `category`, `price`, `stock_quantity`, `supplier`, `weight_kg`, `created_date`, `is_active`
FROM (
SELECT product_id, product_name, category, price, stock_quantity, supplier, weight_kg,
       CASE WHEN (created_date RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2})\\z') THEN try_cast(created_date AS DATE) END AS created_date, is_active
FROM (SELECT `product_id`, `product_name`, `category`, `price`, `stock_quantity`, `supplier`, `weight_kg`, `created_date`, `is_active` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/products_history` AS h WHERE is_current) AS p) AS candidate
WHERE (coalesce((is_active), false)) AND (coalesce((stock_quantity > 0), false));

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/products_active` AS d;

-- profile and checks on the written rows, with unique(product_id) (ranges only of the columns that are numbers or dates)
SELECT p.*, k0.d0, t0.failures AS t0_failures, t0.checked AS t0_checked, t0.observed AS t0_observed
FROM (SELECT count(*) AS n, count(*) AS checked, sum(CASE WHEN NOT coalesce((`created_date` IS NOT NULL), false) THEN 1 ELSE 0 END) AS failed_1, count(`product_id`) AS c0, 0 AS u0, CAST(min(`product_id`) AS STRING) AS lo0, CAST(max(`product_id`) AS STRING) AS hi0, count(`product_name`) AS c1, approx_count_distinct(`product_name`) AS u1, CAST(min(`product_name`) AS STRING) AS lo1, CAST(max(`product_name`) AS STRING) AS hi1, count(`category`) AS c2, approx_count_distinct(`category`) AS u2, CAST(min(`category`) AS STRING) AS lo2, CAST(max(`category`) AS STRING) AS hi2, count(`price`) AS c3, approx_count_distinct(`price`) AS u3, CAST(min(`price`) AS STRING) AS lo3, CAST(max(`price`) AS STRING) AS hi3, count(`stock_quantity`) AS c4, approx_count_distinct(`stock_quantity`) AS u4, CAST(min(`stock_quantity`) AS STRING) AS lo4, CAST(max(`stock_quantity`) AS STRING) AS hi4, count(`supplier`) AS c5, approx_count_distinct(`supplier`) AS u5, CAST(min(`supplier`) AS STRING) AS lo5, CAST(max(`supplier`) AS STRING) AS hi5, count(`weight_kg`) AS c6, approx_count_distinct(`weight_kg`) AS u6, CAST(min(`weight_kg`) AS STRING) AS lo6, CAST(max(`weight_kg`) AS STRING) AS hi6, count(`created_date`) AS c7, approx_count_distinct(`created_date`) AS u7, CAST(min(`created_date`) AS STRING) AS lo7, CAST(max(`created_date`) AS STRING) AS hi7, count(`is_active`) AS c8, approx_count_distinct(`is_active`) AS u8, CAST(min(`is_active`) AS STRING) AS lo8, CAST(max(`is_active`) AS STRING) AS hi8 FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/products_active` AS r) AS p
CROSS JOIN (SELECT coalesce(sum(occurrences - 1), 0) AS d0 FROM (SELECT count(*) AS occurrences FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/products_active` AS r WHERE `product_id` IS NOT NULL GROUP BY xxhash64(`product_id`)) AS g) AS k0
LEFT JOIN (
SELECT coalesce(sum(n), 0) AS failures, (SELECT count(*) FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/products_active` AS all_rows) AS checked,
       CAST(count(*) AS STRING) AS observed
FROM (SELECT `product_id`, count(*) AS n FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/products_active` AS r WHERE `product_id` IS NOT NULL GROUP BY `product_id` HAVING count(*) > 1) AS duplicated) AS t0 ON 1 = 1;

-- examples of positive_price (only when positive_price would remove more rows than it may)
SELECT `product_id`, `price` FROM (
SELECT product_id, product_name, category, price, stock_quantity, supplier, weight_kg,
       CASE WHEN (created_date RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2})\\z') THEN try_cast(created_date AS DATE) END AS created_date, is_active
FROM (SELECT `product_id`, `product_name`, `category`, `price`, `stock_quantity`, `supplier`, `weight_kg`, `created_date`, `is_active` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/products_history` AS h WHERE is_current) AS p) AS candidate
WHERE ((coalesce((is_active), false)) AND (coalesce((stock_quantity > 0), false))) AND (NOT coalesce((`price` IS NULL OR (`price` > 0)), false)) LIMIT 3;

-- examples of positive_price (only when positive_price has failures)
SELECT `product_id`, `price` FROM (
SELECT product_id, product_name, category, price, stock_quantity, supplier, weight_kg,
       CASE WHEN (created_date RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2})\\z') THEN try_cast(created_date AS DATE) END AS created_date, is_active
FROM (SELECT `product_id`, `product_name`, `category`, `price`, `stock_quantity`, `supplier`, `weight_kg`, `created_date`, `is_active` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/products_history` AS h WHERE is_current) AS p) AS candidate
WHERE ((coalesce((is_active), false)) AND (coalesce((stock_quantity > 0), false))) AND (NOT coalesce((`price` IS NULL OR (`price` > 0)), false)) LIMIT 3;

-- examples of not_null(created_date) (only when not_null(created_date) has failures)
SELECT `product_id`, `created_date` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/products_active` AS written WHERE NOT coalesce((`created_date` IS NOT NULL), false) LIMIT 3;

-- examples of unique(product_id) (only when unique(product_id) has failures)
SELECT `product_id`, count(*) AS occurrences FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/products_active` AS r WHERE `product_id` IS NOT NULL GROUP BY `product_id` HAVING count(*) > 1 ORDER BY occurrences DESC LIMIT 3;

-- top values of product_name, category, price, stock_quantity, supplier, weight_kg, created_date, is_active (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`product_name`) = 0 THEN 'product_name' WHEN grouping(`category`) = 0 THEN 'category' WHEN grouping(`price`) = 0 THEN 'price' WHEN grouping(`stock_quantity`) = 0 THEN 'stock_quantity' WHEN grouping(`supplier`) = 0 THEN 'supplier' WHEN grouping(`weight_kg`) = 0 THEN 'weight_kg' WHEN grouping(`created_date`) = 0 THEN 'created_date' WHEN grouping(`is_active`) = 0 THEN 'is_active' END AS col, CASE WHEN grouping(`product_name`) = 0 THEN CAST(`product_name` AS STRING) WHEN grouping(`category`) = 0 THEN CAST(`category` AS STRING) WHEN grouping(`price`) = 0 THEN CAST(`price` AS STRING) WHEN grouping(`stock_quantity`) = 0 THEN CAST(`stock_quantity` AS STRING) WHEN grouping(`supplier`) = 0 THEN CAST(`supplier` AS STRING) WHEN grouping(`weight_kg`) = 0 THEN CAST(`weight_kg` AS STRING) WHEN grouping(`created_date`) = 0 THEN CAST(`created_date` AS STRING) WHEN grouping(`is_active`) = 0 THEN CAST(`is_active` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/products_active` AS t GROUP BY GROUPING SETS ((`product_name`), (`category`), (`price`), (`stock_quantity`), (`supplier`), (`weight_kg`), (`created_date`), (`is_active`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- data gold.customer_analytics: Customers per segment and city, with their spend; largest segment revenue first.
-- write
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/gold/customer_analytics' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `customer_segment`, `city`, `customer_count`, `avg_age`, `avg_total_spent`, `avg_order_value`, `segment_revenue`
FROM (
SELECT customer_segment, city, count(*) AS customer_count,
       round(avg(age), 1) AS avg_age,
       round(avg(total_spent), 2) AS avg_total_spent,
       round(avg(avg_order_value), 2) AS avg_order_value,
       round(sum(total_spent), 2) AS segment_revenue
FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_enriched` AS c
GROUP BY customer_segment, city
ORDER BY segment_revenue DESC, customer_segment, city) AS candidate
WHERE ((1 = 1));

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/customer_analytics` AS d;

-- profile and checks on the written rows, with reconciles(customer_count = count(*) of silver.customers_enriched), reconciles(segment_revenue = sum(total_spent) of silver.customers_enriched) (ranges only of the columns that are numbers or dates)
SELECT p.*, CASE WHEN abs(coalesce(p.t0_own_mine, 0) - coalesce(o0.t0_other_theirs, 0)) > 0 THEN 1 ELSE 0 END AS t0_failures, 1 AS t0_checked, concat(CAST(p.t0_own_mine AS STRING), ' vs ', CAST(o0.t0_other_theirs AS STRING)) AS t0_observed, CASE WHEN abs(coalesce(p.t1_own_mine, 0) - coalesce(o0.t1_other_theirs, 0)) > 1 THEN 1 ELSE 0 END AS t1_failures, 1 AS t1_checked, concat(CAST(p.t1_own_mine AS STRING), ' vs ', CAST(o0.t1_other_theirs AS STRING)) AS t1_observed
FROM (SELECT count(*) AS n, count(*) AS checked, sum(CASE WHEN NOT coalesce((`customer_segment` IS NULL OR `customer_segment` IN ('Premium', 'Gold', 'Silver', 'Bronze')), false) THEN 1 ELSE 0 END) AS failed_0, sum(CASE WHEN NOT coalesce((`customer_count` IS NULL OR (`customer_count` >= 1)), false) THEN 1 ELSE 0 END) AS failed_1, count(`customer_segment`) AS c0, approx_count_distinct(`customer_segment`) AS u0, CAST(min(`customer_segment`) AS STRING) AS lo0, CAST(max(`customer_segment`) AS STRING) AS hi0, count(`city`) AS c1, approx_count_distinct(`city`) AS u1, CAST(min(`city`) AS STRING) AS lo1, CAST(max(`city`) AS STRING) AS hi1, count(`customer_count`) AS c2, approx_count_distinct(`customer_count`) AS u2, CAST(min(`customer_count`) AS STRING) AS lo2, CAST(max(`customer_count`) AS STRING) AS hi2, count(`avg_age`) AS c3, approx_count_distinct(`avg_age`) AS u3, CAST(min(`avg_age`) AS STRING) AS lo3, CAST(max(`avg_age`) AS STRING) AS hi3, count(`avg_total_spent`) AS c4, approx_count_distinct(`avg_total_spent`) AS u4, CAST(min(`avg_total_spent`) AS STRING) AS lo4, CAST(max(`avg_total_spent`) AS STRING) AS hi4, count(`avg_order_value`) AS c5, approx_count_distinct(`avg_order_value`) AS u5, CAST(min(`avg_order_value`) AS STRING) AS lo5, CAST(max(`avg_order_value`) AS STRING) AS hi5, count(`segment_revenue`) AS c6, approx_count_distinct(`segment_revenue`) AS u6, CAST(min(`segment_revenue`) AS STRING) AS lo6, CAST(max(`segment_revenue`) AS STRING) AS hi6, sum(customer_count) AS t0_own_mine, sum(segment_revenue) AS t1_own_mine FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/customer_analytics` AS r) AS p
CROSS JOIN (SELECT count(*) AS t0_other_theirs, sum(total_spent) AS t1_other_theirs FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/customers_enriched` AS s) AS o0;

-- rows failing accepted_values(customer_segment), kept for inspection (only when accepted_values(customer_segment) trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/gold.customer_analytics' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'accepted_values(customer_segment)' AS _expectation, coalesce(concat('customer_segment = ', substr(CAST(`customer_segment` AS STRING), 1, 80), ' (expected one of Premium, Gold, Silver, Bronze)'), 'customer_segment is one of Premium, Gold, Silver, Bronze') AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/customer_analytics` AS written
WHERE NOT coalesce((`customer_segment` IS NULL OR `customer_segment` IN ('Premium', 'Gold', 'Silver', 'Bronze')), false);

-- examples of accepted_values(customer_segment) (only when accepted_values(customer_segment) has failures)
SELECT `customer_segment` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/customer_analytics` AS written WHERE NOT coalesce((`customer_segment` IS NULL OR `customer_segment` IN ('Premium', 'Gold', 'Silver', 'Bronze')), false) LIMIT 3;

-- rows failing range(customer_count), kept for inspection (only when range(customer_count) trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/gold.customer_analytics' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'range(customer_count)' AS _expectation, coalesce(concat('customer_count = ', substr(CAST(`customer_count` AS STRING), 1, 80), ' (expected ≥ 1)'), 'customer_count ≥ 1') AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/customer_analytics` AS written
WHERE NOT coalesce((`customer_count` IS NULL OR (`customer_count` >= 1)), false);

-- examples of range(customer_count) (only when range(customer_count) has failures)
SELECT `customer_count` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/customer_analytics` AS written WHERE NOT coalesce((`customer_count` IS NULL OR (`customer_count` >= 1)), false) LIMIT 3;

-- examples of accepted_values(customer_segment) (only when accepted_values(customer_segment) has failures)
SELECT `customer_segment` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/customer_analytics` AS written WHERE NOT coalesce((`customer_segment` IS NULL OR `customer_segment` IN ('Premium', 'Gold', 'Silver', 'Bronze')), false) LIMIT 3;

-- examples of range(customer_count) (only when range(customer_count) has failures)
SELECT `customer_count` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/customer_analytics` AS written WHERE NOT coalesce((`customer_count` IS NULL OR (`customer_count` >= 1)), false) LIMIT 3;

-- top values of customer_segment, city, customer_count, avg_age, avg_total_spent, avg_order_value, segment_revenue (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`customer_segment`) = 0 THEN 'customer_segment' WHEN grouping(`city`) = 0 THEN 'city' WHEN grouping(`customer_count`) = 0 THEN 'customer_count' WHEN grouping(`avg_age`) = 0 THEN 'avg_age' WHEN grouping(`avg_total_spent`) = 0 THEN 'avg_total_spent' WHEN grouping(`avg_order_value`) = 0 THEN 'avg_order_value' WHEN grouping(`segment_revenue`) = 0 THEN 'segment_revenue' END AS col, CASE WHEN grouping(`customer_segment`) = 0 THEN CAST(`customer_segment` AS STRING) WHEN grouping(`city`) = 0 THEN CAST(`city` AS STRING) WHEN grouping(`customer_count`) = 0 THEN CAST(`customer_count` AS STRING) WHEN grouping(`avg_age`) = 0 THEN CAST(`avg_age` AS STRING) WHEN grouping(`avg_total_spent`) = 0 THEN CAST(`avg_total_spent` AS STRING) WHEN grouping(`avg_order_value`) = 0 THEN CAST(`avg_order_value` AS STRING) WHEN grouping(`segment_revenue`) = 0 THEN CAST(`segment_revenue` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/customer_analytics` AS t GROUP BY GROUPING SETS ((`customer_segment`), (`city`), (`customer_count`), (`avg_age`), (`avg_total_spent`), (`avg_order_value`), (`segment_revenue`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- data gold.category_analytics: Completed-transaction revenue per product category; highest revenue first.
-- write
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/gold/category_analytics' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `product_category`, `transaction_count`, `total_revenue`, `avg_transaction_value`, `min_transaction`, `max_transaction`
FROM (
SELECT product_category, count(*) AS transaction_count,
       round(sum(amount), 2) AS total_revenue,
       round(avg(amount), 2) AS avg_transaction_value,
       min(amount) AS min_transaction,
       max(amount) AS max_transaction
FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/transactions_clean` AS t
GROUP BY product_category
ORDER BY total_revenue DESC, product_category) AS candidate
WHERE ((1 = 1));

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/category_analytics` AS d;

-- profile and checks on the written rows, with row_count, reconciles(transaction_count = count(*) of silver.transactions_clean), reconciles(total_revenue = sum(amount) of silver.transactions_clean) (ranges only of the columns that are numbers or dates)
SELECT p.*, CASE WHEN p.t0_own_n < 1 THEN 1 ELSE 0 END AS t0_failures, 1 AS t0_checked, CAST(p.t0_own_n AS STRING) AS t0_observed, CASE WHEN abs(coalesce(p.t1_own_mine, 0) - coalesce(o0.t1_other_theirs, 0)) > 0 THEN 1 ELSE 0 END AS t1_failures, 1 AS t1_checked, concat(CAST(p.t1_own_mine AS STRING), ' vs ', CAST(o0.t1_other_theirs AS STRING)) AS t1_observed, CASE WHEN abs(coalesce(p.t2_own_mine, 0) - coalesce(o0.t2_other_theirs, 0)) > 1 THEN 1 ELSE 0 END AS t2_failures, 1 AS t2_checked, concat(CAST(p.t2_own_mine AS STRING), ' vs ', CAST(o0.t2_other_theirs AS STRING)) AS t2_observed
FROM (SELECT count(*) AS n, count(*) AS checked, sum(CASE WHEN NOT coalesce((`product_category` IS NULL OR `product_category` IN ('Electronics', 'Clothing', 'Books', 'Home', 'Sports', 'Food', 'Toys', 'Health')), false) THEN 1 ELSE 0 END) AS failed_0, sum(CASE WHEN NOT coalesce((min_transaction <= avg_transaction_value + 0.005 AND avg_transaction_value <= max_transaction + 0.005), false) THEN 1 ELSE 0 END) AS failed_1, count(`product_category`) AS c0, approx_count_distinct(`product_category`) AS u0, CAST(min(`product_category`) AS STRING) AS lo0, CAST(max(`product_category`) AS STRING) AS hi0, count(`transaction_count`) AS c1, approx_count_distinct(`transaction_count`) AS u1, CAST(min(`transaction_count`) AS STRING) AS lo1, CAST(max(`transaction_count`) AS STRING) AS hi1, count(`total_revenue`) AS c2, approx_count_distinct(`total_revenue`) AS u2, CAST(min(`total_revenue`) AS STRING) AS lo2, CAST(max(`total_revenue`) AS STRING) AS hi2, count(`avg_transaction_value`) AS c3, approx_count_distinct(`avg_transaction_value`) AS u3, CAST(min(`avg_transaction_value`) AS STRING) AS lo3, CAST(max(`avg_transaction_value`) AS STRING) AS hi3, count(`min_transaction`) AS c4, approx_count_distinct(`min_transaction`) AS u4, CAST(min(`min_transaction`) AS STRING) AS lo4, CAST(max(`min_transaction`) AS STRING) AS hi4, count(`max_transaction`) AS c5, approx_count_distinct(`max_transaction`) AS u5, CAST(min(`max_transaction`) AS STRING) AS lo5, CAST(max(`max_transaction`) AS STRING) AS hi5, count(*) AS t0_own_n, sum(transaction_count) AS t1_own_mine, sum(total_revenue) AS t2_own_mine FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/category_analytics` AS r) AS p
CROSS JOIN (SELECT count(*) AS t1_other_theirs, sum(amount) AS t2_other_theirs FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/transactions_clean` AS s) AS o0;

-- rows failing min_le_avg_le_max, kept for inspection (only when min_le_avg_le_max trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/gold.category_analytics' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'min_le_avg_le_max' AS _expectation, 'min_transaction <= avg_transaction_value + 0.005 AND avg_transaction_value <= max_transaction + 0.005' AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/category_analytics` AS written
WHERE NOT coalesce((min_transaction <= avg_transaction_value + 0.005 AND avg_transaction_value <= max_transaction + 0.005), false);

-- examples of min_le_avg_le_max (only when min_le_avg_le_max has failures)
SELECT `min_transaction`, `avg_transaction_value`, `max_transaction` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/category_analytics` AS written WHERE NOT coalesce((min_transaction <= avg_transaction_value + 0.005 AND avg_transaction_value <= max_transaction + 0.005), false) LIMIT 3;

-- examples of accepted_values(product_category) (only when accepted_values(product_category) has failures)
SELECT `product_category` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/category_analytics` AS written WHERE NOT coalesce((`product_category` IS NULL OR `product_category` IN ('Electronics', 'Clothing', 'Books', 'Home', 'Sports', 'Food', 'Toys', 'Health')), false) LIMIT 3;

-- examples of min_le_avg_le_max (only when min_le_avg_le_max has failures)
SELECT `min_transaction`, `avg_transaction_value`, `max_transaction` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/category_analytics` AS written WHERE NOT coalesce((min_transaction <= avg_transaction_value + 0.005 AND avg_transaction_value <= max_transaction + 0.005), false) LIMIT 3;

-- top values of product_category, transaction_count, total_revenue, avg_transaction_value, min_transaction, max_transaction (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`product_category`) = 0 THEN 'product_category' WHEN grouping(`transaction_count`) = 0 THEN 'transaction_count' WHEN grouping(`total_revenue`) = 0 THEN 'total_revenue' WHEN grouping(`avg_transaction_value`) = 0 THEN 'avg_transaction_value' WHEN grouping(`min_transaction`) = 0 THEN 'min_transaction' WHEN grouping(`max_transaction`) = 0 THEN 'max_transaction' END AS col, CASE WHEN grouping(`product_category`) = 0 THEN CAST(`product_category` AS STRING) WHEN grouping(`transaction_count`) = 0 THEN CAST(`transaction_count` AS STRING) WHEN grouping(`total_revenue`) = 0 THEN CAST(`total_revenue` AS STRING) WHEN grouping(`avg_transaction_value`) = 0 THEN CAST(`avg_transaction_value` AS STRING) WHEN grouping(`min_transaction`) = 0 THEN CAST(`min_transaction` AS STRING) WHEN grouping(`max_transaction`) = 0 THEN CAST(`max_transaction` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/category_analytics` AS t GROUP BY GROUPING SETS ((`product_category`), (`transaction_count`), (`total_revenue`), (`avg_transaction_value`), (`min_transaction`), (`max_transaction`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- data gold.payment_analytics: Use of each payment method in completed transactions; most used first.
-- write
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/gold/payment_analytics' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `payment_method`, `usage_count`, `total_amount`, `avg_amount`
FROM (
SELECT payment_method, count(*) AS usage_count,
       round(sum(amount), 2) AS total_amount,
       round(avg(amount), 2) AS avg_amount
FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/transactions_clean` AS t
GROUP BY payment_method
ORDER BY usage_count DESC, payment_method) AS candidate
WHERE ((1 = 1));

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/payment_analytics` AS d;

-- profile and checks on the written rows, with reconciles(usage_count = count(*) of silver.transactions_clean), reconciles(total_amount = sum(amount) of silver.transactions_clean) (ranges only of the columns that are numbers or dates)
SELECT p.*, CASE WHEN abs(coalesce(p.t0_own_mine, 0) - coalesce(o0.t0_other_theirs, 0)) > 0 THEN 1 ELSE 0 END AS t0_failures, 1 AS t0_checked, concat(CAST(p.t0_own_mine AS STRING), ' vs ', CAST(o0.t0_other_theirs AS STRING)) AS t0_observed, CASE WHEN abs(coalesce(p.t1_own_mine, 0) - coalesce(o0.t1_other_theirs, 0)) > 1 THEN 1 ELSE 0 END AS t1_failures, 1 AS t1_checked, concat(CAST(p.t1_own_mine AS STRING), ' vs ', CAST(o0.t1_other_theirs AS STRING)) AS t1_observed
FROM (SELECT count(*) AS n, count(*) AS checked, sum(CASE WHEN NOT coalesce((`payment_method` IS NULL OR `payment_method` IN ('credit_card', 'debit_card', 'paypal', 'cash', 'apple_pay', 'google_pay')), false) THEN 1 ELSE 0 END) AS failed_0, count(`payment_method`) AS c0, approx_count_distinct(`payment_method`) AS u0, CAST(min(`payment_method`) AS STRING) AS lo0, CAST(max(`payment_method`) AS STRING) AS hi0, count(`usage_count`) AS c1, approx_count_distinct(`usage_count`) AS u1, CAST(min(`usage_count`) AS STRING) AS lo1, CAST(max(`usage_count`) AS STRING) AS hi1, count(`total_amount`) AS c2, approx_count_distinct(`total_amount`) AS u2, CAST(min(`total_amount`) AS STRING) AS lo2, CAST(max(`total_amount`) AS STRING) AS hi2, count(`avg_amount`) AS c3, approx_count_distinct(`avg_amount`) AS u3, CAST(min(`avg_amount`) AS STRING) AS lo3, CAST(max(`avg_amount`) AS STRING) AS hi3, sum(usage_count) AS t0_own_mine, sum(total_amount) AS t1_own_mine FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/payment_analytics` AS r) AS p
CROSS JOIN (SELECT count(*) AS t0_other_theirs, sum(amount) AS t1_other_theirs FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/transactions_clean` AS s) AS o0;

-- rows failing accepted_values(payment_method), kept for inspection (only when accepted_values(payment_method) trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/gold.payment_analytics' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'accepted_values(payment_method)' AS _expectation, coalesce(concat('payment_method = ', substr(CAST(`payment_method` AS STRING), 1, 80), ' (expected one of credit_card, debit_card, paypal, cash, apple_pay, google_pay)'), 'payment_method is one of credit_card, debit_card, paypal, cash, apple_pay, google_pay') AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/payment_analytics` AS written
WHERE NOT coalesce((`payment_method` IS NULL OR `payment_method` IN ('credit_card', 'debit_card', 'paypal', 'cash', 'apple_pay', 'google_pay')), false);

-- examples of accepted_values(payment_method) (only when accepted_values(payment_method) has failures)
SELECT `payment_method` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/payment_analytics` AS written WHERE NOT coalesce((`payment_method` IS NULL OR `payment_method` IN ('credit_card', 'debit_card', 'paypal', 'cash', 'apple_pay', 'google_pay')), false) LIMIT 3;

-- examples of accepted_values(payment_method) (only when accepted_values(payment_method) has failures)
SELECT `payment_method` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/payment_analytics` AS written WHERE NOT coalesce((`payment_method` IS NULL OR `payment_method` IN ('credit_card', 'debit_card', 'paypal', 'cash', 'apple_pay', 'google_pay')), false) LIMIT 3;

-- top values of payment_method, usage_count, total_amount, avg_amount (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`payment_method`) = 0 THEN 'payment_method' WHEN grouping(`usage_count`) = 0 THEN 'usage_count' WHEN grouping(`total_amount`) = 0 THEN 'total_amount' WHEN grouping(`avg_amount`) = 0 THEN 'avg_amount' END AS col, CASE WHEN grouping(`payment_method`) = 0 THEN CAST(`payment_method` AS STRING) WHEN grouping(`usage_count`) = 0 THEN CAST(`usage_count` AS STRING) WHEN grouping(`total_amount`) = 0 THEN CAST(`total_amount` AS STRING) WHEN grouping(`avg_amount`) = 0 THEN CAST(`avg_amount` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/payment_analytics` AS t GROUP BY GROUPING SETS ((`payment_method`), (`usage_count`), (`total_amount`), (`avg_amount`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- data gold.device_analytics: Completed transactions per device and browser; most used first.
-- write
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/gold/device_analytics' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `device`, `browser`, `transaction_count`, `total_revenue`
FROM (
SELECT device, browser, count(*) AS transaction_count, round(sum(amount), 2) AS total_revenue
FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/transactions_clean` AS t
GROUP BY device, browser
ORDER BY transaction_count DESC, device, browser) AS candidate
WHERE ((1 = 1));

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/device_analytics` AS d;

-- profile and checks on the written rows, with reconciles(transaction_count = count(*) of silver.transactions_clean), reconciles(total_revenue = sum(amount) of silver.transactions_clean) (ranges only of the columns that are numbers or dates)
SELECT p.*, CASE WHEN abs(coalesce(p.t0_own_mine, 0) - coalesce(o0.t0_other_theirs, 0)) > 0 THEN 1 ELSE 0 END AS t0_failures, 1 AS t0_checked, concat(CAST(p.t0_own_mine AS STRING), ' vs ', CAST(o0.t0_other_theirs AS STRING)) AS t0_observed, CASE WHEN abs(coalesce(p.t1_own_mine, 0) - coalesce(o0.t1_other_theirs, 0)) > 1 THEN 1 ELSE 0 END AS t1_failures, 1 AS t1_checked, concat(CAST(p.t1_own_mine AS STRING), ' vs ', CAST(o0.t1_other_theirs AS STRING)) AS t1_observed
FROM (SELECT count(*) AS n, count(*) AS checked, sum(CASE WHEN NOT coalesce((`device` IS NULL OR `device` IN ('mobile', 'desktop', 'tablet')), false) THEN 1 ELSE 0 END) AS failed_0, count(`device`) AS c0, approx_count_distinct(`device`) AS u0, CAST(min(`device`) AS STRING) AS lo0, CAST(max(`device`) AS STRING) AS hi0, count(`browser`) AS c1, approx_count_distinct(`browser`) AS u1, CAST(min(`browser`) AS STRING) AS lo1, CAST(max(`browser`) AS STRING) AS hi1, count(`transaction_count`) AS c2, approx_count_distinct(`transaction_count`) AS u2, CAST(min(`transaction_count`) AS STRING) AS lo2, CAST(max(`transaction_count`) AS STRING) AS hi2, count(`total_revenue`) AS c3, approx_count_distinct(`total_revenue`) AS u3, CAST(min(`total_revenue`) AS STRING) AS lo3, CAST(max(`total_revenue`) AS STRING) AS hi3, sum(transaction_count) AS t0_own_mine, sum(total_revenue) AS t1_own_mine FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/device_analytics` AS r) AS p
CROSS JOIN (SELECT count(*) AS t0_other_theirs, sum(amount) AS t1_other_theirs FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/transactions_clean` AS s) AS o0;

-- examples of accepted_values(device) (only when accepted_values(device) has failures)
SELECT `device` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/device_analytics` AS written WHERE NOT coalesce((`device` IS NULL OR `device` IN ('mobile', 'desktop', 'tablet')), false) LIMIT 3;

-- top values of device, browser, transaction_count, total_revenue (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`device`) = 0 THEN 'device' WHEN grouping(`browser`) = 0 THEN 'browser' WHEN grouping(`transaction_count`) = 0 THEN 'transaction_count' WHEN grouping(`total_revenue`) = 0 THEN 'total_revenue' END AS col, CASE WHEN grouping(`device`) = 0 THEN CAST(`device` AS STRING) WHEN grouping(`browser`) = 0 THEN CAST(`browser` AS STRING) WHEN grouping(`transaction_count`) = 0 THEN CAST(`transaction_count` AS STRING) WHEN grouping(`total_revenue`) = 0 THEN CAST(`total_revenue` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/device_analytics` AS t GROUP BY GROUPING SETS ((`device`), (`browser`), (`transaction_count`), (`total_revenue`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- data gold.product_analytics: Active, in-stock products per category and supplier.
-- write
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/gold/product_analytics' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `category`, `supplier`, `product_count`, `avg_price`, `total_stock`
FROM (
SELECT category, supplier, count(*) AS product_count,
       round(avg(price), 2) AS avg_price,
       CAST(sum(stock_quantity) AS BIGINT) AS total_stock
FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/products_active` AS p
GROUP BY category, supplier
ORDER BY category, product_count DESC, supplier) AS candidate
WHERE ((1 = 1));

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/product_analytics` AS d;

-- profile and checks on the written rows, with reconciles(product_count = count(*) of silver.products_active), reconciles(total_stock = sum(stock_quantity) of silver.products_active) (ranges only of the columns that are numbers or dates)
SELECT p.*, CASE WHEN abs(coalesce(p.t0_own_mine, 0) - coalesce(o0.t0_other_theirs, 0)) > 0 THEN 1 ELSE 0 END AS t0_failures, 1 AS t0_checked, concat(CAST(p.t0_own_mine AS STRING), ' vs ', CAST(o0.t0_other_theirs AS STRING)) AS t0_observed, CASE WHEN abs(coalesce(p.t1_own_mine, 0) - coalesce(o0.t1_other_theirs, 0)) > 0 THEN 1 ELSE 0 END AS t1_failures, 1 AS t1_checked, concat(CAST(p.t1_own_mine AS STRING), ' vs ', CAST(o0.t1_other_theirs AS STRING)) AS t1_observed
FROM (SELECT count(*) AS n, count(*) AS checked, sum(CASE WHEN NOT coalesce((`avg_price` IS NULL OR (`avg_price` > 0)), false) THEN 1 ELSE 0 END) AS failed_0, count(`category`) AS c0, approx_count_distinct(`category`) AS u0, CAST(min(`category`) AS STRING) AS lo0, CAST(max(`category`) AS STRING) AS hi0, count(`supplier`) AS c1, approx_count_distinct(`supplier`) AS u1, CAST(min(`supplier`) AS STRING) AS lo1, CAST(max(`supplier`) AS STRING) AS hi1, count(`product_count`) AS c2, approx_count_distinct(`product_count`) AS u2, CAST(min(`product_count`) AS STRING) AS lo2, CAST(max(`product_count`) AS STRING) AS hi2, count(`avg_price`) AS c3, approx_count_distinct(`avg_price`) AS u3, CAST(min(`avg_price`) AS STRING) AS lo3, CAST(max(`avg_price`) AS STRING) AS hi3, count(`total_stock`) AS c4, approx_count_distinct(`total_stock`) AS u4, CAST(min(`total_stock`) AS STRING) AS lo4, CAST(max(`total_stock`) AS STRING) AS hi4, sum(product_count) AS t0_own_mine, sum(total_stock) AS t1_own_mine FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/product_analytics` AS r) AS p
CROSS JOIN (SELECT count(*) AS t0_other_theirs, sum(stock_quantity) AS t1_other_theirs FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/products_active` AS s) AS o0;

-- examples of range(avg_price) (only when range(avg_price) has failures)
SELECT `avg_price` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/product_analytics` AS written WHERE NOT coalesce((`avg_price` IS NULL OR (`avg_price` > 0)), false) LIMIT 3;

-- top values of category, supplier, product_count, avg_price, total_stock (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`category`) = 0 THEN 'category' WHEN grouping(`supplier`) = 0 THEN 'supplier' WHEN grouping(`product_count`) = 0 THEN 'product_count' WHEN grouping(`avg_price`) = 0 THEN 'avg_price' WHEN grouping(`total_stock`) = 0 THEN 'total_stock' END AS col, CASE WHEN grouping(`category`) = 0 THEN CAST(`category` AS STRING) WHEN grouping(`supplier`) = 0 THEN CAST(`supplier` AS STRING) WHEN grouping(`product_count`) = 0 THEN CAST(`product_count` AS STRING) WHEN grouping(`avg_price`) = 0 THEN CAST(`avg_price` AS STRING) WHEN grouping(`total_stock`) = 0 THEN CAST(`total_stock` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/product_analytics` AS t GROUP BY GROUPING SETS ((`category`), (`supplier`), (`product_count`), (`avg_price`), (`total_stock`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;
