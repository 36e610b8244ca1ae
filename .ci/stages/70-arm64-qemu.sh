# The linux-arm64 binary, run under qemu-user (qemu-aarch64; nothing else runs that binary).
# 1. scripts/ci/arm64-qemu.ts: --version, a fresh login, the cached login and
#    credential-process through the lean tier's libc calls (arm64's own open flags, statx
#    layout and errno), byte for byte the same as the x64 binary and as the arm64 binary with
#    those calls unavailable, and the cases the lean tier must leave to the next tier (a
#    symlinked cache record, a group-writable cache folder, a missing record).
# 2. The lean tier's own tests on arm64: libc's calls against node:fs (every status, error
#    code and text), writeAllThrough into pipes, the lean tier against the general one over
#    generated set-ups. The arm64 binary is Bun itself with BUN_BE_BUN=1 (the runtime it
#    ships); TEST_QEMU starts the tests' own children through qemu too.
# The two run side by side (two cores): ~35 s. It cannot skip: without qemu-user or
# libc6:arm64 (.ci/setup/arm64-qemu.sh) it fails.
section "linux-arm64 binary under qemu"
arm64_started=$SECONDS
if [ "$(uname -m)" != "x86_64" ]; then
  bad "arm64 qemu stage: needs an x86_64 host to compare with dist/awsmfa-linux-x64 (this is $(uname -m))"
else
  arm64_binary_log=$(mktemp)
  arm64_tests_log=$(mktemp)
  TEST_QEMU=qemu-aarch64 BUN_BE_BUN=1 qemu-aarch64 dist/awsmfa-linux-arm64 test \
    --timeout 60000 tests/system/libc-files.test.ts tests/commands/fast/lean-read.test.ts \
    tests/commands/fast/lean.test.ts >"$arm64_tests_log" 2>&1 &
  arm64_tests_pid=$!
  ./node_modules/.bin/bun scripts/ci/arm64-qemu.ts dist/awsmfa-linux-arm64 dist/awsmfa-linux-x64 \
    >"$arm64_binary_log" 2>&1
  arm64_binary_status=$?
  wait "$arm64_tests_pid"
  arm64_tests_status=$?

  cat "$arm64_binary_log"
  arm64_passed=$(grep -c '^ok: ' "$arm64_binary_log" || true)
  arm64_failed=$(grep -c '^FAILED: ' "$arm64_binary_log" || true)
  passed=$((passed + arm64_passed))
  failed=$((failed + arm64_failed))
  if [ "$arm64_binary_status" -ne 0 ] && [ "$arm64_failed" -eq 0 ]; then
    bad "arm64 binary under qemu (exit $arm64_binary_status)"
  fi

  section "the lean tier's tests on arm64 (the arm64 binary as bun, under qemu)"
  cat "$arm64_tests_log"
  arm64_passed=$(grep -Eo '^ *[0-9]+ pass' "$arm64_tests_log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
  arm64_failed=$(grep -Eo '^ *[0-9]+ fail' "$arm64_tests_log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
  passed=$((passed + arm64_passed))
  failed=$((failed + arm64_failed))
  if [ "$arm64_tests_status" -ne 0 ]; then bad "lean tier tests on arm64 (exit $arm64_tests_status)"; fi
  # Never a quiet pass: libc's calls loaded on arm64 (else the file says "not made on"), and
  # every test ran.
  if grep -q "not made on" "$arm64_tests_log" || [ "$arm64_passed" -lt 12 ]; then
    bad "lean tier tests on arm64: $arm64_passed passed, libc's calls not all tested"
  fi
  rm -f "$arm64_binary_log" "$arm64_tests_log"
fi
echo "arm64 qemu stage: $((SECONDS - arm64_started)) s"
