# PhonePlatform.Smpp integration tests: the SMSC simulator (tests/smsc-simulator) runs on node with the npm `smpp` package.
# node and npm are on the CI image; this installs the locked packages, quietly and idempotently.
(
  cd "$(dirname "${BASH_SOURCE[0]}")/../../tests/smsc-simulator" &&
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
)
