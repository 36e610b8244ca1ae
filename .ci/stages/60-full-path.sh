# Issue 16: the cached fast path (src/commands/fast/) must behave exactly like the full CLI.
# npm test ran the e2e tests against the binary as shipped (fast path first); this runs the
# whole tests/e2e folder again against a binary built --no-fast-path, where every command goes
# through commander and the full CLI, so both paths pass the same assertions (real bash, zsh,
# fish, pwsh and tmux included). A new e2e file runs here by default; a file is left out only
# when it checks what the fast path alone has by design (listed below, each with its reason).
# tests/e2e/fast-path.test.ts compares the two binaries' bytes and files directly in npm test.
section "e2e tests against the full CLI (build --no-fast-path)"
full_excluded=(
  # Compares the shipped binary with a --no-fast-path build; run against that build it would
  # compare the full CLI with itself (npm test runs it as meant).
  tests/e2e/fast-path.test.ts
  # The lean tier's own property: a cached login compiles no regular expression (the full CLI's
  # argument parser compiles some, by design). Its logins' output is checked by other files.
  tests/e2e/lean-no-regex.test.ts
)
full_files=()
for file in tests/e2e/*.test.ts; do
  [[ " ${full_excluded[*]} " == *" $file "* ]] || full_files+=("./$file")
done
for file in "${full_excluded[@]}"; do
  [ -e "$file" ] || bad "60-full-path.sh excludes $file, which no longer exists"
done
echo "${#full_files[@]} e2e files, ${#full_excluded[@]} left out: ${full_excluded[*]}"
full_bin=$(mktemp -d)
full_log=$(mktemp)
full_started=$SECONDS
if ./node_modules/.bin/bun build.ts --host --no-fast-path --outfile "$full_bin/awsmfa"; then
  AWSMFA_TEST_BINARY="$full_bin/awsmfa" ./node_modules/.bin/bun test --timeout 60000 \
    "${full_files[@]}" 2>&1 | tee "$full_log"
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
