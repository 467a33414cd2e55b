#!/usr/bin/env bash
# Creates (or reuses) the project-local Python environment `.venv` with the packages pinned in
# scripts/python-requirements.txt, and prints the path of its python. Reinstalls only when the
# requirements file changed since the last install.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.venv"
requirements="$root/scripts/python-requirements.txt"
python="${PYTHON:-python3}"
if ! command -v "$python" >/dev/null 2>&1; then
  echo "python-env: $python not found; install Python 3.9 or newer" >&2
  exit 3
fi
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv" >&2
fi
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$requirements" | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" >&2 || {
    echo "python-env: could not install the packages of $requirements (is PyPI reachable?)" >&2
    exit 3
  }
  echo "$want" > "$stamp"
fi
echo "$venv/bin/python"
