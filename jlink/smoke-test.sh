#!/usr/bin/env bash
# Smoke test of the built installer (run by `./mvnw -Pinstaller verify`, and by CI):
#   1. the CLI launcher evaluates a shipped dataset with networking switched off;
#   2. the GUI launcher, under Xvfb and with networking off, opens its main window; the test closes
#      it with the window's own Quit shortcut (Ctrl+Q) and expects a clean exit;
#   3. when a .deb was built: its metadata (Depends, files), and, when running as root with
#      TAEW_SMOKE_INSTALL_DEB=1, a real install (links, menu entry), the CLI from /usr/bin, and a removal.
# Usage: jlink/smoke-test.sh INSTALLER_OUT_DIR        (the folder holding taew-workbench/ and the .deb)
# Needs: Xvfb and xdotool (Debian: xvfb xdotool), GTK 3 (libgtk-3-0); unshare for the offline runs.
set -euo pipefail

out="$(cd "${1:?usage: smoke-test.sh INSTALLER_OUT_DIR}" && pwd)"
image="$out/taew-workbench"
work="$(mktemp -d)"
xvfb_pid=""
gui_pid=""
cleanup() {
    [ -n "$gui_pid" ] && kill "$gui_pid" 2>/dev/null || true
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "SMOKE TEST FAILED: $*" >&2; exit 1; }
step() { echo "== $*"; }

[ -x "$image/bin/taew" ] && [ -x "$image/bin/taew-workbench" ] || fail "no launchers in $image/bin"

# Networking off: a new network namespace has only a loopback interface, and that one is down.
if unshare -n true 2>/dev/null; then
    offline=(unshare -n)
elif unshare -rn true 2>/dev/null; then
    offline=(unshare -rn)
else
    fail "cannot switch networking off here (unshare -n and unshare -rn are both refused);" \
        "run as root or enable unprivileged user namespaces"
fi
step "offline runs use: ${offline[*]} ($( "${offline[@]}" cat /proc/net/dev | tail -n +3 | cut -d: -f1 | tr -d ' ' | tr '\n' ' ')interfaces inside)"

home="$work/home"
# the installed defaults are under test: no cache or workspace chosen from outside
unset DJL_CACHE_DIR TAEW_WORKSPACE
cd "$work" # not a workspace: the installed application must find its own

step "CLI: taew eval on helpdesk-mini, offline"
TAEW_HOME="$home" "${offline[@]}" "$image/bin/taew" eval --dataset helpdesk-mini --model e5-small-v2 \
    --output "$work/eval" >"$work/eval.log" 2>&1 || { rc=$?; cat "$work/eval.log"; fail "taew eval exited with $rc"; }
grep -q '^nDCG@10 ' "$work/eval.log" || { cat "$work/eval.log"; fail "no nDCG@10 line in the eval output"; }
[ -s "$work/eval/results.json" ] || fail "eval wrote no results.json"
grep -E '^(nDCG@10|Per query)' "$work/eval.log"
[ -f "$home/workspace/instructions/e5.yaml" ] || fail "the user workspace was not set up under TAEW_HOME"
[ -d "$home/djl/pytorch" ] || fail "DJL's natives were not extracted under TAEW_HOME/djl"
[ ! -e "$work/.djl.ai" ] || fail "DJL used ~/.djl.ai"

step "CLI: taew models and datasets"
TAEW_HOME="$home" "${offline[@]}" "$image/bin/taew" models >"$work/models.log" 2>&1 || fail "taew models failed"
for m in e5-small-v2 bge-small-en-v1.5 all-MiniLM-L6-v2; do
    grep -q "$m" "$work/models.log" || { cat "$work/models.log"; fail "taew models does not list $m"; }
done
TAEW_HOME="$home" "${offline[@]}" "$image/bin/taew" datasets | grep -q helpdesk-mini || fail "taew datasets does not list helpdesk-mini"

step "GUI: main window under Xvfb, offline"
exec 3>"$work/display"
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 100); do [ -s "$work/display" ] && break; sleep 0.1; done
display=":$(head -1 "$work/display")"
[ "$display" != ":" ] || fail "Xvfb did not start: $(cat "$work/xvfb.log")"
start=$(date +%s%N)
DISPLAY="$display" TAEW_HOME="$home" "${offline[@]}" "$image/bin/taew-workbench" \
    >"$work/gui.out" 2>"$work/gui.err" &
gui_pid=$!
window=""
for _ in $(seq 1 1200); do # up to 60 s
    window=$(DISPLAY="$display" xdotool search --onlyvisible --name '^Task-Aware Embedding Workbench$' 2>/dev/null | head -1 || true)
    [ -n "$window" ] && break
    kill -0 "$gui_pid" 2>/dev/null || { cat "$work/gui.err"; fail "the GUI exited before showing its window"; }
    sleep 0.05
done
[ -n "$window" ] || { cat "$work/gui.err"; fail "no main window within 60 s"; }
echo "main window $window after $(( ($(date +%s%N) - start) / 1000000 )) ms"
sleep 3 # let the first evaluation start drawing
if command -v import >/dev/null 2>&1; then
    DISPLAY="$display" import -window root "$out/smoke-gui.png" && echo "screenshot: $out/smoke-gui.png"
fi
DISPLAY="$display" xdotool windowfocus --sync "$window"
DISPLAY="$display" xdotool key ctrl+q
rc=""
for _ in $(seq 1 300); do # up to 30 s
    if ! kill -0 "$gui_pid" 2>/dev/null; then
        set +e; wait "$gui_pid"; rc=$?; set -e
        break
    fi
    sleep 0.1
done
if [ -z "$rc" ]; then
    # what kept it open (a dialog, say): the screen and the GUI's output
    if command -v import >/dev/null 2>&1; then
        DISPLAY="$display" import -window root "$out/smoke-gui-not-quit.png" \
            && echo "screenshot: $out/smoke-gui-not-quit.png"
    fi
    cat "$work/gui.err"
    fail "the GUI did not quit on Ctrl+Q within 30 s"
fi
gui_pid=""
[ "$rc" = 0 ] || { cat "$work/gui.err"; fail "the GUI exited with $rc"; }
if grep -q 'Exception' "$work/gui.err" "$work/gui.out"; then
    cat "$work/gui.err"; fail "the GUI printed an exception"
fi
echo "closed with Ctrl+Q, exit code 0"

deb=$(ls "$out"/*.deb 2>/dev/null | head -1 || true)
if [ -n "$deb" ]; then
    step "Package: $(basename "$deb")"
    depends=$(dpkg-deb -f "$deb" Depends)
    echo "Depends: $depends"
    grep -q 'libgtk-3-0' <<<"$depends" || fail "the package does not depend on libgtk-3-0"
    ! grep -q 'libgtk2.0' <<<"$depends" || fail "the package depends on GTK 2"
    dpkg-deb -c "$deb" >"$work/deb.list"
    for f in ./opt/taew-workbench/bin/taew-workbench ./opt/taew-workbench/bin/taew \
        ./opt/taew-workbench/lib/app/datasets/helpdesk-mini/corpus.jsonl \
        ./opt/taew-workbench/lib/app/instructions/e5.yaml ./opt/taew-workbench/lib/taew-workbench.png \
        ./opt/taew-workbench/lib/taew-workbench-taew-workbench.desktop; do
        grep -q " $f\$" "$work/deb.list" || fail "the package has no $f"
    done
    if [ "${TAEW_SMOKE_INSTALL_DEB:-0}" = 1 ] && [ "$(id -u)" = 0 ]; then
        step "Package: install, run /usr/bin/taew offline, remove"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb" >"$work/apt.log" 2>&1 \
            || { tail -20 "$work/apt.log"; fail "the package did not install"; }
        [ "$(readlink /usr/bin/taew)" = /opt/taew-workbench/bin/taew ] || fail "no /usr/bin/taew link"
        [ "$(readlink /usr/bin/taew-workbench)" = /opt/taew-workbench/bin/taew-workbench ] || fail "no /usr/bin/taew-workbench link"
        menu=/usr/share/applications/taew-workbench-taew-workbench.desktop
        if grep -q 'no menu entry added' "$work/apt.log"; then
            # no desktop menu system (a server or container): the package installs and says so
            echo "no desktop menu system here: the package installed without a menu entry and said so"
        else
            grep -q '^Name=Task-Aware Embedding Workbench$' "$menu" || fail "no menu entry $menu"
            grep -q '^NoDisplay=true$' /usr/share/applications/taew-workbench-taew.desktop || fail "the CLI shows in the menu"
        fi
        TAEW_HOME="$work/home2" "${offline[@]}" /usr/bin/taew eval --dataset helpdesk-mini --output "$work/eval2" \
            >"$work/eval2.log" 2>&1 || { cat "$work/eval2.log"; fail "the installed taew failed"; }
        grep '^nDCG@10 ' "$work/eval2.log"
        DEBIAN_FRONTEND=noninteractive apt-get remove -y -q taew-workbench >"$work/apt.log" 2>&1 \
            || { tail -20 "$work/apt.log"; fail "the package did not uninstall"; }
        [ ! -e /usr/bin/taew ] && [ ! -e /usr/bin/taew-workbench ] || fail "/usr/bin links left behind after removal"
        [ ! -e "$menu" ] || fail "menu entry left behind after removal"
        [ ! -e /opt/taew-workbench/bin ] || fail "/opt/taew-workbench left behind after removal"
        echo "installed, ran and removed"
    fi
fi
step "smoke test passed"
