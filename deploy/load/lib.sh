# Helpers for the load scripts in this folder (sourced). Everything runs on 127.0.0.1 and stops by itself.

pp_free_udp_port() {
  python3 -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits up to $2 seconds for file $1 to contain a line matching $3.
pp_wait_for_line() {
  local file=$1 timeout=$2 pattern=$3
  for _ in $(seq $((timeout * 10))); do
    grep -q -- "$pattern" "$file" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "timed out waiting for '$pattern' in $file" >&2
  return 1
}

pp_load1() { cut -d' ' -f1 /proc/loadavg; }

# Installs gnuplot (Debian gnuplot-nox) when missing; plots are skipped if that fails.
pp_ensure_gnuplot() {
  command -v gnuplot >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -q gnuplot-nox >/dev/null 2>&1 || true
  command -v gnuplot >/dev/null 2>&1
}
