# The Homebrew formula and Scoop manifest the build wrote (issue 15): ruby -c, Scoop's schema,
# URLs and hashes equal to dist/SHA256SUMS. Sourced by .ci/run.
section "Homebrew formula and Scoop manifest"
if ./node_modules/.bin/bun scripts/release/check-managers.ts dist; then
  ok "dist/awsmfa.rb and dist/awsmfa.json (ruby -c, schema, hashes match SHA256SUMS)"
else
  bad "dist/awsmfa.rb and dist/awsmfa.json"
fi
