# Issue 16: `list`'s C loops (src/profiles/list-scan-c.ts, list-rows-c.ts) are compiled by
# bun:ffi's TinyCC in the process, for x64 and for arm64. npm test runs their tests on x64;
# here the arm64 binary, as bun under qemu, runs the same tests (the C loops' tables against
# the JavaScript's on random files, and the fast table through the C loops against the
# general list), and `awsmfa list` at 3,000 profiles must print what the x64 binary prints.
# Needs what 70-arm64-qemu.sh needs (.ci/setup/arm64-qemu.sh): qemu-user and libc6:arm64.
section "list's C loops on arm64 (the arm64 binary under qemu)"
list_arm64_started=$SECONDS
if [ "$(uname -m)" != "x86_64" ]; then
  bad "arm64 list stage: needs an x86_64 host to compare with dist/awsmfa-linux-x64 (this is $(uname -m))"
elif ! command -v qemu-aarch64 >/dev/null 2>&1 || [ ! -e /lib/aarch64-linux-gnu/libc.so.6 ]; then
  # The one case this stage may skip (RULES: a tool that cannot be installed), as 70 does.
  echo "SKIPPED, NOT PASSED: list's C loops were not run on arm64: qemu-aarch64 or libc6:arm64 could not be installed" >&2
  echo "SKIPPED, NOT PASSED: list's C loops were not run on arm64: qemu-aarch64 or libc6:arm64 could not be installed"
else
  list_arm64_log=$(mktemp)
  TEST_QEMU=qemu-aarch64 BUN_BE_BUN=1 qemu-aarch64 dist/awsmfa-linux-arm64 test \
    --timeout 120000 tests/profiles/list-scan-native.test.ts \
    tests/commands/list/fast-table.test.ts >"$list_arm64_log" 2>&1
  list_arm64_status=$?
  cat "$list_arm64_log"
  list_arm64_passed=$(grep -Eo '^ *[0-9]+ pass' "$list_arm64_log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
  list_arm64_failed=$(grep -Eo '^ *[0-9]+ fail' "$list_arm64_log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
  passed=$((passed + list_arm64_passed))
  failed=$((failed + list_arm64_failed))
  if [ "$list_arm64_status" -ne 0 ]; then bad "list's C loops' tests on arm64 (exit $list_arm64_status)"; fi
  if [ "$list_arm64_passed" -lt 10 ]; then
    bad "list's C loops' tests on arm64: $list_arm64_passed passed, not all ran"
  fi
  # The binary itself: 3,000 profiles (past the C loops' threshold), the table and its bytes
  list_home=$(mktemp -d)
  mkdir -p "$list_home/.aws"
  for i in $(seq 0 1499); do
    printf '# team %s\n[profile p%s]\nregion = eu-west-1\nmfa_serial = arn:aws:iam::123456789012:mfa/p%s\n\n' "$((i % 97))" "$i" "$i"
  done >"$list_home/.aws/config"
  for i in $(seq 0 1499); do
    printf '[p%s-long-term]\naws_access_key_id = AKIA%016d\naws_secret_access_key = s\n\n' "$i" "$i"
  done >"$list_home/.aws/credentials"
  x64_sum=$(HOME="$list_home" dist/awsmfa-linux-x64 list | md5sum)
  arm64_sum=$(HOME="$list_home" qemu-aarch64 dist/awsmfa-linux-arm64 list | md5sum)
  if [ "$x64_sum" = "$arm64_sum" ] && [ "$(HOME="$list_home" dist/awsmfa-linux-x64 list | wc -l)" -eq 3001 ]; then
    ok "awsmfa list at 3,000 profiles: the arm64 binary prints what the x64 binary prints"
  else
    bad "awsmfa list at 3,000 profiles: arm64 ($arm64_sum) differs from x64 ($x64_sum)"
  fi
  rm -rf "$list_home" "$list_arm64_log"
fi
echo "arm64 list stage: $((SECONDS - list_arm64_started)) s"
