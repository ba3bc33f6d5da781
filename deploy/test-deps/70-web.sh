# Web apps (issue 8): Chromium for the Playwright browser tests (never downloaded by Playwright), and the built web/dist
# the API host serves under /app/.
if ! [ -x /usr/bin/chromium ]; then
  pp_apt_install chromium
fi
export PHONEPLATFORM_CHROMIUM=/usr/bin/chromium
(cd "$(dirname "${BASH_SOURCE[0]}")/../../web" && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent >/dev/null)
