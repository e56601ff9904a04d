#!/usr/bin/env bash
# Installs what Custos needs on Debian 12 and is missing: the Debian packages below, and the Swift toolchain
# when `swift` is not on PATH (from swift.org, which Debian does not package). Safe to run again.
set -euo pipefail

packages=(build-essential git pkg-config libsqlite3-dev sqlite3 libcurl4-openssl-dev libxml2-dev python3 python3-venv
    ca-certificates curl chromium fonts-dejavu-core fonts-wqy-microhei libturbojpeg0-dev libpng-dev libwebp-dev
    similarity-tester)
# similarity-tester is Dick Grune's SIM (sim_c, sim_c++, sim_java, sim_text, ...), the copy-detection peer of
# bench/copy_eval.sh.
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing Debian packages: ${missing[*]}" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
    version="6.3.1"
    arch=$(uname -m)
    suffix=""
    [ "$arch" = "aarch64" ] && suffix="-aarch64"
    url="https://download.swift.org/swift-${version}-release/debian12${suffix}/swift-${version}-RELEASE/swift-${version}-RELEASE-debian12${suffix}.tar.gz"
    echo "setup: Swift not found; installing Swift ${version} from ${url} into /opt/swift" >&2
    tmp=$(mktemp -d)
    curl -fsSL "$url" -o "$tmp/swift.tar.gz"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo mkdir -p /opt/swift
    $sudo tar -xzf "$tmp/swift.tar.gz" -C /opt/swift --strip-components=1
    rm -rf "$tmp"
    export PATH="/opt/swift/usr/bin:$PATH"
    echo "setup: add /opt/swift/usr/bin to PATH in your shell profile" >&2
fi

# --- peers venv (scripts/peers): third-party verifiers the cross-check tests run ------------------------------------
# .venv-peers holds the pinned PyPI packages of scripts/peers/requirements.txt. It is rebuilt when missing or when
# the requirements changed (their SHA-256 is kept in .venv-peers/.requirements-sha256), so a stale venv never
# answers for a new pin.
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
peers_requirements="$repo_root/scripts/peers/requirements.txt"
peers_venv="$repo_root/.venv-peers"
peers_hash=$(sha256sum "$peers_requirements" | cut -d' ' -f1)
if [ ! -x "$peers_venv/bin/python" ] || [ "$(cat "$peers_venv/.requirements-sha256" 2>/dev/null)" != "$peers_hash" ]; then
    echo "setup: creating $peers_venv (pip install -r scripts/peers/requirements.txt)" >&2
    rm -rf "$peers_venv"
    python3 -m venv "$peers_venv"
    "$peers_venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$peers_requirements"
    echo "$peers_hash" >"$peers_venv/.requirements-sha256"
fi
# --- end peers venv ---------------------------------------------------------------------------------------------------
