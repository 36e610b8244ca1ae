# Key stores (issue 13): each binary embeds its own keychain addon and no other, and the
# Linux binary, copied alone into an empty folder (no node_modules, no npm near it), stores
# keys in a real Secret Service (GNOME Keyring on a private D-Bus) end to end.
section "keychain addon in the binaries"
check_addon() {
  local file="dist/$1" own="$2" other count
  count=$(grep -c "keyring\.$own\.node" "$file" || true)
  if [ "${count:-0}" -gt 0 ]; then ok "$1 embeds keyring.$own.node"; else bad "$1 lacks keyring.$own.node"; fi
  for other in linux-x64-gnu linux-arm64-gnu darwin-x64 darwin-arm64 win32-x64-msvc; do
    [ "$other" = "$own" ] && continue
    if grep -q "keyring\.$other\.node" "$file"; then bad "$1 also embeds keyring.$other.node"; fi
  done
}
check_addon awsmfa-linux-x64 linux-x64-gnu
check_addon awsmfa-linux-arm64 linux-arm64-gnu
check_addon awsmfa-darwin-x64 darwin-x64
check_addon awsmfa-darwin-arm64 darwin-arm64
check_addon awsmfa-windows-x64.exe win32-x64-msvc

if [ "$(uname -m)" = "x86_64" ]; then
  section "Secret Service end to end with dist/awsmfa-linux-x64 alone in a folder"
  keys_bin=$(mktemp -d)
  cp dist/awsmfa-linux-x64 "$keys_bin/awsmfa"
  keys_log=$(mktemp)
  AWSMFA_TEST_BINARY="$keys_bin/awsmfa" ./node_modules/.bin/bun test --timeout 60000 \
    tests/e2e/keys-keychain.test.ts 2>&1 | tee "$keys_log"
  keys_status=${PIPESTATUS[0]}
  keys_passed=$(grep -Eo '^ *[0-9]+ pass' "$keys_log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
  keys_failed=$(grep -Eo '^ *[0-9]+ fail' "$keys_log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
  passed=$((passed + keys_passed))
  failed=$((failed + keys_failed))
  if [ "$keys_status" -ne 0 ]; then bad "keychain tests with the dist binary (exit $keys_status)"; fi
  rm -rf "$keys_bin" "$keys_log"
fi
