"""Reads a Delta table with delta-rs and prints what it sees as one JSON object."""
import json
import os
import sys

from deltalake import DeltaTable

path = sys.argv[1]
version = int(sys.argv[2]) if len(sys.argv) > 2 else None
table = DeltaTable(path)
latest = table.version()
if version is not None:
    table.load_as_version(version)
data = table.to_pyarrow_table()
print(json.dumps({
    "latest": latest,
    "version": table.version(),
    "history": [{"version": h.get("version"), "operation": h.get("operation"), "engineInfo": h.get("engineInfo")} for h in DeltaTable(path).history()],
    "schema": [[f.name, str(f.type)] for f in data.schema],
    "rows": data.to_pylist(),
}, default=str))
sys.stdout.flush()
# Leave without the interpreter's teardown: delta-rs's runtime threads can abort the process there
# (std::terminate) after the work is done, which would turn a good read into a failed command.
os._exit(0)
