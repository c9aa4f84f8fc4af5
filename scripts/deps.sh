#!/bin/sh
# Installs the Debian packages a target needs, only when one is missing.
# Usage: scripts/deps.sh run|test|bench
set -eu

base="kore build-essential libpq-dev libjansson-dev libsodium-dev zlib1g-dev libbrotli-dev
libvoikko-dev voikko-fi libstemmer-dev libxlsxwriter-dev libcurl4-openssl-dev
postgresql curl liboath-dev libqrencode-dev libzip-dev libxml2-dev"
case "${1:-run}" in
run)	pkgs="$base" ;;
test)	pkgs="$base nodejs npm chromium gettext fonts-dejavu-core clang cppcheck
libclang-rt-14-dev libreoffice-calc-nogui python3-feedparser poppler-utils
nginx systemd openssl python3-aiosmtpd" ;;
bench)	pkgs="$base nodejs wrk nginx-light" ;;
*)	echo "usage: $0 run|test|bench" >&2; exit 2 ;;
esac

missing=""
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
# A node from another source (e.g. nodesource) also provides npm.
case "$missing" in
*nodejs*|*npm*)
	if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
		missing=$(echo "$missing" | sed 's/ nodejs//; s/ npm//')
	fi ;;
esac
check_node() {
	case "${1:-run}" in test|bench) ;; *) return 0 ;; esac
	major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
	if [ "$major" -lt 20 ]; then
		echo "the test tools (playwright-core, html-validate) need Node.js 20" \
		    "or later; this machine has $(node --version 2>/dev/null || echo none)" >&2
		exit 1
	fi
}

if [ -z "$(echo "$missing" | tr -d ' ')" ]; then
	check_node "${1:-run}"
	exit 0
fi

if [ "$(id -u)" != 0 ]; then
	echo "missing packages:$missing (run as root to install them)" >&2
	exit 1
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
check_node "${1:-run}"
