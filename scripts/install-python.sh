#!/usr/bin/env bash
# Installs Debian's python3 with venv support, which scripts/python-env.sh needs, unless present.
# Needs root (CI runs as root); the suites that need Python skip with a message when it is absent.
set -euo pipefail
if command -v python3 >/dev/null 2>&1 && python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-python: python3 with venv is missing; run as root: apt-get update && apt-get install -y python3 python3-venv" >&2
  exit 3
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq python3 python3-venv >/dev/null
python3 --version
