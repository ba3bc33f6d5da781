# Webhook tests: the npm standardwebhooks reference library verifies the dispatcher's signatures (tests/webhook-verifier).
(
  cd "$(dirname "${BASH_SOURCE[0]}")/../../tests/webhook-verifier" &&
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
)
