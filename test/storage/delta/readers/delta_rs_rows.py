"""Reads the current version of several Delta tables with delta-rs and prints, as one JSON object,
each table's version and rows (dates as ISO text)."""
import json
import os
import sys

from deltalake import DeltaTable

out = {}
for path in sys.argv[1:]:
    table = DeltaTable(path)
    out[path] = {"version": table.version(), "rows": table.to_pyarrow_table().to_pylist()}
print(json.dumps(out, default=str))
sys.stdout.flush()
# Leave without the interpreter's teardown: delta-rs's runtime threads can abort the process there
# (std::terminate) after the work is done, which would turn a good read into a failed command.
os._exit(0)
