# Real PowerShell for the PowerShell tests: the .NET global tool, at a version that installs here
# (the default, 7.7.0, fails). Tests find it on PATH or at ~/.dotnet/tools/pwsh.
section "pwsh"
export PATH="$PATH:$HOME/.dotnet/tools"
if command -v pwsh >/dev/null 2>&1; then
  echo "pwsh already installed: $(pwsh -NoLogo -NoProfile -Command '$PSVersionTable.PSVersion.ToString()')"
elif command -v dotnet >/dev/null 2>&1 &&
  dotnet tool install --global PowerShell --version 7.6.10 >/dev/null; then
  echo "installed pwsh $(pwsh -NoLogo -NoProfile -Command '$PSVersionTable.PSVersion.ToString()')"
else
  echo "WARNING: pwsh could not be installed: the PowerShell tests will skip" >&2
fi
