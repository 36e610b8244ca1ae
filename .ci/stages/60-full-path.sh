# Issue 16: the cached fast path (src/commands/fast/) must behave exactly like the full CLI.
# npm test ran the e2e tests against the binary as shipped (fast path first); these run the
# tests of everything the fast path could answer (login in every mode and format,
# credential-process, prompt, their errors) against a binary built --no-fast-path, where every
# command goes through commander, so both paths pass the same assertions (real bash, zsh,
# fish and pwsh included), and the tests of the cached path's odd cases (names with tabs or
# escapes, a skewed clock, a tampered cache record, AWS_CONFIG_FILE, a code used twice, code
# sources that fail), which the fast path answers or must leave to the full CLI.
# tests/e2e/fast-path.test.ts compares the two binaries' bytes directly in npm test.
section "e2e tests against the full CLI (build --no-fast-path)"
full_bin=$(mktemp -d)
full_log=$(mktemp)
full_started=$SECONDS
if ./node_modules/.bin/bun build.ts --host --no-fast-path --outfile "$full_bin/awsmfa"; then
  AWSMFA_TEST_BINARY="$full_bin/awsmfa" ./node_modules/.bin/bun test --timeout 60000 \
    tests/e2e/basics.test.ts tests/e2e/login-cache.test.ts tests/e2e/login-modes.test.ts \
    tests/e2e/login-errors.test.ts tests/e2e/login-profiles.test.ts \
    tests/e2e/login-command-hints.test.ts tests/e2e/credential-process.test.ts \
    tests/e2e/prompt-profiles.test.ts tests/e2e/shell-function-printing.test.ts \
    tests/e2e/direct-apply-line.test.ts tests/e2e/hardening-output.test.ts \
    tests/e2e/roles-modes.test.ts tests/e2e/roles.test.ts tests/e2e/pwsh.test.ts \
    tests/e2e/login-tmux.test.ts tests/e2e/shell-life-tmux.test.ts \
    tests/e2e/one-line-values.test.ts tests/e2e/profiles-login.test.ts \
    tests/e2e/login-clock-skew.test.ts tests/e2e/hostile-terminal-output.test.ts \
    tests/e2e/hardening-cache.test.ts tests/e2e/aws-file-paths.test.ts \
    tests/e2e/otp-reuse.test.ts tests/e2e/otp-failures.test.ts tests/e2e/otp-sources.test.ts \
    2>&1 | tee "$full_log"
  full_status=${PIPESTATUS[0]}
  full_passed=$(grep -Eo '^ *[0-9]+ pass' "$full_log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
  full_failed=$(grep -Eo '^ *[0-9]+ fail' "$full_log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
  passed=$((passed + full_passed))
  failed=$((failed + full_failed))
  if [ "$full_status" -ne 0 ]; then bad "e2e tests against the --no-fast-path binary (exit $full_status)"; fi
  echo "full-path stage: $((SECONDS - full_started)) s"
else
  bad "bun build.ts --host --no-fast-path"
fi
rm -rf "$full_bin" "$full_log"
