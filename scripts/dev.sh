#!/usr/bin/env bash
# Quick start: runs the service on embedded defaults (PGlite, in-process queue, template generator).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/ensure-bun.sh"
cd "$ROOT"
exec bun run dev
