# Browser softphone tests (tests/PhonePlatform.Gateway.BrowserTests): headless Chromium from Debian running JsSIP,
# bundled from tests/jssip-page with esbuild (the bundle is built here, never committed); sipp plays the carrier.
pp_apt_install chromium sip-tester
export PHONEPLATFORM_CHROMIUM="${PHONEPLATFORM_CHROMIUM:-/usr/bin/chromium}"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
(
  cd "$(dirname "${BASH_SOURCE[0]}")/../../tests/jssip-page" &&
    npm ci --no-audit --no-fund --loglevel=error >/dev/null &&
    npm run --silent build >/dev/null
)
