#!/usr/bin/env bash
# Installs the LeNet GUI desktop bundle for one user (or into any prefix), with its desktop file, AppStream
# metainfo and icons, following the freedesktop conventions; --uninstall takes all of it away again.
set -euo pipefail

APP_ID="io.github.lenet_gui.LeNetGUI"
ICON_SIZES=(48x48 128x128 256x256)

usage() {
    cat <<EOF
Usage: $(basename "$0") (--user | --prefix DIR) [--bundle DIR] [--uninstall]

Installs the one-folder bundle built by packaging/build.sh:
  PREFIX/lib/lenet-gui/                                the bundle
  PREFIX/bin/lenet-gui                                 a link to its executable
  PREFIX/share/applications/$APP_ID.desktop
  PREFIX/share/metainfo/$APP_ID.metainfo.xml
  PREFIX/share/icons/hicolor/{48x48,128x128,256x256,scalable}/apps/$APP_ID.{png,svg}

Options:
  --user          PREFIX is ~/.local (where desktops look for a user's applications)
  --prefix DIR    install under DIR instead (tests, packagers, /opt/...)
  --bundle DIR    the bundle folder (default: the folder this script is in when it is inside a bundle,
                  else dist/lenet-gui of the checkout)
  --uninstall     remove everything listed above from PREFIX
  -h, --help      this help
EOF
}

die() {
    echo "install.sh: $*" >&2
    exit 1
}

prefix=""
bundle=""
uninstall=0
while [ $# -gt 0 ]; do
    case "$1" in
        --user) prefix="$HOME/.local" ;;
        --prefix) [ $# -ge 2 ] || die "--prefix needs a folder"; prefix="$2"; shift ;;
        --prefix=*) prefix="${1#--prefix=}" ;;
        --bundle) [ $# -ge 2 ] || die "--bundle needs a folder"; bundle="$2"; shift ;;
        --bundle=*) bundle="${1#--bundle=}" ;;
        --uninstall) uninstall=1 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; die "unknown option: $1" ;;
    esac
    shift
done
[ -n "$prefix" ] || { usage >&2; die "say where: --user or --prefix DIR"; }
case "$prefix" in
    *[\"\`\$\\%]*) die "the prefix may not contain \" \` \$ \\ or %: $prefix" ;;
esac
mkdir -p "$prefix"
prefix="$(cd "$prefix" && pwd)"

lib_dir="$prefix/lib/lenet-gui"
bin_link="$prefix/bin/lenet-gui"
desktop_file="$prefix/share/applications/$APP_ID.desktop"
metainfo_file="$prefix/share/metainfo/$APP_ID.metainfo.xml"
icon_root="$prefix/share/icons/hicolor"
icon_files=()
for size in "${ICON_SIZES[@]}"; do icon_files+=("$icon_root/$size/apps/$APP_ID.png"); done
icon_files+=("$icon_root/scalable/apps/$APP_ID.svg")

refresh_caches() {
    # Desktops notice new or removed entries by themselves; these caches only need refreshing where they exist.
    if command -v update-desktop-database >/dev/null 2>&1 && [ -d "$prefix/share/applications" ]; then
        update-desktop-database -q "$prefix/share/applications" || echo "note: update-desktop-database failed" >&2
    fi
    if [ -d "$icon_root" ]; then
        if [ -f "$icon_root/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
            gtk-update-icon-cache -q -f -t "$icon_root" || echo "note: gtk-update-icon-cache failed" >&2
        else
            touch "$icon_root"  # icon themes without a cache rescan folders that changed
        fi
    fi
}

if [ "$uninstall" = 1 ]; then
    removed=0
    if [ -L "$bin_link" ] || [ -f "$bin_link" ]; then rm -f "$bin_link"; removed=$((removed + 1)); fi
    if [ -d "$lib_dir" ]; then
        [ -e "$lib_dir/lenet-gui" ] || die "$lib_dir does not hold lenet-gui; not removing it"
        rm -rf "$lib_dir"
        removed=$((removed + 1))
    fi
    for file in "$desktop_file" "$metainfo_file" "${icon_files[@]}"; do
        if [ -e "$file" ]; then rm -f "$file"; removed=$((removed + 1)); fi
    done
    refresh_caches
    echo "uninstalled LeNet GUI from $prefix ($removed items removed)"
    exit 0
fi

# Where the files come from: inside a bundle (an unpacked release archive) or a checkout after build.sh.
script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ -z "$bundle" ]; then
    if [ -x "$script_dir/lenet-gui" ] && [ -d "$script_dir/share" ]; then
        bundle="$script_dir"
    else
        bundle="$script_dir/../dist/lenet-gui"
    fi
fi
[ -d "$bundle" ] || die "no bundle at $bundle: build it first with packaging/build.sh, or pass --bundle DIR"
bundle="$(cd "$bundle" && pwd)"
[ -x "$bundle/lenet-gui" ] || die "$bundle has no executable lenet-gui: not a LeNet GUI bundle"
if [ -d "$bundle/share/applications" ]; then
    share_src="$bundle/share"
    desktop_src="$share_src/applications/$APP_ID.desktop"
    metainfo_src="$share_src/metainfo/$APP_ID.metainfo.xml"
    icons_src="$share_src/icons/hicolor"
else
    repo="$(cd "$script_dir/.." && pwd)"
    desktop_src="$script_dir/$APP_ID.desktop"
    metainfo_src="$script_dir/$APP_ID.metainfo.xml"
    icons_src="$repo/assets/icons/hicolor"
fi
for file in "$desktop_src" "$metainfo_src" "$icons_src/scalable/apps/$APP_ID.svg"; do
    [ -f "$file" ] || die "missing $file"
done
case "$lib_dir/" in
    "$bundle/"*) die "the bundle $bundle cannot be installed into itself" ;;
esac

echo "installing LeNet GUI into $prefix"
mkdir -p "$prefix/lib" "$prefix/bin" "$(dirname "$desktop_file")" "$(dirname "$metainfo_file")"
# Copy next to the old install, then swap: an interrupted copy never leaves a half bundle in place.
staging="$prefix/lib/.lenet-gui.installing.$$"
trap 'rm -rf "$staging"' EXIT
rm -rf "$staging"
cp -a "$bundle" "$staging"
rm -rf "$lib_dir"
mv "$staging" "$lib_dir"
trap - EXIT
ln -sfn "$lib_dir/lenet-gui" "$bin_link"

exec_path="$bin_link"
case "$exec_path" in
    *[[:space:]]*) exec_value="\"$exec_path\"" ;;  # desktop-entry quoting; other specials are refused above
    *) exec_value="$exec_path" ;;
esac
sed -e "s|^Exec=lenet-gui\$|Exec=$exec_value|" -e "s|^TryExec=lenet-gui\$|TryExec=$exec_path|" \
    "$desktop_src" >"$desktop_file.tmp"
grep -q "^Exec=$exec_value\$" "$desktop_file.tmp" || die "$desktop_src has no 'Exec=lenet-gui' line to point at $exec_path"
mv "$desktop_file.tmp" "$desktop_file"
install -m 644 "$metainfo_src" "$metainfo_file"
for size in "${ICON_SIZES[@]}"; do
    install -D -m 644 "$icons_src/$size/apps/$APP_ID.png" "$icon_root/$size/apps/$APP_ID.png"
done
install -D -m 644 "$icons_src/scalable/apps/$APP_ID.svg" "$icon_root/scalable/apps/$APP_ID.svg"
refresh_caches

echo "installed: $bin_link -> $lib_dir/lenet-gui"
echo "           $desktop_file"
echo "           $metainfo_file"
echo "           icons in $icon_root"
case ":$PATH:" in
    *":$prefix/bin:"*) ;;
    *) echo "note: $prefix/bin is not on your PATH; the desktop menu entry works regardless" ;;
esac
echo "remove it again with: $0 --prefix $prefix --uninstall"
