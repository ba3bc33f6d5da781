# Crypto tests: the S3 blob store runs against s3rver (an S3-compatible server on loopback),
# installed from the pinned lock file in tests/s3rver. Quiet unless npm fails.
pp_crypto_npm_log=$(mktemp)
if ! (cd tests/s3rver && npm ci --no-audit --no-fund) >"$pp_crypto_npm_log" 2>&1; then
  cat "$pp_crypto_npm_log" >&2
  rm -f "$pp_crypto_npm_log"
  false
fi
rm -f "$pp_crypto_npm_log"
unset pp_crypto_npm_log
export PHONEPLATFORM_S3RVER_BIN="$PWD/tests/s3rver/node_modules/.bin/s3rver"
