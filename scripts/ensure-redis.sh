#!/usr/bin/env bash
# Makes sure redis-server is on PATH, installing Debian's package when it is missing (as root, or through
# sudo without a password prompt). `npm start` and `npm test` run this first, so each is one command on a
# fresh Debian or Ubuntu machine that has only Node and npm.
#   --unless-redis-url   nothing to do when REDIS_URL is set (the service then uses that Redis)
set -euo pipefail
if [ "${1:-}" = "--unless-redis-url" ] && [ -n "${REDIS_URL:-}" ]; then exit 0; fi
command -v redis-server >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ]; then as_root=(); elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then as_root=(sudo -n); else
  echo "outfall-scout: redis-server is not installed, and installing it needs root." >&2
  echo "  Debian/Ubuntu: sudo apt-get install -y redis-server   (or set REDIS_URL to a Redis you run)" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "outfall-scout: redis-server is not installed and this is not a Debian-like system: install Redis 6.2 or newer, or set REDIS_URL" >&2
  exit 1
fi
echo "outfall-scout: installing redis-server (Debian package)" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends redis-server >/dev/null
# Debian starts a system-wide redis on port 6379 after the install; the service runs its own, so it is left as is.
command -v redis-server >/dev/null 2>&1
