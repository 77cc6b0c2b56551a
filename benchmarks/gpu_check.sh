#!/usr/bin/env bash
# The GPU check of issue 14, as one command for a machine with a CUDA GPU, Python 3.12 and torch (PySide6 not
# needed): the core tests, then bench_core on the GPU for the fast recipe (3 seeds, and fine-tuning) and the
# bundled one (1 seed). About 4-6 minutes on one H200; every step has its own time limit, so the whole stays
# under 8 minutes, and a step that fails does not stop the others. Run it from the repository root:
#
#     bash benchmarks/gpu_check.sh                  # MNIST from $LENET_GUI_DATA_DIR, shared/data, data/ or
#                                                   # /work/shared/data (the folder that holds MNIST/raw)
#
# The machine has no network: MNIST must travel with the checkout (e.g. the device tool's carry of a data folder
# holding MNIST/raw, 55 MB uncompressed or 11 MB gzipped). Targets (one H100/H200): fast recipe ≤ 2 s in all,
# bundled recipe ≤ 15 s; the CPU's figures are the README's.
set -u
cd "$(dirname "$0")/.." || exit 1
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" PYTHONDONTWRITEBYTECODE=1
PYTHON=${PYTHON:-python3}

data=""
for candidate in "${LENET_GUI_DATA_DIR:-}" shared/data data /work/shared/data; do
    if [ -n "$candidate" ] && { [ -f "$candidate/MNIST/raw/train-images-idx3-ubyte" ] ||
        [ -f "$candidate/MNIST/raw/train-images-idx3-ubyte.gz" ]; }; then
        data=$candidate
        break
    fi
done

echo "== machine"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader 2>&1 | head -2
"$PYTHON" - <<'EOF'
import importlib, sys
print("python", sys.version.split()[0])
for name in ("torch", "numpy", "PIL", "platformdirs", "pytest"):
    try:
        module = importlib.import_module(name)
        print(f"{name} {getattr(module, '__version__', '?')}")
    except ImportError:
        print(f"{name}: MISSING")
import torch
print("cuda:", torch.cuda.is_available(), torch.cuda.get_device_name(0) if torch.cuda.is_available() else "")
EOF

# core.folders asks platformdirs for the per-user data folder; where it is not installed (the device machine has
# no network to install it), a stand-in that answers a scratch folder lets core import.
if ! "$PYTHON" -c "import platformdirs" 2>/dev/null; then
    shim=$(mktemp -d)
    printf 'import os, tempfile\ndef user_data_dir(*a, **k):\n    return os.path.join(tempfile.gettempdir(), "lenet-gui")\n' \
        >"$shim/platformdirs.py"
    export PYTHONPATH="$PYTHONPATH:$shim"
    echo "(platformdirs missing: a stand-in answers a scratch folder)"
fi
if [ -z "$data" ]; then
    echo "NO MNIST: set LENET_GUI_DATA_DIR to the folder holding MNIST/raw (tests that need it skip; no benchmark)"
else
    export LENET_GUI_DATA_DIR="$data"
    echo "MNIST from $data"
fi

echo "== core tests (tests/core; the ones that need Qt are left out)"
if "$PYTHON" -c "import pytest" 2>/dev/null; then
    ignore=()
    "$PYTHON" -c "import PySide6" 2>/dev/null || ignore=(--ignore=tests/core/test_contracts.py)
    timeout 200 "$PYTHON" -m pytest tests/core -q -x -p no:cacheprovider -o addopts="" "${ignore[@]}" 2>&1 | tail -15
    echo "(exit ${PIPESTATUS[0]})"
else
    echo "pytest is not installed: no tests"
fi

if [ -n "$data" ]; then
    echo "== bench_core --device cuda (fast recipe, 3 seeds, fine-tuning)"
    timeout 150 "$PYTHON" benchmarks/bench_core.py --device cuda --seeds 0 1 2 --repeats 500 2>&1 | grep -v Warning
    echo "(exit ${PIPESTATUS[0]})"
    echo "== bench_core --device cuda --recipe bundled (1 seed)"
    timeout 150 "$PYTHON" benchmarks/bench_core.py --device cuda --recipe bundled --seeds 1 --skip-finetune \
        --repeats 200 2>&1 | grep -v Warning
    echo "(exit ${PIPESTATUS[0]})"
fi
