# Media (WebRTC) integration tests: headless Chromium from Debian. Playwright drives it through
# ExecutablePath=/usr/bin/chromium and never downloads its own browsers.
pp_apt_install chromium
export PHONEPLATFORM_CHROMIUM="${PHONEPLATFORM_CHROMIUM:-/usr/bin/chromium}"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
