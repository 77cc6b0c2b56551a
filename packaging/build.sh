#!/usr/bin/env bash
# Builds the LeNet GUI desktop bundle from the Python environment as installed: dist/lenet-gui/ (one folder),
# plus dist/lenet-gui-VERSION-linux-ARCH.tar.gz of it. Nothing is downloaded but pip and apt packages.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: packaging/build.sh [--no-archive] [--self-test] [--no-strip] [--no-install] [--python PYTHON]

Builds dist/lenet-gui/ with PyInstaller (packaging/lenet-gui.spec) from the environment of PYTHON (default:
python3), in which lenet-gui and its dependencies must be installed (pip install .), then runs the frozen
`lenet-gui --version` and packs dist/lenet-gui-VERSION-linux-ARCH.tar.gz.

Options:
  --no-archive    skip the .tar.gz (CI, and when you only want to run or install the folder)
  --self-test     also run the frozen `lenet-gui --self-test` (offscreen) and fail the build if it fails
  --no-strip      keep the symbol tables in the bundled libraries (a bigger bundle, a faster build)
  --no-install    only check for what is missing (PyInstaller, Qt's xcb libraries), never install it
  --python PY     the Python whose environment is bundled (e.g. a CPU-only torch venv: .venv-cpu/bin/python)
  -h, --help      this help

Needs: Linux, PyInstaller in that environment (installed with pip when missing), and the libraries Qt's xcb
platform plugin links to (libxcb-icccm4, libxcb-keysyms1, libxcb-cursor0, ...; installed with apt-get when
missing and running as root, else listed with the command to install them).
EOF
}

archive=1
self_test=0
strip=1
may_install=1
python="${PYTHON:-python3}"
while [ $# -gt 0 ]; do
    case "$1" in
        --no-archive) archive=0 ;;
        --self-test) self_test=1 ;;
        --no-strip) strip=0 ;;
        --no-install) may_install=0 ;;
        --python) [ $# -ge 2 ] || { echo "build.sh: --python needs a program" >&2; exit 2; }; python="$2"; shift ;;
        --python=*) python="${1#--python=}" ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; echo "build.sh: unknown option: $1" >&2; exit 2 ;;
    esac
    shift
done

die() {
    echo "build.sh: $*" >&2
    exit 1
}

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$(pwd)"
started=$(date +%s)
[ "$(uname -s)" = Linux ] || die "this script builds the Linux bundle; run it on Linux"
command -v "$python" >/dev/null 2>&1 || die "no Python at '$python' (pass --python PATH)"

# --- the Python side -------------------------------------------------------------------------------------------
"$python" -c "import lenet_gui, torch, torchvision, PySide6, pyqtgraph" 2>/dev/null \
    || die "the environment of $python lacks lenet-gui or its dependencies: run '$python -m pip install .' first"
"$python" -c "import lenet_gui, pathlib, sys; sys.exit(pathlib.Path(lenet_gui.__file__).resolve().parents[1] != pathlib.Path('$root'))" \
    || echo "note: $python imports lenet_gui from elsewhere than this checkout; that copy is what gets bundled" >&2
if ! "$python" -c "import PyInstaller" 2>/dev/null; then
    [ "$may_install" = 1 ] || die "PyInstaller is missing: $python -m pip install pyinstaller"
    echo "PyInstaller is missing: installing it with pip"
    "$python" -m pip install --quiet "pyinstaller>=6.11"
fi
version="$("$python" -c "import lenet_gui; print(lenet_gui.__version__)")"
# Torch without CUDA makes a bundle a fraction of the size (see packaging/README.md).
torch_build="$("$python" -c "import torch; print(torch.__version__)")"

# --- the system side: Qt's xcb platform plugin must resolve all its libraries, or PyInstaller cannot bundle them --
qt_plugins="$("$python" -c "import PySide6, pathlib; print(pathlib.Path(PySide6.__file__).parent / 'Qt' / 'plugins')")"
xcb_plugin="$qt_plugins/platforms/libqxcb.so"
[ -f "$xcb_plugin" ] || die "PySide6 has no xcb platform plugin at $xcb_plugin"
missing_libs() {
    ldd "$xcb_plugin" "$(dirname "$xcb_plugin")/../../lib/libQt6XcbQpa.so.6" 2>/dev/null \
        | awk '/not found/ {print $1}' | sort -u
}
# The Debian/Ubuntu package of each library Qt's xcb plugin needs beyond what every desktop has.
package_of() {
    case "$1" in
        libxcb-icccm.so.4) echo libxcb-icccm4 ;;
        libxcb-keysyms.so.1) echo libxcb-keysyms1 ;;
        libxcb-cursor.so.0) echo libxcb-cursor0 ;;
        libxcb-image.so.0) echo libxcb-image0 ;;
        libxcb-render-util.so.0) echo libxcb-render-util0 ;;
        libxcb-shape.so.0) echo libxcb-shape0 ;;
        libxcb-randr.so.0) echo libxcb-randr0 ;;
        libxcb-xkb.so.1) echo libxcb-xkb1 ;;
        libxcb-xinput.so.0) echo libxcb-xinput0 ;;
        libxcb-sync.so.1) echo libxcb-sync1 ;;
        libxcb-xfixes.so.0) echo libxcb-xfixes0 ;;
        libxcb-shm.so.0) echo libxcb-shm0 ;;
        libxcb-render.so.0) echo libxcb-render0 ;;
        libxcb-util.so.1) echo libxcb-util1 ;;
        libxkbcommon-x11.so.0) echo libxkbcommon-x11-0 ;;
        libxkbcommon.so.0) echo libxkbcommon0 ;;
        libX11-xcb.so.1) echo libx11-xcb1 ;;
        libxcb.so.1) echo libxcb1 ;;
        libSM.so.6) echo libsm6 ;;
        libICE.so.6) echo libice6 ;;
        libEGL.so.1) echo libegl1 ;;
        libOpenGL.so.0) echo libopengl0 ;;
        libGLX.so.0) echo libglx0 ;;
        libfontconfig.so.1) echo libfontconfig1 ;;
        libdbus-1.so.3) echo libdbus-1-3 ;;
        libglib-2.0.so.0) echo libglib2.0-0 ;;
        *) echo "?$1" ;;
    esac
}
mapfile -t missing < <(missing_libs)
if [ ${#missing[@]} -gt 0 ]; then
    packages=()
    for lib in "${missing[@]}"; do packages+=("$(package_of "$lib")"); done
    echo "Qt's xcb platform plugin cannot find: ${missing[*]}"
    if [ "$may_install" = 1 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
        && [[ "${packages[*]}" != *"?"* ]]; then
        echo "installing with apt-get: ${packages[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
        mapfile -t missing < <(missing_libs)
        [ ${#missing[@]} -eq 0 ] || die "still missing after apt-get install: ${missing[*]}"
    else
        die "install them first, e.g. on Debian/Ubuntu: sudo apt-get install ${packages[*]//\?/}
(the bundle would otherwise lack them and its window could not open on X11 desktops)"
    fi
fi
echo "building lenet-gui $version (torch $torch_build) with PyInstaller $("$python" -m PyInstaller --version 2>/dev/null)"

# --- the bundle ------------------------------------------------------------------------------------------------
"$python" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build packaging/lenet-gui.spec
bundle="dist/lenet-gui"
[ -x "$bundle/lenet-gui" ] || die "PyInstaller made no $bundle/lenet-gui"
if [ "$strip" = 1 ]; then
    "$python" packaging/strip_libs.py "$bundle/_internal"
fi

# The desktop integration files and the installer travel inside the bundle, so an unpacked archive installs itself.
app_id="io.github.lenet_gui.LeNetGUI"
mkdir -p "$bundle/share/applications" "$bundle/share/metainfo" "$bundle/share/icons"
cp "packaging/$app_id.desktop" "$bundle/share/applications/"
cp "packaging/$app_id.metainfo.xml" "$bundle/share/metainfo/"
rm -rf "$bundle/share/icons/hicolor"
cp -r assets/icons/hicolor "$bundle/share/icons/hicolor"
cp packaging/install.sh "$bundle/install.sh"

frozen_version="$("$bundle/lenet-gui" --version)" || die "the frozen app does not start: $bundle/lenet-gui --version failed"
[ "$frozen_version" = "lenet-gui $version" ] || die "the frozen app says '$frozen_version', expected 'lenet-gui $version'"
echo "$bundle/lenet-gui --version: $frozen_version"
build_seconds=$(($(date +%s) - started))

if [ "$self_test" = 1 ]; then
    t0=$EPOCHREALTIME
    QT_QPA_PLATFORM=offscreen "$bundle/lenet-gui" --self-test || die "the frozen self-test failed (above)"
    echo "frozen self-test: $(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.1f", b - a}') s wall time"
fi

if [ "$archive" = 1 ]; then
    tarball="dist/lenet-gui-$version-linux-$(uname -m).tar.gz"
    compress=gzip
    command -v pigz >/dev/null 2>&1 && compress=pigz
    echo "packing $tarball ($compress)"
    tar -C dist -cf - lenet-gui | "$compress" -6 >"$tarball.tmp"
    mv "$tarball.tmp" "$tarball"
    echo "archive: $tarball $(du -h "$tarball" | cut -f1)"
fi

echo "bundle: $bundle $(du -sh "$bundle" | cut -f1), built in ${build_seconds} s; largest parts:"
# sed, not head: head's early exit would fail the pipeline (SIGPIPE under pipefail) now and then
du -sh "$bundle"/_internal/* 2>/dev/null | sort -rh | sed -n '1,12s/^/  /p'
echo "run it: $bundle/lenet-gui    install it: packaging/install.sh --user"
