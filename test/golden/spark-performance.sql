-- session settings
SET spark.sql.adaptive.enabled=true;

SET spark.sql.adaptive.coalescePartitions.enabled=true;

SET spark.sql.shuffle.partitions=20;

SET spark.sql.session.timeZone=UTC;

SET spark.sql.ansi.enabled=true;

SET spark.sql.parquet.outputTimestampType=TIMESTAMP_MICROS;

-- performance bronze.sessions: Web-session events as received: one row per event, timestamps as text, amounts on purchases only.
-- write
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/bronze/sessions' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `event_id`, `session_id`, `user_id`, `timestamp`, `event`, `device`, `region`, `amount`, `page_views`
FROM (
SELECT concat(session_id, '-', lpad(CAST(position + 1 AS STRING), 2, '0')) AS event_id, session_id, user_id,
       date_format(timestamp_seconds(CAST(start_second + position * 120 + jitter_draw % 60 AS BIGINT)), 'yyyy-MM-dd\'T\'HH:mm:ss') AS timestamp,
       event, device, region,
       CASE WHEN event = 'purchase' THEN round(10 + CAST(value_draw AS DOUBLE) * 490 / 2147483647, 2) ELSE 0.0 END AS amount,
       CAST(CASE WHEN event = 'page_view' THEN (1 + value_draw % 20) ELSE 0 END AS INTEGER) AS page_views
FROM (
  SELECT session_id, user_id, start_second, device, region, position, value_draw, jitter_draw,
         CASE WHEN type_draw % 100 < 12 THEN 'login' WHEN type_draw % 100 < 46 THEN 'page_view' WHEN type_draw % 100 < 64 THEN 'search' WHEN type_draw % 100 < 78 THEN 'add_to_cart' WHEN type_draw % 100 < 88 THEN 'purchase' ELSE 'logout' END AS event
  FROM (
    SELECT s.session_id, s.user_id, s.start_second, s.device, s.region, k.id AS position,
           CASE k.id WHEN 0 THEN s.r6 WHEN 1 THEN s.r9 WHEN 2 THEN s.r12 WHEN 3 THEN s.r15 WHEN 4 THEN s.r18 WHEN 5 THEN s.r21 WHEN 6 THEN s.r24 WHEN 7 THEN s.r27 WHEN 8 THEN s.r30 WHEN 9 THEN s.r33 END AS type_draw, CASE k.id WHEN 0 THEN s.r7 WHEN 1 THEN s.r10 WHEN 2 THEN s.r13 WHEN 3 THEN s.r16 WHEN 4 THEN s.r19 WHEN 5 THEN s.r22 WHEN 6 THEN s.r25 WHEN 7 THEN s.r28 WHEN 8 THEN s.r31 WHEN 9 THEN s.r34 END AS value_draw, CASE k.id WHEN 0 THEN s.r8 WHEN 1 THEN s.r11 WHEN 2 THEN s.r14 WHEN 3 THEN s.r17 WHEN 4 THEN s.r20 WHEN 5 THEN s.r23 WHEN 6 THEN s.r26 WHEN 7 THEN s.r29 WHEN 8 THEN s.r32 WHEN 9 THEN s.r35 END AS jitter_draw
    FROM (
      SELECT concat('sess_', CASE WHEN id + 1 < 10000000 THEN lpad(CAST(id + 1 AS STRING), 7, '0') ELSE CAST(id + 1 AS STRING) END) AS session_id,
             CAST((1 + r1 % 2000) AS INTEGER) AS user_id,
             1765843200 + (0 + r2 % 2590800) AS start_second,
             (1 + r3 % 10) AS events,
             element_at(array('mobile', 'desktop', 'tablet'), CAST(r4 % 3 AS INT) + 1) AS device,
             element_at(array('US-West', 'US-East', 'EU', 'APAC', 'LATAM'), CAST(r5 % 5 AS INT) + 1) AS region,
             r6, r7, r8, r9, r10, r11, r12, r13, r14, r15, r16, r17, r18, r19, r20, r21, r22, r23, r24, r25, r26, r27, r28, r29, r30, r31, r32, r33, r34, r35
      FROM (SELECT id, (((r1 ^ shiftright(r1, 12)) * 440114875) % 2147483647) AS r1, (((r2 ^ shiftright(r2, 13)) * 996748676) % 2147483647) AS r2, (((r3 ^ shiftright(r3, 14)) * 91290546) % 2147483647) AS r3, (((r4 ^ shiftright(r4, 15)) * 1691124117) % 2147483647) AS r4, (((r5 ^ shiftright(r5, 16)) * 209182507) % 2147483647) AS r5, (((r6 ^ shiftright(r6, 17)) * 1438882394) % 2147483647) AS r6, (((r7 ^ shiftright(r7, 11)) * 451290566) % 2147483647) AS r7, (((r8 ^ shiftright(r8, 12)) * 2104333898) % 2147483647) AS r8, (((r9 ^ shiftright(r9, 13)) * 237159108) % 2147483647) AS r9, (((r10 ^ shiftright(r10, 14)) * 501383456) % 2147483647) AS r10, (((r11 ^ shiftright(r11, 15)) * 1099751593) % 2147483647) AS r11, (((r12 ^ shiftright(r12, 16)) * 464445127) % 2147483647) AS r12, (((r13 ^ shiftright(r13, 17)) * 525823983) % 2147483647) AS r13, (((r14 ^ shiftright(r14, 11)) * 150418002) % 2147483647) AS r14, (((r15 ^ shiftright(r15, 12)) * 1298598397) % 2147483647) AS r15, (((r16 ^ shiftright(r16, 13)) * 1075005310) % 2147483647) AS r16, (((r17 ^ shiftright(r17, 14)) * 1121295785) % 2147483647) AS r17, (((r18 ^ shiftright(r18, 15)) * 323323258) % 2147483647) AS r18, (((r19 ^ shiftright(r19, 16)) * 754537168) % 2147483647) AS r19, (((r20 ^ shiftright(r20, 17)) * 129563877) % 2147483647) AS r20, (((r21 ^ shiftright(r21, 11)) * 1998901821) % 2147483647) AS r21, (((r22 ^ shiftright(r22, 12)) * 1446186320) % 2147483647) AS r22, (((r23 ^ shiftright(r23, 13)) * 1448798766) % 2147483647) AS r23, (((r24 ^ shiftright(r24, 14)) * 322611153) % 2147483647) AS r24, (((r25 ^ shiftright(r25, 15)) * 509896829) % 2147483647) AS r25, (((r26 ^ shiftright(r26, 16)) * 689269736) % 2147483647) AS r26, (((r27 ^ shiftright(r27, 17)) * 1268106547) % 2147483647) AS r27, (((r28 ^ shiftright(r28, 11)) * 1816147685) % 2147483647) AS r28, (((r29 ^ shiftright(r29, 12)) * 1944845666) % 2147483647) AS r29, (((r30 ^ shiftright(r30, 13)) * 614809200) % 2147483647) AS r30, (((r31 ^ shiftright(r31, 14)) * 805759162) % 2147483647) AS r31, (((r32 ^ shiftright(r32, 15)) * 53849531) % 2147483647) AS r32, (((r33 ^ shiftright(r33, 16)) * 2015664635) % 2147483647) AS r33, (((r34 ^ shiftright(r34, 17)) * 2021801110) % 2147483647) AS r34, (((r35 ^ shiftright(r35, 11)) * 311877855) % 2147483647) AS r35 FROM (SELECT id, (h + 385479454) % 2147483647 AS r1, (h + 1109399819) % 2147483647 AS r2, (h + 429645915) % 2147483647 AS r3, (h + 956855668) % 2147483647 AS r4, (h + 1276755186) % 2147483647 AS r5, (h + 1332313408) % 2147483647 AS r6, (h + 1115049314) % 2147483647 AS r7, (h + 116144698) % 2147483647 AS r8, (h + 293628729) % 2147483647 AS r9, (h + 1148463212) % 2147483647 AS r10, (h + 983889286) % 2147483647 AS r11, (h + 1000245395) % 2147483647 AS r12, (h + 1414500959) % 2147483647 AS r13, (h + 1354287699) % 2147483647 AS r14, (h + 744568748) % 2147483647 AS r15, (h + 1521434274) % 2147483647 AS r16, (h + 1517942604) % 2147483647 AS r17, (h + 1321945358) % 2147483647 AS r18, (h + 1856805545) % 2147483647 AS r19, (h + 900705762) % 2147483647 AS r20, (h + 1242465533) % 2147483647 AS r21, (h + 2084916329) % 2147483647 AS r22, (h + 154312578) % 2147483647 AS r23, (h + 2133786932) % 2147483647 AS r24, (h + 67851495) % 2147483647 AS r25, (h + 1202372829) % 2147483647 AS r26, (h + 1963622090) % 2147483647 AS r27, (h + 561091751) % 2147483647 AS r28, (h + 1460371815) % 2147483647 AS r29, (h + 1344974781) % 2147483647 AS r30, (h + 1356949021) % 2147483647 AS r31, (h + 1028681043) % 2147483647 AS r32, (h + 630950943) % 2147483647 AS r33, (h + 474490262) % 2147483647 AS r34, (h + 1878315580) % 2147483647 AS r35 FROM (SELECT id, (((h ^ shiftright(h, 15)) * 2013265905) % 2147483647) AS h FROM (SELECT id, (((h ^ shiftright(h, 13)) * 1664525397) % 2147483647) AS h FROM (SELECT id, (((h ^ shiftright(h, 16)) * 1103515245) % 2147483647) AS h FROM (SELECT id, ((id % 2147483647) + 614890754) % 2147483647 AS h FROM (SELECT id FROM range(10000)) AS ids) AS row_round_0) AS row_round_1) AS row_round_2) AS row_hash) AS stream_round) AS draws
    ) AS s
    CROSS JOIN (SELECT id FROM range(10)) AS k
    WHERE k.id < s.events
  ) AS positioned
) AS events
ORDER BY event_id) AS candidate
WHERE ((1 = 1));

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/sessions` AS d;

-- profile, with has_sessions (ranges only of the columns that are numbers or dates)
SELECT p.*, k0.d0, CASE WHEN p.t0_own_n < 1 THEN 1 ELSE 0 END AS t0_failures, 1 AS t0_checked, CAST(p.t0_own_n AS STRING) AS t0_observed
FROM (SELECT count(*) AS n, count(`event_id`) AS c0, 0 AS u0, CAST(min(`event_id`) AS STRING) AS lo0, CAST(max(`event_id`) AS STRING) AS hi0, count(`session_id`) AS c1, approx_count_distinct(`session_id`) AS u1, CAST(min(`session_id`) AS STRING) AS lo1, CAST(max(`session_id`) AS STRING) AS hi1, count(`user_id`) AS c2, approx_count_distinct(`user_id`) AS u2, CAST(min(`user_id`) AS STRING) AS lo2, CAST(max(`user_id`) AS STRING) AS hi2, count(`timestamp`) AS c3, approx_count_distinct(`timestamp`) AS u3, CAST(min(`timestamp`) AS STRING) AS lo3, CAST(max(`timestamp`) AS STRING) AS hi3, count(`event`) AS c4, approx_count_distinct(`event`) AS u4, CAST(min(`event`) AS STRING) AS lo4, CAST(max(`event`) AS STRING) AS hi4, count(`device`) AS c5, approx_count_distinct(`device`) AS u5, CAST(min(`device`) AS STRING) AS lo5, CAST(max(`device`) AS STRING) AS hi5, count(`region`) AS c6, approx_count_distinct(`region`) AS u6, CAST(min(`region`) AS STRING) AS lo6, CAST(max(`region`) AS STRING) AS hi6, count(`amount`) AS c7, approx_count_distinct(`amount`) AS u7, CAST(min(`amount`) AS STRING) AS lo7, CAST(max(`amount`) AS STRING) AS hi7, count(`page_views`) AS c8, approx_count_distinct(`page_views`) AS u8, CAST(min(`page_views`) AS STRING) AS lo8, CAST(max(`page_views`) AS STRING) AS hi8, count(*) AS t0_own_n FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/sessions` AS r) AS p
CROSS JOIN (SELECT coalesce(sum(occurrences - 1), 0) AS d0 FROM (SELECT count(*) AS occurrences FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/sessions` AS r WHERE `event_id` IS NOT NULL GROUP BY xxhash64(`event_id`)) AS g) AS k0;

-- top values of session_id, user_id, timestamp, event, device, region, amount, page_views (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`session_id`) = 0 THEN 'session_id' WHEN grouping(`user_id`) = 0 THEN 'user_id' WHEN grouping(`timestamp`) = 0 THEN 'timestamp' WHEN grouping(`event`) = 0 THEN 'event' WHEN grouping(`device`) = 0 THEN 'device' WHEN grouping(`region`) = 0 THEN 'region' WHEN grouping(`amount`) = 0 THEN 'amount' WHEN grouping(`page_views`) = 0 THEN 'page_views' END AS col, CASE WHEN grouping(`session_id`) = 0 THEN CAST(`session_id` AS STRING) WHEN grouping(`user_id`) = 0 THEN CAST(`user_id` AS STRING) WHEN grouping(`timestamp`) = 0 THEN CAST(`timestamp` AS STRING) WHEN grouping(`event`) = 0 THEN CAST(`event` AS STRING) WHEN grouping(`device`) = 0 THEN CAST(`device` AS STRING) WHEN grouping(`region`) = 0 THEN CAST(`region` AS STRING) WHEN grouping(`amount`) = 0 THEN CAST(`amount` AS STRING) WHEN grouping(`page_views`) = 0 THEN CAST(`page_views` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/sessions` AS t GROUP BY GROUPING SETS ((`session_id`), (`user_id`), (`timestamp`), (`event`), (`device`), (`region`), (`amount`), (`page_views`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- performance bronze.devices: The device dimension: a handful of rows, broadcast to every task of the join that reads it.
-- write
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/bronze/devices' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `device`, `device_name`, `os_family`, `screen_size`, `device_class`
FROM (
SELECT * FROM (
  SELECT 'mobile' AS device, 'Mobile Device' AS device_name, 'iOS/Android' AS os_family, 'Small Screen' AS screen_size, 'handheld' AS device_class
  UNION ALL
  SELECT 'desktop' AS device, 'Desktop Computer' AS device_name, 'Windows/Mac/Linux' AS os_family, 'Large Screen' AS screen_size, 'desktop' AS device_class
  UNION ALL
  SELECT 'tablet' AS device, 'Tablet Device' AS device_name, 'iOS/Android' AS os_family, 'Medium Screen' AS screen_size, 'handheld' AS device_class
) AS dimension
ORDER BY device) AS candidate
WHERE ((1 = 1));

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/devices` AS d;

-- profile (ranges only of the columns that are numbers or dates)
SELECT p.*, k0.d0
FROM (SELECT count(*) AS n, count(`device`) AS c0, 0 AS u0, CAST(min(`device`) AS STRING) AS lo0, CAST(max(`device`) AS STRING) AS hi0, count(`device_name`) AS c1, approx_count_distinct(`device_name`) AS u1, CAST(min(`device_name`) AS STRING) AS lo1, CAST(max(`device_name`) AS STRING) AS hi1, count(`os_family`) AS c2, approx_count_distinct(`os_family`) AS u2, CAST(min(`os_family`) AS STRING) AS lo2, CAST(max(`os_family`) AS STRING) AS hi2, count(`screen_size`) AS c3, approx_count_distinct(`screen_size`) AS u3, CAST(min(`screen_size`) AS STRING) AS lo3, CAST(max(`screen_size`) AS STRING) AS hi3, count(`device_class`) AS c4, approx_count_distinct(`device_class`) AS u4, CAST(min(`device_class`) AS STRING) AS lo4, CAST(max(`device_class`) AS STRING) AS hi4 FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/devices` AS r) AS p
CROSS JOIN (SELECT coalesce(sum(occurrences - 1), 0) AS d0 FROM (SELECT count(*) AS occurrences FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/devices` AS r WHERE `device` IS NOT NULL GROUP BY xxhash64(`device`)) AS g) AS k0;

-- top values of device_name, os_family, screen_size, device_class (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`device_name`) = 0 THEN 'device_name' WHEN grouping(`os_family`) = 0 THEN 'os_family' WHEN grouping(`screen_size`) = 0 THEN 'screen_size' WHEN grouping(`device_class`) = 0 THEN 'device_class' END AS col, CASE WHEN grouping(`device_name`) = 0 THEN CAST(`device_name` AS STRING) WHEN grouping(`os_family`) = 0 THEN CAST(`os_family` AS STRING) WHEN grouping(`screen_size`) = 0 THEN CAST(`screen_size` AS STRING) WHEN grouping(`device_class`) = 0 THEN CAST(`device_class` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/devices` AS t GROUP BY GROUPING SETS ((`device_name`), (`os_family`), (`screen_size`), (`device_class`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- performance silver.enriched_events: Typed session events with window columns per user and per session, and the device dimension joined by broadcast.
-- write
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/silver/enriched_events' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `event_id`, `session_id`, `user_id`, `timestamp`, `event`, `device`, `region`, `amount`, `page_views`, `event_date`, `event_hour`, `event_weekday`, `device_name`, `device_class`, `session_start`, `session_end`, `session_date`, `prev_event_time`, `seconds_since_previous`, `running_total_spent`, `session_event_number`, `purchase_rank`, `moving_avg_amount`
FROM (
SELECT event_id, session_id, user_id, timestamp, event, device, region, amount, page_views,
       event_date, event_hour, event_weekday, device_name, device_class,
       session_start, session_end, CAST(session_start AS DATE) AS session_date,
       prev_event_time,
       CAST((CAST(unix_micros(timestamp) AS DOUBLE) / 1000000) - (CAST(unix_micros(prev_event_time) AS DOUBLE) / 1000000) AS BIGINT) AS seconds_since_previous,
       running_total_spent, session_event_number, purchase_rank, moving_avg_amount
FROM (
  SELECT /*+ BROADCAST(dv) */ e.event_id, e.session_id, e.user_id, e.ts AS timestamp, e.event, e.device, e.region, e.amount, e.page_views,
         CAST(e.ts AS DATE) AS event_date, CAST(hour(e.ts) AS INTEGER) AS event_hour, (weekday(e.ts) + 1) AS event_weekday,
         dv.device_name, dv.device_class,
         min(e.ts) OVER (PARTITION BY e.session_id) AS session_start,
         max(e.ts) OVER (PARTITION BY e.session_id) AS session_end,
         lag(e.ts) OVER (PARTITION BY e.user_id ORDER BY e.ts, e.event_id) AS prev_event_time,
         round(sum(e.amount) OVER (PARTITION BY e.user_id ORDER BY e.ts, e.event_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW), 2) AS running_total_spent,
         CAST(row_number() OVER (PARTITION BY e.session_id ORDER BY e.ts, e.event_id) AS INTEGER) AS session_event_number,
         CASE WHEN e.event = 'purchase'
              THEN CAST(dense_rank() OVER (PARTITION BY e.user_id, e.event = 'purchase' ORDER BY e.amount DESC) AS INTEGER) END AS purchase_rank,
         round(avg(e.amount) OVER (PARTITION BY e.user_id ORDER BY e.ts, e.event_id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), 2) AS moving_avg_amount
  FROM (
    SELECT event_id, session_id, user_id, CASE WHEN (timestamp RLIKE '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}((:[0-9]{2}([.][0-9]{1,6})?)(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?)?)\\z') THEN try_cast(timestamp AS TIMESTAMP) END AS ts, event, device, region, amount, page_views
    FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/sessions` AS b
  ) AS e
  LEFT JOIN parquet.`file:///data/medallion/_staging/<run-id>/bronze/devices` AS dv ON e.device = dv.device
) AS windowed
ORDER BY user_id, timestamp, event_id) AS candidate
WHERE ((1 = 1));

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS d;

-- profile and checks on the written rows, with unique(event_id), non_decreasing(running_total_spent within user_id) (ranges only of the columns that are numbers or dates)
SELECT p.*, k0.d0, t0.failures AS t0_failures, t0.checked AS t0_checked, t0.observed AS t0_observed, t1.failures AS t1_failures, t1.checked AS t1_checked, t1.observed AS t1_observed
FROM (SELECT count(*) AS n, count(*) AS checked, sum(CASE WHEN NOT coalesce((`timestamp` IS NOT NULL), false) THEN 1 ELSE 0 END) AS failed_0, sum(CASE WHEN NOT coalesce((`event` IS NULL OR `event` IN ('login', 'page_view', 'search', 'add_to_cart', 'purchase', 'logout')), false) THEN 1 ELSE 0 END) AS failed_1, sum(CASE WHEN NOT coalesce((`amount` IS NULL OR (`amount` >= 0)), false) THEN 1 ELSE 0 END) AS failed_2, sum(CASE WHEN NOT coalesce((session_start <= session_end), false) THEN 1 ELSE 0 END) AS failed_3, sum(CASE WHEN NOT coalesce((`seconds_since_previous` IS NULL OR (`seconds_since_previous` >= 0)), false) THEN 1 ELSE 0 END) AS failed_4, sum(CASE WHEN NOT coalesce((`session_event_number` IS NULL OR (`session_event_number` >= 1 AND `session_event_number` <= 10)), false) THEN 1 ELSE 0 END) AS failed_5, sum(CASE WHEN NOT coalesce((`purchase_rank` IS NULL OR (`purchase_rank` >= 1)), false) THEN 1 ELSE 0 END) AS failed_6, sum(CASE WHEN NOT coalesce(((event = 'purchase') = (purchase_rank IS NOT NULL)), false) THEN 1 ELSE 0 END) AS failed_7, sum(CASE WHEN NOT coalesce((`device` IS NULL OR `device` IN (SELECT `device` FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/devices` AS referenced)), false) THEN 1 ELSE 0 END) AS failed_8, count(`event_id`) AS c0, 0 AS u0, CAST(min(`event_id`) AS STRING) AS lo0, CAST(max(`event_id`) AS STRING) AS hi0, count(`session_id`) AS c1, approx_count_distinct(`session_id`) AS u1, CAST(min(`session_id`) AS STRING) AS lo1, CAST(max(`session_id`) AS STRING) AS hi1, count(`user_id`) AS c2, approx_count_distinct(`user_id`) AS u2, CAST(min(`user_id`) AS STRING) AS lo2, CAST(max(`user_id`) AS STRING) AS hi2, count(`timestamp`) AS c3, approx_count_distinct(`timestamp`) AS u3, CAST(min(`timestamp`) AS STRING) AS lo3, CAST(max(`timestamp`) AS STRING) AS hi3, count(`event`) AS c4, approx_count_distinct(`event`) AS u4, CAST(min(`event`) AS STRING) AS lo4, CAST(max(`event`) AS STRING) AS hi4, count(`device`) AS c5, approx_count_distinct(`device`) AS u5, CAST(min(`device`) AS STRING) AS lo5, CAST(max(`device`) AS STRING) AS hi5, count(`region`) AS c6, approx_count_distinct(`region`) AS u6, CAST(min(`region`) AS STRING) AS lo6, CAST(max(`region`) AS STRING) AS hi6, count(`amount`) AS c7, approx_count_distinct(`amount`) AS u7, CAST(min(`amount`) AS STRING) AS lo7, CAST(max(`amount`) AS STRING) AS hi7, count(`page_views`) AS c8, approx_count_distinct(`page_views`) AS u8, CAST(min(`page_views`) AS STRING) AS lo8, CAST(max(`page_views`) AS STRING) AS hi8, count(`event_date`) AS c9, approx_count_distinct(`event_date`) AS u9, CAST(min(`event_date`) AS STRING) AS lo9, CAST(max(`event_date`) AS STRING) AS hi9, count(`event_hour`) AS c10, approx_count_distinct(`event_hour`) AS u10, CAST(min(`event_hour`) AS STRING) AS lo10, CAST(max(`event_hour`) AS STRING) AS hi10, count(`event_weekday`) AS c11, approx_count_distinct(`event_weekday`) AS u11, CAST(min(`event_weekday`) AS STRING) AS lo11, CAST(max(`event_weekday`) AS STRING) AS hi11, count(`device_name`) AS c12, approx_count_distinct(`device_name`) AS u12, CAST(min(`device_name`) AS STRING) AS lo12, CAST(max(`device_name`) AS STRING) AS hi12, count(`device_class`) AS c13, approx_count_distinct(`device_class`) AS u13, CAST(min(`device_class`) AS STRING) AS lo13, CAST(max(`device_class`) AS STRING) AS hi13, count(`session_start`) AS c14, approx_count_distinct(`session_start`) AS u14, CAST(min(`session_start`) AS STRING) AS lo14, CAST(max(`session_start`) AS STRING) AS hi14, count(`session_end`) AS c15, approx_count_distinct(`session_end`) AS u15, CAST(min(`session_end`) AS STRING) AS lo15, CAST(max(`session_end`) AS STRING) AS hi15, count(`session_date`) AS c16, approx_count_distinct(`session_date`) AS u16, CAST(min(`session_date`) AS STRING) AS lo16, CAST(max(`session_date`) AS STRING) AS hi16, count(`prev_event_time`) AS c17, approx_count_distinct(`prev_event_time`) AS u17, CAST(min(`prev_event_time`) AS STRING) AS lo17, CAST(max(`prev_event_time`) AS STRING) AS hi17, count(`seconds_since_previous`) AS c18, approx_count_distinct(`seconds_since_previous`) AS u18, CAST(min(`seconds_since_previous`) AS STRING) AS lo18, CAST(max(`seconds_since_previous`) AS STRING) AS hi18, count(`running_total_spent`) AS c19, approx_count_distinct(`running_total_spent`) AS u19, CAST(min(`running_total_spent`) AS STRING) AS lo19, CAST(max(`running_total_spent`) AS STRING) AS hi19, count(`session_event_number`) AS c20, approx_count_distinct(`session_event_number`) AS u20, CAST(min(`session_event_number`) AS STRING) AS lo20, CAST(max(`session_event_number`) AS STRING) AS hi20, count(`purchase_rank`) AS c21, approx_count_distinct(`purchase_rank`) AS u21, CAST(min(`purchase_rank`) AS STRING) AS lo21, CAST(max(`purchase_rank`) AS STRING) AS hi21, count(`moving_avg_amount`) AS c22, approx_count_distinct(`moving_avg_amount`) AS u22, CAST(min(`moving_avg_amount`) AS STRING) AS lo22, CAST(max(`moving_avg_amount`) AS STRING) AS hi22 FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS r) AS p
CROSS JOIN (SELECT coalesce(sum(occurrences - 1), 0) AS d0 FROM (SELECT count(*) AS occurrences FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS r WHERE `event_id` IS NOT NULL GROUP BY xxhash64(`event_id`)) AS g) AS k0
LEFT JOIN (
SELECT coalesce(sum(n), 0) AS failures, (SELECT count(*) FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS all_rows) AS checked,
       CAST(count(*) AS STRING) AS observed
FROM (SELECT `event_id`, count(*) AS n FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS r WHERE `event_id` IS NOT NULL GROUP BY `event_id` HAVING count(*) > 1) AS duplicated) AS t0 ON 1 = 1
LEFT JOIN (
SELECT count(CASE WHEN `running_total_spent` < previous_value THEN 1 END) AS failures, count(*) AS checked,
       CAST(NULL AS STRING) AS observed
FROM (
  SELECT `user_id`, `timestamp`, `event_id`, `running_total_spent`,
         lag(`running_total_spent`) OVER (PARTITION BY `user_id` ORDER BY `timestamp`, `event_id`) AS previous_value
  FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS r) AS ordered) AS t1 ON 1 = 1;

-- rows failing timestamp_parses, kept for inspection (only when timestamp_parses trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/silver.enriched_events' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'timestamp_parses' AS _expectation, coalesce('timestamp is null (expected not null)', 'timestamp is not null') AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS written
WHERE NOT coalesce((`timestamp` IS NOT NULL), false);

-- examples of timestamp_parses (only when timestamp_parses has failures)
SELECT `event_id`, `timestamp` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS written WHERE NOT coalesce((`timestamp` IS NOT NULL), false) LIMIT 3;

-- rows failing accepted_values(event), kept for inspection (only when accepted_values(event) trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/silver.enriched_events' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'accepted_values(event)' AS _expectation, coalesce(concat('event = ', substr(CAST(`event` AS STRING), 1, 80), ' (expected one of login, page_view, search, add_to_cart, purchase, logout)'), 'event is one of login, page_view, search, add_to_cart, purchase, logout') AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS written
WHERE NOT coalesce((`event` IS NULL OR `event` IN ('login', 'page_view', 'search', 'add_to_cart', 'purchase', 'logout')), false);

-- examples of accepted_values(event) (only when accepted_values(event) has failures)
SELECT `event_id`, `event` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS written WHERE NOT coalesce((`event` IS NULL OR `event` IN ('login', 'page_view', 'search', 'add_to_cart', 'purchase', 'logout')), false) LIMIT 3;

-- rows failing amounts_non_negative, kept for inspection (only when amounts_non_negative trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/silver.enriched_events' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'amounts_non_negative' AS _expectation, coalesce(concat('amount = ', substr(CAST(`amount` AS STRING), 1, 80), ' (expected ≥ 0)'), 'amount ≥ 0') AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS written
WHERE NOT coalesce((`amount` IS NULL OR (`amount` >= 0)), false);

-- examples of amounts_non_negative (only when amounts_non_negative has failures)
SELECT `event_id`, `amount` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS written WHERE NOT coalesce((`amount` IS NULL OR (`amount` >= 0)), false) LIMIT 3;

-- rows failing session_starts_before_it_ends, kept for inspection (only when session_starts_before_it_ends trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/silver.enriched_events' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'session_starts_before_it_ends' AS _expectation, 'session_start <= session_end' AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS written
WHERE NOT coalesce((session_start <= session_end), false);

-- examples of session_starts_before_it_ends (only when session_starts_before_it_ends has failures)
SELECT `event_id`, `session_id`, `session_start`, `session_end` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS written WHERE NOT coalesce((session_start <= session_end), false) LIMIT 3;

-- rows failing gaps_non_negative, kept for inspection (only when gaps_non_negative trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/silver.enriched_events' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'gaps_non_negative' AS _expectation, coalesce(concat('seconds_since_previous = ', substr(CAST(`seconds_since_previous` AS STRING), 1, 80), ' (expected ≥ 0)'), 'seconds_since_previous ≥ 0') AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS written
WHERE NOT coalesce((`seconds_since_previous` IS NULL OR (`seconds_since_previous` >= 0)), false);

-- examples of gaps_non_negative (only when gaps_non_negative has failures)
SELECT `event_id`, `seconds_since_previous` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS written WHERE NOT coalesce((`seconds_since_previous` IS NULL OR (`seconds_since_previous` >= 0)), false) LIMIT 3;

-- rows failing range(session_event_number), kept for inspection (only when range(session_event_number) trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/silver.enriched_events' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'range(session_event_number)' AS _expectation, coalesce(concat('session_event_number = ', substr(CAST(`session_event_number` AS STRING), 1, 80), ' (expected ≥ 1 and ≤ 10)'), 'session_event_number ≥ 1 and ≤ 10') AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS written
WHERE NOT coalesce((`session_event_number` IS NULL OR (`session_event_number` >= 1 AND `session_event_number` <= 10)), false);

-- examples of range(session_event_number) (only when range(session_event_number) has failures)
SELECT `event_id`, `session_event_number` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS written WHERE NOT coalesce((`session_event_number` IS NULL OR (`session_event_number` >= 1 AND `session_event_number` <= 10)), false) LIMIT 3;

-- rows failing range(purchase_rank), kept for inspection (only when range(purchase_rank) trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/silver.enriched_events' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'range(purchase_rank)' AS _expectation, coalesce(concat('purchase_rank = ', substr(CAST(`purchase_rank` AS STRING), 1, 80), ' (expected ≥ 1)'), 'purchase_rank ≥ 1') AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS written
WHERE NOT coalesce((`purchase_rank` IS NULL OR (`purchase_rank` >= 1)), false);

-- examples of range(purchase_rank) (only when range(purchase_rank) has failures)
SELECT `event_id`, `purchase_rank` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS written WHERE NOT coalesce((`purchase_rank` IS NULL OR (`purchase_rank` >= 1)), false) LIMIT 3;

-- rows failing ranked_purchases_only, kept for inspection (only when ranked_purchases_only trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/silver.enriched_events' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'ranked_purchases_only' AS _expectation, '(event = \'purchase\') = (purchase_rank IS NOT NULL)' AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS written
WHERE NOT coalesce(((event = 'purchase') = (purchase_rank IS NOT NULL)), false);

-- examples of ranked_purchases_only (only when ranked_purchases_only has failures)
SELECT `event_id`, `event`, `purchase_rank` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS written WHERE NOT coalesce(((event = 'purchase') = (purchase_rank IS NOT NULL)), false) LIMIT 3;

-- examples of timestamp_parses (only when timestamp_parses has failures)
SELECT `event_id`, `timestamp` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS written WHERE NOT coalesce((`timestamp` IS NOT NULL), false) LIMIT 3;

-- examples of accepted_values(event) (only when accepted_values(event) has failures)
SELECT `event_id`, `event` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS written WHERE NOT coalesce((`event` IS NULL OR `event` IN ('login', 'page_view', 'search', 'add_to_cart', 'purchase', 'logout')), false) LIMIT 3;

-- examples of amounts_non_negative (only when amounts_non_negative has failures)
SELECT `event_id`, `amount` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS written WHERE NOT coalesce((`amount` IS NULL OR (`amount` >= 0)), false) LIMIT 3;

-- examples of session_starts_before_it_ends (only when session_starts_before_it_ends has failures)
SELECT `event_id`, `session_id`, `session_start`, `session_end` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS written WHERE NOT coalesce((session_start <= session_end), false) LIMIT 3;

-- examples of gaps_non_negative (only when gaps_non_negative has failures)
SELECT `event_id`, `seconds_since_previous` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS written WHERE NOT coalesce((`seconds_since_previous` IS NULL OR (`seconds_since_previous` >= 0)), false) LIMIT 3;

-- examples of range(session_event_number) (only when range(session_event_number) has failures)
SELECT `event_id`, `session_event_number` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS written WHERE NOT coalesce((`session_event_number` IS NULL OR (`session_event_number` >= 1 AND `session_event_number` <= 10)), false) LIMIT 3;

-- examples of range(purchase_rank) (only when range(purchase_rank) has failures)
SELECT `event_id`, `purchase_rank` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS written WHERE NOT coalesce((`purchase_rank` IS NULL OR (`purchase_rank` >= 1)), false) LIMIT 3;

-- examples of ranked_purchases_only (only when ranked_purchases_only has failures)
SELECT `event_id`, `event`, `purchase_rank` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS written WHERE NOT coalesce(((event = 'purchase') = (purchase_rank IS NOT NULL)), false) LIMIT 3;

-- examples of references(device -> bronze.devices.device) (only when references(device -> bronze.devices.device) has failures)
SELECT `event_id`, `device` FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS written WHERE NOT coalesce((`device` IS NULL OR `device` IN (SELECT `device` FROM parquet.`file:///data/medallion/_staging/<run-id>/bronze/devices` AS referenced)), false) LIMIT 3;

-- examples of unique(event_id) (only when unique(event_id) has failures)
SELECT `event_id`, count(*) AS occurrences FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS r WHERE `event_id` IS NOT NULL GROUP BY `event_id` HAVING count(*) > 1 ORDER BY occurrences DESC LIMIT 3;

-- examples of non_decreasing(running_total_spent within user_id) (only when non_decreasing(running_total_spent within user_id) has failures)
SELECT * FROM (
  SELECT `user_id`, `timestamp`, `event_id`, `running_total_spent`,
         lag(`running_total_spent`) OVER (PARTITION BY `user_id` ORDER BY `timestamp`, `event_id`) AS previous_value
  FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS r) AS ordered WHERE `running_total_spent` < previous_value LIMIT 3;

-- top values of session_id, user_id, timestamp, event, device, region, amount, page_views, event_date, event_hour, event_weekday, device_name, device_class, session_start, session_end, session_date, prev_event_time, seconds_since_previous, running_total_spent, session_event_number, purchase_rank, moving_avg_amount (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`session_id`) = 0 THEN 'session_id' WHEN grouping(`user_id`) = 0 THEN 'user_id' WHEN grouping(`timestamp`) = 0 THEN 'timestamp' WHEN grouping(`event`) = 0 THEN 'event' WHEN grouping(`device`) = 0 THEN 'device' WHEN grouping(`region`) = 0 THEN 'region' WHEN grouping(`amount`) = 0 THEN 'amount' WHEN grouping(`page_views`) = 0 THEN 'page_views' WHEN grouping(`event_date`) = 0 THEN 'event_date' WHEN grouping(`event_hour`) = 0 THEN 'event_hour' WHEN grouping(`event_weekday`) = 0 THEN 'event_weekday' WHEN grouping(`device_name`) = 0 THEN 'device_name' WHEN grouping(`device_class`) = 0 THEN 'device_class' WHEN grouping(`session_start`) = 0 THEN 'session_start' WHEN grouping(`session_end`) = 0 THEN 'session_end' WHEN grouping(`session_date`) = 0 THEN 'session_date' WHEN grouping(`prev_event_time`) = 0 THEN 'prev_event_time' WHEN grouping(`seconds_since_previous`) = 0 THEN 'seconds_since_previous' WHEN grouping(`running_total_spent`) = 0 THEN 'running_total_spent' WHEN grouping(`session_event_number`) = 0 THEN 'session_event_number' WHEN grouping(`purchase_rank`) = 0 THEN 'purchase_rank' WHEN grouping(`moving_avg_amount`) = 0 THEN 'moving_avg_amount' END AS col, CASE WHEN grouping(`session_id`) = 0 THEN CAST(`session_id` AS STRING) WHEN grouping(`user_id`) = 0 THEN CAST(`user_id` AS STRING) WHEN grouping(`timestamp`) = 0 THEN CAST(`timestamp` AS STRING) WHEN grouping(`event`) = 0 THEN CAST(`event` AS STRING) WHEN grouping(`device`) = 0 THEN CAST(`device` AS STRING) WHEN grouping(`region`) = 0 THEN CAST(`region` AS STRING) WHEN grouping(`amount`) = 0 THEN CAST(`amount` AS STRING) WHEN grouping(`page_views`) = 0 THEN CAST(`page_views` AS STRING) WHEN grouping(`event_date`) = 0 THEN CAST(`event_date` AS STRING) WHEN grouping(`event_hour`) = 0 THEN CAST(`event_hour` AS STRING) WHEN grouping(`event_weekday`) = 0 THEN CAST(`event_weekday` AS STRING) WHEN grouping(`device_name`) = 0 THEN CAST(`device_name` AS STRING) WHEN grouping(`device_class`) = 0 THEN CAST(`device_class` AS STRING) WHEN grouping(`session_start`) = 0 THEN CAST(`session_start` AS STRING) WHEN grouping(`session_end`) = 0 THEN CAST(`session_end` AS STRING) WHEN grouping(`session_date`) = 0 THEN CAST(`session_date` AS STRING) WHEN grouping(`prev_event_time`) = 0 THEN CAST(`prev_event_time` AS STRING) WHEN grouping(`seconds_since_previous`) = 0 THEN CAST(`seconds_since_previous` AS STRING) WHEN grouping(`running_total_spent`) = 0 THEN CAST(`running_total_spent` AS STRING) WHEN grouping(`session_event_number`) = 0 THEN CAST(`session_event_number` AS STRING) WHEN grouping(`purchase_rank`) = 0 THEN CAST(`purchase_rank` AS STRING) WHEN grouping(`moving_avg_amount`) = 0 THEN CAST(`moving_avg_amount` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS t GROUP BY GROUPING SETS ((`session_id`), (`user_id`), (`timestamp`), (`event`), (`device`), (`region`), (`amount`), (`page_views`), (`event_date`), (`event_hour`), (`event_weekday`), (`device_name`), (`device_class`), (`session_start`), (`session_end`), (`session_date`), (`prev_event_time`), (`seconds_since_previous`), (`running_total_spent`), (`session_event_number`), (`purchase_rank`), (`moving_avg_amount`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- performance gold.user_analytics: Sessions, events, spend, average gap between events, and first and last seen, per user.
-- write
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/gold/user_analytics' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `user_id`, `sessions`, `events`, `active_days`, `purchases`, `total_spent`, `lifetime_value`, `avg_purchase`, `avg_gap_seconds`, `events_per_session`, `first_seen`, `last_seen`, `user_segment`
FROM (
SELECT user_id, sessions, events, active_days, purchases, total_spent, lifetime_value, avg_purchase, avg_gap_seconds,
       round(CAST(events AS DOUBLE) / sessions, 2) AS events_per_session, first_seen, last_seen,
       CASE WHEN lifetime_value > 1000 THEN 'Premium' WHEN lifetime_value > 500 THEN 'Gold' WHEN lifetime_value > 100 THEN 'Silver' ELSE 'Bronze' END AS user_segment
FROM (
  SELECT user_id, count(DISTINCT session_id) AS sessions, count(*) AS events, count(DISTINCT event_date) AS active_days,
         count(CASE WHEN event = 'purchase' THEN 1 END) AS purchases,
         round(sum(amount), 2) AS total_spent,
         max(running_total_spent) AS lifetime_value,
         round(avg(CASE WHEN event = 'purchase' THEN amount END), 2) AS avg_purchase,
         round(avg(seconds_since_previous), 2) AS avg_gap_seconds,
         min(timestamp) AS first_seen, max(timestamp) AS last_seen
  FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS e
  GROUP BY user_id
) AS per_user
ORDER BY user_id) AS candidate
WHERE ((1 = 1));

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_analytics` AS d;

-- profile and checks on the written rows, with unique(user_id), reconciles(events = count(*) of silver.enriched_events), reconciles(total_spent = sum(amount) of silver.enriched_events) (ranges only of the columns that are numbers or dates)
SELECT p.*, k0.d0, t0.failures AS t0_failures, t0.checked AS t0_checked, t0.observed AS t0_observed, CASE WHEN abs(coalesce(p.t1_own_mine, 0) - coalesce(o0.t1_other_theirs, 0)) > 0 THEN 1 ELSE 0 END AS t1_failures, 1 AS t1_checked, concat(CAST(p.t1_own_mine AS STRING), ' vs ', CAST(o0.t1_other_theirs AS STRING)) AS t1_observed, CASE WHEN abs(coalesce(p.t2_own_mine, 0) - coalesce(o0.t2_other_theirs, 0)) > 1 THEN 1 ELSE 0 END AS t2_failures, 1 AS t2_checked, concat(CAST(p.t2_own_mine AS STRING), ' vs ', CAST(o0.t2_other_theirs AS STRING)) AS t2_observed
FROM (SELECT count(*) AS n, count(*) AS checked, sum(CASE WHEN NOT coalesce((abs(lifetime_value - total_spent) <= 0.005), false) THEN 1 ELSE 0 END) AS failed_0, sum(CASE WHEN NOT coalesce((first_seen <= last_seen), false) THEN 1 ELSE 0 END) AS failed_1, sum(CASE WHEN NOT coalesce((`avg_gap_seconds` IS NULL OR (`avg_gap_seconds` >= 0)), false) THEN 1 ELSE 0 END) AS failed_2, sum(CASE WHEN NOT coalesce((`user_segment` IS NULL OR `user_segment` IN ('Premium', 'Gold', 'Silver', 'Bronze')), false) THEN 1 ELSE 0 END) AS failed_3, count(`user_id`) AS c0, 0 AS u0, CAST(min(`user_id`) AS STRING) AS lo0, CAST(max(`user_id`) AS STRING) AS hi0, count(`sessions`) AS c1, approx_count_distinct(`sessions`) AS u1, CAST(min(`sessions`) AS STRING) AS lo1, CAST(max(`sessions`) AS STRING) AS hi1, count(`events`) AS c2, approx_count_distinct(`events`) AS u2, CAST(min(`events`) AS STRING) AS lo2, CAST(max(`events`) AS STRING) AS hi2, count(`active_days`) AS c3, approx_count_distinct(`active_days`) AS u3, CAST(min(`active_days`) AS STRING) AS lo3, CAST(max(`active_days`) AS STRING) AS hi3, count(`purchases`) AS c4, approx_count_distinct(`purchases`) AS u4, CAST(min(`purchases`) AS STRING) AS lo4, CAST(max(`purchases`) AS STRING) AS hi4, count(`total_spent`) AS c5, approx_count_distinct(`total_spent`) AS u5, CAST(min(`total_spent`) AS STRING) AS lo5, CAST(max(`total_spent`) AS STRING) AS hi5, count(`lifetime_value`) AS c6, approx_count_distinct(`lifetime_value`) AS u6, CAST(min(`lifetime_value`) AS STRING) AS lo6, CAST(max(`lifetime_value`) AS STRING) AS hi6, count(`avg_purchase`) AS c7, approx_count_distinct(`avg_purchase`) AS u7, CAST(min(`avg_purchase`) AS STRING) AS lo7, CAST(max(`avg_purchase`) AS STRING) AS hi7, count(`avg_gap_seconds`) AS c8, approx_count_distinct(`avg_gap_seconds`) AS u8, CAST(min(`avg_gap_seconds`) AS STRING) AS lo8, CAST(max(`avg_gap_seconds`) AS STRING) AS hi8, count(`events_per_session`) AS c9, approx_count_distinct(`events_per_session`) AS u9, CAST(min(`events_per_session`) AS STRING) AS lo9, CAST(max(`events_per_session`) AS STRING) AS hi9, count(`first_seen`) AS c10, approx_count_distinct(`first_seen`) AS u10, CAST(min(`first_seen`) AS STRING) AS lo10, CAST(max(`first_seen`) AS STRING) AS hi10, count(`last_seen`) AS c11, approx_count_distinct(`last_seen`) AS u11, CAST(min(`last_seen`) AS STRING) AS lo11, CAST(max(`last_seen`) AS STRING) AS hi11, count(`user_segment`) AS c12, approx_count_distinct(`user_segment`) AS u12, CAST(min(`user_segment`) AS STRING) AS lo12, CAST(max(`user_segment`) AS STRING) AS hi12, sum(events) AS t1_own_mine, sum(total_spent) AS t2_own_mine FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_analytics` AS r) AS p
CROSS JOIN (SELECT coalesce(sum(occurrences - 1), 0) AS d0 FROM (SELECT count(*) AS occurrences FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_analytics` AS r WHERE `user_id` IS NOT NULL GROUP BY xxhash64(`user_id`)) AS g) AS k0
CROSS JOIN (SELECT count(*) AS t1_other_theirs, sum(amount) AS t2_other_theirs FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS s) AS o0
LEFT JOIN (
SELECT coalesce(sum(n), 0) AS failures, (SELECT count(*) FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_analytics` AS all_rows) AS checked,
       CAST(count(*) AS STRING) AS observed
FROM (SELECT `user_id`, count(*) AS n FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_analytics` AS r WHERE `user_id` IS NOT NULL GROUP BY `user_id` HAVING count(*) > 1) AS duplicated) AS t0 ON 1 = 1;

-- rows failing last_running_total_is_total_spent, kept for inspection (only when last_running_total_is_total_spent trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/gold.user_analytics' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'last_running_total_is_total_spent' AS _expectation, 'abs(lifetime_value - total_spent) <= 0.005' AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_analytics` AS written
WHERE NOT coalesce((abs(lifetime_value - total_spent) <= 0.005), false);

-- examples of last_running_total_is_total_spent (only when last_running_total_is_total_spent has failures)
SELECT `user_id`, `lifetime_value`, `total_spent` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_analytics` AS written WHERE NOT coalesce((abs(lifetime_value - total_spent) <= 0.005), false) LIMIT 3;

-- rows failing first_seen_before_last_seen, kept for inspection (only when first_seen_before_last_seen trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/gold.user_analytics' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'first_seen_before_last_seen' AS _expectation, 'first_seen <= last_seen' AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_analytics` AS written
WHERE NOT coalesce((first_seen <= last_seen), false);

-- examples of first_seen_before_last_seen (only when first_seen_before_last_seen has failures)
SELECT `user_id`, `first_seen`, `last_seen` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_analytics` AS written WHERE NOT coalesce((first_seen <= last_seen), false) LIMIT 3;

-- rows failing range(avg_gap_seconds), kept for inspection (only when range(avg_gap_seconds) trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/gold.user_analytics' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'range(avg_gap_seconds)' AS _expectation, coalesce(concat('avg_gap_seconds = ', substr(CAST(`avg_gap_seconds` AS STRING), 1, 80), ' (expected ≥ 0)'), 'avg_gap_seconds ≥ 0') AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_analytics` AS written
WHERE NOT coalesce((`avg_gap_seconds` IS NULL OR (`avg_gap_seconds` >= 0)), false);

-- examples of range(avg_gap_seconds) (only when range(avg_gap_seconds) has failures)
SELECT `user_id`, `avg_gap_seconds` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_analytics` AS written WHERE NOT coalesce((`avg_gap_seconds` IS NULL OR (`avg_gap_seconds` >= 0)), false) LIMIT 3;

-- rows failing accepted_values(user_segment), kept for inspection (only when accepted_values(user_segment) trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/gold.user_analytics' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'accepted_values(user_segment)' AS _expectation, coalesce(concat('user_segment = ', substr(CAST(`user_segment` AS STRING), 1, 80), ' (expected one of Premium, Gold, Silver, Bronze)'), 'user_segment is one of Premium, Gold, Silver, Bronze') AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_analytics` AS written
WHERE NOT coalesce((`user_segment` IS NULL OR `user_segment` IN ('Premium', 'Gold', 'Silver', 'Bronze')), false);

-- examples of accepted_values(user_segment) (only when accepted_values(user_segment) has failures)
SELECT `user_id`, `user_segment` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_analytics` AS written WHERE NOT coalesce((`user_segment` IS NULL OR `user_segment` IN ('Premium', 'Gold', 'Silver', 'Bronze')), false) LIMIT 3;

-- examples of last_running_total_is_total_spent (only when last_running_total_is_total_spent has failures)
SELECT `user_id`, `lifetime_value`, `total_spent` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_analytics` AS written WHERE NOT coalesce((abs(lifetime_value - total_spent) <= 0.005), false) LIMIT 3;

-- examples of first_seen_before_last_seen (only when first_seen_before_last_seen has failures)
SELECT `user_id`, `first_seen`, `last_seen` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_analytics` AS written WHERE NOT coalesce((first_seen <= last_seen), false) LIMIT 3;

-- examples of range(avg_gap_seconds) (only when range(avg_gap_seconds) has failures)
SELECT `user_id`, `avg_gap_seconds` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_analytics` AS written WHERE NOT coalesce((`avg_gap_seconds` IS NULL OR (`avg_gap_seconds` >= 0)), false) LIMIT 3;

-- examples of accepted_values(user_segment) (only when accepted_values(user_segment) has failures)
SELECT `user_id`, `user_segment` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_analytics` AS written WHERE NOT coalesce((`user_segment` IS NULL OR `user_segment` IN ('Premium', 'Gold', 'Silver', 'Bronze')), false) LIMIT 3;

-- examples of unique(user_id) (only when unique(user_id) has failures)
SELECT `user_id`, count(*) AS occurrences FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_analytics` AS r WHERE `user_id` IS NOT NULL GROUP BY `user_id` HAVING count(*) > 1 ORDER BY occurrences DESC LIMIT 3;

-- top values of sessions, events, active_days, purchases, total_spent, lifetime_value, avg_purchase, avg_gap_seconds, events_per_session, first_seen, last_seen, user_segment (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`sessions`) = 0 THEN 'sessions' WHEN grouping(`events`) = 0 THEN 'events' WHEN grouping(`active_days`) = 0 THEN 'active_days' WHEN grouping(`purchases`) = 0 THEN 'purchases' WHEN grouping(`total_spent`) = 0 THEN 'total_spent' WHEN grouping(`lifetime_value`) = 0 THEN 'lifetime_value' WHEN grouping(`avg_purchase`) = 0 THEN 'avg_purchase' WHEN grouping(`avg_gap_seconds`) = 0 THEN 'avg_gap_seconds' WHEN grouping(`events_per_session`) = 0 THEN 'events_per_session' WHEN grouping(`first_seen`) = 0 THEN 'first_seen' WHEN grouping(`last_seen`) = 0 THEN 'last_seen' WHEN grouping(`user_segment`) = 0 THEN 'user_segment' END AS col, CASE WHEN grouping(`sessions`) = 0 THEN CAST(`sessions` AS STRING) WHEN grouping(`events`) = 0 THEN CAST(`events` AS STRING) WHEN grouping(`active_days`) = 0 THEN CAST(`active_days` AS STRING) WHEN grouping(`purchases`) = 0 THEN CAST(`purchases` AS STRING) WHEN grouping(`total_spent`) = 0 THEN CAST(`total_spent` AS STRING) WHEN grouping(`lifetime_value`) = 0 THEN CAST(`lifetime_value` AS STRING) WHEN grouping(`avg_purchase`) = 0 THEN CAST(`avg_purchase` AS STRING) WHEN grouping(`avg_gap_seconds`) = 0 THEN CAST(`avg_gap_seconds` AS STRING) WHEN grouping(`events_per_session`) = 0 THEN CAST(`events_per_session` AS STRING) WHEN grouping(`first_seen`) = 0 THEN CAST(`first_seen` AS STRING) WHEN grouping(`last_seen`) = 0 THEN CAST(`last_seen` AS STRING) WHEN grouping(`user_segment`) = 0 THEN CAST(`user_segment` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/user_analytics` AS t GROUP BY GROUPING SETS ((`sessions`), (`events`), (`active_days`), (`purchases`), (`total_spent`), (`lifetime_value`), (`avg_purchase`), (`avg_gap_seconds`), (`events_per_session`), (`first_seen`), (`last_seen`), (`user_segment`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- performance gold.session_analytics: Sessions per day and device class (from the broadcast device dimension): length, duration, conversion and revenue.
-- write
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/gold/session_analytics' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `session_date`, `device_class`, `sessions`, `events`, `avg_events_per_session`, `avg_duration_seconds`, `converting_sessions`, `conversion_rate`, `revenue`
FROM (
SELECT session_date, device_class, count(*) AS sessions, CAST(sum(events) AS BIGINT) AS events,
       round(CAST(sum(events) AS DOUBLE) / count(*), 2) AS avg_events_per_session,
       round(avg(duration_seconds), 1) AS avg_duration_seconds,
       count(CASE WHEN purchases > 0 THEN 1 END) AS converting_sessions,
       round(count(CASE WHEN purchases > 0 THEN 1 END) * CAST(100 AS DOUBLE) / NULLIF(count(*), 0), 2) AS conversion_rate,
       round(sum(revenue), 2) AS revenue
FROM (
  SELECT session_id, session_date, device_class, count(*) AS events,
         count(CASE WHEN event = 'purchase' THEN 1 END) AS purchases, sum(amount) AS revenue,
         (CAST(unix_micros(max(session_end)) AS DOUBLE) / 1000000) - (CAST(unix_micros(min(session_start)) AS DOUBLE) / 1000000) AS duration_seconds
  FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS e
  GROUP BY session_id, session_date, device_class
) AS per_session
GROUP BY session_date, device_class
ORDER BY session_date, device_class) AS candidate
WHERE ((1 = 1));

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/session_analytics` AS d;

-- profile and checks on the written rows, with unique(session_date, device_class), reconciles(events = count(*) of silver.enriched_events), reconciles(sessions = count(DISTINCT session_id) of silver.enriched_events) (ranges only of the columns that are numbers or dates)
SELECT p.*, t0.failures AS t0_failures, t0.checked AS t0_checked, t0.observed AS t0_observed, CASE WHEN abs(coalesce(p.t1_own_mine, 0) - coalesce(o0.t1_other_theirs, 0)) > 0 THEN 1 ELSE 0 END AS t1_failures, 1 AS t1_checked, concat(CAST(p.t1_own_mine AS STRING), ' vs ', CAST(o0.t1_other_theirs AS STRING)) AS t1_observed, CASE WHEN abs(coalesce(p.t2_own_mine, 0) - coalesce(o0.t2_other_theirs, 0)) > 0 THEN 1 ELSE 0 END AS t2_failures, 1 AS t2_checked, concat(CAST(p.t2_own_mine AS STRING), ' vs ', CAST(o0.t2_other_theirs AS STRING)) AS t2_observed
FROM (SELECT count(*) AS n, count(*) AS checked, sum(CASE WHEN NOT coalesce((`device_class` IS NULL OR `device_class` IN ('handheld', 'desktop')), false) THEN 1 ELSE 0 END) AS failed_0, sum(CASE WHEN NOT coalesce((`conversion_rate` IS NULL OR (`conversion_rate` >= 0 AND `conversion_rate` <= 100)), false) THEN 1 ELSE 0 END) AS failed_1, sum(CASE WHEN NOT coalesce((`avg_duration_seconds` IS NULL OR (`avg_duration_seconds` >= 0)), false) THEN 1 ELSE 0 END) AS failed_2, count(`session_date`) AS c0, approx_count_distinct(`session_date`) AS u0, CAST(min(`session_date`) AS STRING) AS lo0, CAST(max(`session_date`) AS STRING) AS hi0, count(`device_class`) AS c1, approx_count_distinct(`device_class`) AS u1, CAST(min(`device_class`) AS STRING) AS lo1, CAST(max(`device_class`) AS STRING) AS hi1, count(`sessions`) AS c2, approx_count_distinct(`sessions`) AS u2, CAST(min(`sessions`) AS STRING) AS lo2, CAST(max(`sessions`) AS STRING) AS hi2, count(`events`) AS c3, approx_count_distinct(`events`) AS u3, CAST(min(`events`) AS STRING) AS lo3, CAST(max(`events`) AS STRING) AS hi3, count(`avg_events_per_session`) AS c4, approx_count_distinct(`avg_events_per_session`) AS u4, CAST(min(`avg_events_per_session`) AS STRING) AS lo4, CAST(max(`avg_events_per_session`) AS STRING) AS hi4, count(`avg_duration_seconds`) AS c5, approx_count_distinct(`avg_duration_seconds`) AS u5, CAST(min(`avg_duration_seconds`) AS STRING) AS lo5, CAST(max(`avg_duration_seconds`) AS STRING) AS hi5, count(`converting_sessions`) AS c6, approx_count_distinct(`converting_sessions`) AS u6, CAST(min(`converting_sessions`) AS STRING) AS lo6, CAST(max(`converting_sessions`) AS STRING) AS hi6, count(`conversion_rate`) AS c7, approx_count_distinct(`conversion_rate`) AS u7, CAST(min(`conversion_rate`) AS STRING) AS lo7, CAST(max(`conversion_rate`) AS STRING) AS hi7, count(`revenue`) AS c8, approx_count_distinct(`revenue`) AS u8, CAST(min(`revenue`) AS STRING) AS lo8, CAST(max(`revenue`) AS STRING) AS hi8, sum(events) AS t1_own_mine, sum(sessions) AS t2_own_mine FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/session_analytics` AS r) AS p
CROSS JOIN (SELECT count(*) AS t1_other_theirs, count(DISTINCT session_id) AS t2_other_theirs FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS s WHERE TRUE) AS o0
LEFT JOIN (
SELECT coalesce(sum(n), 0) AS failures, (SELECT count(*) FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/session_analytics` AS all_rows) AS checked,
       CAST(count(*) AS STRING) AS observed
FROM (SELECT `session_date`, `device_class`, count(*) AS n FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/session_analytics` AS r WHERE `session_date` IS NOT NULL AND `device_class` IS NOT NULL GROUP BY `session_date`, `device_class` HAVING count(*) > 1) AS duplicated) AS t0 ON 1 = 1;

-- rows failing range(conversion_rate), kept for inspection (only when range(conversion_rate) trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/gold.session_analytics' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'range(conversion_rate)' AS _expectation, coalesce(concat('conversion_rate = ', substr(CAST(`conversion_rate` AS STRING), 1, 80), ' (expected ≥ 0 and ≤ 100)'), 'conversion_rate ≥ 0 and ≤ 100') AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/session_analytics` AS written
WHERE NOT coalesce((`conversion_rate` IS NULL OR (`conversion_rate` >= 0 AND `conversion_rate` <= 100)), false);

-- examples of range(conversion_rate) (only when range(conversion_rate) has failures)
SELECT `conversion_rate` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/session_analytics` AS written WHERE NOT coalesce((`conversion_rate` IS NULL OR (`conversion_rate` >= 0 AND `conversion_rate` <= 100)), false) LIMIT 3;

-- rows failing sessions_start_before_they_end, kept for inspection (only when sessions_start_before_they_end trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/gold.session_analytics' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'sessions_start_before_they_end' AS _expectation, coalesce(concat('avg_duration_seconds = ', substr(CAST(`avg_duration_seconds` AS STRING), 1, 80), ' (expected ≥ 0)'), 'avg_duration_seconds ≥ 0') AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/session_analytics` AS written
WHERE NOT coalesce((`avg_duration_seconds` IS NULL OR (`avg_duration_seconds` >= 0)), false);

-- examples of sessions_start_before_they_end (only when sessions_start_before_they_end has failures)
SELECT `avg_duration_seconds` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/session_analytics` AS written WHERE NOT coalesce((`avg_duration_seconds` IS NULL OR (`avg_duration_seconds` >= 0)), false) LIMIT 3;

-- examples of accepted_values(device_class) (only when accepted_values(device_class) has failures)
SELECT `device_class` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/session_analytics` AS written WHERE NOT coalesce((`device_class` IS NULL OR `device_class` IN ('handheld', 'desktop')), false) LIMIT 3;

-- examples of range(conversion_rate) (only when range(conversion_rate) has failures)
SELECT `conversion_rate` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/session_analytics` AS written WHERE NOT coalesce((`conversion_rate` IS NULL OR (`conversion_rate` >= 0 AND `conversion_rate` <= 100)), false) LIMIT 3;

-- examples of sessions_start_before_they_end (only when sessions_start_before_they_end has failures)
SELECT `avg_duration_seconds` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/session_analytics` AS written WHERE NOT coalesce((`avg_duration_seconds` IS NULL OR (`avg_duration_seconds` >= 0)), false) LIMIT 3;

-- examples of unique(session_date, device_class) (only when unique(session_date, device_class) has failures)
SELECT `session_date`, `device_class`, count(*) AS occurrences FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/session_analytics` AS r WHERE `session_date` IS NOT NULL AND `device_class` IS NOT NULL GROUP BY `session_date`, `device_class` HAVING count(*) > 1 ORDER BY occurrences DESC LIMIT 3;

-- top values of session_date, device_class, sessions, events, avg_events_per_session, avg_duration_seconds, converting_sessions, conversion_rate, revenue (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`session_date`) = 0 THEN 'session_date' WHEN grouping(`device_class`) = 0 THEN 'device_class' WHEN grouping(`sessions`) = 0 THEN 'sessions' WHEN grouping(`events`) = 0 THEN 'events' WHEN grouping(`avg_events_per_session`) = 0 THEN 'avg_events_per_session' WHEN grouping(`avg_duration_seconds`) = 0 THEN 'avg_duration_seconds' WHEN grouping(`converting_sessions`) = 0 THEN 'converting_sessions' WHEN grouping(`conversion_rate`) = 0 THEN 'conversion_rate' WHEN grouping(`revenue`) = 0 THEN 'revenue' END AS col, CASE WHEN grouping(`session_date`) = 0 THEN CAST(`session_date` AS STRING) WHEN grouping(`device_class`) = 0 THEN CAST(`device_class` AS STRING) WHEN grouping(`sessions`) = 0 THEN CAST(`sessions` AS STRING) WHEN grouping(`events`) = 0 THEN CAST(`events` AS STRING) WHEN grouping(`avg_events_per_session`) = 0 THEN CAST(`avg_events_per_session` AS STRING) WHEN grouping(`avg_duration_seconds`) = 0 THEN CAST(`avg_duration_seconds` AS STRING) WHEN grouping(`converting_sessions`) = 0 THEN CAST(`converting_sessions` AS STRING) WHEN grouping(`conversion_rate`) = 0 THEN CAST(`conversion_rate` AS STRING) WHEN grouping(`revenue`) = 0 THEN CAST(`revenue` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/session_analytics` AS t GROUP BY GROUPING SETS ((`session_date`), (`device_class`), (`sessions`), (`events`), (`avg_events_per_session`), (`avg_duration_seconds`), (`converting_sessions`), (`conversion_rate`), (`revenue`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- performance gold.temporal_patterns: Activity by day of the week and hour of the day, over all days.
-- write
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/gold/temporal_patterns' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `event_weekday`, `weekday_name`, `event_hour`, `events`, `sessions`, `users`, `purchases`, `revenue`
FROM (
SELECT event_weekday, element_at(array('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'), CAST(event_weekday - 1 AS INT) + 1) AS weekday_name, event_hour, events, sessions, users, purchases, revenue
FROM (
  SELECT event_weekday, event_hour, count(*) AS events, count(DISTINCT session_id) AS sessions, count(DISTINCT user_id) AS users,
         count(CASE WHEN event = 'purchase' THEN 1 END) AS purchases, round(sum(amount), 2) AS revenue
  FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS e
  GROUP BY event_weekday, event_hour
) AS per_hour
ORDER BY event_weekday, event_hour) AS candidate
WHERE ((1 = 1));

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/temporal_patterns` AS d;

-- profile and checks on the written rows, with unique(event_weekday, event_hour), row_count, reconciles(events = count(*) of silver.enriched_events), reconciles(revenue = sum(amount) of silver.enriched_events) (ranges only of the columns that are numbers or dates)
SELECT p.*, t0.failures AS t0_failures, t0.checked AS t0_checked, t0.observed AS t0_observed, CASE WHEN p.t1_own_n < 1 OR p.t1_own_n > 168 THEN 1 ELSE 0 END AS t1_failures, 1 AS t1_checked, CAST(p.t1_own_n AS STRING) AS t1_observed, CASE WHEN abs(coalesce(p.t2_own_mine, 0) - coalesce(o0.t2_other_theirs, 0)) > 0 THEN 1 ELSE 0 END AS t2_failures, 1 AS t2_checked, concat(CAST(p.t2_own_mine AS STRING), ' vs ', CAST(o0.t2_other_theirs AS STRING)) AS t2_observed, CASE WHEN abs(coalesce(p.t3_own_mine, 0) - coalesce(o0.t3_other_theirs, 0)) > 1 THEN 1 ELSE 0 END AS t3_failures, 1 AS t3_checked, concat(CAST(p.t3_own_mine AS STRING), ' vs ', CAST(o0.t3_other_theirs AS STRING)) AS t3_observed
FROM (SELECT count(*) AS n, count(*) AS checked, sum(CASE WHEN NOT coalesce((`event_weekday` IS NULL OR (`event_weekday` >= 1 AND `event_weekday` <= 7)), false) THEN 1 ELSE 0 END) AS failed_0, sum(CASE WHEN NOT coalesce((`event_hour` IS NULL OR (`event_hour` >= 0 AND `event_hour` <= 23)), false) THEN 1 ELSE 0 END) AS failed_1, count(`event_weekday`) AS c0, approx_count_distinct(`event_weekday`) AS u0, CAST(min(`event_weekday`) AS STRING) AS lo0, CAST(max(`event_weekday`) AS STRING) AS hi0, count(`weekday_name`) AS c1, approx_count_distinct(`weekday_name`) AS u1, CAST(min(`weekday_name`) AS STRING) AS lo1, CAST(max(`weekday_name`) AS STRING) AS hi1, count(`event_hour`) AS c2, approx_count_distinct(`event_hour`) AS u2, CAST(min(`event_hour`) AS STRING) AS lo2, CAST(max(`event_hour`) AS STRING) AS hi2, count(`events`) AS c3, approx_count_distinct(`events`) AS u3, CAST(min(`events`) AS STRING) AS lo3, CAST(max(`events`) AS STRING) AS hi3, count(`sessions`) AS c4, approx_count_distinct(`sessions`) AS u4, CAST(min(`sessions`) AS STRING) AS lo4, CAST(max(`sessions`) AS STRING) AS hi4, count(`users`) AS c5, approx_count_distinct(`users`) AS u5, CAST(min(`users`) AS STRING) AS lo5, CAST(max(`users`) AS STRING) AS hi5, count(`purchases`) AS c6, approx_count_distinct(`purchases`) AS u6, CAST(min(`purchases`) AS STRING) AS lo6, CAST(max(`purchases`) AS STRING) AS hi6, count(`revenue`) AS c7, approx_count_distinct(`revenue`) AS u7, CAST(min(`revenue`) AS STRING) AS lo7, CAST(max(`revenue`) AS STRING) AS hi7, count(*) AS t1_own_n, sum(events) AS t2_own_mine, sum(revenue) AS t3_own_mine FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/temporal_patterns` AS r) AS p
CROSS JOIN (SELECT count(*) AS t2_other_theirs, sum(amount) AS t3_other_theirs FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS s) AS o0
LEFT JOIN (
SELECT coalesce(sum(n), 0) AS failures, (SELECT count(*) FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/temporal_patterns` AS all_rows) AS checked,
       CAST(count(*) AS STRING) AS observed
FROM (SELECT `event_weekday`, `event_hour`, count(*) AS n FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/temporal_patterns` AS r WHERE `event_weekday` IS NOT NULL AND `event_hour` IS NOT NULL GROUP BY `event_weekday`, `event_hour` HAVING count(*) > 1) AS duplicated) AS t0 ON 1 = 1;

-- rows failing range(event_weekday), kept for inspection (only when range(event_weekday) trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/gold.temporal_patterns' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'range(event_weekday)' AS _expectation, coalesce(concat('event_weekday = ', substr(CAST(`event_weekday` AS STRING), 1, 80), ' (expected ≥ 1 and ≤ 7)'), 'event_weekday ≥ 1 and ≤ 7') AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/temporal_patterns` AS written
WHERE NOT coalesce((`event_weekday` IS NULL OR (`event_weekday` >= 1 AND `event_weekday` <= 7)), false);

-- examples of range(event_weekday) (only when range(event_weekday) has failures)
SELECT `event_weekday` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/temporal_patterns` AS written WHERE NOT coalesce((`event_weekday` IS NULL OR (`event_weekday` >= 1 AND `event_weekday` <= 7)), false) LIMIT 3;

-- rows failing range(event_hour), kept for inspection (only when range(event_hour) trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/gold.temporal_patterns' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'range(event_hour)' AS _expectation, coalesce(concat('event_hour = ', substr(CAST(`event_hour` AS STRING), 1, 80), ' (expected ≥ 0 and ≤ 23)'), 'event_hour ≥ 0 and ≤ 23') AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/temporal_patterns` AS written
WHERE NOT coalesce((`event_hour` IS NULL OR (`event_hour` >= 0 AND `event_hour` <= 23)), false);

-- examples of range(event_hour) (only when range(event_hour) has failures)
SELECT `event_hour` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/temporal_patterns` AS written WHERE NOT coalesce((`event_hour` IS NULL OR (`event_hour` >= 0 AND `event_hour` <= 23)), false) LIMIT 3;

-- examples of range(event_weekday) (only when range(event_weekday) has failures)
SELECT `event_weekday` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/temporal_patterns` AS written WHERE NOT coalesce((`event_weekday` IS NULL OR (`event_weekday` >= 1 AND `event_weekday` <= 7)), false) LIMIT 3;

-- examples of range(event_hour) (only when range(event_hour) has failures)
SELECT `event_hour` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/temporal_patterns` AS written WHERE NOT coalesce((`event_hour` IS NULL OR (`event_hour` >= 0 AND `event_hour` <= 23)), false) LIMIT 3;

-- examples of unique(event_weekday, event_hour) (only when unique(event_weekday, event_hour) has failures)
SELECT `event_weekday`, `event_hour`, count(*) AS occurrences FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/temporal_patterns` AS r WHERE `event_weekday` IS NOT NULL AND `event_hour` IS NOT NULL GROUP BY `event_weekday`, `event_hour` HAVING count(*) > 1 ORDER BY occurrences DESC LIMIT 3;

-- top values of event_weekday, weekday_name, event_hour, events, sessions, users, purchases, revenue (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`event_weekday`) = 0 THEN 'event_weekday' WHEN grouping(`weekday_name`) = 0 THEN 'weekday_name' WHEN grouping(`event_hour`) = 0 THEN 'event_hour' WHEN grouping(`events`) = 0 THEN 'events' WHEN grouping(`sessions`) = 0 THEN 'sessions' WHEN grouping(`users`) = 0 THEN 'users' WHEN grouping(`purchases`) = 0 THEN 'purchases' WHEN grouping(`revenue`) = 0 THEN 'revenue' END AS col, CASE WHEN grouping(`event_weekday`) = 0 THEN CAST(`event_weekday` AS STRING) WHEN grouping(`weekday_name`) = 0 THEN CAST(`weekday_name` AS STRING) WHEN grouping(`event_hour`) = 0 THEN CAST(`event_hour` AS STRING) WHEN grouping(`events`) = 0 THEN CAST(`events` AS STRING) WHEN grouping(`sessions`) = 0 THEN CAST(`sessions` AS STRING) WHEN grouping(`users`) = 0 THEN CAST(`users` AS STRING) WHEN grouping(`purchases`) = 0 THEN CAST(`purchases` AS STRING) WHEN grouping(`revenue`) = 0 THEN CAST(`revenue` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/temporal_patterns` AS t GROUP BY GROUPING SETS ((`event_weekday`), (`weekday_name`), (`event_hour`), (`events`), (`sessions`), (`users`), (`purchases`), (`revenue`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;

-- performance gold.cohort_retention: Users by the week of their first activity (the cohort), and how many of them are active in each week after: retention.
-- write
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/gold/cohort_retention' USING parquet OPTIONS ('compression' = 'snappy')
SELECT `cohort_week`, `week_number`, `cohort_users`, `active_users`, `retention_pct`, `revenue`
FROM (
SELECT a.cohort_week, a.week_number, c.cohort_users, a.active_users,
       round(a.active_users * CAST(100 AS DOUBLE) / NULLIF(c.cohort_users, 0), 2) AS retention_pct, a.revenue
FROM (
  SELECT cohort_week, week_number, count(DISTINCT user_id) AS active_users, round(sum(amount), 2) AS revenue
  FROM (
    SELECT u.cohort_week, CAST(((CAST(unix_micros(CAST(trunc(CAST(e.event_date AS DATE), 'WEEK') AS TIMESTAMP)) AS DOUBLE) / 1000000) - (CAST(unix_micros(CAST(u.cohort_week AS TIMESTAMP)) AS DOUBLE) / 1000000)) / 604800 AS INTEGER) AS week_number, e.user_id, e.amount
    FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS e
    JOIN (SELECT user_id, trunc(CAST(min(event_date) AS DATE), 'WEEK') AS cohort_week FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS f GROUP BY user_id) AS u ON e.user_id = u.user_id
  ) AS activity
  GROUP BY cohort_week, week_number
) AS a
JOIN (SELECT cohort_week, count(*) AS cohort_users FROM (SELECT user_id, trunc(CAST(min(event_date) AS DATE), 'WEEK') AS cohort_week FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS f GROUP BY user_id) AS firsts GROUP BY cohort_week) AS c ON a.cohort_week = c.cohort_week
ORDER BY a.cohort_week, a.week_number) AS candidate
WHERE ((1 = 1));

-- schema of the written rows
DESCRIBE QUERY SELECT * FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/cohort_retention` AS d;

-- profile and checks on the written rows, with unique(cohort_week, week_number), reconciles(cohort users = distinct users of silver.enriched_events) (ranges only of the columns that are numbers or dates)
SELECT p.*, t0.failures AS t0_failures, t0.checked AS t0_checked, t0.observed AS t0_observed, CASE WHEN abs(coalesce(p.t1_own_mine, 0) - coalesce(o0.t1_other_theirs, 0)) > 0 THEN 1 ELSE 0 END AS t1_failures, 1 AS t1_checked, concat(CAST(p.t1_own_mine AS STRING), ' vs ', CAST(o0.t1_other_theirs AS STRING)) AS t1_observed
FROM (SELECT count(*) AS n, count(*) AS checked, sum(CASE WHEN NOT coalesce((`week_number` IS NULL OR (`week_number` >= 0)), false) THEN 1 ELSE 0 END) AS failed_0, sum(CASE WHEN NOT coalesce((`retention_pct` IS NULL OR (`retention_pct` >= 0 AND `retention_pct` <= 100)), false) THEN 1 ELSE 0 END) AS failed_1, sum(CASE WHEN NOT coalesce((active_users >= 1 AND active_users <= cohort_users), false) THEN 1 ELSE 0 END) AS failed_2, sum(CASE WHEN NOT coalesce((week_number <> 0 OR active_users = cohort_users), false) THEN 1 ELSE 0 END) AS failed_3, count(`cohort_week`) AS c0, approx_count_distinct(`cohort_week`) AS u0, CAST(min(`cohort_week`) AS STRING) AS lo0, CAST(max(`cohort_week`) AS STRING) AS hi0, count(`week_number`) AS c1, approx_count_distinct(`week_number`) AS u1, CAST(min(`week_number`) AS STRING) AS lo1, CAST(max(`week_number`) AS STRING) AS hi1, count(`cohort_users`) AS c2, approx_count_distinct(`cohort_users`) AS u2, CAST(min(`cohort_users`) AS STRING) AS lo2, CAST(max(`cohort_users`) AS STRING) AS hi2, count(`active_users`) AS c3, approx_count_distinct(`active_users`) AS u3, CAST(min(`active_users`) AS STRING) AS lo3, CAST(max(`active_users`) AS STRING) AS hi3, count(`retention_pct`) AS c4, approx_count_distinct(`retention_pct`) AS u4, CAST(min(`retention_pct`) AS STRING) AS lo4, CAST(max(`retention_pct`) AS STRING) AS hi4, count(`revenue`) AS c5, approx_count_distinct(`revenue`) AS u5, CAST(min(`revenue`) AS STRING) AS lo5, CAST(max(`revenue`) AS STRING) AS hi5, sum(CASE WHEN week_number = 0 THEN cohort_users END) AS t1_own_mine FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/cohort_retention` AS r) AS p
CROSS JOIN (SELECT count(DISTINCT user_id) AS t1_other_theirs FROM parquet.`file:///data/medallion/_staging/<run-id>/silver/enriched_events` AS s) AS o0
LEFT JOIN (
SELECT coalesce(sum(n), 0) AS failures, (SELECT count(*) FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/cohort_retention` AS all_rows) AS checked,
       CAST(count(*) AS STRING) AS observed
FROM (SELECT `cohort_week`, `week_number`, count(*) AS n FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/cohort_retention` AS r WHERE `cohort_week` IS NOT NULL AND `week_number` IS NOT NULL GROUP BY `cohort_week`, `week_number` HAVING count(*) > 1) AS duplicated) AS t0 ON 1 = 1;

-- rows failing range(week_number), kept for inspection (only when range(week_number) trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/gold.cohort_retention' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'range(week_number)' AS _expectation, coalesce(concat('week_number = ', substr(CAST(`week_number` AS STRING), 1, 80), ' (expected ≥ 0)'), 'week_number ≥ 0') AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/cohort_retention` AS written
WHERE NOT coalesce((`week_number` IS NULL OR (`week_number` >= 0)), false);

-- examples of range(week_number) (only when range(week_number) has failures)
SELECT `week_number` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/cohort_retention` AS written WHERE NOT coalesce((`week_number` IS NULL OR (`week_number` >= 0)), false) LIMIT 3;

-- rows failing percentages_in_range, kept for inspection (only when percentages_in_range trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/gold.cohort_retention' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'percentages_in_range' AS _expectation, coalesce(concat('retention_pct = ', substr(CAST(`retention_pct` AS STRING), 1, 80), ' (expected ≥ 0 and ≤ 100)'), 'retention_pct ≥ 0 and ≤ 100') AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/cohort_retention` AS written
WHERE NOT coalesce((`retention_pct` IS NULL OR (`retention_pct` >= 0 AND `retention_pct` <= 100)), false);

-- examples of percentages_in_range (only when percentages_in_range has failures)
SELECT `retention_pct` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/cohort_retention` AS written WHERE NOT coalesce((`retention_pct` IS NULL OR (`retention_pct` >= 0 AND `retention_pct` <= 100)), false) LIMIT 3;

-- rows failing active_within_cohort, kept for inspection (only when active_within_cohort trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/gold.cohort_retention' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'active_within_cohort' AS _expectation, 'active_users >= 1 AND active_users <= cohort_users' AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/cohort_retention` AS written
WHERE NOT coalesce((active_users >= 1 AND active_users <= cohort_users), false);

-- examples of active_within_cohort (only when active_within_cohort has failures)
SELECT `cohort_week`, `week_number`, `active_users`, `cohort_users` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/cohort_retention` AS written WHERE NOT coalesce((active_users >= 1 AND active_users <= cohort_users), false) LIMIT 3;

-- rows failing whole_cohort_active_in_its_week, kept for inspection (only when whole_cohort_active_in_its_week trips)
INSERT OVERWRITE DIRECTORY 'file:///data/medallion/_staging/<run-id>/_quarantine/gold.cohort_retention' USING parquet OPTIONS ('compression' = 'snappy')
SELECT *, 'whole_cohort_active_in_its_week' AS _expectation, 'week_number <> 0 OR active_users = cohort_users' AS _reason, '<run-id>' AS _run_id
FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/cohort_retention` AS written
WHERE NOT coalesce((week_number <> 0 OR active_users = cohort_users), false);

-- examples of whole_cohort_active_in_its_week (only when whole_cohort_active_in_its_week has failures)
SELECT `cohort_week`, `active_users`, `cohort_users` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/cohort_retention` AS written WHERE NOT coalesce((week_number <> 0 OR active_users = cohort_users), false) LIMIT 3;

-- examples of range(week_number) (only when range(week_number) has failures)
SELECT `week_number` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/cohort_retention` AS written WHERE NOT coalesce((`week_number` IS NULL OR (`week_number` >= 0)), false) LIMIT 3;

-- examples of percentages_in_range (only when percentages_in_range has failures)
SELECT `retention_pct` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/cohort_retention` AS written WHERE NOT coalesce((`retention_pct` IS NULL OR (`retention_pct` >= 0 AND `retention_pct` <= 100)), false) LIMIT 3;

-- examples of active_within_cohort (only when active_within_cohort has failures)
SELECT `cohort_week`, `week_number`, `active_users`, `cohort_users` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/cohort_retention` AS written WHERE NOT coalesce((active_users >= 1 AND active_users <= cohort_users), false) LIMIT 3;

-- examples of whole_cohort_active_in_its_week (only when whole_cohort_active_in_its_week has failures)
SELECT `cohort_week`, `active_users`, `cohort_users` FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/cohort_retention` AS written WHERE NOT coalesce((week_number <> 0 OR active_users = cohort_users), false) LIMIT 3;

-- examples of unique(cohort_week, week_number) (only when unique(cohort_week, week_number) has failures)
SELECT `cohort_week`, `week_number`, count(*) AS occurrences FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/cohort_retention` AS r WHERE `cohort_week` IS NOT NULL AND `week_number` IS NOT NULL GROUP BY `cohort_week`, `week_number` HAVING count(*) > 1 ORDER BY occurrences DESC LIMIT 3;

-- top values of cohort_week, week_number, cohort_users, active_users, retention_pct, revenue (only when some columns are text with few distinct values (only those are read))
SELECT col, value, n FROM (
  SELECT col, value, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, value) AS place
  FROM (SELECT CASE WHEN grouping(`cohort_week`) = 0 THEN 'cohort_week' WHEN grouping(`week_number`) = 0 THEN 'week_number' WHEN grouping(`cohort_users`) = 0 THEN 'cohort_users' WHEN grouping(`active_users`) = 0 THEN 'active_users' WHEN grouping(`retention_pct`) = 0 THEN 'retention_pct' WHEN grouping(`revenue`) = 0 THEN 'revenue' END AS col, CASE WHEN grouping(`cohort_week`) = 0 THEN CAST(`cohort_week` AS STRING) WHEN grouping(`week_number`) = 0 THEN CAST(`week_number` AS STRING) WHEN grouping(`cohort_users`) = 0 THEN CAST(`cohort_users` AS STRING) WHEN grouping(`active_users`) = 0 THEN CAST(`active_users` AS STRING) WHEN grouping(`retention_pct`) = 0 THEN CAST(`retention_pct` AS STRING) WHEN grouping(`revenue`) = 0 THEN CAST(`revenue` AS STRING) END AS value, count(*) AS n
  FROM parquet.`file:///data/medallion/_staging/<run-id>/gold/cohort_retention` AS t GROUP BY GROUPING SETS ((`cohort_week`), (`week_number`), (`cohort_users`), (`active_users`), (`retention_pct`), (`revenue`))) AS counted WHERE value IS NOT NULL) AS ranked
WHERE place <= 5;
