#!/bin/sh
# Headless-browser tests need Debian's Chromium; install it when missing (CI on a fresh machine).
command -v chromium >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ]; then apt-get update && apt-get install -y chromium
else echo "chromium missing: browser tests will skip (run as root or: sudo apt-get install chromium)"; fi
