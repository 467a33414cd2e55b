-- session settings
SET spark.sql.adaptive.enabled=true;

SET spark.sql.adaptive.coalescePartitions.enabled=true;

SET spark.sql.shuffle.partitions=20;

SET spark.sql.session.timeZone=UTC;

SET spark.sql.ansi.enabled=true;

SET spark.sql.parquet.outputTimestampType=TIMESTAMP_MICROS;

-- mapreduce bronze.raw_events: Every raw event line exactly as received, with its parse status and the fields it carried.
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/bronze/raw_events' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `_raw_data`, `_status`, `_error_message`, `_ingestion_timestamp`, `_source`, `timestamp`, `user_id`, `event`, `device`, `location`, `product_id`, `amount`, `quantity`, `page`, `duration_seconds`, `query`, `email`
FROM (
SELECT _raw_data,
       CASE WHEN NOT is_json THEN 'parse_error' WHEN violation IS NOT NULL THEN 'schema_error' ELSE 'valid' END AS _status,
       CASE WHEN NOT is_json THEN
              CASE WHEN trim(_raw_data) = '' THEN 'empty line'
                   WHEN is_object THEN 'malformed JSON: object is truncated or invalid'
                   ELSE 'malformed JSON: line is not JSON' END
            ELSE violation END AS _error_message,
       timestamp_seconds(CAST(1768435200 AS BIGINT)) AS _ingestion_timestamp,
       _source,
       timestamp, user_id, event, device, location, product_id, amount, quantity, page, duration_seconds, query, email
FROM (
  SELECT *, CASE WHEN is_json AND NOT is_object THEN 'JSON value is not an object' ELSE CASE WHEN user_id IS NULL THEN 'missing required field user_id'
              WHEN NOT (user_id RLIKE '^(?:-?[0-9]{1,9})\\z') THEN concat('user_id is not an integer: ', concat('\'', user_id, '\''))
              WHEN event IS NULL THEN 'missing required field event'
              WHEN event NOT IN ('login', 'view', 'purchase', 'logout', 'signup', 'search', 'add_to_cart') THEN concat('unknown event type: ', concat('\'', event, '\''))
              WHEN timestamp IS NULL THEN 'missing required field timestamp'
              WHEN CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,6})?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END IS NULL THEN concat('timestamp is not ISO-8601: ', concat('\'', timestamp, '\''))
              WHEN amount IS NOT NULL AND try_cast(amount AS DOUBLE) IS NULL THEN concat('amount is not a number: ', concat('\'', amount, '\''))
              WHEN quantity IS NOT NULL AND NOT (quantity RLIKE '^(?:[0-9]{1,9})\\z') THEN concat('quantity is not a whole number: ', concat('\'', quantity, '\''))
              WHEN duration_seconds IS NOT NULL AND NOT (duration_seconds RLIKE '^(?:[0-9]{1,9})\\z') THEN concat('duration_seconds is not a whole number: ', concat('\'', duration_seconds, '\'')) END END AS violation
  FROM (
    SELECT _raw_data, _source, is_json, is_object, j.timestamp AS timestamp, j.user_id AS user_id, j.event AS event, j.device AS device, j.location AS location, j.product_id AS product_id, j.amount AS amount, j.quantity AS quantity, j.page AS page, j.duration_seconds AS duration_seconds, j.query AS query, j.email AS email
    FROM (
      SELECT line AS _raw_data, source AS _source, is_json, is_object,
             CASE WHEN is_json AND is_object THEN from_json(line, 'struct<`timestamp`: string, `user_id`: string, `event`: string, `device`: string, `location`: string, `product_id`: string, `amount`: string, `quantity`: string, `page`: string, `duration_seconds`: string, `query`: string, `email`: string>') END AS j
      FROM (
        SELECT line, source, coalesce((json_object_keys(line) IS NOT NULL OR json_array_length(line) IS NOT NULL OR line RLIKE '^\\s*(?:"(?:[^"\\\\\\x00-\\x1f]|\\\\(?:["\\\\/bfnrt]|u[0-9a-fA-F]{4}))*"|-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null)\\s*\\z'), false) AS is_json, (ltrim(line) LIKE '{%') AS is_object
        FROM (SELECT line, 'event_api' AS source FROM (
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
) AS lines) AS g) AS r
      ) AS checked
    ) AS parsed
  ) AS flat
) AS classified) AS candidate
WHERE ((1 = 1));

SELECT count(*) AS n FROM parquet.`file:///data/medallion/bronze/raw_events`;

SELECT CASE WHEN n < 1 THEN 1 ELSE 0 END AS failures, 1 AS checked, CAST(n AS STRING) AS observed FROM (SELECT count(*) AS n FROM parquet.`file:///data/medallion/bronze/raw_events` AS r) AS counted;

SELECT sum(CASE WHEN coalesce((_status IN ('valid', 'parse_error', 'schema_error')), false) THEN 0 ELSE 1 END) AS failures, count(*) AS checked, CAST(NULL AS STRING) AS observed FROM parquet.`file:///data/medallion/bronze/raw_events` AS r;

SELECT sum(CASE WHEN coalesce((_status = 'valid' OR _error_message IS NOT NULL), false) THEN 0 ELSE 1 END) AS failures, count(*) AS checked, CAST(NULL AS STRING) AS observed FROM parquet.`file:///data/medallion/bronze/raw_events` AS r;

-- mapreduce bronze.users: The users dimension: one row per user with signup date, country and tier.
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/bronze/users' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `user_id`, `signup_date`, `country`, `tier`
FROM (
SELECT CAST(id + 1 AS INTEGER) AS user_id,
       date_format(timestamp_seconds(CAST(1768435200 - 86400 * (1 + r1 % 730) AS BIGINT)), 'yyyy-MM-dd') AS signup_date,
       element_at(array('US', 'CA', 'UK', 'DE', 'FR', 'JP', 'AU', 'IN', 'BR', 'MX'), CAST(r2 % 10 AS INT) + 1) AS country,
       element_at(array('free', 'basic', 'plus', 'premium'), CAST(r3 % 4 AS INT) + 1) AS tier
FROM (SELECT id, (((r1 ^ shiftright(r1, 12)) * 440114875) % 2147483647) AS r1, (((r2 ^ shiftright(r2, 13)) * 996748676) % 2147483647) AS r2, (((r3 ^ shiftright(r3, 14)) * 91290546) % 2147483647) AS r3 FROM (SELECT id, (h + 385479454) % 2147483647 AS r1, (h + 1109399819) % 2147483647 AS r2, (h + 429645915) % 2147483647 AS r3 FROM (SELECT id, (((h ^ shiftright(h, 15)) * 2013265905) % 2147483647) AS h FROM (SELECT id, (((h ^ shiftright(h, 13)) * 1664525397) % 2147483647) AS h FROM (SELECT id, (((h ^ shiftright(h, 16)) * 1103515245) % 2147483647) AS h FROM (SELECT id, ((id % 2147483647) + 91797869) % 2147483647 AS h FROM (SELECT id FROM range(5000)) AS ids) AS row_round_0) AS row_round_1) AS row_round_2) AS row_hash) AS stream_round) AS draws) AS candidate
WHERE ((1 = 1));

SELECT count(*) AS n FROM parquet.`file:///data/medallion/bronze/users`;

-- mapreduce bronze.products: The product catalog of the event stream.
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/bronze/products' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `product_id`, `product_name`, `category`, `price`
FROM (
SELECT concat('PROD_', CASE WHEN id + 1 < 10000 THEN lpad(CAST(id + 1 AS STRING), 4, '0') ELSE CAST(id + 1 AS STRING) END) AS product_id,
       concat('Product ', CAST(id + 1 AS STRING)) AS product_name,
       element_at(array('Electronics', 'Clothing', 'Books', 'Home', 'Sports', 'Food', 'Toys', 'Health'), CAST(r1 % 8 AS INT) + 1) AS category,
       round(10 + CAST(r2 AS DOUBLE) * 490 / 2147483647, 2) AS price
FROM (SELECT id, (((r1 ^ shiftright(r1, 12)) * 440114875) % 2147483647) AS r1, (((r2 ^ shiftright(r2, 13)) * 996748676) % 2147483647) AS r2 FROM (SELECT id, (h + 385479454) % 2147483647 AS r1, (h + 1109399819) % 2147483647 AS r2 FROM (SELECT id, (((h ^ shiftright(h, 15)) * 2013265905) % 2147483647) AS h FROM (SELECT id, (((h ^ shiftright(h, 13)) * 1664525397) % 2147483647) AS h FROM (SELECT id, (((h ^ shiftright(h, 16)) * 1103515245) % 2147483647) AS h FROM (SELECT id, ((id % 2147483647) + 312852533) % 2147483647 AS h FROM (SELECT id FROM range(500)) AS ids) AS row_round_0) AS row_round_1) AS row_round_2) AS row_hash) AS stream_round) AS draws) AS candidate
WHERE ((1 = 1));

SELECT count(*) AS n FROM parquet.`file:///data/medallion/bronze/products`;

-- mapreduce silver.cleaned_events: Valid events only, typed, with calendar day and hour.
SELECT count(*) AS rows_in,
       sum(CASE WHEN (1 = 1) THEN 1 ELSE 0 END) AS checked,
       sum(CASE WHEN (1 = 1) AND NOT coalesce((_status <> 'parse_error'), false) THEN 1 ELSE 0 END) AS failed_0,
       sum(CASE WHEN (1 = 1) AND NOT coalesce((_status = 'valid'), false) THEN 1 ELSE 0 END) AS failed_1,
       sum(CASE WHEN (1 = 1) AND NOT coalesce((event <> 'purchase' OR (product_id IS NOT NULL AND amount IS NOT NULL AND quantity IS NOT NULL)), false) THEN 1 ELSE 0 END) AS failed_2,
       sum(CASE WHEN (1 = 1) AND NOT coalesce((`amount` IS NULL OR (`amount` > 0)), false) THEN 1 ELSE 0 END) AS failed_3,
       sum(CASE WHEN ((1 = 1)) AND (NOT coalesce((_status <> 'parse_error'), false)) THEN 1 ELSE 0 END) AS removed_0,
       sum(CASE WHEN ((1 = 1)) AND (coalesce((_status <> 'parse_error'), false)) AND (NOT coalesce((_status = 'valid'), false)) THEN 1 ELSE 0 END) AS removed_1,
       sum(CASE WHEN ((1 = 1)) AND (coalesce((_status <> 'parse_error'), false)) AND (coalesce((_status = 'valid'), false)) AND (NOT coalesce((event <> 'purchase' OR (product_id IS NOT NULL AND amount IS NOT NULL AND quantity IS NOT NULL)), false)) THEN 1 ELSE 0 END) AS removed_2,
       sum(CASE WHEN ((1 = 1)) AND (coalesce((_status <> 'parse_error'), false)) AND (coalesce((_status = 'valid'), false)) AND (coalesce((event <> 'purchase' OR (product_id IS NOT NULL AND amount IS NOT NULL AND quantity IS NOT NULL)), false)) AND (NOT coalesce((`amount` IS NULL OR (`amount` > 0)), false)) THEN 1 ELSE 0 END) AS removed_3
FROM (
SELECT ts AS timestamp, user_id, event, device, location, product_id, amount, quantity, page,
       duration_seconds, query, email, CAST(ts AS DATE) AS event_date, CAST(hour(ts) AS INTEGER) AS event_hour,
       _status, _error_message, _raw_data
FROM (
  SELECT CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,6})?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS ts,
         try_cast(user_id AS INTEGER) AS user_id,
         event, device, location, product_id,
         try_cast(amount AS DOUBLE) AS amount,
         try_cast(quantity AS INTEGER) AS quantity,
         page,
         try_cast(duration_seconds AS INTEGER) AS duration_seconds,
         query, email, _status, _error_message, _raw_data
  FROM parquet.`file:///data/medallion/bronze/raw_events` AS b
) AS typed) AS candidate;

INSERT OVERWRITE DIRECTORY 'file:///data/medallion/silver/cleaned_events' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `timestamp`, `user_id`, `event`, `device`, `location`, `product_id`, `amount`, `quantity`, `page`, `duration_seconds`, `query`, `email`, `event_date`, `event_hour`
FROM (
SELECT ts AS timestamp, user_id, event, device, location, product_id, amount, quantity, page,
       duration_seconds, query, email, CAST(ts AS DATE) AS event_date, CAST(hour(ts) AS INTEGER) AS event_hour,
       _status, _error_message, _raw_data
FROM (
  SELECT CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,6})?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS ts,
         try_cast(user_id AS INTEGER) AS user_id,
         event, device, location, product_id,
         try_cast(amount AS DOUBLE) AS amount,
         try_cast(quantity AS INTEGER) AS quantity,
         page,
         try_cast(duration_seconds AS INTEGER) AS duration_seconds,
         query, email, _status, _error_message, _raw_data
  FROM parquet.`file:///data/medallion/bronze/raw_events` AS b
) AS typed) AS candidate
WHERE ((1 = 1)) AND (coalesce((_status <> 'parse_error'), false)) AND (coalesce((_status = 'valid'), false)) AND (coalesce((event <> 'purchase' OR (product_id IS NOT NULL AND amount IS NOT NULL AND quantity IS NOT NULL)), false)) AND (coalesce((`amount` IS NULL OR (`amount` > 0)), false));

SELECT count(*) AS n FROM parquet.`file:///data/medallion/silver/cleaned_events`;

INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_quarantine/silver.cleaned_events' USING parquet OPTIONS ('compression' = 'snappy')
SELECT candidate.*,
       CASE WHEN NOT coalesce((_status <> 'parse_error'), false) THEN 'parses_as_json' WHEN NOT coalesce((_status = 'valid'), false) THEN 'matches_event_schema' WHEN NOT coalesce((event <> 'purchase' OR (product_id IS NOT NULL AND amount IS NOT NULL AND quantity IS NOT NULL)), false) THEN 'purchase_is_complete' WHEN NOT coalesce((`amount` IS NULL OR (`amount` > 0)), false) THEN 'positive_amount' END AS _expectation,
       CASE WHEN NOT coalesce((_status <> 'parse_error'), false) THEN coalesce(_error_message, '_status <> \'parse_error\'') WHEN NOT coalesce((_status = 'valid'), false) THEN coalesce(_error_message, '_status = \'valid\'') WHEN NOT coalesce((event <> 'purchase' OR (product_id IS NOT NULL AND amount IS NOT NULL AND quantity IS NOT NULL)), false) THEN 'a purchase carries product_id, amount and quantity' WHEN NOT coalesce((`amount` IS NULL OR (`amount` > 0)), false) THEN 'amount > 0' END AS _reason,
       '<run-id>' AS _run_id
FROM (
SELECT ts AS timestamp, user_id, event, device, location, product_id, amount, quantity, page,
       duration_seconds, query, email, CAST(ts AS DATE) AS event_date, CAST(hour(ts) AS INTEGER) AS event_hour,
       _status, _error_message, _raw_data
FROM (
  SELECT CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,6})?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS ts,
         try_cast(user_id AS INTEGER) AS user_id,
         event, device, location, product_id,
         try_cast(amount AS DOUBLE) AS amount,
         try_cast(quantity AS INTEGER) AS quantity,
         page,
         try_cast(duration_seconds AS INTEGER) AS duration_seconds,
         query, email, _status, _error_message, _raw_data
  FROM parquet.`file:///data/medallion/bronze/raw_events` AS b
) AS typed) AS candidate
WHERE (1 = 1) AND CASE WHEN NOT coalesce((_status <> 'parse_error'), false) THEN 'quarantine' WHEN NOT coalesce((_status = 'valid'), false) THEN 'quarantine' WHEN NOT coalesce((event <> 'purchase' OR (product_id IS NOT NULL AND amount IS NOT NULL AND quantity IS NOT NULL)), false) THEN 'quarantine' WHEN NOT coalesce((`amount` IS NULL OR (`amount` > 0)), false) THEN 'drop' END = 'quarantine';

SELECT count(*) AS n FROM parquet.`file:///data/medallion/_quarantine/silver.cleaned_events`;

SELECT count(*) AS checked, sum(CASE WHEN NOT coalesce((`event_hour` IS NULL OR (`event_hour` >= 0 AND `event_hour` <= 23)), false) THEN 1 ELSE 0 END) AS failed_4, sum(CASE WHEN NOT coalesce((`event` IS NULL OR `event` IN ('login', 'view', 'purchase', 'logout', 'signup', 'search', 'add_to_cart')), false) THEN 1 ELSE 0 END) AS failed_5, sum(CASE WHEN NOT coalesce((`user_id` IS NULL OR `user_id` IN (SELECT `user_id` FROM parquet.`file:///data/medallion/bronze/users` AS referenced)), false) THEN 1 ELSE 0 END) AS failed_6, sum(CASE WHEN NOT coalesce((`product_id` IS NULL OR `product_id` IN (SELECT `product_id` FROM parquet.`file:///data/medallion/bronze/products` AS referenced)), false) THEN 1 ELSE 0 END) AS failed_7 FROM parquet.`file:///data/medallion/silver/cleaned_events` AS written;

SELECT CASE WHEN max(`timestamp`) IS NULL OR (CAST(unix_micros(max(`timestamp`)) AS DOUBLE) / 1000000) < 1768348800 THEN 1 ELSE 0 END AS failures, 1 AS checked,
                       CAST(max(`timestamp`) AS STRING) AS observed FROM parquet.`file:///data/medallion/silver/cleaned_events` AS r;

-- mapreduce gold.user_engagement: Activity, spend and engagement score of each user.
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/gold/user_engagement' USING parquet OPTIONS ('compression' = 'snappy')
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
  FROM parquet.`file:///data/medallion/silver/cleaned_events` AS e
  GROUP BY user_id
) AS per_user
ORDER BY user_id) AS candidate
WHERE ((1 = 1));

SELECT count(*) AS n FROM parquet.`file:///data/medallion/gold/user_engagement`;

SELECT count(*) AS checked, sum(CASE WHEN NOT coalesce((`engagement_score` IS NULL OR (`engagement_score` >= 0)), false) THEN 1 ELSE 0 END) AS failed_0, sum(CASE WHEN NOT coalesce((`unique_event_types` IS NULL OR (`unique_event_types` >= 1 AND `unique_event_types` <= 7)), false) THEN 1 ELSE 0 END) AS failed_1 FROM parquet.`file:///data/medallion/gold/user_engagement` AS written;

SELECT coalesce(sum(n), 0) AS failures, (SELECT count(*) FROM parquet.`file:///data/medallion/gold/user_engagement` AS all_rows) AS checked,
       CAST(count(*) AS STRING) AS observed
FROM (SELECT `user_id`, count(*) AS n FROM parquet.`file:///data/medallion/gold/user_engagement` AS r WHERE `user_id` IS NOT NULL GROUP BY `user_id` HAVING count(*) > 1) AS duplicated;

SELECT CASE WHEN abs(coalesce(mine, 0) - coalesce(theirs, 0)) > 0 THEN 1 ELSE 0 END AS failures, 1 AS checked,
       concat(CAST(mine AS STRING), ' vs ', CAST(theirs AS STRING)) AS observed
FROM (SELECT sum(total_events) AS mine FROM parquet.`file:///data/medallion/gold/user_engagement` AS r) AS a
CROSS JOIN (SELECT count(*) AS theirs FROM parquet.`file:///data/medallion/silver/cleaned_events` AS s) AS b;

SELECT CASE WHEN abs(coalesce(mine, 0) - coalesce(theirs, 0)) > 1 THEN 1 ELSE 0 END AS failures, 1 AS checked,
       concat(CAST(mine AS STRING), ' vs ', CAST(theirs AS STRING)) AS observed
FROM (SELECT sum(total_spent) AS mine FROM parquet.`file:///data/medallion/gold/user_engagement` AS r) AS a
CROSS JOIN (SELECT sum(amount) AS theirs FROM parquet.`file:///data/medallion/silver/cleaned_events` AS s) AS b;

-- mapreduce gold.event_funnel: Daily view → add-to-cart → purchase funnel with conversion rates.
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/gold/event_funnel' USING parquet OPTIONS ('compression' = 'snappy')
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
  FROM parquet.`file:///data/medallion/silver/cleaned_events` AS e
  GROUP BY event_date
) AS daily
ORDER BY event_date) AS candidate
WHERE ((1 = 1));

SELECT count(*) AS n FROM parquet.`file:///data/medallion/gold/event_funnel`;

SELECT count(*) AS checked, sum(CASE WHEN NOT coalesce((`view_to_cart_rate` IS NULL OR (`view_to_cart_rate` >= 0 AND `view_to_cart_rate` <= 100)), false) THEN 1 ELSE 0 END) AS failed_0, sum(CASE WHEN NOT coalesce((`cart_to_purchase_rate` IS NULL OR (`cart_to_purchase_rate` >= 0 AND `cart_to_purchase_rate` <= 100)), false) THEN 1 ELSE 0 END) AS failed_1, sum(CASE WHEN NOT coalesce((`overall_conversion_rate` IS NULL OR (`overall_conversion_rate` >= 0 AND `overall_conversion_rate` <= 100)), false) THEN 1 ELSE 0 END) AS failed_2 FROM parquet.`file:///data/medallion/gold/event_funnel` AS written;

SELECT coalesce(sum(n), 0) AS failures, (SELECT count(*) FROM parquet.`file:///data/medallion/gold/event_funnel` AS all_rows) AS checked,
       CAST(count(*) AS STRING) AS observed
FROM (SELECT `event_date`, count(*) AS n FROM parquet.`file:///data/medallion/gold/event_funnel` AS r WHERE `event_date` IS NOT NULL GROUP BY `event_date` HAVING count(*) > 1) AS duplicated;

SELECT CASE WHEN abs(coalesce(mine, 0) - coalesce(theirs, 0)) > 0 THEN 1 ELSE 0 END AS failures, 1 AS checked,
       concat(CAST(mine AS STRING), ' vs ', CAST(theirs AS STRING)) AS observed
FROM (SELECT sum(total_events) AS mine FROM parquet.`file:///data/medallion/gold/event_funnel` AS r) AS a
CROSS JOIN (SELECT count(*) AS theirs FROM parquet.`file:///data/medallion/silver/cleaned_events` AS s) AS b;

SELECT CASE WHEN abs(coalesce(mine, 0) - coalesce(theirs, 0)) > 0 THEN 1 ELSE 0 END AS failures, 1 AS checked,
       concat(CAST(mine AS STRING), ' vs ', CAST(theirs AS STRING)) AS observed
FROM (SELECT sum(purchases) AS mine FROM parquet.`file:///data/medallion/gold/event_funnel` AS r) AS a
CROSS JOIN (SELECT count(*) AS theirs FROM parquet.`file:///data/medallion/silver/cleaned_events` AS s WHERE event = 'purchase') AS b;

-- mapreduce gold.device_location_analytics: Events per device and location.
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/gold/device_location_analytics' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `device`, `location`, `event_count`
FROM (
SELECT device, location, count(*) AS event_count
FROM parquet.`file:///data/medallion/silver/cleaned_events` AS e
GROUP BY device, location
ORDER BY event_count DESC, device, location) AS candidate
WHERE ((1 = 1));

SELECT count(*) AS n FROM parquet.`file:///data/medallion/gold/device_location_analytics`;

SELECT CASE WHEN abs(coalesce(mine, 0) - coalesce(theirs, 0)) > 0 THEN 1 ELSE 0 END AS failures, 1 AS checked,
       concat(CAST(mine AS STRING), ' vs ', CAST(theirs AS STRING)) AS observed
FROM (SELECT sum(event_count) AS mine FROM parquet.`file:///data/medallion/gold/device_location_analytics` AS r) AS a
CROSS JOIN (SELECT count(*) AS theirs FROM parquet.`file:///data/medallion/silver/cleaned_events` AS s) AS b;

-- mapreduce gold.revenue_analytics: Daily purchase revenue and purchasing customers.
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/gold/revenue_analytics' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `event_date`, `total_revenue`, `unique_customers`, `total_purchases`, `avg_order_value`
FROM (
SELECT event_date, round(sum(amount), 2) AS total_revenue, count(DISTINCT user_id) AS unique_customers,
       count(*) AS total_purchases, round(avg(amount), 2) AS avg_order_value
FROM parquet.`file:///data/medallion/silver/cleaned_events` AS e
WHERE event = 'purchase'
GROUP BY event_date
ORDER BY event_date) AS candidate
WHERE ((1 = 1));

SELECT count(*) AS n FROM parquet.`file:///data/medallion/gold/revenue_analytics`;

SELECT count(*) AS checked, sum(CASE WHEN NOT coalesce((`avg_order_value` IS NULL OR (`avg_order_value` > 0)), false) THEN 1 ELSE 0 END) AS failed_0 FROM parquet.`file:///data/medallion/gold/revenue_analytics` AS written;

SELECT CASE WHEN abs(coalesce(mine, 0) - coalesce(theirs, 0)) > 0 THEN 1 ELSE 0 END AS failures, 1 AS checked,
       concat(CAST(mine AS STRING), ' vs ', CAST(theirs AS STRING)) AS observed
FROM (SELECT sum(total_purchases) AS mine FROM parquet.`file:///data/medallion/gold/revenue_analytics` AS r) AS a
CROSS JOIN (SELECT count(*) AS theirs FROM parquet.`file:///data/medallion/silver/cleaned_events` AS s WHERE event = 'purchase') AS b;

SELECT CASE WHEN abs(coalesce(mine, 0) - coalesce(theirs, 0)) > 1 THEN 1 ELSE 0 END AS failures, 1 AS checked,
       concat(CAST(mine AS STRING), ' vs ', CAST(theirs AS STRING)) AS observed
FROM (SELECT sum(total_revenue) AS mine FROM parquet.`file:///data/medallion/gold/revenue_analytics` AS r) AS a
CROSS JOIN (SELECT sum(amount) AS theirs FROM parquet.`file:///data/medallion/silver/cleaned_events` AS s WHERE event = 'purchase') AS b;

-- mapreduce gold.hourly_patterns: Activity by hour of day, over all days.
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/gold/hourly_patterns' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `event_hour`, `event_count`, `unique_users`, `purchases`, `revenue`
FROM (
SELECT event_hour, count(*) AS event_count, count(DISTINCT user_id) AS unique_users,
       count(CASE WHEN event = 'purchase' THEN 1 END) AS purchases,
       round(coalesce(sum(amount), 0), 2) AS revenue
FROM parquet.`file:///data/medallion/silver/cleaned_events` AS e
GROUP BY event_hour
ORDER BY event_hour) AS candidate
WHERE ((1 = 1));

SELECT count(*) AS n FROM parquet.`file:///data/medallion/gold/hourly_patterns`;

SELECT count(*) AS checked, sum(CASE WHEN NOT coalesce((`event_hour` IS NULL OR (`event_hour` >= 0 AND `event_hour` <= 23)), false) THEN 1 ELSE 0 END) AS failed_0 FROM parquet.`file:///data/medallion/gold/hourly_patterns` AS written;

SELECT CASE WHEN n > 24 THEN 1 ELSE 0 END AS failures, 1 AS checked, CAST(n AS STRING) AS observed FROM (SELECT count(*) AS n FROM parquet.`file:///data/medallion/gold/hourly_patterns` AS r) AS counted;

SELECT CASE WHEN abs(coalesce(mine, 0) - coalesce(theirs, 0)) > 0 THEN 1 ELSE 0 END AS failures, 1 AS checked,
       concat(CAST(mine AS STRING), ' vs ', CAST(theirs AS STRING)) AS observed
FROM (SELECT sum(event_count) AS mine FROM parquet.`file:///data/medallion/gold/hourly_patterns` AS r) AS a
CROSS JOIN (SELECT count(*) AS theirs FROM parquet.`file:///data/medallion/silver/cleaned_events` AS s) AS b;

-- mapreduce gold.event_type_counts: Events per type: the group-by-key pattern.
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/gold/event_type_counts' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `event`, `event_count`
FROM (
SELECT event, count(*) AS event_count
FROM parquet.`file:///data/medallion/silver/cleaned_events` AS e
GROUP BY event
ORDER BY event_count DESC, event) AS candidate
WHERE ((1 = 1));

SELECT count(*) AS n FROM parquet.`file:///data/medallion/gold/event_type_counts`;

SELECT count(*) AS checked, sum(CASE WHEN NOT coalesce((`event` IS NULL OR `event` IN ('login', 'view', 'purchase', 'logout', 'signup', 'search', 'add_to_cart')), false) THEN 1 ELSE 0 END) AS failed_0 FROM parquet.`file:///data/medallion/gold/event_type_counts` AS written;

SELECT CASE WHEN abs(coalesce(mine, 0) - coalesce(theirs, 0)) > 0 THEN 1 ELSE 0 END AS failures, 1 AS checked,
       concat(CAST(mine AS STRING), ' vs ', CAST(theirs AS STRING)) AS observed
FROM (SELECT sum(event_count) AS mine FROM parquet.`file:///data/medallion/gold/event_type_counts` AS r) AS a
CROSS JOIN (SELECT count(*) AS theirs FROM parquet.`file:///data/medallion/silver/cleaned_events` AS s) AS b;

-- mapreduce gold.top_users: The ten most active users; ties broken by the smaller user id.
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/gold/top_users' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `rank`, `user_id`, `event_count`
FROM (
SELECT CAST(row_number() OVER (ORDER BY event_count DESC, user_id) AS INTEGER) AS rank, user_id, event_count
FROM (SELECT user_id, count(*) AS event_count FROM parquet.`file:///data/medallion/silver/cleaned_events` AS e GROUP BY user_id) AS per_user
ORDER BY event_count DESC, user_id
LIMIT 10) AS candidate
WHERE ((1 = 1));

SELECT count(*) AS n FROM parquet.`file:///data/medallion/gold/top_users`;

SELECT count(*) AS checked, sum(CASE WHEN NOT coalesce((`user_id` IS NULL OR `user_id` IN (SELECT `user_id` FROM parquet.`file:///data/medallion/silver/cleaned_events` AS referenced)), false) THEN 1 ELSE 0 END) AS failed_0 FROM parquet.`file:///data/medallion/gold/top_users` AS written;

SELECT CASE WHEN n > 10 THEN 1 ELSE 0 END AS failures, 1 AS checked, CAST(n AS STRING) AS observed FROM (SELECT count(*) AS n FROM parquet.`file:///data/medallion/gold/top_users` AS r) AS counted;

SELECT coalesce(sum(n), 0) AS failures, (SELECT count(*) FROM parquet.`file:///data/medallion/gold/top_users` AS all_rows) AS checked,
       CAST(count(*) AS STRING) AS observed
FROM (SELECT `rank`, count(*) AS n FROM parquet.`file:///data/medallion/gold/top_users` AS r WHERE `rank` IS NOT NULL GROUP BY `rank` HAVING count(*) > 1) AS duplicated;

-- mapreduce gold.word_count: Occurrences of each lower-cased word of search queries: the classic word count.
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/gold/word_count' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `word`, `occurrences`
FROM (
SELECT word, count(*) AS occurrences
FROM (
  SELECT explode(split(lower(query), ' ')) AS word
  FROM parquet.`file:///data/medallion/silver/cleaned_events` AS e
  WHERE event = 'search' AND query IS NOT NULL
) AS words
WHERE word <> ''
GROUP BY word
ORDER BY occurrences DESC, word) AS candidate
WHERE ((1 = 1));

SELECT count(*) AS n FROM parquet.`file:///data/medallion/gold/word_count`;

SELECT count(*) AS checked, sum(CASE WHEN NOT coalesce((`word` IS NULL OR (`word` RLIKE '^(?:[a-z0-9]+)\\z')), false) THEN 1 ELSE 0 END) AS failed_0, sum(CASE WHEN NOT coalesce((`occurrences` IS NULL OR (`occurrences` >= 1)), false) THEN 1 ELSE 0 END) AS failed_1 FROM parquet.`file:///data/medallion/gold/word_count` AS written;

-- mapreduce gold.product_revenue: Purchases, units and revenue per product, joined to the small catalog on the map side.
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/gold/product_revenue' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `product_id`, `product_name`, `category`, `purchases`, `units`, `revenue`
FROM (
SELECT /*+ BROADCAST(p) */ p.product_id, p.product_name, p.category,
       count(*) AS purchases, CAST(sum(e.quantity) AS BIGINT) AS units, round(sum(e.amount), 2) AS revenue
FROM parquet.`file:///data/medallion/silver/cleaned_events` AS e
JOIN parquet.`file:///data/medallion/bronze/products` AS p ON e.product_id = p.product_id
WHERE e.event = 'purchase'
GROUP BY p.product_id, p.product_name, p.category
ORDER BY revenue DESC, p.product_id) AS candidate
WHERE ((1 = 1));

SELECT count(*) AS n FROM parquet.`file:///data/medallion/gold/product_revenue`;

SELECT count(*) AS checked, sum(CASE WHEN NOT coalesce((`product_id` IS NULL OR `product_id` IN (SELECT `product_id` FROM parquet.`file:///data/medallion/bronze/products` AS referenced)), false) THEN 1 ELSE 0 END) AS failed_0, sum(CASE WHEN NOT coalesce((`units` IS NULL OR (`units` >= 1)), false) THEN 1 ELSE 0 END) AS failed_1 FROM parquet.`file:///data/medallion/gold/product_revenue` AS written;

SELECT CASE WHEN abs(coalesce(mine, 0) - coalesce(theirs, 0)) > 0 THEN 1 ELSE 0 END AS failures, 1 AS checked,
       concat(CAST(mine AS STRING), ' vs ', CAST(theirs AS STRING)) AS observed
FROM (SELECT sum(purchases) AS mine FROM parquet.`file:///data/medallion/gold/product_revenue` AS r) AS a
CROSS JOIN (SELECT count(*) AS theirs FROM parquet.`file:///data/medallion/silver/cleaned_events` AS s WHERE event = 'purchase' AND product_id IN (SELECT product_id FROM parquet.`file:///data/medallion/bronze/products` AS p)) AS b;

-- mapreduce gold.user_segments: Active users, events and revenue per tier and country: a reduce-side join after a combiner.
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/gold/user_segments' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `tier`, `country`, `users`, `events`, `revenue`
FROM (
SELECT /*+ MERGE(u) */ u.tier, u.country, count(*) AS users, CAST(sum(a.events) AS BIGINT) AS events,
       round(sum(a.revenue), 2) AS revenue
FROM (
  SELECT user_id, count(*) AS events, coalesce(sum(amount), 0) AS revenue
  FROM parquet.`file:///data/medallion/silver/cleaned_events` AS e
  GROUP BY user_id
) AS a
JOIN parquet.`file:///data/medallion/bronze/users` AS u ON a.user_id = u.user_id
GROUP BY u.tier, u.country
ORDER BY u.tier, u.country) AS candidate
WHERE ((1 = 1));

SELECT count(*) AS n FROM parquet.`file:///data/medallion/gold/user_segments`;

SELECT count(*) AS checked, sum(CASE WHEN NOT coalesce((`tier` IS NULL OR `tier` IN ('free', 'basic', 'plus', 'premium')), false) THEN 1 ELSE 0 END) AS failed_0 FROM parquet.`file:///data/medallion/gold/user_segments` AS written;

SELECT CASE WHEN abs(coalesce(mine, 0) - coalesce(theirs, 0)) > 0 THEN 1 ELSE 0 END AS failures, 1 AS checked,
       concat(CAST(mine AS STRING), ' vs ', CAST(theirs AS STRING)) AS observed
FROM (SELECT sum(events) AS mine FROM parquet.`file:///data/medallion/gold/user_segments` AS r) AS a
CROSS JOIN (SELECT count(*) AS theirs FROM parquet.`file:///data/medallion/silver/cleaned_events` AS s WHERE user_id IN (SELECT user_id FROM parquet.`file:///data/medallion/bronze/users` AS u)) AS b;
