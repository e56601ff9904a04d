# Shared by the bench/*.sh scripts: paths, the custos binary, the machine description.
# shellcheck shell=bash

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(dirname "$bench_dir")
out_dir="$bench_dir/out"
mkdir -p "$out_dir"

log() { printf '%s\n' "$*" >&2; }

# Runs a command as root, through sudo when this shell is not root.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs Debian packages the scripts need, once.
apt_install() {
    log "installing with apt-get: $*"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >&2
}

# taskset pins a process to one core, so Custos and its peer get the same single CPU.
ensure_taskset() {
    command -v taskset >/dev/null 2>&1 || apt_install util-linux
}

# The source the measurements stand for: the working tree when the script started.
custos_revision=$(git -C "$repo_root" describe --always --dirty 2>/dev/null || echo unknown)

# Sets $custos to a release binary: $CUSTOS_BIN when given, else a fresh `swift build -c release`.
ensure_custos() {
    if [ -n "${CUSTOS_BIN:-}" ]; then
        custos=$CUSTOS_BIN
        [ -x "$custos" ] || { log "CUSTOS_BIN=$custos is not an executable"; exit 1; }
        log "using CUSTOS_BIN=$custos"
        return
    fi
    log "building custos (release) in $repo_root ..."
    (cd "$repo_root" && swift build -c release --product custos >&2)
    custos="$(cd "$repo_root" && swift build -c release --show-bin-path)/custos"
}

# The CPU the benchmark pins to: core 0, or $BENCH_CPU.
bench_cpu=${BENCH_CPU:-0}

# Markdown lines describing the machine and toolchain.
machine_description() {
    local model
    model=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')
    echo "- Machine: $(nproc) CPUs available (${model:-unknown CPU}), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM; pinned to CPU $bench_cpu with taskset"
    echo "- Load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- Swift: $(swift --version 2>/dev/null | head -1)"
    echo "- Custos: working tree at $custos_revision when the run started; binary $custos"
}
