# The npm packages for real (issue 15): packs dist/npm/ from the binaries the build just made,
# installs verdaccio 6.8.0 into a throwaway prefix (not a devDependency: its ~330 packages
# would slow every `npm ci`), then scripts/release/npm/registry-check.ts publishes to it on
# 127.0.0.1, installs with npm install -g and npx, runs awsmfa through the launcher and
# uninstalls. Sourced by .ci/run.
section "npm packages through a local verdaccio"
npm_stage_start=$SECONDS
npm_stage_tools=$(mktemp -d)
if ./node_modules/.bin/bun build.ts --npm-only; then
  ok "bun build.ts --npm-only writes dist/npm/"
  if npm install --prefix "$npm_stage_tools" --no-audit --no-fund --no-save verdaccio@6.8.0 >/dev/null 2>&1; then
    npm_stage_log=$(mktemp)
    ./node_modules/.bin/bun scripts/release/npm/registry-check.ts \
      "$npm_stage_tools/node_modules/verdaccio/bin/verdaccio" 2>&1 | tee "$npm_stage_log"
    npm_stage_status=${PIPESTATUS[0]}
    while IFS= read -r line; do
      case "$line" in
        "ok: "*) passed=$((passed + 1)) ;;
        "FAILED: "*) failed=$((failed + 1)); failures+=("npm: ${line#FAILED: }") ;;
      esac
    done < "$npm_stage_log"
    if [ "$npm_stage_status" -ne 0 ] && ! grep -q '^FAILED: ' "$npm_stage_log"; then
      bad "npm registry check (exit $npm_stage_status)"
    fi
    rm -f "$npm_stage_log"
  else
    bad "npm install verdaccio@6.8.0 (into a throwaway prefix)"
  fi
else
  bad "bun build.ts --npm-only"
fi
rm -rf "$npm_stage_tools"
echo "npm stage: $((SECONDS - npm_stage_start)) s"
