# Issue 16: the cached fast path (src/commands/fast/) must behave exactly like the full CLI.
# npm test ran the e2e tests against the binary as shipped (fast path first); these run the
# tests of everything the fast path could answer (login in every mode and format,
# credential-process, prompt, their errors) against a binary built --no-fast-path, where every
# command goes through commander, so both paths pass the same assertions (real bash, zsh,
# fish and pwsh included).
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
    tests/e2e/login-tmux.test.ts tests/e2e/shell-life-tmux.test.ts 2>&1 | tee "$full_log"
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
