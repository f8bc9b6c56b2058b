#!/usr/bin/env bash
# Makes the pgvector extension available in the machine's PostgreSQL server.
# Idempotent: exits at once when the server (or its extension directory) already has `vector`.
# Builds pgvector from Debian trixie's source package against the running server's exact
# server-dev headers, because bookworm ships no pgvector for the server version installed here.
set -euo pipefail

PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-postgres}"
export PGHOST PGPORT PGUSER

log() { printf 'ensure-pgvector: %s\n' "$*" >&2; }

server_major() {
  local num
  if num="$(psql -d postgres -Atqc 'SHOW server_version_num' 2>/dev/null)" && [[ -n "$num" ]]; then
    echo $((num / 10000))
  else
    # Server not reachable: fall back to the newest installed server package.
    ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -n 1
  fi
}

PG_MAJOR="${PG_MAJOR:-$(server_major)}"
if [[ -z "$PG_MAJOR" ]]; then
  log "no PostgreSQL server found (nothing under /usr/lib/postgresql and none at $PGHOST:$PGPORT)"
  exit 1
fi
PG_CONFIG="/usr/lib/postgresql/$PG_MAJOR/bin/pg_config"

available() {
  local found
  if found="$(psql -d postgres -Atqc "SELECT 1 FROM pg_available_extensions WHERE name = 'vector'" 2>/dev/null)"; then
    [[ "$found" == "1" ]]
  else
    [[ -f "/usr/share/postgresql/$PG_MAJOR/extension/vector.control" ]]
  fi
}

if available; then
  log "vector is available in PostgreSQL $PG_MAJOR"
  exit 0
fi

if [[ "$(id -u)" != "0" ]]; then
  log "vector is missing and building it needs root (apt-get, make install); run: sudo bash $0"
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive

mirror_uri() {
  local uri=""
  if compgen -G '/etc/apt/sources.list.d/*.sources' >/dev/null; then
    uri="$(grep -h -E '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -E '/debian/?$' | head -n 1 || true)"
  fi
  if [[ -z "$uri" && -f /etc/apt/sources.list ]]; then
    uri="$(grep -h -E '^deb ' /etc/apt/sources.list | awk '{for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit }}' | grep -E '/debian/?$' | head -n 1 || true)"
  fi
  echo "${uri:-http://deb.debian.org/debian}"
}

SRC_LIST=/etc/apt/sources.list.d/truecopy-trixie-src.sources
if [[ ! -f "$SRC_LIST" ]]; then
  uri="$(mirror_uri)"
  log "adding deb-src entry for trixie from $uri"
  cat >"$SRC_LIST" <<SOURCES
Types: deb-src
URIs: $uri
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
fi

log "apt-get update"
apt-get update -qq >/dev/null

server_version="$(dpkg-query -W -f='${Version}' "postgresql-$PG_MAJOR" 2>/dev/null || true)"
if [[ -z "$server_version" ]]; then
  log "package postgresql-$PG_MAJOR is not installed; cannot match server-dev headers"
  exit 1
fi
log "installing postgresql-server-dev-$PG_MAJOR=$server_version and build tools"
if ! apt-get install -y -qq --no-install-recommends dpkg-dev make gcc "postgresql-server-dev-$PG_MAJOR=$server_version" >/dev/null; then
  log "postgresql-server-dev-$PG_MAJOR=$server_version is not available from apt (the server package may be older than"
  log "the archive's); upgrade postgresql-$PG_MAJOR to the archive's version, restart it, and run this script again"
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
log "downloading pgvector source package"
apt-get source --download-only pgvector >/dev/null 2>&1 || apt-get source --download-only pgvector
dsc="$(ls ./*.dsc | head -n 1)"
# apt already checked the files against the signed Sources index; the .dsc's own OpenPGP
# signature would need the uploader's key, which is not in the archive keyring.
dpkg-source --no-check -x "$dsc" src >/dev/null
cd src
log "building $(basename "$dsc" .dsc) for PostgreSQL $PG_MAJOR"
# OPTFLAGS="" drops -march=native so the binary runs on any CPU of this machine kind.
make -s PG_CONFIG="$PG_CONFIG" OPTFLAGS="" >/dev/null
make -s PG_CONFIG="$PG_CONFIG" OPTFLAGS="" install >/dev/null

if available; then
  log "vector installed"
else
  log "build finished but the server still does not list vector"
  exit 1
fi
