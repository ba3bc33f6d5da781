# Crypto tests: the S3 blob store runs against s3rver (an S3-compatible server on loopback),
# installed from the pinned lock file in tests/s3rver.
(cd tests/s3rver && npm ci --silent --no-audit --no-fund >/dev/null)
export PHONEPLATFORM_S3RVER_BIN="$PWD/tests/s3rver/node_modules/.bin/s3rver"
