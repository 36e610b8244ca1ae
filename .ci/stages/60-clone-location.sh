# Issue 11, item 17: tests must pass from any clone location. The tests that run children as
# another user (nobody, via tests/support/other-user.ts) run again from a clone inside a 0700
# `mktemp -d` folder, which that user cannot even look into: a child that inherited the test's
# working folder fails there (Bun: CouldntReadCurrentDirectory). node_modules and dist/ are
# linked in from this checkout (read by root only). Sourced by .ci/run; about a minute.
# The list: every test that runs a child as another user (tests/support/other-user.test.ts
# makes sure they all go through support/other-user.ts).
section "tests from a clone in a 0700 folder"
clone_parent=$(mktemp -d)
if git clone -q --no-hardlinks . "$clone_parent/awsmfa" \
  && ln -s "$PWD/node_modules" "$clone_parent/awsmfa/node_modules" \
  && ln -s "$PWD/dist" "$clone_parent/awsmfa/dist"; then
  host_binary="$PWD/dist/awsmfa-linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')"
  clone_log=$(mktemp)
  (cd "$clone_parent/awsmfa" \
    && AWSMFA_TEST_BINARY="$host_binary" AWSMFA_TEST_RELEASE=dist ./node_modules/.bin/bun test \
      --timeout 60000 tests/support/other-user.test.ts tests/fs/write-errors.test.ts \
      tests/e2e/login-readonly-config.test.ts tests/install/install-hardening.test.ts \
      tests/system/loopback-peer.test.ts tests/commands/console/open-in-browser.test.ts \
      tests/e2e/console.test.ts tests/e2e/exec-server.test.ts tests/e2e/hardening-cache.test.ts \
      tests/commands/notify/planted-record.test.ts) 2>&1 \
    | tee "$clone_log"
  clone_status=${PIPESTATUS[0]}
  clone_passed=$(grep -Eo '^ *[0-9]+ pass' "$clone_log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
  clone_failed=$(grep -Eo '^ *[0-9]+ fail' "$clone_log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
  passed=$((passed + clone_passed))
  failed=$((failed + clone_failed))
  if grep -Eq '^ *[1-9][0-9]* skip' "$clone_log"; then
    bad "tests from a 0700 clone: some were skipped"
  fi
  if [ "$clone_status" -ne 0 ]; then bad "tests from a 0700 clone (exit $clone_status)"; fi
  rm -f "$clone_log"
else
  bad "tests from a 0700 clone: could not make the clone"
fi
rm -rf "$clone_parent"
