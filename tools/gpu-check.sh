#!/usr/bin/env bash
# GPU check of the workbench: the native encoder on an NVIDIA GPU (float32 and float16) against the
# CPU reference (ONNX Runtime, float32), and optionally ONNX Runtime's CUDA provider.
#
# Usage (from anywhere):  tools/gpu-check.sh [LIBTORCH_DIR] [gpu-check options]
#   LIBTORCH_DIR       a CUDA libtorch 2.7.1 (the unpacked zip from pytorch.org, or its lib/ folder);
#                      optional: see "Finding libtorch" below
#   gpu-check options  passed on to the Java side: --passages N (default 20000), --model NAME_OR_DIR
#                      (default the bundled e5-small-v2), --sts DIR (default
#                      ../shared/reference-data/stsbenchmark)
# Environment:
#   PYTORCH_LIBRARY_PATH  a libtorch lib/ folder to use as it is (with PYTORCH_FLAVOR if you set it)
#   ORT_GPU_JAR           an onnxruntime_gpu jar for the ONNX Runtime CUDA part
#   GPU_CHECK_TIMEOUT     seconds for the main run (default 290, or 200 when the ONNX Runtime part runs)
#
# It builds nothing: it runs app/bench/target/taew-bench.jar (GpuCheck in app/bench). Everything it
# prints also goes to target/gpu-check-<date>.txt. Without a GPU or a CUDA libtorch it says what is
# missing and still runs the CPU part, so it can be tried on any machine. The whole run stays under
# five minutes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JAR=app/bench/target/taew-bench.jar
LIB=app/bench/target/lib
STAMP="$(date +%Y%m%d-%H%M%S)"
OUT="target/gpu-check-$STAMP.txt"
TMP="$(mktemp -d -t taew-gpu-check.XXXXXX)"
trap 'rm -rf "$TMP"' EXIT

# A first argument that is a folder is the libtorch to use; the rest go to the Java side.
LIBTORCH_ARG=""
if [[ $# -gt 0 && -d "$1" ]]; then
    LIBTORCH_ARG="$1"
    shift
fi
CHECK_ARGS=("$@")

say() { printf '%s\n' "$*"; }

# ---- the machine ----
machine() {
    say "== Machine =="
    say "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); host ${HOSTNAME:-?}"
    if command -v lscpu >/dev/null; then
        say "CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -1); $(nproc) cores available"
    fi
    if command -v nvidia-smi >/dev/null; then
        nvidia-smi -L || say "nvidia-smi -L failed"
        # driver and the highest CUDA version the driver supports (from nvidia-smi's header)
        say "Driver: $(nvidia-smi --query-gpu=driver_version --format=csv,noheader 2>/dev/null | head -1)," \
            "$(nvidia-smi 2>/dev/null | grep -o 'CUDA Version: *[0-9.]*' | head -1)"
        nvidia-smi --query-gpu=index,name,memory.total,memory.used --format=csv 2>/dev/null || true
    else
        say "nvidia-smi: not found (no NVIDIA driver here)"
    fi
    say "Java: $(java -version 2>&1 | head -1)"
}

# ---- a Python torch, if there is one: "version cuda path-of-__init__.py" ----
PY_TORCH=""
python_torch() {
    if command -v python3 >/dev/null; then
        PY_TORCH="$(python3 -c 'import torch; print(torch.__version__, torch.version.cuda, torch.__file__)' \
            2>/dev/null | tail -1 || true)"
    fi
    if [[ -n "$PY_TORCH" ]]; then
        say "Python torch: $PY_TORCH"
    else
        say "Python torch: none (python3 -c 'import torch' failed)"
    fi
}

# ---- cuDNN: the system's, and one beside a Python torch ----
cudnn() {
    local found
    found="$(ldconfig -p 2>/dev/null | grep -i 'libcudnn\.so' | head -3 | sed 's/^[[:space:]]*/  /' || true)"
    if [[ -n "$found" ]]; then
        say "cuDNN (ldconfig):"
        say "$found"
    else
        say "cuDNN (ldconfig): none"
    fi
    if [[ -n "$PY_TORCH" ]]; then
        local tdir
        tdir="$(dirname "$(awk '{print $3}' <<<"$PY_TORCH")")"
        # pip's torch carries cuDNN in the nvidia-cudnn-cu12 package beside it, older wheels in torch/lib
        found="$(ls "$tdir"/lib/libcudnn.so* "$tdir"/../nvidia/cudnn/lib/libcudnn.so* 2>/dev/null | head -3 || true)"
        say "cuDNN (Python torch): ${found:-none}"
    fi
}

# ---- Finding libtorch: sets PYTORCH_LIBRARY_PATH, PYTORCH_VERSION, PYTORCH_FLAVOR, or MISSING ----
# In this order: $PYTORCH_LIBRARY_PATH as it is; the folder given as the first argument, /opt/libtorch,
# ~/libtorch, /usr/local/libtorch (a CUDA build of 2.7.1, told by its build-version file or
# libtorch_cuda.so); the lib/ folder of a Python torch 2.7.1 with CUDA. The flavor (cu128) comes from
# build-version or torch.version.cuda.
MISSING=""
LIBTORCH_LIB=""
FLAVOR=""

# The lib/ folder of a libtorch root or of itself, if it holds libtorch.so.
lib_dir() {
    if [[ -f "$1/lib/libtorch.so" ]]; then
        echo "$1/lib"
    elif [[ -f "$1/libtorch.so" ]]; then
        echo "$1"
    fi
    return 0
}

# cu128 from a libtorch folder's build-version file ("2.7.1+cu128"), empty when it does not say.
flavor_of_folder() {
    local v
    v="$(cat "$1/../build-version" 2>/dev/null || true)"
    [[ "$v" == *+cu* ]] && echo "${v##*+}"
    return 0
}

# Whether a libtorch folder is 2.7.1 (the version DJL 0.36 is built against), when it says.
version_ok() {
    local v
    v="$(cat "$1/../build-version" 2>/dev/null || true)"
    [[ -z "$v" || "$v" == 2.7.1* ]]
}

find_libtorch() {
    local user_flavor="${PYTORCH_FLAVOR:-}"
    if [[ -n "${PYTORCH_LIBRARY_PATH:-}" ]]; then
        LIBTORCH_LIB="$PYTORCH_LIBRARY_PATH"
        FLAVOR="${user_flavor:-$(flavor_of_folder "$LIBTORCH_LIB")}"
        if [[ -z "$FLAVOR" && -n "$PY_TORCH" ]]; then
            local version cuda file
            read -r version cuda file <<<"$PY_TORCH"
            [[ "$(dirname "$file")/lib" -ef "$LIBTORCH_LIB" && "$cuda" != None ]] && FLAVOR="cu${cuda//./}"
        fi
        say "libtorch: PYTORCH_LIBRARY_PATH=$LIBTORCH_LIB (from the environment)"
        [[ -f "$LIBTORCH_LIB/libtorch.so" ]] || say "libtorch: $LIBTORCH_LIB holds no libtorch.so: DJL will not find it"
    fi
    local candidates=()
    if [[ -z "$LIBTORCH_LIB" ]]; then
        [[ -n "$LIBTORCH_ARG" ]] && candidates+=("$LIBTORCH_ARG")
        candidates+=(/opt/libtorch "$HOME/libtorch" /usr/local/libtorch)
    fi
    local c d
    for c in "${candidates[@]}"; do
        d="$(lib_dir "$c")"
        [[ -z "$d" ]] && continue
        if ! version_ok "$d"; then
            say "libtorch: $c is $(cat "$d/../build-version"), not 2.7.1: skipped"
            continue
        fi
        FLAVOR="$(flavor_of_folder "$d")"
        if [[ -z "$FLAVOR" ]] && ! ls "$d"/libtorch_cuda.so >/dev/null 2>&1; then
            say "libtorch: $c has no libtorch_cuda.so (a CPU build): skipped"
            continue
        fi
        LIBTORCH_LIB="$(cd "$d" && pwd)"
        say "libtorch: $LIBTORCH_LIB ($(cat "$d/../build-version" 2>/dev/null || echo 'no build-version file'))"
        break
    done
    if [[ -z "$LIBTORCH_LIB" && -n "$PY_TORCH" ]]; then
        local version cuda file
        read -r version cuda file <<<"$PY_TORCH"
        if [[ "$version" == 2.7.1* && "$cuda" != None ]]; then
            LIBTORCH_LIB="$(dirname "$file")/lib"
            FLAVOR="cu${cuda//./}"
            say "libtorch: $LIBTORCH_LIB (Python torch $version, CUDA $cuda)"
        else
            say "libtorch: the Python torch is $version with CUDA $cuda; DJL 0.36 needs 2.7.1 with CUDA"
        fi
    fi
    if [[ -z "$LIBTORCH_LIB" ]]; then
        MISSING="no CUDA libtorch 2.7.1: unpack libtorch-cxx11-abi-shared-with-deps-2.7.1+cu128.zip (pytorch.org)"
        MISSING+=" to /opt/libtorch or ~/libtorch, pass its folder as the first argument, set PYTORCH_LIBRARY_PATH,"
        MISSING+=" or pip install torch==2.7.1 --index-url https://download.pytorch.org/whl/cu128"
        return
    fi
    FLAVOR="${FLAVOR:-cu128}"
    # DJL loads its JNI library from the pytorch-jni jar, which carries it for cpu and cu128 only
    # (unless the libtorch folder holds libdjl_torch.so). Another CUDA flavor would send DJL to the
    # network, which is off: use cu128's JNI then; it links libtorch's libraries by names that carry no
    # CUDA version, so it should load against another CUDA 12 build of 2.7.1 (not verified).
    local jni
    jni="$(ls "$LIB"/pytorch-jni-*.jar 2>/dev/null | head -1 || true)"
    if [[ -z "$user_flavor" && -n "$jni" && ! -f "$LIBTORCH_LIB/libdjl_torch.so" ]] \
        && ! { unzip -l "$jni" 2>/dev/null || jar tf "$jni" 2>/dev/null; } \
            | grep -q "jnilib/linux-x86_64/$FLAVOR/"; then
        say "libtorch: $(basename "$jni") has no JNI library for $FLAVOR; using cu128's (unverified for $FLAVOR)"
        FLAVOR=cu128
    fi
    export PYTORCH_LIBRARY_PATH="$LIBTORCH_LIB" PYTORCH_VERSION="${PYTORCH_VERSION:-2.7.1}" PYTORCH_FLAVOR="$FLAVOR"
    say "Set PYTORCH_LIBRARY_PATH=$PYTORCH_LIBRARY_PATH PYTORCH_VERSION=$PYTORCH_VERSION PYTORCH_FLAVOR=$PYTORCH_FLAVOR"
}

# ---- libcudart for DJL's CudaUtils ----
# DJL counts GPUs (and reads free memory) through libcudart loaded by JNA under the name
# "libcudart.so". pip's torch keeps it in nvidia/cuda_runtime/lib as libcudart.so.12 and the libtorch
# zip as libcudart-<hash>.so.12, neither of which JNA finds by that name: without this DJL sees no GPU
# even with a CUDA libtorch. A link named libcudart.so in a folder of our own, on jna.library.path,
# is found first.
JNA_OPTS=()
# Only with a CUDA libtorch (without one DJL's own search is left alone), and preferably libtorch's own
# libcudart: a system one may be newer than the driver supports.
find_cudart() {
    [[ -z "$LIBTORCH_LIB" ]] && return 0
    local c
    c="$(ls "$LIBTORCH_LIB"/../../nvidia/cuda_runtime/lib/libcudart.so* 2>/dev/null | head -1 || true)"
    [[ -z "$c" ]] && c="$(ls "$LIBTORCH_LIB"/libcudart*.so* 2>/dev/null | head -1 || true)"
    [[ -z "$c" ]] && c="$(ldconfig -p 2>/dev/null | grep -o '/[^ ]*libcudart\.so[.0-9]*$' | head -1 || true)"
    [[ -z "$c" ]] && c="$(ls /usr/local/cuda/lib64/libcudart.so* 2>/dev/null | head -1 || true)"
    if [[ -z "$c" ]]; then
        say "libcudart: none found (DJL will see no GPU)"
        return
    fi
    mkdir -p "$TMP/jna"
    ln -sf "$(readlink -f "$c")" "$TMP/jna/libcudart.so"
    JNA_OPTS=("-Djna.library.path=$TMP/jna")
    say "libcudart: $c (linked as libcudart.so on jna.library.path)"
}

# ---- the ONNX Runtime GPU jar, of the version DJL's ONNX Runtime engine uses here ----
ORT_JAR=""
find_ort_gpu() {
    local ort version
    ort="$(ls "$LIB"/onnxruntime-[0-9]*.jar 2>/dev/null | head -1 || true)"
    version="$(basename "${ort:-onnxruntime-unknown.jar}" .jar)"
    version="${version#onnxruntime-}"
    if [[ -n "${ORT_GPU_JAR:-}" ]]; then
        ORT_JAR="$ORT_GPU_JAR"
        [[ "$ORT_JAR" == *"$version"* ]] \
            || say "onnxruntime_gpu: $ORT_JAR may not be $version, the version DJL uses here"
    else
        local m2="$HOME/.m2/repository/com/microsoft/onnxruntime/onnxruntime_gpu/$version/onnxruntime_gpu-$version.jar"
        [[ -f "$m2" ]] && ORT_JAR="$m2"
    fi
    if [[ -n "$ORT_JAR" && -f "$ORT_JAR" ]]; then
        say "onnxruntime_gpu: $ORT_JAR"
    else
        ORT_JAR=""
        say "onnxruntime_gpu: none (ORT_GPU_JAR, or ~/.m2/.../onnxruntime_gpu/$version/):" \
            "ONNX Runtime CUDA part skipped"
    fi
}

# Folders of CUDA 12 and cuDNN 9 libraries ONNX Runtime's CUDA provider loads by their sonames:
# the toolkit's and those of pip's nvidia-* packages beside a Python torch.
ort_library_path() {
    local dirs=() d
    [[ -d /usr/local/cuda/lib64 ]] && dirs+=(/usr/local/cuda/lib64)
    if [[ -n "$PY_TORCH" ]]; then
        for d in "$(dirname "$(awk '{print $3}' <<<"$PY_TORCH")")"/../nvidia/*/lib; do
            [[ -d "$d" ]] && dirs+=("$(cd "$d" && pwd)")
        done
    fi
    local IFS=:
    echo "${dirs[*]}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
}

main() {
    machine
    python_torch
    cudnn
    find_libtorch
    find_cudart
    find_ort_gpu
    if [[ ! -f "$JAR" ]]; then
        say "Missing $JAR: build it first with"
        say "  ./mvnw -o -q install -DskipTests -pl app/bench -am   (without -o where ~/.m2 lacks the dependencies)"
        return 1
    fi
    [[ -n "$MISSING" ]] && say "GPU: $MISSING (the CPU part still runs)"

    local timeout_main="${GPU_CHECK_TIMEOUT:-$([[ -n "$ORT_JAR" ]] && echo 200 || echo 290)}"
    say ""
    say "== gpu-check (native encoder; at most $timeout_main s) =="
    local rc=0
    # the user's options first: the Java side takes the first --home it sees
    timeout "$timeout_main" java -Dai.djl.offline=true "${JNA_OPTS[@]}" -jar "$JAR" gpu-check \
        "${CHECK_ARGS[@]}" --home target/gpu-check-home || rc=$?
    [[ $rc -eq 124 ]] && say "gpu-check: stopped after $timeout_main s"
    [[ $rc -ne 0 && $rc -ne 124 ]] && say "gpu-check: exited with $rc"

    if [[ -n "$ORT_JAR" ]]; then
        # The GPU build's classes and native libraries come before the CPU jar the bench jar's
        # manifest names (its Class-Path entries follow the jar on the class path).
        say ""
        say "== gpu-check, ONNX Runtime CUDA part (at most 90 s) =="
        local ort_rc=0
        LD_LIBRARY_PATH="$(ort_library_path)" timeout 90 java -Dai.djl.offline=true -Dtaew.ortGpu=true \
            "${JNA_OPTS[@]}" -cp "$ORT_JAR:$JAR" org.taew.bench.Benchmarks gpu-check \
            "${CHECK_ARGS[@]}" --home target/gpu-check-home || ort_rc=$?
        [[ $ort_rc -ne 0 ]] && say "gpu-check (ONNX Runtime CUDA part): exited with $ort_rc"
    fi
    say ""
    say "Output saved in $OUT"
    return "$rc"
}

mkdir -p target
main 2>&1 | tee "$OUT"
