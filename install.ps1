# awsmfa installer for PowerShell (Windows PowerShell 5.1 and pwsh 7 on Windows, macOS, Linux):
#   irm https://github.com/awsmfa/awsmfa/releases/latest/download/install.ps1 | iex
#   & ([scriptblock]::Create((irm .../install.ps1))) -Yes        (options through a script block)
# Downloads the release asset for this system and SHA256SUMS, checks the SHA-256 and that the
# program runs, installs it into %LOCALAPPDATA%\awsmfa\bin (elsewhere ~/.local/bin), adds that
# folder to the user's PATH (Windows), and adds the shell integration to $PROFILE once, between
# markers, after asking. -Uninstall undoes exactly that ($PROFILE gets back its bytes).
# Next to the program it leaves .awsmfa-install, which records where the release came from, as
# install.sh does: `awsmfa upgrade` downloads from the same place.
# Environment: AWSMFA_INSTALL_BASE_URL (a mirror folder), AWSMFA_INSTALL_DIR, AWSMFA_INSTALL_YES=1,
# AWSMFA_UNINSTALL=1 (for `irm | iex`, which cannot pass options).
param(
  [switch]$Yes,
  [switch]$Uninstall,
  [switch]$NoModifyProfile,
  [string]$BaseUrl = $env:AWSMFA_INSTALL_BASE_URL
)

& {
  $ErrorActionPreference = 'Stop'
  $ProgressPreference = 'SilentlyContinue'
  $releases = 'https://github.com/awsmfa/awsmfa/releases'
  # A folder given by -BaseUrl is a mirror: upgrades come from it too (the install record).
  $customBase = [bool]$BaseUrl
  if (-not $BaseUrl) { $BaseUrl = "$releases/latest/download" }
  $BaseUrl = $BaseUrl.TrimEnd('/')
  if ($env:AWSMFA_INSTALL_YES -eq '1') { $Yes = $true }
  if ($env:AWSMFA_UNINSTALL -eq '1') { $Uninstall = $true }
  $onWindows = [System.Environment]::OSVersion.Platform -eq 'Win32NT'
  $beginMark = '# >>> awsmfa shell integration >>>'
  $endMark = '# <<< awsmfa shell integration <<<'
  $createdNote = ' (file created by the awsmfa installer)'
  $joinedNote = ' (a line break was added before this block)'
  # Latin-1 maps every byte to one character and back: $PROFILE's bytes are kept exactly.
  $bytes = [System.Text.Encoding]::GetEncoding(28591)

  $dir = if ($env:AWSMFA_INSTALL_DIR) { $env:AWSMFA_INSTALL_DIR }
    elseif ($onWindows) { Join-Path $env:LOCALAPPDATA 'awsmfa\bin' }
    else { Join-Path $HOME '.local/bin' }
  $exeName = if ($onWindows) { 'awsmfa.exe' } else { 'awsmfa' }
  $target = Join-Path $dir $exeName
  $record = Join-Path $dir '.awsmfa-install'

  function Say($text) { [Console]::Error.WriteLine("awsmfa install: $text") }

  # How long a question waits: AWSMFA_QUESTION_TIMEOUT, as awsmfa reads it (seconds, or a
  # number with s, m or h); default 5 minutes.
  function Get-QuestionSeconds {
    $t = "$env:AWSMFA_QUESTION_TIMEOUT".Trim()
    if ($t -eq '') { return 300 }
    if ($t -match '^(\d+)([smh]?)$') {
      $n = [int]$Matches[1]
      if ($Matches[2] -eq 'm') { return $n * 60 } elseif ($Matches[2] -eq 'h') { return $n * 3600 } else { return $n }
    }
    Say "AWSMFA_QUESTION_TIMEOUT `"$t`" is not a duration (e.g. 90s, 15m); waiting 5 minutes."
    return 300
  }

  # Every wait has a deadline, and Read-Host has none: the answer is read key by key while
  # the deadline lasts. $null when none came in time.
  function Read-Answer([string]$question, [int]$seconds) {
    [Console]::Write("${question}: ")
    $deadline = [DateTime]::UtcNow.AddSeconds($seconds)
    $answer = ''
    while ([DateTime]::UtcNow -lt $deadline) {
      if (-not [Console]::KeyAvailable) { Start-Sleep -Milliseconds 50; continue }
      $key = [Console]::ReadKey($true)
      if ($key.Key -eq [ConsoleKey]::Enter) { [Console]::WriteLine(); return $answer }
      if ($key.Key -eq [ConsoleKey]::Backspace) {
        if ($answer.Length -gt 0) { $answer = $answer.Substring(0, $answer.Length - 1); [Console]::Write("`b `b") }
      } elseif (-not [char]::IsControl($key.KeyChar)) {
        $answer += $key.KeyChar
        [Console]::Write($key.KeyChar)
      }
    }
    [Console]::WriteLine()
    return $null
  }

  function Remove-Block {
    if (-not (Test-Path -LiteralPath $PROFILE)) { return }
    $text = $bytes.GetString([System.IO.File]::ReadAllBytes($PROFILE))
    $start = $text.IndexOf($beginMark)
    if ($start -lt 0) { return }
    $endAt = $text.IndexOf($endMark, $start)
    if ($endAt -lt 0) { throw "$PROFILE has the start of awsmfa's block but not its end; remove it by hand." }
    $stop = $endAt + $endMark.Length
    if ($text.Substring($stop).StartsWith("`r`n")) { $stop += 2 } elseif ($text.Substring($stop).StartsWith("`n")) { $stop += 1 }
    $firstLine = $text.Substring($start, $text.IndexOf("`n", $start) - $start)
    if ($firstLine.Contains($joinedNote)) {
      if ($text.Substring(0, $start).EndsWith("`r`n")) { $start -= 2 } else { $start -= 1 }
    }
    $rest = $text.Substring(0, $start) + $text.Substring($stop)
    if ($firstLine.Contains($createdNote) -and $rest -eq '') {
      Remove-Item -LiteralPath $PROFILE
    } else {
      [System.IO.File]::WriteAllBytes($PROFILE, $bytes.GetBytes($rest))
    }
    Say "removed the shell integration from $PROFILE"
  }

  function Add-Block($line) {
    $created = -not (Test-Path -LiteralPath $PROFILE)
    $text = if ($created) { '' } else { $bytes.GetString([System.IO.File]::ReadAllBytes($PROFILE)) }
    if ($text.Contains($beginMark)) { Say "$PROFILE already loads awsmfa"; return }
    $nl = if ($text.Contains("`r`n") -or ($created -and $onWindows)) { "`r`n" } else { "`n" }
    $joined = $text -ne '' -and -not $text.EndsWith("`n")
    $note = if ($created) { $createdNote } elseif ($joined) { $joinedNote } else { '' }
    $block = $(if ($joined) { $nl } else { '' }) + $beginMark + $note + $nl + $line + $nl + $endMark + $nl
    if ($created) { New-Item -ItemType Directory -Force -Path (Split-Path -Parent $PROFILE) | Out-Null }
    [System.IO.File]::WriteAllBytes($PROFILE, $bytes.GetBytes($text + $block))
    Say "added the shell integration to $PROFILE (open a new PowerShell to use it)"
  }

  # A file (not a link, not a folder) at $path: what the installer may write over or remove.
  function Test-PlainFile($path) {
    $item = Get-Item -LiteralPath $path -Force -ErrorAction SilentlyContinue
    return $item -and -not $item.PSIsContainer -and -not $item.LinkType
  }

  # The install record, as install.sh writes it: the GitHub-style releases folder (which has
  # latest/ and download/vX.Y.Z/) or, for -BaseUrl, the mirror folder itself. Written whole
  # next to its place, then renamed over it. Not writing it fails nothing: upgrade says so.
  function Write-Record {
    $source = if ($customBase) { "mirror=$BaseUrl" } else { "releases=$releases" }
    # Get-Item, not Test-Path: it sees a link whose target is gone too.
    $there = Get-Item -LiteralPath $record -Force -ErrorAction SilentlyContinue
    if ($there -and -not (Test-PlainFile $record)) {
      Say "$record is not a regular file; left it alone. awsmfa upgrade will not know where to download from."
      return
    }
    $next = "$record.$([guid]::NewGuid().ToString('N'))"
    try {
      $text = "# Written by the awsmfa installer: awsmfa upgrade downloads from here.`n$source`n"
      [System.IO.File]::WriteAllText($next, $text, [System.Text.UTF8Encoding]::new($false))
      if (-not $onWindows) { chmod 644 $next }
      Move-Item -LiteralPath $next -Destination $record -Force
    } catch {
      Remove-Item -LiteralPath $next -Force -ErrorAction SilentlyContinue
      Say "could not write ${record}: $($_.Exception.Message); awsmfa upgrade will not know where to download from."
    }
  }

  function Set-UserPath([bool]$add) {
    if (-not $onWindows) { return }
    $current = [Environment]::GetEnvironmentVariable('Path', 'User')
    $parts = @(if ($current) { $current -split ';' | Where-Object { $_ -ne '' } })
    $has = $parts -contains $dir
    if ($add -and -not $has) {
      [Environment]::SetEnvironmentVariable('Path', (@($parts) + $dir) -join ';', 'User')
      $env:Path = "$env:Path;$dir"
      Say "added $dir to your PATH"
    } elseif (-not $add -and $has) {
      [Environment]::SetEnvironmentVariable('Path', (@($parts | Where-Object { $_ -ne $dir }) -join ';'), 'User')
    }
  }

  if ($Uninstall) {
    Remove-Block
    if (Test-Path -LiteralPath $target) { Remove-Item -LiteralPath $target -Force; Say "removed $target" }
    if (Test-PlainFile $record) { Remove-Item -LiteralPath $record -Force }
    Set-UserPath $false
    return
  }

  $os = if ($onWindows) { 'windows' } elseif ($IsMacOS) { 'darwin' } else { 'linux' }
  $arch = switch ([System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString()) {
    'X64' { 'x64' } 'Arm64' { 'arm64' } default { throw "no awsmfa build for this processor ($_)" }
  }
  $raw = if ($onWindows) { "awsmfa-$os-$arch.exe" } else { "awsmfa-$os-$arch" }
  $archive = if ($onWindows) { "awsmfa-$os-$arch.zip" } else { "awsmfa-$os-$arch.tar.gz" }
  $work = Join-Path ([System.IO.Path]::GetTempPath()) ("awsmfa-install-" + [guid]::NewGuid())
  New-Item -ItemType Directory -Path $work | Out-Null
  try {
    $sumsFile = Join-Path $work 'SHA256SUMS'
    Invoke-WebRequest -UseBasicParsing -Uri "$BaseUrl/SHA256SUMS" -OutFile $sumsFile
    $sums = @{}
    foreach ($entry in Get-Content -LiteralPath $sumsFile) {
      if ($entry -match '^([0-9A-Fa-f]{64}) [ *](.+)$') { $sums[$Matches[2].Trim()] = $Matches[1].ToLowerInvariant() }
    }
    $asset = if ($sums.ContainsKey($archive)) { $archive } elseif ($sums.ContainsKey($raw)) { $raw } else {
      throw "SHA256SUMS at $BaseUrl lists neither $archive nor $raw"
    }
    $download = Join-Path $work $asset
    Say "downloading $BaseUrl/$asset"
    Invoke-WebRequest -UseBasicParsing -Uri "$BaseUrl/$asset" -OutFile $download
    $actual = (Get-FileHash -Algorithm SHA256 -LiteralPath $download).Hash.ToLowerInvariant()
    if ($actual -ne $sums[$asset]) {
      throw "$asset does not match SHA256SUMS (expected $($sums[$asset]), got $actual): nothing was installed"
    }
    $program = $download
    if ($asset -eq $archive) {
      $unpacked = Join-Path $work 'unpacked'
      New-Item -ItemType Directory -Path $unpacked | Out-Null
      if ($onWindows) { Expand-Archive -LiteralPath $download -DestinationPath $unpacked }
      else { tar -xzf $download -C $unpacked; if ($LASTEXITCODE -ne 0) { throw "could not unpack $asset" } }
      $program = Join-Path $unpacked $exeName
      if (-not (Test-Path -LiteralPath $program)) { throw "$asset holds no $exeName" }
    }
    if (-not $onWindows) { chmod 755 $program }
    $version = & $program --version
    if ($LASTEXITCODE -ne 0 -or "$version" -notmatch '^awsmfa ') { throw "the downloaded awsmfa does not run: nothing was installed" }
    New-Item -ItemType Directory -Force -Path $dir | Out-Null
    # Copied next to its place, then renamed over it: a running awsmfa never sees half a file.
    $next = Join-Path $dir ".$exeName.new"
    Copy-Item -LiteralPath $program -Destination $next -Force
    Move-Item -LiteralPath $next -Destination $target -Force
    Say "installed $version into $target"
    Write-Record
  } finally {
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
  }

  Set-UserPath $true
  # $PROFILE is written byte for byte as Latin-1 and read back by PowerShell in its own
  # encoding, and PowerShell also ends a single-quoted string at the typographic quotes: a
  # path with a character outside printable ASCII is written as a double-quoted string of
  # ASCII only, each such character (and ` $ ") spelled as an escape 5.1 and 7 both read.
  $quoted = if ($target -match '[^\x20-\x7e]') {
    '"' + [regex]::Replace($target, '[^\x20-\x7e]|[`$"]', {
      param($m)
      $c = [int][char]$m.Value
      if ($c -lt 0x20 -or $c -gt 0x7e) { '$([char]0x{0:X4})' -f $c } else { '`' + $m.Value }
    }) + '"'
  } else { "'" + ($target -replace "'", "''") + "'" }
  $line = "& $quoted shell-init powershell | Out-String | Invoke-Expression"
  if ($NoModifyProfile) { Say "to load the shell integration, add this line to ${PROFILE}:`n  $line"; return }
  $answer = if ($Yes) { 'y' } elseif ([Environment]::UserInteractive -and -not [Console]::IsInputRedirected) {
    $seconds = Get-QuestionSeconds
    $read = Read-Answer "Add the awsmfa shell integration to ${PROFILE}? [y/N]" $seconds
    if ($null -eq $read) { Say "no answer within $seconds s: $PROFILE was left as it is."; 'n' } else { $read }
  } else { 'n' }
  if ($answer -match '^[yY]') { Add-Block $line }
  else { Say "left $PROFILE alone; to load the shell integration, add this line to it:`n  $line" }
}
