"""Reads a Delta table with Spark and the delta-spark jars in a local session; prints one JSON object."""
import json
import sys

from pyspark.sql import SparkSession

path, jars, old_version = sys.argv[1], sys.argv[2], int(sys.argv[3])
spark = (
    SparkSession.builder.master("local[1]")
    .config("spark.jars", jars)
    .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
    .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
    .config("spark.sql.session.timeZone", "UTC")
    .config("spark.sql.shuffle.partitions", "1")
    .config("spark.ui.enabled", "false")
    .config("spark.ui.showConsoleProgress", "false")
    .config("spark.driver.memory", "1g")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")
current = spark.read.format("delta").load(path)
old = spark.sql(f"SELECT count(*) AS n, sum(id) AS s FROM delta.`{path}` VERSION AS OF {old_version}").collect()[0]
now = current.selectExpr("count(*) AS n", "sum(id) AS s").collect()[0]
history = spark.sql(f"DESCRIBE HISTORY delta.`{path}`").select("version", "operation", "engineInfo").collect()
print(json.dumps({
    "schema": current.schema.simpleString(),
    "count": now.n,
    "sumId": now.s,
    "oldCount": old.n,
    "oldSumId": old.s,
    "history": [{"version": r.version, "operation": r.operation, "engineInfo": r.engineInfo} for r in history],
}, default=str))
spark.stop()
