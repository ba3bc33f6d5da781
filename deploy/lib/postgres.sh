# shellcheck shell=bash
# Ensures a local PostgreSQL cluster dedicated to PhonePlatform is installed and running,
# then exports PHONEPLATFORM_POSTGRES_ADMIN (a superuser connection string on loopback).
# Sourced by deploy/run.sh and deploy/test.sh. Debian only: installs the `postgresql` package when missing.

PP_PG_CLUSTER="${PP_PG_CLUSTER:-phoneplatform}"
PP_PG_PORT="${PP_PG_PORT:-55432}"
PP_PG_USER="${PP_PG_USER:-phoneplatform}"

pp_as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

pp_apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing: ${missing[*]}"
  pp_as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive pp_as_root apt-get install -y -qq "${missing[@]}" >/dev/null
}

pp_ensure_postgres() {
  pp_apt_install postgresql
  local version
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  if ! pp_as_root pg_lsclusters -h | awk '{print $2}' | grep -qx "$PP_PG_CLUSTER"; then
    pp_as_root pg_createcluster "$version" "$PP_PG_CLUSTER" -p "$PP_PG_PORT" -- --auth-local=peer --auth-host=scram-sha-256 >/dev/null
  fi
  local cluster_version
  cluster_version=$(pp_as_root pg_lsclusters -h | awk -v c="$PP_PG_CLUSTER" '$2==c {print $1}')
  local status
  status=$(pp_as_root pg_lsclusters -h | awk -v c="$PP_PG_CLUSTER" '$2==c {print $4}')
  if [ "$status" != "online" ]; then
    pp_as_root pg_ctlcluster "$cluster_version" "$PP_PG_CLUSTER" start
  fi
  local port
  port=$(pp_as_root pg_lsclusters -h | awk -v c="$PP_PG_CLUSTER" '$2==c {print $3}')

  # The password lives next to the cluster, readable by root only; it is generated once and never printed.
  local secret_file="/etc/postgresql/$cluster_version/$PP_PG_CLUSTER/phoneplatform.secret"
  if ! pp_as_root test -s "$secret_file"; then
    pp_as_root sh -c "umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=' > '$secret_file'"
  fi
  local password
  password=$(pp_as_root cat "$secret_file")
  pp_as_root su postgres -c "psql -q -p $port -d postgres -v ON_ERROR_STOP=1" >/dev/null <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PP_PG_USER') THEN
    CREATE ROLE $PP_PG_USER LOGIN SUPERUSER PASSWORD '$password';
  ELSE
    ALTER ROLE $PP_PG_USER WITH LOGIN SUPERUSER PASSWORD '$password';
  END IF;
END \$\$;
SQL
  export PHONEPLATFORM_POSTGRES_ADMIN="Host=127.0.0.1;Port=$port;Username=$PP_PG_USER;Password=$password;Database=postgres"
  echo "postgresql: cluster '$PP_PG_CLUSTER' ($cluster_version) on 127.0.0.1:$port, user $PP_PG_USER"
}
