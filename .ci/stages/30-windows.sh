# The Windows stage: dist/awsmfa-windows-x64.exe under Wine against the fake AWS
# (tests/windows/*.test.ts: CRLF files, %USERPROFILE% and %LOCALAPPDATA%, cmd.exe and
# --format cmd, parallel callers and the lock, a credentials file held open by another program,
# the code typed at the console prompt under tmux, variable names in any case: env-case.test.ts). Sourced by .ci/run after the build; can also
# be run alone from the repository root: bash .ci/stages/30-windows.sh
# Builds from source kept in the repository (nothing downloaded): the stand-in
# bcryptprimitives.dll that Wine 8.0 lacks (Bun's runtime imports ProcessPrng from it; real
# Windows 10+ has it) and hold.exe. Prepares one fresh Wine prefix for the whole suite.
if ! declare -F ok >/dev/null; then
  passed=0 failed=0
  ok() { passed=$((passed + 1)); echo "ok: $1"; }
  bad() { failed=$((failed + 1)); echo "FAILED: $1"; }
  section() { printf '\n=== %s ===\n' "$1"; }
fi

section "Windows (Wine)"
windows_started=$(date +%s)
windows_exe="$PWD/dist/awsmfa-windows-x64.exe"
if ! command -v wine >/dev/null 2>&1 || ! command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1; then
  echo "WARNING: wine or MinGW could not be installed: THE WINDOWS STAGE IS SKIPPED" >&2
  bad "Windows stage: wine/MinGW missing"
elif [ ! -f "$windows_exe" ]; then
  bad "Windows stage: $windows_exe was not built"
else
  windows_work=$(mktemp -d)
  support=tests/windows/support
  if x86_64-w64-mingw32-gcc -O2 -shared -o "$windows_work/bcryptprimitives.dll" \
    "$support/bcryptprimitives.c" "$support/bcryptprimitives.def" -ladvapi32 &&
    x86_64-w64-mingw32-gcc -O2 -o "$windows_work/hold.exe" "$support/hold.c"; then
    ok "built bcryptprimitives.dll and hold.exe with MinGW"
  else
    bad "MinGW build of tests/windows/support/*.c"
  fi
  # Wine passes the Linux environment through: give it only what it needs. Its server is
  # started first, detached from any pipe (it would keep a test's output pipe open).
  wine_env=(env -i "PATH=$PATH" "HOME=$HOME" "WINEPREFIX=$windows_work/prefix" WINEDEBUG=-all
    WINEDLLOVERRIDES="mscoree,mshtml=")
  "${wine_env[@]}" wineserver -p >/dev/null 2>&1
  if "${wine_env[@]}" wine cmd /c exit >/dev/null 2>&1 </dev/null &&
    cp "$windows_work/bcryptprimitives.dll" "$windows_work/prefix/drive_c/windows/system32/" &&
    "${wine_env[@]}" wine "$windows_exe" --version </dev/null 2>/dev/null | grep -q '^awsmfa '; then
    ok "Wine prefix ready; awsmfa-windows-x64.exe --version runs"
  else
    bad "Wine prefix or awsmfa-windows-x64.exe --version"
  fi
  windows_log=$(mktemp)
  AWSMFA_WINDOWS_EXE="$windows_exe" AWSMFA_WINEPREFIX="$windows_work/prefix" \
    AWSMFA_HOLD_EXE="$windows_work/hold.exe" \
    ./node_modules/.bin/bun test --timeout 60000 tests/windows/ 2>&1 | tee "$windows_log"
  windows_status=${PIPESTATUS[0]}
  windows_passed=$(grep -Eo '^ *[0-9]+ pass' "$windows_log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
  windows_failed=$(grep -Eo '^ *[0-9]+ fail' "$windows_log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
  passed=$((passed + windows_passed))
  failed=$((failed + windows_failed))
  if [ "$windows_status" -ne 0 ]; then bad "Windows suite under Wine (exit $windows_status)"; fi
  if [ "$windows_passed" -eq 0 ]; then bad "Windows suite ran no test"; fi
  "${wine_env[@]}" wineserver -k >/dev/null 2>&1
  rm -rf "$windows_work" "$windows_log"
fi
echo "Windows stage: $(($(date +%s) - windows_started)) s wall time"
