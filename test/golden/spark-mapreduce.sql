-- session settings
SET spark.sql.adaptive.enabled=true;

SET spark.sql.adaptive.coalescePartitions.enabled=true;

SET spark.sql.shuffle.partitions=20;

SET spark.sql.session.timeZone=UTC;

SET spark.sql.ansi.enabled=true;

SET spark.sql.parquet.outputTimestampType=TIMESTAMP_MICROS;

-- mapreduce bronze.raw_events: Every raw event line exactly as received, with its parse status and the fields it carried.
-- write
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/bronze/raw_events' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `_raw_data`, `_status`, `_error_message`, `_ingestion_timestamp`, `_source`, `timestamp`, `user_id`, `event`, `device`, `location`, `product_id`, `amount`, `quantity`, `page`, `duration_seconds`, `query`, `email`
FROM (
SELECT _raw_data,
       CASE WHEN line_error IS NOT NULL OR NOT is_json THEN 'parse_error' WHEN violation IS NOT NULL THEN 'schema_error' ELSE 'valid' END AS _status,
       CASE WHEN line_error IS NOT NULL THEN line_error
            WHEN NOT is_json THEN
              CASE WHEN trim(_raw_data) = '' THEN 'empty line'
                   WHEN is_object THEN 'malformed JSON: object is truncated or invalid'
                   ELSE 'malformed JSON: line is not JSON' END
            ELSE violation END AS _error_message,
       timestamp_seconds(CAST(1768435200 AS BIGINT)) AS _ingestion_timestamp,
       _source,
       timestamp, user_id, event, device, location, product_id, amount, quantity, page, duration_seconds, query, email
FROM (
  SELECT *, CASE WHEN is_json AND NOT is_object THEN 'JSON value is not an object' ELSE CASE WHEN repeated_key IS NOT NULL THEN concat('duplicate key in JSON object: ', concat('\'', repeated_key, '\''))
              WHEN user_id IS NULL THEN 'missing required field user_id'
              WHEN CASE WHEN (user_id RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(user_id), '[.]0+$', '') AS INTEGER) END IS NULL THEN concat('user_id is not an integer: ', concat('\'', user_id, '\''))
              WHEN event IS NULL THEN 'missing required field event'
              WHEN event NOT IN ('login', 'view', 'purchase', 'logout', 'signup', 'search', 'add_to_cart') THEN concat('unknown event type: ', concat('\'', event, '\''))
              WHEN timestamp IS NULL THEN 'missing required field timestamp'
              WHEN CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END IS NULL THEN concat('timestamp is not ISO-8601: ', concat('\'', timestamp, '\''))
              WHEN amount IS NOT NULL AND try_cast(amount AS DOUBLE) IS NULL THEN concat('amount is not a number: ', concat('\'', amount, '\''))
              WHEN amount IS NOT NULL AND CASE WHEN abs(try_cast(amount AS DOUBLE)) < CAST('Infinity' AS DOUBLE) THEN try_cast(amount AS DOUBLE) END IS NULL THEN concat('amount is not a finite number: ', concat('\'', amount, '\''))
              WHEN quantity IS NOT NULL AND NOT coalesce(CASE WHEN (quantity RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(quantity), '[.]0+$', '') AS INTEGER) END >= 0, false) THEN concat('quantity is not a whole number: ', concat('\'', quantity, '\''))
              WHEN duration_seconds IS NOT NULL AND NOT coalesce(CASE WHEN (duration_seconds RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(duration_seconds), '[.]0+$', '') AS INTEGER) END >= 0, false) THEN concat('duration_seconds is not a whole number: ', concat('\'', duration_seconds, '\'')) END END AS violation
  FROM (
    SELECT _raw_data, _source, line_error, is_json, is_object, CASE WHEN size(object_keys) = CASE WHEN j.timestamp IS NULL THEN 0 ELSE 1 END + CASE WHEN j.user_id IS NULL THEN 0 ELSE 1 END + CASE WHEN j.event IS NULL THEN 0 ELSE 1 END + CASE WHEN j.device IS NULL THEN 0 ELSE 1 END + CASE WHEN j.location IS NULL THEN 0 ELSE 1 END + CASE WHEN j.product_id IS NULL THEN 0 ELSE 1 END + CASE WHEN j.amount IS NULL THEN 0 ELSE 1 END + CASE WHEN j.quantity IS NULL THEN 0 ELSE 1 END + CASE WHEN j.page IS NULL THEN 0 ELSE 1 END + CASE WHEN j.duration_seconds IS NULL THEN 0 ELSE 1 END + CASE WHEN j.query IS NULL THEN 0 ELSE 1 END + CASE WHEN j.email IS NULL THEN 0 ELSE 1 END THEN NULL ELSE try_element_at(filter(object_keys, (k, i) -> array_position(object_keys, k) <= i), 1) END AS repeated_key, j.timestamp AS timestamp, j.user_id AS user_id, j.event AS event, j.device AS device, j.location AS location, j.product_id AS product_id, j.amount AS amount, j.quantity AS quantity, j.page AS page, j.duration_seconds AS duration_seconds, j.query AS query, j.email AS email
    FROM (
      SELECT line AS _raw_data, source AS _source, line_error, is_json, is_object,
             CASE WHEN is_json AND is_object THEN from_json(line, 'struct<`timestamp`: string, `user_id`: string, `event`: string, `device`: string, `location`: string, `product_id`: string, `amount`: string, `quantity`: string, `page`: string, `duration_seconds`: string, `query`: string, `email`: string>') END AS j,
             CASE WHEN is_json AND is_object THEN any_keys END AS object_keys
      FROM (
        SELECT line, source, line_error, coalesce((any_keys IS NOT NULL OR json_array_length(line) IS NOT NULL OR line RLIKE '^\\s*(?:"(?:[^"\\\\\\x00-\\x1f]|\\\\(?:["\\\\/bfnrt]|u[0-9a-fA-F]{4}))*"|-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null)\\s*\\z'), false) AS is_json, (ltrim(line) LIKE '{%') AS is_object, any_keys
        FROM (SELECT line, source, line_error, json_object_keys(line) AS any_keys FROM (SELECT line, 'event_api' AS source, CAST(NULL AS STRING) AS line_error FROM (
SELECT CASE
         WHEN corrupt < 20 THEN substr(line, 1, 10 + cut % (length(line) - 11))
         WHEN corrupt < 25 THEN concat('event=', event, ' user=', user_id, ' ts=', ts)
         ELSE line
       END AS line
FROM (
  SELECT corrupt, cut, event, user_id, ts,
         concat('{"timestamp": "', ts, '", "user_id": ',
                CASE WHEN corrupt >= 25 AND corrupt < 38 THEN '"invalid"' ELSE user_id END,
                CASE WHEN corrupt >= 38 AND corrupt < 50 THEN '' ELSE concat(', "event": "', event, '"') END,
                ', "device": "', element_at(array('mobile', 'desktop', 'tablet'), CAST(r6 % 3 AS INT) + 1), '", "location": "', element_at(array('US', 'CA', 'UK', 'DE', 'FR', 'JP', 'AU', 'IN', 'BR', 'MX'), CAST(r7 % 10 AS INT) + 1), '"',
                CASE event
                  WHEN 'purchase' THEN concat(', "product_id": "', concat('PROD_', CASE WHEN (1 + r8 % 500) < 10000 THEN lpad(CAST((1 + r8 % 500) AS STRING), 4, '0') ELSE CAST((1 + r8 % 500) AS STRING) END),
                                              '", "amount": ', CAST(round(10 + CAST(r9 AS DOUBLE) * 490 / 2147483647, 2) AS STRING),
                                              ', "quantity": ', CAST((1 + r10 % 5) AS STRING))
                  WHEN 'view' THEN concat(', "page": "', element_at(array('homepage', 'product', 'checkout', 'account', 'help', 'about'), CAST(r11 % 6 AS INT) + 1), '", "duration_seconds": ', CAST((5 + r13 % 296) AS STRING))
                  WHEN 'search' THEN concat(', "query": "', element_at(array('laptop', 'phone', 'book', 'shoes', 'watch', 'camera', 'headphones', 'tablet', 'charger', 'backpack', 'jacket', 'dress', 'jeans', 'sneakers', 'boots', 'lamp', 'chair', 'desk', 'sofa', 'pillow', 'blender', 'kettle', 'coffee', 'tea', 'vitamins', 'shampoo', 'soap', 'toy', 'puzzle', 'lego', 'ball', 'bike', 'helmet', 'tent', 'bottle', 'wireless', 'cheap', 'best', 'new', 'kids', 'mens', 'womens', 'gaming', 'smart', 'organic', 'leather', 'red', 'black', 'mini', 'pro'), CAST(r14 % 50 AS INT) + 1),
                                            CASE WHEN (1 + r12 % 3) >= 2 THEN concat(' ', element_at(array('laptop', 'phone', 'book', 'shoes', 'watch', 'camera', 'headphones', 'tablet', 'charger', 'backpack', 'jacket', 'dress', 'jeans', 'sneakers', 'boots', 'lamp', 'chair', 'desk', 'sofa', 'pillow', 'blender', 'kettle', 'coffee', 'tea', 'vitamins', 'shampoo', 'soap', 'toy', 'puzzle', 'lego', 'ball', 'bike', 'helmet', 'tent', 'bottle', 'wireless', 'cheap', 'best', 'new', 'kids', 'mens', 'womens', 'gaming', 'smart', 'organic', 'leather', 'red', 'black', 'mini', 'pro'), CAST(r15 % 50 AS INT) + 1)) ELSE '' END,
                                            CASE WHEN (1 + r12 % 3) = 3 THEN concat(' ', element_at(array('laptop', 'phone', 'book', 'shoes', 'watch', 'camera', 'headphones', 'tablet', 'charger', 'backpack', 'jacket', 'dress', 'jeans', 'sneakers', 'boots', 'lamp', 'chair', 'desk', 'sofa', 'pillow', 'blender', 'kettle', 'coffee', 'tea', 'vitamins', 'shampoo', 'soap', 'toy', 'puzzle', 'lego', 'ball', 'bike', 'helmet', 'tent', 'bottle', 'wireless', 'cheap', 'best', 'new', 'kids', 'mens', 'womens', 'gaming', 'smart', 'organic', 'leather', 'red', 'black', 'mini', 'pro'), CAST(r16 % 50 AS INT) + 1)) ELSE '' END, '"')
                  WHEN 'signup' THEN concat(', "email": "user', user_id, '@example.com"')
                  ELSE ''
                END,
                '}') AS line
  FROM (
    SELECT r1 % 1000 AS corrupt, r2 AS cut,
           CASE WHEN r3 % 100 < 15 THEN 'login' WHEN r3 % 100 < 50 THEN 'view' WHEN r3 % 100 < 55 THEN 'purchase' WHEN r3 % 100 < 65 THEN 'logout' WHEN r3 % 100 < 68 THEN 'signup' WHEN r3 % 100 < 85 THEN 'search' ELSE 'add_to_cart' END AS event,
           CAST((1 + r4 % 5000) AS STRING) AS user_id,
           date_format(timestamp_seconds(CAST(1767830400 + (0 + r5 % 604800) AS BIGINT)), 'yyyy-MM-dd\'T\'HH:mm:ss') AS ts,
           r6, r7, r8, r9, r10, r11, r12, r13, r14, r15, r16
    FROM (SELECT id, (((r1 ^ shiftright(r1, 12)) * 440114875) % 2147483647) AS r1, (((r2 ^ shiftright(r2, 13)) * 996748676) % 2147483647) AS r2, (((r3 ^ shiftright(r3, 14)) * 91290546) % 2147483647) AS r3, (((r4 ^ shiftright(r4, 15)) * 1691124117) % 2147483647) AS r4, (((r5 ^ shiftright(r5, 16)) * 209182507) % 2147483647) AS r5, (((r6 ^ shiftright(r6, 17)) * 1438882394) % 2147483647) AS r6, (((r7 ^ shiftright(r7, 11)) * 451290566) % 2147483647) AS r7, (((r8 ^ shiftright(r8, 12)) * 2104333898) % 2147483647) AS r8, (((r9 ^ shiftright(r9, 13)) * 237159108) % 2147483647) AS r9, (((r10 ^ shiftright(r10, 14)) * 501383456) % 2147483647) AS r10, (((r11 ^ shiftright(r11, 15)) * 1099751593) % 2147483647) AS r11, (((r12 ^ shiftright(r12, 16)) * 464445127) % 2147483647) AS r12, (((r13 ^ shiftright(r13, 17)) * 525823983) % 2147483647) AS r13, (((r14 ^ shiftright(r14, 11)) * 150418002) % 2147483647) AS r14, (((r15 ^ shiftright(r15, 12)) * 1298598397) % 2147483647) AS r15, (((r16 ^ shiftright(r16, 13)) * 1075005310) % 2147483647) AS r16 FROM (SELECT id, (h + 385479454) % 2147483647 AS r1, (h + 1109399819) % 2147483647 AS r2, (h + 429645915) % 2147483647 AS r3, (h + 956855668) % 2147483647 AS r4, (h + 1276755186) % 2147483647 AS r5, (h + 1332313408) % 2147483647 AS r6, (h + 1115049314) % 2147483647 AS r7, (h + 116144698) % 2147483647 AS r8, (h + 293628729) % 2147483647 AS r9, (h + 1148463212) % 2147483647 AS r10, (h + 983889286) % 2147483647 AS r11, (h + 1000245395) % 2147483647 AS r12, (h + 1414500959) % 2147483647 AS r13, (h + 1354287699) % 2147483647 AS r14, (h + 744568748) % 2147483647 AS r15, (h + 1521434274) % 2147483647 AS r16 FROM (SELECT id, (((h ^ shiftright(h, 15)) * 2013265905) % 2147483647) AS h FROM (SELECT id, (((h ^ shiftright(h, 13)) * 1664525397) % 2147483647) AS h FROM (SELECT id, (((h ^ shiftright(h, 16)) * 1103515245) % 2147483647) AS h FROM (SELECT id, ((id % 2147483647) + 2136512793) % 2147483647 AS h FROM (SELECT id FROM range(100000)) AS ids) AS row_round_0) AS row_round_1) AS row_round_2) AS row_hash) AS stream_round) AS draws
  ) AS fields
) AS lines) AS g) AS r) AS keyed
      ) AS checked
    ) AS parsed
  ) AS flat
) AS classified) AS candidate
WHERE ((1 = 1));

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/raw_events` AS d;

-- profile, with has_input, known_status, every_rejection_explained (ranges only of the columns that are numbers or dates)
SELECT p.*, k0.d0, CASE WHEN p.t0_own_n < 1 THEN 1 ELSE 0 END AS t0_failures, 1 AS t0_checked, CAST(p.t0_own_n AS STRING) AS t0_observed, p.t1_own_failures AS t1_failures, p.t1_own_checked AS t1_checked, CAST(NULL AS STRING) AS t1_observed, p.t2_own_failures AS t2_failures, p.t2_own_checked AS t2_checked, CAST(NULL AS STRING) AS t2_observed
FROM (SELECT count(*) AS n, count(`_raw_data`) AS c0, 0 AS u0, CAST(min(`_raw_data`) AS STRING) AS lo0, CAST(max(`_raw_data`) AS STRING) AS hi0, count(`_status`) AS c1, approx_count_distinct(`_status`) AS u1, CAST(min(`_status`) AS STRING) AS lo1, CAST(max(`_status`) AS STRING) AS hi1, count(`_error_message`) AS c2, approx_count_distinct(`_error_message`) AS u2, CAST(min(`_error_message`) AS STRING) AS lo2, CAST(max(`_error_message`) AS STRING) AS hi2, count(`_ingestion_timestamp`) AS c3, approx_count_distinct(`_ingestion_timestamp`) AS u3, CAST(min(`_ingestion_timestamp`) AS STRING) AS lo3, CAST(max(`_ingestion_timestamp`) AS STRING) AS hi3, count(`_source`) AS c4, approx_count_distinct(`_source`) AS u4, CAST(min(`_source`) AS STRING) AS lo4, CAST(max(`_source`) AS STRING) AS hi4, count(`timestamp`) AS c5, approx_count_distinct(`timestamp`) AS u5, CAST(min(`timestamp`) AS STRING) AS lo5, CAST(max(`timestamp`) AS STRING) AS hi5, count(`user_id`) AS c6, approx_count_distinct(`user_id`) AS u6, CAST(min(`user_id`) AS STRING) AS lo6, CAST(max(`user_id`) AS STRING) AS hi6, count(`event`) AS c7, approx_count_distinct(`event`) AS u7, CAST(min(`event`) AS STRING) AS lo7, CAST(max(`event`) AS STRING) AS hi7, count(`device`) AS c8, approx_count_distinct(`device`) AS u8, CAST(min(`device`) AS STRING) AS lo8, CAST(max(`device`) AS STRING) AS hi8, count(`location`) AS c9, approx_count_distinct(`location`) AS u9, CAST(min(`location`) AS STRING) AS lo9, CAST(max(`location`) AS STRING) AS hi9, count(`product_id`) AS c10, approx_count_distinct(`product_id`) AS u10, CAST(min(`product_id`) AS STRING) AS lo10, CAST(max(`product_id`) AS STRING) AS hi10, count(`amount`) AS c11, approx_count_distinct(`amount`) AS u11, CAST(min(`amount`) AS STRING) AS lo11, CAST(max(`amount`) AS STRING) AS hi11, count(`quantity`) AS c12, approx_count_distinct(`quantity`) AS u12, CAST(min(`quantity`) AS STRING) AS lo12, CAST(max(`quantity`) AS STRING) AS hi12, count(`page`) AS c13, approx_count_distinct(`page`) AS u13, CAST(min(`page`) AS STRING) AS lo13, CAST(max(`page`) AS STRING) AS hi13, count(`duration_seconds`) AS c14, approx_count_distinct(`duration_seconds`) AS u14, CAST(min(`duration_seconds`) AS STRING) AS lo14, CAST(max(`duration_seconds`) AS STRING) AS hi14, count(`query`) AS c15, approx_count_distinct(`query`) AS u15, CAST(min(`query`) AS STRING) AS lo15, CAST(max(`query`) AS STRING) AS hi15, count(`email`) AS c16, approx_count_distinct(`email`) AS u16, CAST(min(`email`) AS STRING) AS lo16, CAST(max(`email`) AS STRING) AS hi16, count(*) AS t0_own_n, sum(CASE WHEN coalesce((_status IN ('valid', 'parse_error', 'schema_error')), false) THEN 0 ELSE 1 END) AS t1_own_failures, count(*) AS t1_own_checked, sum(CASE WHEN coalesce((_status = 'valid' OR _error_message IS NOT NULL), false) THEN 0 ELSE 1 END) AS t2_own_failures, count(*) AS t2_own_checked FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/raw_events` AS r) AS p
CROSS JOIN (SELECT coalesce(sum(occurrences - 1), 0) AS d0 FROM (SELECT count(*) AS occurrences FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/raw_events` AS r WHERE `_raw_data` IS NOT NULL GROUP BY xxhash64(`_raw_data`)) AS g) AS k0;

-- examples of known_status (only when known_status has failures)
SELECT `_status` FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/raw_events` AS r WHERE NOT coalesce((_status IN ('valid', 'parse_error', 'schema_error')), false) LIMIT 3;

-- examples of every_rejection_explained (only when every_rejection_explained has failures)
SELECT `_status`, `_error_message` FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/raw_events` AS r WHERE NOT coalesce((_status = 'valid' OR _error_message IS NOT NULL), false) LIMIT 3;

-- top values of _status, _error_message, _ingestion_timestamp, _source, timestamp, user_id, event, device, location, product_id, amount, quantity, page, duration_seconds, query, email (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`_status`) = 0 THEN '_status' WHEN grouping(`_error_message`) = 0 THEN '_error_message' WHEN grouping(`_ingestion_timestamp`) = 0 THEN '_ingestion_timestamp' WHEN grouping(`_source`) = 0 THEN '_source' WHEN grouping(`timestamp`) = 0 THEN 'timestamp' WHEN grouping(`user_id`) = 0 THEN 'user_id' WHEN grouping(`event`) = 0 THEN 'event' WHEN grouping(`device`) = 0 THEN 'device' WHEN grouping(`location`) = 0 THEN 'location' WHEN grouping(`product_id`) = 0 THEN 'product_id' WHEN grouping(`amount`) = 0 THEN 'amount' WHEN grouping(`quantity`) = 0 THEN 'quantity' WHEN grouping(`page`) = 0 THEN 'page' WHEN grouping(`duration_seconds`) = 0 THEN 'duration_seconds' WHEN grouping(`query`) = 0 THEN 'query' WHEN grouping(`email`) = 0 THEN 'email' END AS col, CASE WHEN grouping(`_status`) = 0 THEN CAST(`_status` AS STRING) WHEN grouping(`_error_message`) = 0 THEN CAST(`_error_message` AS STRING) WHEN grouping(`_ingestion_timestamp`) = 0 THEN CAST(`_ingestion_timestamp` AS STRING) WHEN grouping(`_source`) = 0 THEN CAST(`_source` AS STRING) WHEN grouping(`timestamp`) = 0 THEN CAST(`timestamp` AS STRING) WHEN grouping(`user_id`) = 0 THEN CAST(`user_id` AS STRING) WHEN grouping(`event`) = 0 THEN CAST(`event` AS STRING) WHEN grouping(`device`) = 0 THEN CAST(`device` AS STRING) WHEN grouping(`location`) = 0 THEN CAST(`location` AS STRING) WHEN grouping(`product_id`) = 0 THEN CAST(`product_id` AS STRING) WHEN grouping(`amount`) = 0 THEN CAST(`amount` AS STRING) WHEN grouping(`quantity`) = 0 THEN CAST(`quantity` AS STRING) WHEN grouping(`page`) = 0 THEN CAST(`page` AS STRING) WHEN grouping(`duration_seconds`) = 0 THEN CAST(`duration_seconds` AS STRING) WHEN grouping(`query`) = 0 THEN CAST(`query` AS STRING) WHEN grouping(`email`) = 0 THEN CAST(`email` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/raw_events` AS t GROUP BY GROUPING SETS ((`_status`), (`_error_message`), (`_ingestion_timestamp`), (`_source`), (`timestamp`), (`user_id`), (`event`), (`device`), (`location`), (`product_id`), (`amount`), (`quantity`), (`page`), (`duration_seconds`), (`query`), (`email`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- mapreduce bronze.users: The users dimension: one row per user with signup date, country and tier.
-- write
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/bronze/users' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `user_id`, `signup_date`, `country`, `tier`
FROM (
SELECT CAST(id + 1 AS INTEGER) AS user_id,
       date_format(timestamp_seconds(CAST(1768435200 - 86400 * (1 + r1 % 730) AS BIGINT)), 'yyyy-MM-dd') AS signup_date,
       element_at(array('US', 'CA', 'UK', 'DE', 'FR', 'JP', 'AU', 'IN', 'BR', 'MX'), CAST(r2 % 10 AS INT) + 1) AS country,
       element_at(array('free', 'basic', 'plus', 'premium'), CAST(r3 % 4 AS INT) + 1) AS tier
FROM (SELECT id, (((r1 ^ shiftright(r1, 12)) * 440114875) % 2147483647) AS r1, (((r2 ^ shiftright(r2, 13)) * 996748676) % 2147483647) AS r2, (((r3 ^ shiftright(r3, 14)) * 91290546) % 2147483647) AS r3 FROM (SELECT id, (h + 385479454) % 2147483647 AS r1, (h + 1109399819) % 2147483647 AS r2, (h + 429645915) % 2147483647 AS r3 FROM (SELECT id, (((h ^ shiftright(h, 15)) * 2013265905) % 2147483647) AS h FROM (SELECT id, (((h ^ shiftright(h, 13)) * 1664525397) % 2147483647) AS h FROM (SELECT id, (((h ^ shiftright(h, 16)) * 1103515245) % 2147483647) AS h FROM (SELECT id, ((id % 2147483647) + 91797869) % 2147483647 AS h FROM (SELECT id FROM range(5000)) AS ids) AS row_round_0) AS row_round_1) AS row_round_2) AS row_hash) AS stream_round) AS draws) AS candidate
WHERE ((1 = 1));

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/users` AS d;

-- profile (ranges only of the columns that are numbers or dates)
SELECT p.*, k0.d0
FROM (SELECT count(*) AS n, count(`user_id`) AS c0, 0 AS u0, CAST(min(`user_id`) AS STRING) AS lo0, CAST(max(`user_id`) AS STRING) AS hi0, count(`signup_date`) AS c1, approx_count_distinct(`signup_date`) AS u1, CAST(min(`signup_date`) AS STRING) AS lo1, CAST(max(`signup_date`) AS STRING) AS hi1, count(`country`) AS c2, approx_count_distinct(`country`) AS u2, CAST(min(`country`) AS STRING) AS lo2, CAST(max(`country`) AS STRING) AS hi2, count(`tier`) AS c3, approx_count_distinct(`tier`) AS u3, CAST(min(`tier`) AS STRING) AS lo3, CAST(max(`tier`) AS STRING) AS hi3 FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/users` AS r) AS p
CROSS JOIN (SELECT coalesce(sum(occurrences - 1), 0) AS d0 FROM (SELECT count(*) AS occurrences FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/users` AS r WHERE `user_id` IS NOT NULL GROUP BY xxhash64(`user_id`)) AS g) AS k0;

-- top values of signup_date, country, tier (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`signup_date`) = 0 THEN 'signup_date' WHEN grouping(`country`) = 0 THEN 'country' WHEN grouping(`tier`) = 0 THEN 'tier' END AS col, CASE WHEN grouping(`signup_date`) = 0 THEN CAST(`signup_date` AS STRING) WHEN grouping(`country`) = 0 THEN CAST(`country` AS STRING) WHEN grouping(`tier`) = 0 THEN CAST(`tier` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/users` AS t GROUP BY GROUPING SETS ((`signup_date`), (`country`), (`tier`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- mapreduce bronze.products: The product catalog of the event stream.
-- write
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/bronze/products' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `product_id`, `product_name`, `category`, `price`
FROM (
SELECT concat('PROD_', CASE WHEN id + 1 < 10000 THEN lpad(CAST(id + 1 AS STRING), 4, '0') ELSE CAST(id + 1 AS STRING) END) AS product_id,
       concat('Product ', CAST(id + 1 AS STRING)) AS product_name,
       element_at(array('Electronics', 'Clothing', 'Books', 'Home', 'Sports', 'Food', 'Toys', 'Health'), CAST(r1 % 8 AS INT) + 1) AS category,
       round(10 + CAST(r2 AS DOUBLE) * 490 / 2147483647, 2) AS price
FROM (SELECT id, (((r1 ^ shiftright(r1, 12)) * 440114875) % 2147483647) AS r1, (((r2 ^ shiftright(r2, 13)) * 996748676) % 2147483647) AS r2 FROM (SELECT id, (h + 385479454) % 2147483647 AS r1, (h + 1109399819) % 2147483647 AS r2 FROM (SELECT id, (((h ^ shiftright(h, 15)) * 2013265905) % 2147483647) AS h FROM (SELECT id, (((h ^ shiftright(h, 13)) * 1664525397) % 2147483647) AS h FROM (SELECT id, (((h ^ shiftright(h, 16)) * 1103515245) % 2147483647) AS h FROM (SELECT id, ((id % 2147483647) + 312852533) % 2147483647 AS h FROM (SELECT id FROM range(500)) AS ids) AS row_round_0) AS row_round_1) AS row_round_2) AS row_hash) AS stream_round) AS draws) AS candidate
WHERE ((1 = 1));

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/products` AS d;

-- profile (ranges only of the columns that are numbers or dates)
SELECT p.*, k0.d0
FROM (SELECT count(*) AS n, count(`product_id`) AS c0, 0 AS u0, CAST(min(`product_id`) AS STRING) AS lo0, CAST(max(`product_id`) AS STRING) AS hi0, count(`product_name`) AS c1, approx_count_distinct(`product_name`) AS u1, CAST(min(`product_name`) AS STRING) AS lo1, CAST(max(`product_name`) AS STRING) AS hi1, count(`category`) AS c2, approx_count_distinct(`category`) AS u2, CAST(min(`category`) AS STRING) AS lo2, CAST(max(`category`) AS STRING) AS hi2, count(`price`) AS c3, approx_count_distinct(`price`) AS u3, CAST(min(`price`) AS STRING) AS lo3, CAST(max(`price`) AS STRING) AS hi3 FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/products` AS r) AS p
CROSS JOIN (SELECT coalesce(sum(occurrences - 1), 0) AS d0 FROM (SELECT count(*) AS occurrences FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/products` AS r WHERE `product_id` IS NOT NULL GROUP BY xxhash64(`product_id`)) AS g) AS k0;

-- top values of product_name, category, price (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`product_name`) = 0 THEN 'product_name' WHEN grouping(`category`) = 0 THEN 'category' WHEN grouping(`price`) = 0 THEN 'price' END AS col, CASE WHEN grouping(`product_name`) = 0 THEN CAST(`product_name` AS STRING) WHEN grouping(`category`) = 0 THEN CAST(`category` AS STRING) WHEN grouping(`price`) = 0 THEN CAST(`price` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/products` AS t GROUP BY GROUPING SETS ((`product_name`), (`category`), (`price`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- mapreduce silver.cleaned_events: Valid events only, typed, with calendar day and hour.
-- counts of keep rules and expectations
SELECT count(*) AS rows_in,
       sum(CASE WHEN (1 = 1) THEN 1 ELSE 0 END) AS checked,
       sum(CASE WHEN (1 = 1) AND NOT coalesce((_status <> 'parse_error'), false) THEN 1 ELSE 0 END) AS failed_0,
       sum(CASE WHEN (1 = 1) AND NOT coalesce((_status = 'valid'), false) THEN 1 ELSE 0 END) AS failed_1,
       sum(CASE WHEN (1 = 1) AND NOT coalesce((event <> 'purchase' OR (product_id IS NOT NULL AND amount IS NOT NULL AND quantity IS NOT NULL)), false) THEN 1 ELSE 0 END) AS failed_2,
       sum(CASE WHEN (1 = 1) AND NOT coalesce((`amount` IS NULL OR (`amount` > 0)), false) THEN 1 ELSE 0 END) AS failed_3,
       sum(CASE WHEN ((1 = 1)) AND (NOT coalesce((_status <> 'parse_error'), false)) THEN 1 ELSE 0 END) AS removed_0,
       sum(CASE WHEN ((1 = 1)) AND (coalesce((_status <> 'parse_error'), false)) AND (NOT coalesce((_status = 'valid'), false)) THEN 1 ELSE 0 END) AS removed_1,
       sum(CASE WHEN ((1 = 1)) AND (coalesce((_status <> 'parse_error'), false)) AND (coalesce((_status = 'valid'), false)) AND (NOT coalesce((event <> 'purchase' OR (product_id IS NOT NULL AND amount IS NOT NULL AND quantity IS NOT NULL)), false)) THEN 1 ELSE 0 END) AS removed_2,
       sum(CASE WHEN ((1 = 1)) AND (coalesce((_status <> 'parse_error'), false)) AND (coalesce((_status = 'valid'), false)) AND (coalesce((event <> 'purchase' OR (product_id IS NOT NULL AND amount IS NOT NULL AND quantity IS NOT NULL)), false)) AND (NOT coalesce((`amount` IS NULL OR (`amount` > 0)), false)) THEN 1 ELSE 0 END) AS removed_3 FROM (
SELECT ts AS timestamp, user_id, event, device, location, product_id, amount, quantity, page,
       duration_seconds, query, email, CAST(ts AS DATE) AS event_date, CAST(hour(ts) AS INTEGER) AS event_hour,
       _status, _error_message, _raw_data
FROM (
  SELECT CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS ts,
         CASE WHEN (user_id RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(user_id), '[.]0+$', '') AS INTEGER) END AS user_id,
         event, device, location, product_id,
         CASE WHEN abs(try_cast(amount AS DOUBLE)) < CAST('Infinity' AS DOUBLE) THEN try_cast(amount AS DOUBLE) END AS amount,
         CASE WHEN (quantity RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(quantity), '[.]0+$', '') AS INTEGER) END AS quantity,
         page,
         CASE WHEN (duration_seconds RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(duration_seconds), '[.]0+$', '') AS INTEGER) END AS duration_seconds,
         query, email, _status, _error_message, _raw_data
  FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/raw_events` AS b
) AS typed) AS candidate;

-- examples of parses_as_json (only when parses_as_json would remove more rows than it may)
SELECT `_raw_data`, `_error_message` FROM (
SELECT ts AS timestamp, user_id, event, device, location, product_id, amount, quantity, page,
       duration_seconds, query, email, CAST(ts AS DATE) AS event_date, CAST(hour(ts) AS INTEGER) AS event_hour,
       _status, _error_message, _raw_data
FROM (
  SELECT CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS ts,
         CASE WHEN (user_id RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(user_id), '[.]0+$', '') AS INTEGER) END AS user_id,
         event, device, location, product_id,
         CASE WHEN abs(try_cast(amount AS DOUBLE)) < CAST('Infinity' AS DOUBLE) THEN try_cast(amount AS DOUBLE) END AS amount,
         CASE WHEN (quantity RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(quantity), '[.]0+$', '') AS INTEGER) END AS quantity,
         page,
         CASE WHEN (duration_seconds RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(duration_seconds), '[.]0+$', '') AS INTEGER) END AS duration_seconds,
         query, email, _status, _error_message, _raw_data
  FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/raw_events` AS b
) AS typed) AS candidate
WHERE ((1 = 1)) AND (NOT coalesce((_status <> 'parse_error'), false)) LIMIT 3;

-- examples of matches_event_schema (only when matches_event_schema would remove more rows than it may)
SELECT `_raw_data`, `_error_message` FROM (
SELECT ts AS timestamp, user_id, event, device, location, product_id, amount, quantity, page,
       duration_seconds, query, email, CAST(ts AS DATE) AS event_date, CAST(hour(ts) AS INTEGER) AS event_hour,
       _status, _error_message, _raw_data
FROM (
  SELECT CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS ts,
         CASE WHEN (user_id RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(user_id), '[.]0+$', '') AS INTEGER) END AS user_id,
         event, device, location, product_id,
         CASE WHEN abs(try_cast(amount AS DOUBLE)) < CAST('Infinity' AS DOUBLE) THEN try_cast(amount AS DOUBLE) END AS amount,
         CASE WHEN (quantity RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(quantity), '[.]0+$', '') AS INTEGER) END AS quantity,
         page,
         CASE WHEN (duration_seconds RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(duration_seconds), '[.]0+$', '') AS INTEGER) END AS duration_seconds,
         query, email, _status, _error_message, _raw_data
  FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/raw_events` AS b
) AS typed) AS candidate
WHERE ((1 = 1)) AND (coalesce((_status <> 'parse_error'), false)) AND (NOT coalesce((_status = 'valid'), false)) LIMIT 3;

-- examples of purchase_is_complete (only when purchase_is_complete would remove more rows than it may)
SELECT `event`, `product_id`, `amount`, `quantity` FROM (
SELECT ts AS timestamp, user_id, event, device, location, product_id, amount, quantity, page,
       duration_seconds, query, email, CAST(ts AS DATE) AS event_date, CAST(hour(ts) AS INTEGER) AS event_hour,
       _status, _error_message, _raw_data
FROM (
  SELECT CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS ts,
         CASE WHEN (user_id RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(user_id), '[.]0+$', '') AS INTEGER) END AS user_id,
         event, device, location, product_id,
         CASE WHEN abs(try_cast(amount AS DOUBLE)) < CAST('Infinity' AS DOUBLE) THEN try_cast(amount AS DOUBLE) END AS amount,
         CASE WHEN (quantity RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(quantity), '[.]0+$', '') AS INTEGER) END AS quantity,
         page,
         CASE WHEN (duration_seconds RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(duration_seconds), '[.]0+$', '') AS INTEGER) END AS duration_seconds,
         query, email, _status, _error_message, _raw_data
  FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/raw_events` AS b
) AS typed) AS candidate
WHERE ((1 = 1)) AND (coalesce((_status <> 'parse_error'), false)) AND (coalesce((_status = 'valid'), false)) AND (NOT coalesce((event <> 'purchase' OR (product_id IS NOT NULL AND amount IS NOT NULL AND quantity IS NOT NULL)), false)) LIMIT 3;

-- examples of positive_amount (only when positive_amount would remove more rows than it may)
SELECT `amount` FROM (
SELECT ts AS timestamp, user_id, event, device, location, product_id, amount, quantity, page,
       duration_seconds, query, email, CAST(ts AS DATE) AS event_date, CAST(hour(ts) AS INTEGER) AS event_hour,
       _status, _error_message, _raw_data
FROM (
  SELECT CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS ts,
         CASE WHEN (user_id RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(user_id), '[.]0+$', '') AS INTEGER) END AS user_id,
         event, device, location, product_id,
         CASE WHEN abs(try_cast(amount AS DOUBLE)) < CAST('Infinity' AS DOUBLE) THEN try_cast(amount AS DOUBLE) END AS amount,
         CASE WHEN (quantity RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(quantity), '[.]0+$', '') AS INTEGER) END AS quantity,
         page,
         CASE WHEN (duration_seconds RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(duration_seconds), '[.]0+$', '') AS INTEGER) END AS duration_seconds,
         query, email, _status, _error_message, _raw_data
  FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/raw_events` AS b
) AS typed) AS candidate
WHERE ((1 = 1)) AND (coalesce((_status <> 'parse_error'), false)) AND (coalesce((_status = 'valid'), false)) AND (coalesce((event <> 'purchase' OR (product_id IS NOT NULL AND amount IS NOT NULL AND quantity IS NOT NULL)), false)) AND (NOT coalesce((`amount` IS NULL OR (`amount` > 0)), false)) LIMIT 3;

-- write (only when the counts show rows removed)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/silver/cleaned_events' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `timestamp`, `user_id`, `event`, `device`, `location`, `product_id`, `amount`, `quantity`, `page`, `duration_seconds`, `query`, `email`, `event_date`, `event_hour`
FROM (
SELECT ts AS timestamp, user_id, event, device, location, product_id, amount, quantity, page,
       duration_seconds, query, email, CAST(ts AS DATE) AS event_date, CAST(hour(ts) AS INTEGER) AS event_hour,
       _status, _error_message, _raw_data
FROM (
  SELECT CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS ts,
         CASE WHEN (user_id RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(user_id), '[.]0+$', '') AS INTEGER) END AS user_id,
         event, device, location, product_id,
         CASE WHEN abs(try_cast(amount AS DOUBLE)) < CAST('Infinity' AS DOUBLE) THEN try_cast(amount AS DOUBLE) END AS amount,
         CASE WHEN (quantity RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(quantity), '[.]0+$', '') AS INTEGER) END AS quantity,
         page,
         CASE WHEN (duration_seconds RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(duration_seconds), '[.]0+$', '') AS INTEGER) END AS duration_seconds,
         query, email, _status, _error_message, _raw_data
  FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/raw_events` AS b
) AS typed) AS candidate
WHERE ((1 = 1)) AND (coalesce((_status <> 'parse_error'), false)) AND (coalesce((_status = 'valid'), false)) AND (coalesce((event <> 'purchase' OR (product_id IS NOT NULL AND amount IS NOT NULL AND quantity IS NOT NULL)), false)) AND (coalesce((`amount` IS NULL OR (`amount` > 0)), false));

-- write (only when the counts show no row removed)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/silver/cleaned_events' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `timestamp`, `user_id`, `event`, `device`, `location`, `product_id`, `amount`, `quantity`, `page`, `duration_seconds`, `query`, `email`, `event_date`, `event_hour`
FROM (
SELECT ts AS timestamp, user_id, event, device, location, product_id, amount, quantity, page,
       duration_seconds, query, email, CAST(ts AS DATE) AS event_date, CAST(hour(ts) AS INTEGER) AS event_hour,
       _status, _error_message, _raw_data
FROM (
  SELECT CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS ts,
         CASE WHEN (user_id RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(user_id), '[.]0+$', '') AS INTEGER) END AS user_id,
         event, device, location, product_id,
         CASE WHEN abs(try_cast(amount AS DOUBLE)) < CAST('Infinity' AS DOUBLE) THEN try_cast(amount AS DOUBLE) END AS amount,
         CASE WHEN (quantity RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(quantity), '[.]0+$', '') AS INTEGER) END AS quantity,
         page,
         CASE WHEN (duration_seconds RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(duration_seconds), '[.]0+$', '') AS INTEGER) END AS duration_seconds,
         query, email, _status, _error_message, _raw_data
  FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/raw_events` AS b
) AS typed) AS candidate
WHERE (1 = 1);

-- quarantined rows (only when the counts show rows to quarantine)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/silver.cleaned_events' USING parquet OPTIONS ('compression' = 'snappy')
SELECT candidate.*,
       CASE WHEN NOT coalesce((_status <> 'parse_error'), false) THEN 'parses_as_json' WHEN NOT coalesce((_status = 'valid'), false) THEN 'matches_event_schema' WHEN NOT coalesce((event <> 'purchase' OR (product_id IS NOT NULL AND amount IS NOT NULL AND quantity IS NOT NULL)), false) THEN 'purchase_is_complete' WHEN NOT coalesce((`amount` IS NULL OR (`amount` > 0)), false) THEN 'positive_amount' END AS _expectation,
       CASE WHEN NOT coalesce((_status <> 'parse_error'), false) THEN coalesce(_error_message, '_status <> \'parse_error\'') WHEN NOT coalesce((_status = 'valid'), false) THEN coalesce(_error_message, '_status = \'valid\'') WHEN NOT coalesce((event <> 'purchase' OR (product_id IS NOT NULL AND amount IS NOT NULL AND quantity IS NOT NULL)), false) THEN 'a purchase carries product_id, amount and quantity' WHEN NOT coalesce((`amount` IS NULL OR (`amount` > 0)), false) THEN coalesce(concat('amount = ', substr(CAST(`amount` AS STRING), 1, 80), ' (expected > 0)'), 'amount > 0') END AS _reason,
       '<run-id>' AS _run_id
FROM (
SELECT ts AS timestamp, user_id, event, device, location, product_id, amount, quantity, page,
       duration_seconds, query, email, CAST(ts AS DATE) AS event_date, CAST(hour(ts) AS INTEGER) AS event_hour,
       _status, _error_message, _raw_data
FROM (
  SELECT CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS ts,
         CASE WHEN (user_id RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(user_id), '[.]0+$', '') AS INTEGER) END AS user_id,
         event, device, location, product_id,
         CASE WHEN abs(try_cast(amount AS DOUBLE)) < CAST('Infinity' AS DOUBLE) THEN try_cast(amount AS DOUBLE) END AS amount,
         CASE WHEN (quantity RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(quantity), '[.]0+$', '') AS INTEGER) END AS quantity,
         page,
         CASE WHEN (duration_seconds RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(duration_seconds), '[.]0+$', '') AS INTEGER) END AS duration_seconds,
         query, email, _status, _error_message, _raw_data
  FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/raw_events` AS b
) AS typed) AS candidate
WHERE (1 = 1) AND CASE WHEN NOT coalesce((_status <> 'parse_error'), false) THEN 'quarantine' WHEN NOT coalesce((_status = 'valid'), false) THEN 'quarantine' WHEN NOT coalesce((event <> 'purchase' OR (product_id IS NOT NULL AND amount IS NOT NULL AND quantity IS NOT NULL)), false) THEN 'quarantine' WHEN NOT coalesce((`amount` IS NULL OR (`amount` > 0)), false) THEN 'drop' END = 'quarantine';

-- an empty quarantine (only when the counts show no row to quarantine)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/silver.cleaned_events' USING parquet OPTIONS ('compression' = 'snappy')
SELECT * FROM (SELECT candidate.*,
       CASE WHEN NOT coalesce((_status <> 'parse_error'), false) THEN 'parses_as_json' WHEN NOT coalesce((_status = 'valid'), false) THEN 'matches_event_schema' WHEN NOT coalesce((event <> 'purchase' OR (product_id IS NOT NULL AND amount IS NOT NULL AND quantity IS NOT NULL)), false) THEN 'purchase_is_complete' WHEN NOT coalesce((`amount` IS NULL OR (`amount` > 0)), false) THEN 'positive_amount' END AS _expectation,
       CASE WHEN NOT coalesce((_status <> 'parse_error'), false) THEN coalesce(_error_message, '_status <> \'parse_error\'') WHEN NOT coalesce((_status = 'valid'), false) THEN coalesce(_error_message, '_status = \'valid\'') WHEN NOT coalesce((event <> 'purchase' OR (product_id IS NOT NULL AND amount IS NOT NULL AND quantity IS NOT NULL)), false) THEN 'a purchase carries product_id, amount and quantity' WHEN NOT coalesce((`amount` IS NULL OR (`amount` > 0)), false) THEN coalesce(concat('amount = ', substr(CAST(`amount` AS STRING), 1, 80), ' (expected > 0)'), 'amount > 0') END AS _reason,
       '<run-id>' AS _run_id
FROM (
SELECT ts AS timestamp, user_id, event, device, location, product_id, amount, quantity, page,
       duration_seconds, query, email, CAST(ts AS DATE) AS event_date, CAST(hour(ts) AS INTEGER) AS event_hour,
       _status, _error_message, _raw_data
FROM (
  SELECT CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS ts,
         CASE WHEN (user_id RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(user_id), '[.]0+$', '') AS INTEGER) END AS user_id,
         event, device, location, product_id,
         CASE WHEN abs(try_cast(amount AS DOUBLE)) < CAST('Infinity' AS DOUBLE) THEN try_cast(amount AS DOUBLE) END AS amount,
         CASE WHEN (quantity RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(quantity), '[.]0+$', '') AS INTEGER) END AS quantity,
         page,
         CASE WHEN (duration_seconds RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(duration_seconds), '[.]0+$', '') AS INTEGER) END AS duration_seconds,
         query, email, _status, _error_message, _raw_data
  FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/raw_events` AS b
) AS typed) AS candidate
WHERE (1 = 1) AND CASE WHEN NOT coalesce((_status <> 'parse_error'), false) THEN 'quarantine' WHEN NOT coalesce((_status = 'valid'), false) THEN 'quarantine' WHEN NOT coalesce((event <> 'purchase' OR (product_id IS NOT NULL AND amount IS NOT NULL AND quantity IS NOT NULL)), false) THEN 'quarantine' WHEN NOT coalesce((`amount` IS NULL OR (`amount` > 0)), false) THEN 'drop' END = 'quarantine') AS quarantined LIMIT 0;

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/cleaned_events` AS d;

-- profile and checks on the written rows, with freshness(timestamp) (ranges only of the columns that are numbers or dates)
SELECT p.*, CASE WHEN p.t0_own_newest IS NULL OR (CAST(unix_micros(p.t0_own_newest) AS DOUBLE) / 1000000) < 1768348800 THEN 1 ELSE 0 END AS t0_failures, 1 AS t0_checked, concat(coalesce(CAST(p.t0_own_newest AS STRING), 'no timestamp'), ' (threshold 2026-01-14 00:00:00 UTC: 24 h before as-of 2026-01-15)') AS t0_observed
FROM (SELECT count(*) AS n, count(*) AS checked, sum(CASE WHEN NOT coalesce((`event_hour` IS NULL OR (`event_hour` >= 0 AND `event_hour` <= 23)), false) THEN 1 ELSE 0 END) AS failed_4, sum(CASE WHEN NOT coalesce((`event` IS NULL OR `event` IN ('login', 'view', 'purchase', 'logout', 'signup', 'search', 'add_to_cart')), false) THEN 1 ELSE 0 END) AS failed_5, sum(CASE WHEN NOT coalesce((`user_id` IS NULL OR `user_id` IN (SELECT `user_id` FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/users` AS referenced)), false) THEN 1 ELSE 0 END) AS failed_6, sum(CASE WHEN NOT coalesce((`product_id` IS NULL OR `product_id` IN (SELECT `product_id` FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/products` AS referenced)), false) THEN 1 ELSE 0 END) AS failed_7, count(`timestamp`) AS c0, approx_count_distinct(`timestamp`) AS u0, CAST(min(`timestamp`) AS STRING) AS lo0, CAST(max(`timestamp`) AS STRING) AS hi0, count(`user_id`) AS c1, approx_count_distinct(`user_id`) AS u1, CAST(min(`user_id`) AS STRING) AS lo1, CAST(max(`user_id`) AS STRING) AS hi1, count(`event`) AS c2, approx_count_distinct(`event`) AS u2, CAST(min(`event`) AS STRING) AS lo2, CAST(max(`event`) AS STRING) AS hi2, count(`device`) AS c3, approx_count_distinct(`device`) AS u3, CAST(min(`device`) AS STRING) AS lo3, CAST(max(`device`) AS STRING) AS hi3, count(`location`) AS c4, approx_count_distinct(`location`) AS u4, CAST(min(`location`) AS STRING) AS lo4, CAST(max(`location`) AS STRING) AS hi4, count(`product_id`) AS c5, approx_count_distinct(`product_id`) AS u5, CAST(min(`product_id`) AS STRING) AS lo5, CAST(max(`product_id`) AS STRING) AS hi5, count(`amount`) AS c6, approx_count_distinct(`amount`) AS u6, CAST(min(`amount`) AS STRING) AS lo6, CAST(max(`amount`) AS STRING) AS hi6, count(`quantity`) AS c7, approx_count_distinct(`quantity`) AS u7, CAST(min(`quantity`) AS STRING) AS lo7, CAST(max(`quantity`) AS STRING) AS hi7, count(`page`) AS c8, approx_count_distinct(`page`) AS u8, CAST(min(`page`) AS STRING) AS lo8, CAST(max(`page`) AS STRING) AS hi8, count(`duration_seconds`) AS c9, approx_count_distinct(`duration_seconds`) AS u9, CAST(min(`duration_seconds`) AS STRING) AS lo9, CAST(max(`duration_seconds`) AS STRING) AS hi9, count(`query`) AS c10, approx_count_distinct(`query`) AS u10, CAST(min(`query`) AS STRING) AS lo10, CAST(max(`query`) AS STRING) AS hi10, count(`email`) AS c11, approx_count_distinct(`email`) AS u11, CAST(min(`email`) AS STRING) AS lo11, CAST(max(`email`) AS STRING) AS hi11, count(`event_date`) AS c12, approx_count_distinct(`event_date`) AS u12, CAST(min(`event_date`) AS STRING) AS lo12, CAST(max(`event_date`) AS STRING) AS hi12, count(`event_hour`) AS c13, approx_count_distinct(`event_hour`) AS u13, CAST(min(`event_hour`) AS STRING) AS lo13, CAST(max(`event_hour`) AS STRING) AS hi13, max(`timestamp`) AS t0_own_newest FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/cleaned_events` AS r) AS p;

-- examples of parses_as_json (only when parses_as_json would remove more rows than it may)
SELECT `_raw_data`, `_error_message` FROM (
SELECT ts AS timestamp, user_id, event, device, location, product_id, amount, quantity, page,
       duration_seconds, query, email, CAST(ts AS DATE) AS event_date, CAST(hour(ts) AS INTEGER) AS event_hour,
       _status, _error_message, _raw_data
FROM (
  SELECT CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS ts,
         CASE WHEN (user_id RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(user_id), '[.]0+$', '') AS INTEGER) END AS user_id,
         event, device, location, product_id,
         CASE WHEN abs(try_cast(amount AS DOUBLE)) < CAST('Infinity' AS DOUBLE) THEN try_cast(amount AS DOUBLE) END AS amount,
         CASE WHEN (quantity RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(quantity), '[.]0+$', '') AS INTEGER) END AS quantity,
         page,
         CASE WHEN (duration_seconds RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(duration_seconds), '[.]0+$', '') AS INTEGER) END AS duration_seconds,
         query, email, _status, _error_message, _raw_data
  FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/raw_events` AS b
) AS typed) AS candidate
WHERE ((1 = 1)) AND (NOT coalesce((_status <> 'parse_error'), false)) LIMIT 3;

-- examples of matches_event_schema (only when matches_event_schema would remove more rows than it may)
SELECT `_raw_data`, `_error_message` FROM (
SELECT ts AS timestamp, user_id, event, device, location, product_id, amount, quantity, page,
       duration_seconds, query, email, CAST(ts AS DATE) AS event_date, CAST(hour(ts) AS INTEGER) AS event_hour,
       _status, _error_message, _raw_data
FROM (
  SELECT CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS ts,
         CASE WHEN (user_id RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(user_id), '[.]0+$', '') AS INTEGER) END AS user_id,
         event, device, location, product_id,
         CASE WHEN abs(try_cast(amount AS DOUBLE)) < CAST('Infinity' AS DOUBLE) THEN try_cast(amount AS DOUBLE) END AS amount,
         CASE WHEN (quantity RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(quantity), '[.]0+$', '') AS INTEGER) END AS quantity,
         page,
         CASE WHEN (duration_seconds RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(duration_seconds), '[.]0+$', '') AS INTEGER) END AS duration_seconds,
         query, email, _status, _error_message, _raw_data
  FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/raw_events` AS b
) AS typed) AS candidate
WHERE ((1 = 1)) AND (coalesce((_status <> 'parse_error'), false)) AND (NOT coalesce((_status = 'valid'), false)) LIMIT 3;

-- examples of purchase_is_complete (only when purchase_is_complete would remove more rows than it may)
SELECT `event`, `product_id`, `amount`, `quantity` FROM (
SELECT ts AS timestamp, user_id, event, device, location, product_id, amount, quantity, page,
       duration_seconds, query, email, CAST(ts AS DATE) AS event_date, CAST(hour(ts) AS INTEGER) AS event_hour,
       _status, _error_message, _raw_data
FROM (
  SELECT CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS ts,
         CASE WHEN (user_id RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(user_id), '[.]0+$', '') AS INTEGER) END AS user_id,
         event, device, location, product_id,
         CASE WHEN abs(try_cast(amount AS DOUBLE)) < CAST('Infinity' AS DOUBLE) THEN try_cast(amount AS DOUBLE) END AS amount,
         CASE WHEN (quantity RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(quantity), '[.]0+$', '') AS INTEGER) END AS quantity,
         page,
         CASE WHEN (duration_seconds RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(duration_seconds), '[.]0+$', '') AS INTEGER) END AS duration_seconds,
         query, email, _status, _error_message, _raw_data
  FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/raw_events` AS b
) AS typed) AS candidate
WHERE ((1 = 1)) AND (coalesce((_status <> 'parse_error'), false)) AND (coalesce((_status = 'valid'), false)) AND (NOT coalesce((event <> 'purchase' OR (product_id IS NOT NULL AND amount IS NOT NULL AND quantity IS NOT NULL)), false)) LIMIT 3;

-- examples of positive_amount (only when positive_amount would remove more rows than it may)
SELECT `amount` FROM (
SELECT ts AS timestamp, user_id, event, device, location, product_id, amount, quantity, page,
       duration_seconds, query, email, CAST(ts AS DATE) AS event_date, CAST(hour(ts) AS INTEGER) AS event_hour,
       _status, _error_message, _raw_data
FROM (
  SELECT CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS ts,
         CASE WHEN (user_id RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(user_id), '[.]0+$', '') AS INTEGER) END AS user_id,
         event, device, location, product_id,
         CASE WHEN abs(try_cast(amount AS DOUBLE)) < CAST('Infinity' AS DOUBLE) THEN try_cast(amount AS DOUBLE) END AS amount,
         CASE WHEN (quantity RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(quantity), '[.]0+$', '') AS INTEGER) END AS quantity,
         page,
         CASE WHEN (duration_seconds RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(duration_seconds), '[.]0+$', '') AS INTEGER) END AS duration_seconds,
         query, email, _status, _error_message, _raw_data
  FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/raw_events` AS b
) AS typed) AS candidate
WHERE ((1 = 1)) AND (coalesce((_status <> 'parse_error'), false)) AND (coalesce((_status = 'valid'), false)) AND (coalesce((event <> 'purchase' OR (product_id IS NOT NULL AND amount IS NOT NULL AND quantity IS NOT NULL)), false)) AND (NOT coalesce((`amount` IS NULL OR (`amount` > 0)), false)) LIMIT 3;

-- rows failing range(event_hour), kept for inspection (only when range(event_hour) trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/silver.cleaned_events' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'range(event_hour)' AS _expectation, coalesce(concat('event_hour = ', substr(CAST(`event_hour` AS STRING), 1, 80), ' (expected ≥ 0 and ≤ 23)'), 'event_hour ≥ 0 and ≤ 23') AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/cleaned_events` AS written
WHERE NOT coalesce((`event_hour` IS NULL OR (`event_hour` >= 0 AND `event_hour` <= 23)), false);

-- examples of range(event_hour) (only when range(event_hour) has failures)
SELECT `event_hour` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/cleaned_events` AS written WHERE NOT coalesce((`event_hour` IS NULL OR (`event_hour` >= 0 AND `event_hour` <= 23)), false) LIMIT 3;

-- rows failing accepted_values(event), kept for inspection (only when accepted_values(event) trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/silver.cleaned_events' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'accepted_values(event)' AS _expectation, coalesce(concat('event = ', substr(CAST(`event` AS STRING), 1, 80), ' (expected one of login, view, purchase, logout, signup, search, add_to_cart)'), 'event is one of login, view, purchase, logout, signup, search, add_to_cart') AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/cleaned_events` AS written
WHERE NOT coalesce((`event` IS NULL OR `event` IN ('login', 'view', 'purchase', 'logout', 'signup', 'search', 'add_to_cart')), false);

-- examples of accepted_values(event) (only when accepted_values(event) has failures)
SELECT `event` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/cleaned_events` AS written WHERE NOT coalesce((`event` IS NULL OR `event` IN ('login', 'view', 'purchase', 'logout', 'signup', 'search', 'add_to_cart')), false) LIMIT 3;

-- examples of parses_as_json (only when parses_as_json has failures)
SELECT `_raw_data`, `_error_message` FROM parquet.`file:///data/medallion/_staging/<run-id>/_quarantine/silver.cleaned_events` AS q WHERE _expectation = 'parses_as_json' LIMIT 3;

-- examples of matches_event_schema (only when matches_event_schema has failures)
SELECT `_raw_data`, `_error_message` FROM parquet.`file:///data/medallion/_staging/<run-id>/_quarantine/silver.cleaned_events` AS q WHERE _expectation = 'matches_event_schema' LIMIT 3;

-- examples of purchase_is_complete (only when purchase_is_complete has failures)
SELECT `event`, `product_id`, `amount`, `quantity` FROM parquet.`file:///data/medallion/_staging/<run-id>/_quarantine/silver.cleaned_events` AS q WHERE _expectation = 'purchase_is_complete' LIMIT 3;

-- examples of positive_amount (only when positive_amount has failures)
SELECT `amount` FROM (
SELECT ts AS timestamp, user_id, event, device, location, product_id, amount, quantity, page,
       duration_seconds, query, email, CAST(ts AS DATE) AS event_date, CAST(hour(ts) AS INTEGER) AS event_hour,
       _status, _error_message, _raw_data
FROM (
  SELECT CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS ts,
         CASE WHEN (user_id RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(user_id), '[.]0+$', '') AS INTEGER) END AS user_id,
         event, device, location, product_id,
         CASE WHEN abs(try_cast(amount AS DOUBLE)) < CAST('Infinity' AS DOUBLE) THEN try_cast(amount AS DOUBLE) END AS amount,
         CASE WHEN (quantity RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(quantity), '[.]0+$', '') AS INTEGER) END AS quantity,
         page,
         CASE WHEN (duration_seconds RLIKE '^(?: *[+-]?[0-9]+([.]0+)? *)\\z') THEN try_cast(regexp_replace(trim(duration_seconds), '[.]0+$', '') AS INTEGER) END AS duration_seconds,
         query, email, _status, _error_message, _raw_data
  FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/raw_events` AS b
) AS typed) AS candidate
WHERE ((1 = 1)) AND (coalesce((_status <> 'parse_error'), false)) AND (coalesce((_status = 'valid'), false)) AND (coalesce((event <> 'purchase' OR (product_id IS NOT NULL AND amount IS NOT NULL AND quantity IS NOT NULL)), false)) AND (NOT coalesce((`amount` IS NULL OR (`amount` > 0)), false)) LIMIT 3;

-- examples of range(event_hour) (only when range(event_hour) has failures)
SELECT `event_hour` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/cleaned_events` AS written WHERE NOT coalesce((`event_hour` IS NULL OR (`event_hour` >= 0 AND `event_hour` <= 23)), false) LIMIT 3;

-- examples of accepted_values(event) (only when accepted_values(event) has failures)
SELECT `event` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/cleaned_events` AS written WHERE NOT coalesce((`event` IS NULL OR `event` IN ('login', 'view', 'purchase', 'logout', 'signup', 'search', 'add_to_cart')), false) LIMIT 3;

-- examples of references(user_id -> bronze.users.user_id) (only when references(user_id -> bronze.users.user_id) has failures)
SELECT `user_id` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/cleaned_events` AS written WHERE NOT coalesce((`user_id` IS NULL OR `user_id` IN (SELECT `user_id` FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/users` AS referenced)), false) LIMIT 3;

-- examples of references(product_id -> bronze.products.product_id) (only when references(product_id -> bronze.products.product_id) has failures)
SELECT `product_id` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/cleaned_events` AS written WHERE NOT coalesce((`product_id` IS NULL OR `product_id` IN (SELECT `product_id` FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/products` AS referenced)), false) LIMIT 3;

-- top values of timestamp, user_id, event, device, location, product_id, amount, quantity, page, duration_seconds, query, email, event_date, event_hour (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`timestamp`) = 0 THEN 'timestamp' WHEN grouping(`user_id`) = 0 THEN 'user_id' WHEN grouping(`event`) = 0 THEN 'event' WHEN grouping(`device`) = 0 THEN 'device' WHEN grouping(`location`) = 0 THEN 'location' WHEN grouping(`product_id`) = 0 THEN 'product_id' WHEN grouping(`amount`) = 0 THEN 'amount' WHEN grouping(`quantity`) = 0 THEN 'quantity' WHEN grouping(`page`) = 0 THEN 'page' WHEN grouping(`duration_seconds`) = 0 THEN 'duration_seconds' WHEN grouping(`query`) = 0 THEN 'query' WHEN grouping(`email`) = 0 THEN 'email' WHEN grouping(`event_date`) = 0 THEN 'event_date' WHEN grouping(`event_hour`) = 0 THEN 'event_hour' END AS col, CASE WHEN grouping(`timestamp`) = 0 THEN CAST(`timestamp` AS STRING) WHEN grouping(`user_id`) = 0 THEN CAST(`user_id` AS STRING) WHEN grouping(`event`) = 0 THEN CAST(`event` AS STRING) WHEN grouping(`device`) = 0 THEN CAST(`device` AS STRING) WHEN grouping(`location`) = 0 THEN CAST(`location` AS STRING) WHEN grouping(`product_id`) = 0 THEN CAST(`product_id` AS STRING) WHEN grouping(`amount`) = 0 THEN CAST(`amount` AS STRING) WHEN grouping(`quantity`) = 0 THEN CAST(`quantity` AS STRING) WHEN grouping(`page`) = 0 THEN CAST(`page` AS STRING) WHEN grouping(`duration_seconds`) = 0 THEN CAST(`duration_seconds` AS STRING) WHEN grouping(`query`) = 0 THEN CAST(`query` AS STRING) WHEN grouping(`email`) = 0 THEN CAST(`email` AS STRING) WHEN grouping(`event_date`) = 0 THEN CAST(`event_date` AS STRING) WHEN grouping(`event_hour`) = 0 THEN CAST(`event_hour` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/cleaned_events` AS t GROUP BY GROUPING SETS ((`timestamp`), (`user_id`), (`event`), (`device`), (`location`), (`product_id`), (`amount`), (`quantity`), (`page`), (`duration_seconds`), (`query`), (`email`), (`event_date`), (`event_hour`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- mapreduce gold.user_engagement: Activity, spend and engagement score of each user.
-- write
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/gold/user_engagement' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `user_id`, `total_events`, `unique_event_types`, `active_days`, `total_spent`, `total_items_purchased`, `avg_session_duration`, `first_seen`, `last_seen`, `days_active_period`, `engagement_score`
FROM (
SELECT user_id, total_events, unique_event_types, active_days, total_spent, total_items_purchased,
       avg_session_duration, first_seen, last_seen, days_active_period,
       round(total_events * active_days / (days_active_period + 1), 2) AS engagement_score
FROM (
  SELECT user_id, count(*) AS total_events,
         count(DISTINCT event) AS unique_event_types,
         count(DISTINCT event_date) AS active_days,
         round(coalesce(sum(amount), 0), 2) AS total_spent,
         CAST(coalesce(sum(quantity), 0) AS BIGINT) AS total_items_purchased,
         round(avg(duration_seconds), 2) AS avg_session_duration,
         min(timestamp) AS first_seen,
         max(timestamp) AS last_seen,
         round(((CAST(unix_micros(max(timestamp)) AS DOUBLE) / 1000000) - (CAST(unix_micros(min(timestamp)) AS DOUBLE) / 1000000)) / CAST(86400 AS DOUBLE), 4) AS days_active_period
  FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/cleaned_events` AS e
  GROUP BY user_id
) AS per_user
ORDER BY user_id) AS candidate
WHERE ((1 = 1));

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_engagement` AS d;

-- profile and checks on the written rows, with unique(user_id), reconciles(total_events = count(*) of silver.cleaned_events), reconciles(total_spent = sum(amount) of silver.cleaned_events) (ranges only of the columns that are numbers or dates)
SELECT p.*, t0.failures AS t0_failures, t0.checked AS t0_checked, t0.observed AS t0_observed, CASE WHEN abs(coalesce(p.t1_own_mine, 0) - coalesce(o0.t1_other_theirs, 0)) > 0 THEN 1 ELSE 0 END AS t1_failures, 1 AS t1_checked, concat(CAST(p.t1_own_mine AS STRING), ' vs ', CAST(o0.t1_other_theirs AS STRING)) AS t1_observed, CASE WHEN abs(coalesce(p.t2_own_mine, 0) - coalesce(o0.t2_other_theirs, 0)) > 1 THEN 1 ELSE 0 END AS t2_failures, 1 AS t2_checked, concat(CAST(p.t2_own_mine AS STRING), ' vs ', CAST(o0.t2_other_theirs AS STRING)) AS t2_observed
FROM (SELECT count(*) AS n, count(*) AS checked, sum(CASE WHEN NOT coalesce((`engagement_score` IS NULL OR (`engagement_score` >= 0)), false) THEN 1 ELSE 0 END) AS failed_0, sum(CASE WHEN NOT coalesce((`unique_event_types` IS NULL OR (`unique_event_types` >= 1 AND `unique_event_types` <= 7)), false) THEN 1 ELSE 0 END) AS failed_1, count(`user_id`) AS c0, approx_count_distinct(`user_id`) AS u0, CAST(min(`user_id`) AS STRING) AS lo0, CAST(max(`user_id`) AS STRING) AS hi0, count(`total_events`) AS c1, approx_count_distinct(`total_events`) AS u1, CAST(min(`total_events`) AS STRING) AS lo1, CAST(max(`total_events`) AS STRING) AS hi1, count(`unique_event_types`) AS c2, approx_count_distinct(`unique_event_types`) AS u2, CAST(min(`unique_event_types`) AS STRING) AS lo2, CAST(max(`unique_event_types`) AS STRING) AS hi2, count(`active_days`) AS c3, approx_count_distinct(`active_days`) AS u3, CAST(min(`active_days`) AS STRING) AS lo3, CAST(max(`active_days`) AS STRING) AS hi3, count(`total_spent`) AS c4, approx_count_distinct(`total_spent`) AS u4, CAST(min(`total_spent`) AS STRING) AS lo4, CAST(max(`total_spent`) AS STRING) AS hi4, count(`total_items_purchased`) AS c5, approx_count_distinct(`total_items_purchased`) AS u5, CAST(min(`total_items_purchased`) AS STRING) AS lo5, CAST(max(`total_items_purchased`) AS STRING) AS hi5, count(`avg_session_duration`) AS c6, approx_count_distinct(`avg_session_duration`) AS u6, CAST(min(`avg_session_duration`) AS STRING) AS lo6, CAST(max(`avg_session_duration`) AS STRING) AS hi6, count(`first_seen`) AS c7, approx_count_distinct(`first_seen`) AS u7, CAST(min(`first_seen`) AS STRING) AS lo7, CAST(max(`first_seen`) AS STRING) AS hi7, count(`last_seen`) AS c8, approx_count_distinct(`last_seen`) AS u8, CAST(min(`last_seen`) AS STRING) AS lo8, CAST(max(`last_seen`) AS STRING) AS hi8, count(`days_active_period`) AS c9, approx_count_distinct(`days_active_period`) AS u9, CAST(min(`days_active_period`) AS STRING) AS lo9, CAST(max(`days_active_period`) AS STRING) AS hi9, count(`engagement_score`) AS c10, approx_count_distinct(`engagement_score`) AS u10, CAST(min(`engagement_score`) AS STRING) AS lo10, CAST(max(`engagement_score`) AS STRING) AS hi10, sum(total_events) AS t1_own_mine, sum(total_spent) AS t2_own_mine FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_engagement` AS r) AS p
CROSS JOIN (SELECT count(*) AS t1_other_theirs, sum(amount) AS t2_other_theirs FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/cleaned_events` AS s) AS o0
LEFT JOIN (
SELECT coalesce(sum(n), 0) AS failures, (SELECT count(*) FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_engagement` AS all_rows) AS checked,
       CAST(count(*) AS STRING) AS observed
FROM (SELECT `user_id`, count(*) AS n FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_engagement` AS r WHERE `user_id` IS NOT NULL GROUP BY `user_id` HAVING count(*) > 1) AS duplicated) AS t0 ON 1 = 1;

-- rows failing range(unique_event_types), kept for inspection (only when range(unique_event_types) trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/gold.user_engagement' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'range(unique_event_types)' AS _expectation, coalesce(concat('unique_event_types = ', substr(CAST(`unique_event_types` AS STRING), 1, 80), ' (expected ≥ 1 and ≤ 7)'), 'unique_event_types ≥ 1 and ≤ 7') AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_engagement` AS written
WHERE NOT coalesce((`unique_event_types` IS NULL OR (`unique_event_types` >= 1 AND `unique_event_types` <= 7)), false);

-- examples of range(unique_event_types) (only when range(unique_event_types) has failures)
SELECT `unique_event_types` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_engagement` AS written WHERE NOT coalesce((`unique_event_types` IS NULL OR (`unique_event_types` >= 1 AND `unique_event_types` <= 7)), false) LIMIT 3;

-- examples of range(engagement_score) (only when range(engagement_score) has failures)
SELECT `engagement_score` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_engagement` AS written WHERE NOT coalesce((`engagement_score` IS NULL OR (`engagement_score` >= 0)), false) LIMIT 3;

-- examples of range(unique_event_types) (only when range(unique_event_types) has failures)
SELECT `unique_event_types` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_engagement` AS written WHERE NOT coalesce((`unique_event_types` IS NULL OR (`unique_event_types` >= 1 AND `unique_event_types` <= 7)), false) LIMIT 3;

-- examples of unique(user_id) (only when unique(user_id) has failures)
SELECT `user_id`, count(*) AS occurrences FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_engagement` AS r WHERE `user_id` IS NOT NULL GROUP BY `user_id` HAVING count(*) > 1 ORDER BY occurrences DESC LIMIT 3;

-- top values of user_id, total_events, unique_event_types, active_days, total_spent, total_items_purchased, avg_session_duration, first_seen, last_seen, days_active_period, engagement_score (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`user_id`) = 0 THEN 'user_id' WHEN grouping(`total_events`) = 0 THEN 'total_events' WHEN grouping(`unique_event_types`) = 0 THEN 'unique_event_types' WHEN grouping(`active_days`) = 0 THEN 'active_days' WHEN grouping(`total_spent`) = 0 THEN 'total_spent' WHEN grouping(`total_items_purchased`) = 0 THEN 'total_items_purchased' WHEN grouping(`avg_session_duration`) = 0 THEN 'avg_session_duration' WHEN grouping(`first_seen`) = 0 THEN 'first_seen' WHEN grouping(`last_seen`) = 0 THEN 'last_seen' WHEN grouping(`days_active_period`) = 0 THEN 'days_active_period' WHEN grouping(`engagement_score`) = 0 THEN 'engagement_score' END AS col, CASE WHEN grouping(`user_id`) = 0 THEN CAST(`user_id` AS STRING) WHEN grouping(`total_events`) = 0 THEN CAST(`total_events` AS STRING) WHEN grouping(`unique_event_types`) = 0 THEN CAST(`unique_event_types` AS STRING) WHEN grouping(`active_days`) = 0 THEN CAST(`active_days` AS STRING) WHEN grouping(`total_spent`) = 0 THEN CAST(`total_spent` AS STRING) WHEN grouping(`total_items_purchased`) = 0 THEN CAST(`total_items_purchased` AS STRING) WHEN grouping(`avg_session_duration`) = 0 THEN CAST(`avg_session_duration` AS STRING) WHEN grouping(`first_seen`) = 0 THEN CAST(`first_seen` AS STRING) WHEN grouping(`last_seen`) = 0 THEN CAST(`last_seen` AS STRING) WHEN grouping(`days_active_period`) = 0 THEN CAST(`days_active_period` AS STRING) WHEN grouping(`engagement_score`) = 0 THEN CAST(`engagement_score` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_engagement` AS t GROUP BY GROUPING SETS ((`user_id`), (`total_events`), (`unique_event_types`), (`active_days`), (`total_spent`), (`total_items_purchased`), (`avg_session_duration`), (`first_seen`), (`last_seen`), (`days_active_period`), (`engagement_score`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- mapreduce gold.event_funnel: Daily view → add-to-cart → purchase funnel with conversion rates.
-- write
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/gold/event_funnel' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `event_date`, `total_events`, `unique_users`, `views`, `add_to_carts`, `purchases`, `daily_revenue`, `view_to_cart_rate`, `cart_to_purchase_rate`, `overall_conversion_rate`
FROM (
SELECT event_date, total_events, unique_users, views, add_to_carts, purchases, daily_revenue,
       round(add_to_carts * CAST(100 AS DOUBLE) / NULLIF(views, 0), 2) AS view_to_cart_rate,
       round(purchases * CAST(100 AS DOUBLE) / NULLIF(add_to_carts, 0), 2) AS cart_to_purchase_rate,
       round(purchases * CAST(100 AS DOUBLE) / NULLIF(views, 0), 2) AS overall_conversion_rate
FROM (
  SELECT event_date, count(*) AS total_events, count(DISTINCT user_id) AS unique_users,
         count(CASE WHEN event = 'view' THEN 1 END) AS views,
         count(CASE WHEN event = 'add_to_cart' THEN 1 END) AS add_to_carts,
         count(CASE WHEN event = 'purchase' THEN 1 END) AS purchases,
         round(coalesce(sum(amount), 0), 2) AS daily_revenue
  FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/cleaned_events` AS e
  GROUP BY event_date
) AS daily
ORDER BY event_date) AS candidate
WHERE ((1 = 1));

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/event_funnel` AS d;

-- profile and checks on the written rows, with unique(event_date), reconciles(total_events = count(*) of silver.cleaned_events), reconciles(purchases = count(*) of silver.cleaned_events) (ranges only of the columns that are numbers or dates)
SELECT p.*, t0.failures AS t0_failures, t0.checked AS t0_checked, t0.observed AS t0_observed, CASE WHEN abs(coalesce(p.t1_own_mine, 0) - coalesce(o0.t1_other_theirs, 0)) > 0 THEN 1 ELSE 0 END AS t1_failures, 1 AS t1_checked, concat(CAST(p.t1_own_mine AS STRING), ' vs ', CAST(o0.t1_other_theirs AS STRING)) AS t1_observed, CASE WHEN abs(coalesce(p.t2_own_mine, 0) - coalesce(o1.t2_other_theirs, 0)) > 0 THEN 1 ELSE 0 END AS t2_failures, 1 AS t2_checked, concat(CAST(p.t2_own_mine AS STRING), ' vs ', CAST(o1.t2_other_theirs AS STRING)) AS t2_observed
FROM (SELECT count(*) AS n, count(*) AS checked, sum(CASE WHEN NOT coalesce((`view_to_cart_rate` IS NULL OR (`view_to_cart_rate` >= 0 AND `view_to_cart_rate` <= 100)), false) THEN 1 ELSE 0 END) AS failed_0, sum(CASE WHEN NOT coalesce((`cart_to_purchase_rate` IS NULL OR (`cart_to_purchase_rate` >= 0 AND `cart_to_purchase_rate` <= 100)), false) THEN 1 ELSE 0 END) AS failed_1, sum(CASE WHEN NOT coalesce((`overall_conversion_rate` IS NULL OR (`overall_conversion_rate` >= 0 AND `overall_conversion_rate` <= 100)), false) THEN 1 ELSE 0 END) AS failed_2, count(`event_date`) AS c0, approx_count_distinct(`event_date`) AS u0, CAST(min(`event_date`) AS STRING) AS lo0, CAST(max(`event_date`) AS STRING) AS hi0, count(`total_events`) AS c1, approx_count_distinct(`total_events`) AS u1, CAST(min(`total_events`) AS STRING) AS lo1, CAST(max(`total_events`) AS STRING) AS hi1, count(`unique_users`) AS c2, approx_count_distinct(`unique_users`) AS u2, CAST(min(`unique_users`) AS STRING) AS lo2, CAST(max(`unique_users`) AS STRING) AS hi2, count(`views`) AS c3, approx_count_distinct(`views`) AS u3, CAST(min(`views`) AS STRING) AS lo3, CAST(max(`views`) AS STRING) AS hi3, count(`add_to_carts`) AS c4, approx_count_distinct(`add_to_carts`) AS u4, CAST(min(`add_to_carts`) AS STRING) AS lo4, CAST(max(`add_to_carts`) AS STRING) AS hi4, count(`purchases`) AS c5, approx_count_distinct(`purchases`) AS u5, CAST(min(`purchases`) AS STRING) AS lo5, CAST(max(`purchases`) AS STRING) AS hi5, count(`daily_revenue`) AS c6, approx_count_distinct(`daily_revenue`) AS u6, CAST(min(`daily_revenue`) AS STRING) AS lo6, CAST(max(`daily_revenue`) AS STRING) AS hi6, count(`view_to_cart_rate`) AS c7, approx_count_distinct(`view_to_cart_rate`) AS u7, CAST(min(`view_to_cart_rate`) AS STRING) AS lo7, CAST(max(`view_to_cart_rate`) AS STRING) AS hi7, count(`cart_to_purchase_rate`) AS c8, approx_count_distinct(`cart_to_purchase_rate`) AS u8, CAST(min(`cart_to_purchase_rate`) AS STRING) AS lo8, CAST(max(`cart_to_purchase_rate`) AS STRING) AS hi8, count(`overall_conversion_rate`) AS c9, approx_count_distinct(`overall_conversion_rate`) AS u9, CAST(min(`overall_conversion_rate`) AS STRING) AS lo9, CAST(max(`overall_conversion_rate`) AS STRING) AS hi9, sum(total_events) AS t1_own_mine, sum(purchases) AS t2_own_mine FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/event_funnel` AS r) AS p
CROSS JOIN (SELECT count(*) AS t1_other_theirs FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/cleaned_events` AS s) AS o0
CROSS JOIN (SELECT count(*) AS t2_other_theirs FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/cleaned_events` AS s WHERE event = 'purchase') AS o1
LEFT JOIN (
SELECT coalesce(sum(n), 0) AS failures, (SELECT count(*) FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/event_funnel` AS all_rows) AS checked,
       CAST(count(*) AS STRING) AS observed
FROM (SELECT `event_date`, count(*) AS n FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/event_funnel` AS r WHERE `event_date` IS NOT NULL GROUP BY `event_date` HAVING count(*) > 1) AS duplicated) AS t0 ON 1 = 1;

-- examples of range(view_to_cart_rate) (only when range(view_to_cart_rate) has failures)
SELECT `view_to_cart_rate` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/event_funnel` AS written WHERE NOT coalesce((`view_to_cart_rate` IS NULL OR (`view_to_cart_rate` >= 0 AND `view_to_cart_rate` <= 100)), false) LIMIT 3;

-- examples of range(cart_to_purchase_rate) (only when range(cart_to_purchase_rate) has failures)
SELECT `cart_to_purchase_rate` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/event_funnel` AS written WHERE NOT coalesce((`cart_to_purchase_rate` IS NULL OR (`cart_to_purchase_rate` >= 0 AND `cart_to_purchase_rate` <= 100)), false) LIMIT 3;

-- examples of range(overall_conversion_rate) (only when range(overall_conversion_rate) has failures)
SELECT `overall_conversion_rate` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/event_funnel` AS written WHERE NOT coalesce((`overall_conversion_rate` IS NULL OR (`overall_conversion_rate` >= 0 AND `overall_conversion_rate` <= 100)), false) LIMIT 3;

-- examples of unique(event_date) (only when unique(event_date) has failures)
SELECT `event_date`, count(*) AS occurrences FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/event_funnel` AS r WHERE `event_date` IS NOT NULL GROUP BY `event_date` HAVING count(*) > 1 ORDER BY occurrences DESC LIMIT 3;

-- top values of event_date, total_events, unique_users, views, add_to_carts, purchases, daily_revenue, view_to_cart_rate, cart_to_purchase_rate, overall_conversion_rate (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`event_date`) = 0 THEN 'event_date' WHEN grouping(`total_events`) = 0 THEN 'total_events' WHEN grouping(`unique_users`) = 0 THEN 'unique_users' WHEN grouping(`views`) = 0 THEN 'views' WHEN grouping(`add_to_carts`) = 0 THEN 'add_to_carts' WHEN grouping(`purchases`) = 0 THEN 'purchases' WHEN grouping(`daily_revenue`) = 0 THEN 'daily_revenue' WHEN grouping(`view_to_cart_rate`) = 0 THEN 'view_to_cart_rate' WHEN grouping(`cart_to_purchase_rate`) = 0 THEN 'cart_to_purchase_rate' WHEN grouping(`overall_conversion_rate`) = 0 THEN 'overall_conversion_rate' END AS col, CASE WHEN grouping(`event_date`) = 0 THEN CAST(`event_date` AS STRING) WHEN grouping(`total_events`) = 0 THEN CAST(`total_events` AS STRING) WHEN grouping(`unique_users`) = 0 THEN CAST(`unique_users` AS STRING) WHEN grouping(`views`) = 0 THEN CAST(`views` AS STRING) WHEN grouping(`add_to_carts`) = 0 THEN CAST(`add_to_carts` AS STRING) WHEN grouping(`purchases`) = 0 THEN CAST(`purchases` AS STRING) WHEN grouping(`daily_revenue`) = 0 THEN CAST(`daily_revenue` AS STRING) WHEN grouping(`view_to_cart_rate`) = 0 THEN CAST(`view_to_cart_rate` AS STRING) WHEN grouping(`cart_to_purchase_rate`) = 0 THEN CAST(`cart_to_purchase_rate` AS STRING) WHEN grouping(`overall_conversion_rate`) = 0 THEN CAST(`overall_conversion_rate` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/event_funnel` AS t GROUP BY GROUPING SETS ((`event_date`), (`total_events`), (`unique_users`), (`views`), (`add_to_carts`), (`purchases`), (`daily_revenue`), (`view_to_cart_rate`), (`cart_to_purchase_rate`), (`overall_conversion_rate`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- mapreduce gold.device_location_analytics: Events per device and location.
-- write
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/gold/device_location_analytics' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `device`, `location`, `event_count`
FROM (
SELECT device, location, count(*) AS event_count
FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/cleaned_events` AS e
GROUP BY device, location
ORDER BY event_count DESC, device, location) AS candidate
WHERE ((1 = 1));

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/device_location_analytics` AS d;

-- profile, with reconciles(event_count = count(*) of silver.cleaned_events) (ranges only of the columns that are numbers or dates)
SELECT p.*, CASE WHEN abs(coalesce(p.t0_own_mine, 0) - coalesce(o0.t0_other_theirs, 0)) > 0 THEN 1 ELSE 0 END AS t0_failures, 1 AS t0_checked, concat(CAST(p.t0_own_mine AS STRING), ' vs ', CAST(o0.t0_other_theirs AS STRING)) AS t0_observed
FROM (SELECT count(*) AS n, count(`device`) AS c0, approx_count_distinct(`device`) AS u0, CAST(min(`device`) AS STRING) AS lo0, CAST(max(`device`) AS STRING) AS hi0, count(`location`) AS c1, approx_count_distinct(`location`) AS u1, CAST(min(`location`) AS STRING) AS lo1, CAST(max(`location`) AS STRING) AS hi1, count(`event_count`) AS c2, approx_count_distinct(`event_count`) AS u2, CAST(min(`event_count`) AS STRING) AS lo2, CAST(max(`event_count`) AS STRING) AS hi2, sum(event_count) AS t0_own_mine FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/device_location_analytics` AS r) AS p
CROSS JOIN (SELECT count(*) AS t0_other_theirs FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/cleaned_events` AS s) AS o0;

-- top values of device, location, event_count (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`device`) = 0 THEN 'device' WHEN grouping(`location`) = 0 THEN 'location' WHEN grouping(`event_count`) = 0 THEN 'event_count' END AS col, CASE WHEN grouping(`device`) = 0 THEN CAST(`device` AS STRING) WHEN grouping(`location`) = 0 THEN CAST(`location` AS STRING) WHEN grouping(`event_count`) = 0 THEN CAST(`event_count` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/device_location_analytics` AS t GROUP BY GROUPING SETS ((`device`), (`location`), (`event_count`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- mapreduce gold.revenue_analytics: Daily purchase revenue and purchasing customers.
-- write
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/gold/revenue_analytics' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `event_date`, `total_revenue`, `unique_customers`, `total_purchases`, `avg_order_value`
FROM (
SELECT event_date, round(sum(amount), 2) AS total_revenue, count(DISTINCT user_id) AS unique_customers,
       count(*) AS total_purchases, round(avg(amount), 2) AS avg_order_value
FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/cleaned_events` AS e
WHERE event = 'purchase'
GROUP BY event_date
ORDER BY event_date) AS candidate
WHERE ((1 = 1));

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/revenue_analytics` AS d;

-- profile and checks on the written rows, with reconciles(total_purchases = count(*) of silver.cleaned_events), reconciles(total_revenue = sum(amount) of silver.cleaned_events) (ranges only of the columns that are numbers or dates)
SELECT p.*, CASE WHEN abs(coalesce(p.t0_own_mine, 0) - coalesce(o0.t0_other_theirs, 0)) > 0 THEN 1 ELSE 0 END AS t0_failures, 1 AS t0_checked, concat(CAST(p.t0_own_mine AS STRING), ' vs ', CAST(o0.t0_other_theirs AS STRING)) AS t0_observed, CASE WHEN abs(coalesce(p.t1_own_mine, 0) - coalesce(o0.t1_other_theirs, 0)) > 1 THEN 1 ELSE 0 END AS t1_failures, 1 AS t1_checked, concat(CAST(p.t1_own_mine AS STRING), ' vs ', CAST(o0.t1_other_theirs AS STRING)) AS t1_observed
FROM (SELECT count(*) AS n, count(*) AS checked, sum(CASE WHEN NOT coalesce((`avg_order_value` IS NULL OR (`avg_order_value` > 0)), false) THEN 1 ELSE 0 END) AS failed_0, count(`event_date`) AS c0, approx_count_distinct(`event_date`) AS u0, CAST(min(`event_date`) AS STRING) AS lo0, CAST(max(`event_date`) AS STRING) AS hi0, count(`total_revenue`) AS c1, approx_count_distinct(`total_revenue`) AS u1, CAST(min(`total_revenue`) AS STRING) AS lo1, CAST(max(`total_revenue`) AS STRING) AS hi1, count(`unique_customers`) AS c2, approx_count_distinct(`unique_customers`) AS u2, CAST(min(`unique_customers`) AS STRING) AS lo2, CAST(max(`unique_customers`) AS STRING) AS hi2, count(`total_purchases`) AS c3, approx_count_distinct(`total_purchases`) AS u3, CAST(min(`total_purchases`) AS STRING) AS lo3, CAST(max(`total_purchases`) AS STRING) AS hi3, count(`avg_order_value`) AS c4, approx_count_distinct(`avg_order_value`) AS u4, CAST(min(`avg_order_value`) AS STRING) AS lo4, CAST(max(`avg_order_value`) AS STRING) AS hi4, sum(total_purchases) AS t0_own_mine, sum(total_revenue) AS t1_own_mine FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/revenue_analytics` AS r) AS p
CROSS JOIN (SELECT count(*) AS t0_other_theirs, sum(amount) AS t1_other_theirs FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/cleaned_events` AS s WHERE event = 'purchase') AS o0;

-- examples of range(avg_order_value) (only when range(avg_order_value) has failures)
SELECT `avg_order_value` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/revenue_analytics` AS written WHERE NOT coalesce((`avg_order_value` IS NULL OR (`avg_order_value` > 0)), false) LIMIT 3;

-- top values of event_date, total_revenue, unique_customers, total_purchases, avg_order_value (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`event_date`) = 0 THEN 'event_date' WHEN grouping(`total_revenue`) = 0 THEN 'total_revenue' WHEN grouping(`unique_customers`) = 0 THEN 'unique_customers' WHEN grouping(`total_purchases`) = 0 THEN 'total_purchases' WHEN grouping(`avg_order_value`) = 0 THEN 'avg_order_value' END AS col, CASE WHEN grouping(`event_date`) = 0 THEN CAST(`event_date` AS STRING) WHEN grouping(`total_revenue`) = 0 THEN CAST(`total_revenue` AS STRING) WHEN grouping(`unique_customers`) = 0 THEN CAST(`unique_customers` AS STRING) WHEN grouping(`total_purchases`) = 0 THEN CAST(`total_purchases` AS STRING) WHEN grouping(`avg_order_value`) = 0 THEN CAST(`avg_order_value` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/revenue_analytics` AS t GROUP BY GROUPING SETS ((`event_date`), (`total_revenue`), (`unique_customers`), (`total_purchases`), (`avg_order_value`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- mapreduce gold.hourly_patterns: Activity by hour of day, over all days.
-- write
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/gold/hourly_patterns' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `event_hour`, `event_count`, `unique_users`, `purchases`, `revenue`
FROM (
SELECT event_hour, count(*) AS event_count, count(DISTINCT user_id) AS unique_users,
       count(CASE WHEN event = 'purchase' THEN 1 END) AS purchases,
       round(coalesce(sum(amount), 0), 2) AS revenue
FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/cleaned_events` AS e
GROUP BY event_hour
ORDER BY event_hour) AS candidate
WHERE ((1 = 1));

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/hourly_patterns` AS d;

-- profile and checks on the written rows, with row_count, reconciles(event_count = count(*) of silver.cleaned_events) (ranges only of the columns that are numbers or dates)
SELECT p.*, CASE WHEN p.t0_own_n > 24 THEN 1 ELSE 0 END AS t0_failures, 1 AS t0_checked, CAST(p.t0_own_n AS STRING) AS t0_observed, CASE WHEN abs(coalesce(p.t1_own_mine, 0) - coalesce(o0.t1_other_theirs, 0)) > 0 THEN 1 ELSE 0 END AS t1_failures, 1 AS t1_checked, concat(CAST(p.t1_own_mine AS STRING), ' vs ', CAST(o0.t1_other_theirs AS STRING)) AS t1_observed
FROM (SELECT count(*) AS n, count(*) AS checked, sum(CASE WHEN NOT coalesce((`event_hour` IS NULL OR (`event_hour` >= 0 AND `event_hour` <= 23)), false) THEN 1 ELSE 0 END) AS failed_0, count(`event_hour`) AS c0, approx_count_distinct(`event_hour`) AS u0, CAST(min(`event_hour`) AS STRING) AS lo0, CAST(max(`event_hour`) AS STRING) AS hi0, count(`event_count`) AS c1, approx_count_distinct(`event_count`) AS u1, CAST(min(`event_count`) AS STRING) AS lo1, CAST(max(`event_count`) AS STRING) AS hi1, count(`unique_users`) AS c2, approx_count_distinct(`unique_users`) AS u2, CAST(min(`unique_users`) AS STRING) AS lo2, CAST(max(`unique_users`) AS STRING) AS hi2, count(`purchases`) AS c3, approx_count_distinct(`purchases`) AS u3, CAST(min(`purchases`) AS STRING) AS lo3, CAST(max(`purchases`) AS STRING) AS hi3, count(`revenue`) AS c4, approx_count_distinct(`revenue`) AS u4, CAST(min(`revenue`) AS STRING) AS lo4, CAST(max(`revenue`) AS STRING) AS hi4, count(*) AS t0_own_n, sum(event_count) AS t1_own_mine FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/hourly_patterns` AS r) AS p
CROSS JOIN (SELECT count(*) AS t1_other_theirs FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/cleaned_events` AS s) AS o0;

-- rows failing range(event_hour), kept for inspection (only when range(event_hour) trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/gold.hourly_patterns' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'range(event_hour)' AS _expectation, coalesce(concat('event_hour = ', substr(CAST(`event_hour` AS STRING), 1, 80), ' (expected ≥ 0 and ≤ 23)'), 'event_hour ≥ 0 and ≤ 23') AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/hourly_patterns` AS written
WHERE NOT coalesce((`event_hour` IS NULL OR (`event_hour` >= 0 AND `event_hour` <= 23)), false);

-- examples of range(event_hour) (only when range(event_hour) has failures)
SELECT `event_hour` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/hourly_patterns` AS written WHERE NOT coalesce((`event_hour` IS NULL OR (`event_hour` >= 0 AND `event_hour` <= 23)), false) LIMIT 3;

-- examples of range(event_hour) (only when range(event_hour) has failures)
SELECT `event_hour` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/hourly_patterns` AS written WHERE NOT coalesce((`event_hour` IS NULL OR (`event_hour` >= 0 AND `event_hour` <= 23)), false) LIMIT 3;

-- top values of event_hour, event_count, unique_users, purchases, revenue (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`event_hour`) = 0 THEN 'event_hour' WHEN grouping(`event_count`) = 0 THEN 'event_count' WHEN grouping(`unique_users`) = 0 THEN 'unique_users' WHEN grouping(`purchases`) = 0 THEN 'purchases' WHEN grouping(`revenue`) = 0 THEN 'revenue' END AS col, CASE WHEN grouping(`event_hour`) = 0 THEN CAST(`event_hour` AS STRING) WHEN grouping(`event_count`) = 0 THEN CAST(`event_count` AS STRING) WHEN grouping(`unique_users`) = 0 THEN CAST(`unique_users` AS STRING) WHEN grouping(`purchases`) = 0 THEN CAST(`purchases` AS STRING) WHEN grouping(`revenue`) = 0 THEN CAST(`revenue` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/hourly_patterns` AS t GROUP BY GROUPING SETS ((`event_hour`), (`event_count`), (`unique_users`), (`purchases`), (`revenue`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- mapreduce gold.event_type_counts: Events per type: the group-by-key pattern.
-- write
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/gold/event_type_counts' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `event`, `event_count`
FROM (
SELECT event, count(*) AS event_count
FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/cleaned_events` AS e
GROUP BY event
ORDER BY event_count DESC, event) AS candidate
WHERE ((1 = 1));

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/event_type_counts` AS d;

-- profile and checks on the written rows, with reconciles(event_count = count(*) of silver.cleaned_events) (ranges only of the columns that are numbers or dates)
SELECT p.*, CASE WHEN abs(coalesce(p.t0_own_mine, 0) - coalesce(o0.t0_other_theirs, 0)) > 0 THEN 1 ELSE 0 END AS t0_failures, 1 AS t0_checked, concat(CAST(p.t0_own_mine AS STRING), ' vs ', CAST(o0.t0_other_theirs AS STRING)) AS t0_observed
FROM (SELECT count(*) AS n, count(*) AS checked, sum(CASE WHEN NOT coalesce((`event` IS NULL OR `event` IN ('login', 'view', 'purchase', 'logout', 'signup', 'search', 'add_to_cart')), false) THEN 1 ELSE 0 END) AS failed_0, count(`event`) AS c0, approx_count_distinct(`event`) AS u0, CAST(min(`event`) AS STRING) AS lo0, CAST(max(`event`) AS STRING) AS hi0, count(`event_count`) AS c1, approx_count_distinct(`event_count`) AS u1, CAST(min(`event_count`) AS STRING) AS lo1, CAST(max(`event_count`) AS STRING) AS hi1, sum(event_count) AS t0_own_mine FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/event_type_counts` AS r) AS p
CROSS JOIN (SELECT count(*) AS t0_other_theirs FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/cleaned_events` AS s) AS o0;

-- rows failing accepted_values(event), kept for inspection (only when accepted_values(event) trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/gold.event_type_counts' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'accepted_values(event)' AS _expectation, coalesce(concat('event = ', substr(CAST(`event` AS STRING), 1, 80), ' (expected one of login, view, purchase, logout, signup, search, add_to_cart)'), 'event is one of login, view, purchase, logout, signup, search, add_to_cart') AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/event_type_counts` AS written
WHERE NOT coalesce((`event` IS NULL OR `event` IN ('login', 'view', 'purchase', 'logout', 'signup', 'search', 'add_to_cart')), false);

-- examples of accepted_values(event) (only when accepted_values(event) has failures)
SELECT `event` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/event_type_counts` AS written WHERE NOT coalesce((`event` IS NULL OR `event` IN ('login', 'view', 'purchase', 'logout', 'signup', 'search', 'add_to_cart')), false) LIMIT 3;

-- examples of accepted_values(event) (only when accepted_values(event) has failures)
SELECT `event` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/event_type_counts` AS written WHERE NOT coalesce((`event` IS NULL OR `event` IN ('login', 'view', 'purchase', 'logout', 'signup', 'search', 'add_to_cart')), false) LIMIT 3;

-- top values of event, event_count (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`event`) = 0 THEN 'event' WHEN grouping(`event_count`) = 0 THEN 'event_count' END AS col, CASE WHEN grouping(`event`) = 0 THEN CAST(`event` AS STRING) WHEN grouping(`event_count`) = 0 THEN CAST(`event_count` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/event_type_counts` AS t GROUP BY GROUPING SETS ((`event`), (`event_count`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- mapreduce gold.top_users: The ten most active users; ties broken by the smaller user id.
-- write
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/gold/top_users' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `rank`, `user_id`, `event_count`
FROM (
SELECT CAST(row_number() OVER (ORDER BY event_count DESC, user_id) AS INTEGER) AS rank, user_id, event_count
FROM (SELECT user_id, count(*) AS event_count FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/cleaned_events` AS e GROUP BY user_id) AS per_user
ORDER BY event_count DESC, user_id
LIMIT 10) AS candidate
WHERE ((1 = 1));

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/top_users` AS d;

-- profile and checks on the written rows, with row_count, unique(rank) (ranges only of the columns that are numbers or dates)
SELECT p.*, CASE WHEN p.t0_own_n > 10 THEN 1 ELSE 0 END AS t0_failures, 1 AS t0_checked, CAST(p.t0_own_n AS STRING) AS t0_observed, t1.failures AS t1_failures, t1.checked AS t1_checked, t1.observed AS t1_observed
FROM (SELECT count(*) AS n, count(*) AS checked, sum(CASE WHEN NOT coalesce((`user_id` IS NULL OR `user_id` IN (SELECT `user_id` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/cleaned_events` AS referenced)), false) THEN 1 ELSE 0 END) AS failed_0, count(`rank`) AS c0, approx_count_distinct(`rank`) AS u0, CAST(min(`rank`) AS STRING) AS lo0, CAST(max(`rank`) AS STRING) AS hi0, count(`user_id`) AS c1, approx_count_distinct(`user_id`) AS u1, CAST(min(`user_id`) AS STRING) AS lo1, CAST(max(`user_id`) AS STRING) AS hi1, count(`event_count`) AS c2, approx_count_distinct(`event_count`) AS u2, CAST(min(`event_count`) AS STRING) AS lo2, CAST(max(`event_count`) AS STRING) AS hi2, count(*) AS t0_own_n FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/top_users` AS r) AS p
LEFT JOIN (
SELECT coalesce(sum(n), 0) AS failures, (SELECT count(*) FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/top_users` AS all_rows) AS checked,
       CAST(count(*) AS STRING) AS observed
FROM (SELECT `rank`, count(*) AS n FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/top_users` AS r WHERE `rank` IS NOT NULL GROUP BY `rank` HAVING count(*) > 1) AS duplicated) AS t1 ON 1 = 1;

-- examples of references(user_id -> silver.cleaned_events.user_id) (only when references(user_id -> silver.cleaned_events.user_id) has failures)
SELECT `user_id` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/top_users` AS written WHERE NOT coalesce((`user_id` IS NULL OR `user_id` IN (SELECT `user_id` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/cleaned_events` AS referenced)), false) LIMIT 3;

-- examples of unique(rank) (only when unique(rank) has failures)
SELECT `rank`, count(*) AS occurrences FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/top_users` AS r WHERE `rank` IS NOT NULL GROUP BY `rank` HAVING count(*) > 1 ORDER BY occurrences DESC LIMIT 3;

-- top values of rank, user_id, event_count (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`rank`) = 0 THEN 'rank' WHEN grouping(`user_id`) = 0 THEN 'user_id' WHEN grouping(`event_count`) = 0 THEN 'event_count' END AS col, CASE WHEN grouping(`rank`) = 0 THEN CAST(`rank` AS STRING) WHEN grouping(`user_id`) = 0 THEN CAST(`user_id` AS STRING) WHEN grouping(`event_count`) = 0 THEN CAST(`event_count` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/top_users` AS t GROUP BY GROUPING SETS ((`rank`), (`user_id`), (`event_count`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- mapreduce gold.word_count: Occurrences of each lower-cased word of search queries: the classic word count.
-- write
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/gold/word_count' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `word`, `occurrences`
FROM (
SELECT word, count(*) AS occurrences
FROM (
  SELECT explode(split(lower(query), ' ')) AS word
  FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/cleaned_events` AS e
  WHERE event = 'search' AND query IS NOT NULL
) AS words
WHERE word <> ''
GROUP BY word
ORDER BY occurrences DESC, word) AS candidate
WHERE ((1 = 1));

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/word_count` AS d;

-- profile and checks on the written rows (ranges only of the columns that are numbers or dates)
SELECT count(*) AS n, count(*) AS checked, sum(CASE WHEN NOT coalesce((`word` IS NULL OR (`word` RLIKE '^(?:[a-z0-9]+)\\z')), false) THEN 1 ELSE 0 END) AS failed_0, sum(CASE WHEN NOT coalesce((`occurrences` IS NULL OR (`occurrences` >= 1)), false) THEN 1 ELSE 0 END) AS failed_1, count(`word`) AS c0, approx_count_distinct(`word`) AS u0, CAST(min(`word`) AS STRING) AS lo0, CAST(max(`word`) AS STRING) AS hi0, count(`occurrences`) AS c1, approx_count_distinct(`occurrences`) AS u1, CAST(min(`occurrences`) AS STRING) AS lo1, CAST(max(`occurrences`) AS STRING) AS hi1 FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/word_count` AS r;

-- rows failing range(occurrences), kept for inspection (only when range(occurrences) trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/gold.word_count' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'range(occurrences)' AS _expectation, coalesce(concat('occurrences = ', substr(CAST(`occurrences` AS STRING), 1, 80), ' (expected ≥ 1)'), 'occurrences ≥ 1') AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/word_count` AS written
WHERE NOT coalesce((`occurrences` IS NULL OR (`occurrences` >= 1)), false);

-- examples of range(occurrences) (only when range(occurrences) has failures)
SELECT `occurrences` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/word_count` AS written WHERE NOT coalesce((`occurrences` IS NULL OR (`occurrences` >= 1)), false) LIMIT 3;

-- examples of pattern(word) (only when pattern(word) has failures)
SELECT `word` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/word_count` AS written WHERE NOT coalesce((`word` IS NULL OR (`word` RLIKE '^(?:[a-z0-9]+)\\z')), false) LIMIT 3;

-- examples of range(occurrences) (only when range(occurrences) has failures)
SELECT `occurrences` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/word_count` AS written WHERE NOT coalesce((`occurrences` IS NULL OR (`occurrences` >= 1)), false) LIMIT 3;

-- top values of word, occurrences (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`word`) = 0 THEN 'word' WHEN grouping(`occurrences`) = 0 THEN 'occurrences' END AS col, CASE WHEN grouping(`word`) = 0 THEN CAST(`word` AS STRING) WHEN grouping(`occurrences`) = 0 THEN CAST(`occurrences` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/word_count` AS t GROUP BY GROUPING SETS ((`word`), (`occurrences`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- mapreduce gold.product_revenue: Purchases, units and revenue per product, joined to the small catalog on the map side.
-- write
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/gold/product_revenue' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `product_id`, `product_name`, `category`, `purchases`, `units`, `revenue`
FROM (
SELECT /*+ BROADCAST(p) */ p.product_id, p.product_name, p.category,
       count(*) AS purchases, CAST(sum(e.quantity) AS BIGINT) AS units, round(sum(e.amount), 2) AS revenue
FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/cleaned_events` AS e
JOIN parquet.`file:///data/medallion/_staging/<run-id>/bronze/products` AS p ON e.product_id = p.product_id
WHERE e.event = 'purchase'
GROUP BY p.product_id, p.product_name, p.category
ORDER BY revenue DESC, p.product_id) AS candidate
WHERE ((1 = 1));

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/product_revenue` AS d;

-- profile and checks on the written rows, with reconciles(purchases = count(*) of silver.cleaned_events) (ranges only of the columns that are numbers or dates)
SELECT p.*, CASE WHEN abs(coalesce(p.t0_own_mine, 0) - coalesce(o0.t0_other_theirs, 0)) > 0 THEN 1 ELSE 0 END AS t0_failures, 1 AS t0_checked, concat(CAST(p.t0_own_mine AS STRING), ' vs ', CAST(o0.t0_other_theirs AS STRING)) AS t0_observed
FROM (SELECT count(*) AS n, count(*) AS checked, sum(CASE WHEN NOT coalesce((`product_id` IS NULL OR `product_id` IN (SELECT `product_id` FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/products` AS referenced)), false) THEN 1 ELSE 0 END) AS failed_0, sum(CASE WHEN NOT coalesce((`units` IS NULL OR (`units` >= 1)), false) THEN 1 ELSE 0 END) AS failed_1, count(`product_id`) AS c0, approx_count_distinct(`product_id`) AS u0, CAST(min(`product_id`) AS STRING) AS lo0, CAST(max(`product_id`) AS STRING) AS hi0, count(`product_name`) AS c1, approx_count_distinct(`product_name`) AS u1, CAST(min(`product_name`) AS STRING) AS lo1, CAST(max(`product_name`) AS STRING) AS hi1, count(`category`) AS c2, approx_count_distinct(`category`) AS u2, CAST(min(`category`) AS STRING) AS lo2, CAST(max(`category`) AS STRING) AS hi2, count(`purchases`) AS c3, approx_count_distinct(`purchases`) AS u3, CAST(min(`purchases`) AS STRING) AS lo3, CAST(max(`purchases`) AS STRING) AS hi3, count(`units`) AS c4, approx_count_distinct(`units`) AS u4, CAST(min(`units`) AS STRING) AS lo4, CAST(max(`units`) AS STRING) AS hi4, count(`revenue`) AS c5, approx_count_distinct(`revenue`) AS u5, CAST(min(`revenue`) AS STRING) AS lo5, CAST(max(`revenue`) AS STRING) AS hi5, sum(purchases) AS t0_own_mine FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/product_revenue` AS r) AS p
CROSS JOIN (SELECT count(*) AS t0_other_theirs FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/cleaned_events` AS s WHERE event = 'purchase' AND product_id IN (SELECT product_id FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/products` AS p)) AS o0;

-- rows failing references(product_id -> bronze.products.product_id), kept for inspection (only when references(product_id -> bronze.products.product_id) trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/gold.product_revenue' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'references(product_id -> bronze.products.product_id)' AS _expectation, coalesce(concat('product_id = ', substr(CAST(`product_id` AS STRING), 1, 80), ' (expected a product_id of bronze.products)'), 'every product_id exists in bronze.products.product_id') AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/product_revenue` AS written
WHERE NOT coalesce((`product_id` IS NULL OR `product_id` IN (SELECT `product_id` FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/products` AS referenced)), false);

-- examples of references(product_id -> bronze.products.product_id) (only when references(product_id -> bronze.products.product_id) has failures)
SELECT `product_id` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/product_revenue` AS written WHERE NOT coalesce((`product_id` IS NULL OR `product_id` IN (SELECT `product_id` FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/products` AS referenced)), false) LIMIT 3;

-- rows failing range(units), kept for inspection (only when range(units) trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/gold.product_revenue' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'range(units)' AS _expectation, coalesce(concat('units = ', substr(CAST(`units` AS STRING), 1, 80), ' (expected ≥ 1)'), 'units ≥ 1') AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/product_revenue` AS written
WHERE NOT coalesce((`units` IS NULL OR (`units` >= 1)), false);

-- examples of range(units) (only when range(units) has failures)
SELECT `units` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/product_revenue` AS written WHERE NOT coalesce((`units` IS NULL OR (`units` >= 1)), false) LIMIT 3;

-- examples of references(product_id -> bronze.products.product_id) (only when references(product_id -> bronze.products.product_id) has failures)
SELECT `product_id` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/product_revenue` AS written WHERE NOT coalesce((`product_id` IS NULL OR `product_id` IN (SELECT `product_id` FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/products` AS referenced)), false) LIMIT 3;

-- examples of range(units) (only when range(units) has failures)
SELECT `units` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/product_revenue` AS written WHERE NOT coalesce((`units` IS NULL OR (`units` >= 1)), false) LIMIT 3;

-- top values of product_id, product_name, category, purchases, units, revenue (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`product_id`) = 0 THEN 'product_id' WHEN grouping(`product_name`) = 0 THEN 'product_name' WHEN grouping(`category`) = 0 THEN 'category' WHEN grouping(`purchases`) = 0 THEN 'purchases' WHEN grouping(`units`) = 0 THEN 'units' WHEN grouping(`revenue`) = 0 THEN 'revenue' END AS col, CASE WHEN grouping(`product_id`) = 0 THEN CAST(`product_id` AS STRING) WHEN grouping(`product_name`) = 0 THEN CAST(`product_name` AS STRING) WHEN grouping(`category`) = 0 THEN CAST(`category` AS STRING) WHEN grouping(`purchases`) = 0 THEN CAST(`purchases` AS STRING) WHEN grouping(`units`) = 0 THEN CAST(`units` AS STRING) WHEN grouping(`revenue`) = 0 THEN CAST(`revenue` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/product_revenue` AS t GROUP BY GROUPING SETS ((`product_id`), (`product_name`), (`category`), (`purchases`), (`units`), (`revenue`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- mapreduce gold.user_segments: Active users, events and revenue per tier and country: a reduce-side join after a combiner.
-- write
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/gold/user_segments' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `tier`, `country`, `users`, `events`, `revenue`
FROM (
SELECT /*+ MERGE(u) */ u.tier, u.country, count(*) AS users, CAST(sum(a.events) AS BIGINT) AS events,
       round(sum(a.revenue), 2) AS revenue
FROM (
  SELECT user_id, count(*) AS events, coalesce(sum(amount), 0) AS revenue
  FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/cleaned_events` AS e
  GROUP BY user_id
) AS a
JOIN parquet.`file:///data/medallion/_staging/<run-id>/bronze/users` AS u ON a.user_id = u.user_id
GROUP BY u.tier, u.country
ORDER BY u.tier, u.country) AS candidate
WHERE ((1 = 1));

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_segments` AS d;

-- profile and checks on the written rows, with reconciles(events = count(*) of silver.cleaned_events) (ranges only of the columns that are numbers or dates)
SELECT p.*, CASE WHEN abs(coalesce(p.t0_own_mine, 0) - coalesce(o0.t0_other_theirs, 0)) > 0 THEN 1 ELSE 0 END AS t0_failures, 1 AS t0_checked, concat(CAST(p.t0_own_mine AS STRING), ' vs ', CAST(o0.t0_other_theirs AS STRING)) AS t0_observed
FROM (SELECT count(*) AS n, count(*) AS checked, sum(CASE WHEN NOT coalesce((`tier` IS NULL OR `tier` IN ('free', 'basic', 'plus', 'premium')), false) THEN 1 ELSE 0 END) AS failed_0, count(`tier`) AS c0, approx_count_distinct(`tier`) AS u0, CAST(min(`tier`) AS STRING) AS lo0, CAST(max(`tier`) AS STRING) AS hi0, count(`country`) AS c1, approx_count_distinct(`country`) AS u1, CAST(min(`country`) AS STRING) AS lo1, CAST(max(`country`) AS STRING) AS hi1, count(`users`) AS c2, approx_count_distinct(`users`) AS u2, CAST(min(`users`) AS STRING) AS lo2, CAST(max(`users`) AS STRING) AS hi2, count(`events`) AS c3, approx_count_distinct(`events`) AS u3, CAST(min(`events`) AS STRING) AS lo3, CAST(max(`events`) AS STRING) AS hi3, count(`revenue`) AS c4, approx_count_distinct(`revenue`) AS u4, CAST(min(`revenue`) AS STRING) AS lo4, CAST(max(`revenue`) AS STRING) AS hi4, sum(events) AS t0_own_mine FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_segments` AS r) AS p
CROSS JOIN (SELECT count(*) AS t0_other_theirs FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/cleaned_events` AS s WHERE user_id IN (SELECT user_id FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/users` AS u)) AS o0;

-- rows failing accepted_values(tier), kept for inspection (only when accepted_values(tier) trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/gold.user_segments' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'accepted_values(tier)' AS _expectation, coalesce(concat('tier = ', substr(CAST(`tier` AS STRING), 1, 80), ' (expected one of free, basic, plus, premium)'), 'tier is one of free, basic, plus, premium') AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_segments` AS written
WHERE NOT coalesce((`tier` IS NULL OR `tier` IN ('free', 'basic', 'plus', 'premium')), false);

-- examples of accepted_values(tier) (only when accepted_values(tier) has failures)
SELECT `tier` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_segments` AS written WHERE NOT coalesce((`tier` IS NULL OR `tier` IN ('free', 'basic', 'plus', 'premium')), false) LIMIT 3;

-- examples of accepted_values(tier) (only when accepted_values(tier) has failures)
SELECT `tier` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_segments` AS written WHERE NOT coalesce((`tier` IS NULL OR `tier` IN ('free', 'basic', 'plus', 'premium')), false) LIMIT 3;

-- top values of tier, country, users, events, revenue (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`tier`) = 0 THEN 'tier' WHEN grouping(`country`) = 0 THEN 'country' WHEN grouping(`users`) = 0 THEN 'users' WHEN grouping(`events`) = 0 THEN 'events' WHEN grouping(`revenue`) = 0 THEN 'revenue' END AS col, CASE WHEN grouping(`tier`) = 0 THEN CAST(`tier` AS STRING) WHEN grouping(`country`) = 0 THEN CAST(`country` AS STRING) WHEN grouping(`users`) = 0 THEN CAST(`users` AS STRING) WHEN grouping(`events`) = 0 THEN CAST(`events` AS STRING) WHEN grouping(`revenue`) = 0 THEN CAST(`revenue` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_segments` AS t GROUP BY GROUPING SETS ((`tier`), (`country`), (`users`), (`events`), (`revenue`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;
