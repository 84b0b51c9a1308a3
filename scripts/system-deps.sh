#!/usr/bin/env bash
# System packages the test suite needs beyond Python: headless Debian chromium (+ its driver)
# for tests/api/test_browser.py. Idempotent and quiet: does nothing when they are present,
# runs `apt-get update` only when something must be installed. Never fails the caller: without
# chromium, tests/api/test_browser.py skips and says why.
set -euo pipefail

PACKAGES=(chromium chromium-driver)

missing=()
for pkg in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "system-deps: apt-get not found; install ${missing[*]} by hand (the browser test skips without them)" >&2
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "system-deps: not root; run 'apt-get install ${missing[*]}' as root (the browser test skips without them)" >&2
        exit 0
    fi
fi

export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
if ! { $SUDO apt-get update -qq && \
       $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    echo "system-deps: could not install ${missing[*]} (see above); the browser test will skip" >&2
    rm -f "$log"
    exit 0  # the rest of the suite does not need them
fi
rm -f "$log"
