# Tab completion: commands, flags, --format values and profile names (from `awsmfa _profiles`).
Register-ArgumentCompleter -Native -CommandName awsmfa, awsmfa.exe -ScriptBlock {
  param($wordToComplete, $commandAst, $cursorPosition)
  $table = @{
  Default = 'login'
  Global = @(
      @{ Names = @('-V', '--version'); Kind = 'switch'; Choices = @(); Description = 'print the version' },
      @{ Names = @('-h', '--help'); Kind = 'switch'; Choices = @(); Description = 'show help' }
    )
  Commands = @(
  @{ Names = @('login', 'in'); Description = 'get a session [the default] for `prod`: it''s quick'; Profile = $true; Values = @(); Flags = @(
      @{ Names = @('-p', '--profile'); Kind = 'profile'; Choices = @(); Description = 'profile' },
      @{ Names = @('--format'); Kind = 'choices'; Choices = @('sh', 'fish', 'json'); Description = 'output format' },
      @{ Names = @('--otp'); Kind = 'text'; Choices = @(); Description = 'the code' },
      @{ Names = @('-f', '--force'); Kind = 'switch'; Choices = @(); Description = 'a new session\even if cached' }
    ); Subcommands = @() },
  @{ Names = @('whoami'); Description = 'who am I'; Profile = $false; Values = @(); Flags = @(
      @{ Names = @('--json'); Kind = 'switch'; Choices = @(); Description = 'print JSON' }
    ); Subcommands = @() },
  @{ Names = @('init'); Description = 'print the shell function'; Profile = $false; Values = @('bash', 'fish'); Flags = @(
    ); Subcommands = @() },
  @{ Names = @('keys'); Description = 'long-term keys'; Profile = $false; Values = @(); Flags = @(
    ); Subcommands = @(
    @{ Names = @('move', 'mv'); Description = 'move a profile''s keys'; Profile = $true; Values = @(); Flags = @(
      @{ Names = @('--to'); Kind = 'choices'; Choices = @('keychain', 'pass'); Description = 'the key store' }
    ); Subcommands = @() }) }
  )
  }
  $words = @($commandAst.CommandElements | Select-Object -Skip 1 |
    Where-Object { $_.Extent.EndOffset -lt $cursorPosition -or ($_.Extent.EndOffset -eq $cursorPosition -and $wordToComplete -eq '') } |
    ForEach-Object { $_.Extent.Text })
  if ($wordToComplete -ne '' -and $words.Count -gt 0 -and $words[-1] -eq $wordToComplete) {
    $words = @($words | Select-Object -SkipLast 1)
  }
  $command = $null
  $positionals = 0
  $previous = $null
  foreach ($word in $words) {
    # After --, commander takes nothing as a flag or command: nothing to offer (as bash).
    if ($word -ceq '--' -and -not $previous) { return }
    $current = if ($command) { $command } else { $table.Commands | Where-Object { $_.Names -contains $table.Default } }
    $flag = @($current.Flags) + @($table.Global) | Where-Object { $_.Names -ccontains $word }
    if ($previous) { $previous = $null; continue }
    if ($word.StartsWith('-')) { if ($flag -and $flag.Kind -ne 'switch') { $previous = $flag }; continue }
    if ($positionals -eq 0) {
      $choices = if ($command) { $command.Subcommands } else { $table.Commands }
      $named = $choices | Where-Object { $_.Names -ccontains $word }
      if ($named) { $command = $named; continue }
    }
    $positionals++
  }
  $current = if ($command) { $command } else { $table.Commands | Where-Object { $_.Names -contains $table.Default } }
  $flags = @($current.Flags) + @($table.Global)
  $result = { param($text, $type, $tip)
    $shown = if ($type -eq 'ParameterValue' -and $text -notmatch '^[A-Za-z0-9_][A-Za-z0-9_.@-]*$') { "'" + ($text -replace "['\u2018-\u201b]", '$0$0') + "'" } else { $text }
    [System.Management.Automation.CompletionResult]::new($shown, $text, $type, $(if ($tip) { $tip } else { $text }))
  }
  $profiles = {
    $status = $global:LASTEXITCODE
    $encoding = [Console]::OutputEncoding
    try {
      [Console]::OutputEncoding = [Text.UTF8Encoding]::new($false)
      @(& '/opt/Jane''s tools/bin/awsmfa' _profiles 2>$null)
    } finally {
      [Console]::OutputEncoding = $encoding
    }
    $global:LASTEXITCODE = $status
  }
  $last = if ($words.Count -gt 0) { $words[-1] } else { $null }
  $valued = if ($last) { $flags | Where-Object { $_.Names -ccontains $last -and $_.Kind -ne 'switch' } }
  if ($valued) {
    $values = switch ($valued.Kind) { 'profile' { & $profiles } 'choices' { $valued.Choices } default { @() } }
    $values | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object { & $result $_ 'ParameterValue' $null }
    return
  }
  if ($wordToComplete.StartsWith('-')) {
    # A command's own -h/--help and the program's are one flag: each name once (case counts: -V).
    $seen = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::Ordinal)
    foreach ($flag in $flags) {
      $flag.Names | Where-Object { $_ -like "$wordToComplete*" -and $seen.Add($_) } | ForEach-Object { & $result $_ 'ParameterName' $flag.Description }
    }
    return
  }
  if ($positionals -eq 0 -and -not ($command -and $command.Subcommands.Count -eq 0)) {
    foreach ($each in $(if ($command) { $command.Subcommands } else { $table.Commands })) {
      $each.Names | Select-Object -First 1 | Where-Object { $_ -like "$wordToComplete*" -and -not $_.StartsWith('_') } | ForEach-Object { & $result $_ 'Command' $each.Description }
    }
  }
  if ($current.Values -and $positionals -eq 0) {
    $current.Values | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object { & $result $_ 'ParameterValue' $null }
  }
  if ($current.Profile -and $positionals -eq 0) {
    & $profiles | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object { & $result $_ 'ParameterValue' $null }
  }
}

# Expiry warnings: at each prompt, a check of $env:AWSMFA_EXPIRES (set by `awsmfa login`),
# no process started. One line at 10 minutes or less, one when expired, once per session.
function global:__awsmfaPromptHook {
  $expires = $env:AWSMFA_EXPIRES
  if (-not ("$expires" -match '^[1-9][0-9]{0,11}$')) { return }
  $warned = if (Test-Path Variable:global:__awsmfaWarned) { $global:__awsmfaWarned } else { '' }
  $left = [long]$expires - [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
  $name = if ($env:AWS_PROFILE) { $env:AWS_PROFILE } else { 'default' }
  $quoted = if ($name -match '^[A-Za-z0-9_.@:/+=,][A-Za-z0-9_.@:/+=,-]*$') { $name } else { "'" + ($name -replace '[''\u2018\u2019\u201a\u201b]', '$0$0') + "'" }
  if ($name.StartsWith('-')) { $quoted = "login '--' $quoted" }
  $shownName = $name
  if ($name -match '\p{Cc}') {
    $shownName = [regex]::Replace($name, '\p{Cc}', { param($m) '\x{0:x2}' -f [int][char]$m.Value })
    $spelled = [regex]::Replace($name, '[\p{Cc}`$"\u201c\u201d\u201e]', { param($m) $c = [int][char]$m.Value; if ($c -lt 32 -or ($c -ge 127 -and $c -le 159)) { '$([char]0x{0:X4})' -f $c } else { '`' + $m.Value } })
    $quoted = '"' + $spelled + '"'
    if ($name.StartsWith('-')) { $quoted = "login '--' $quoted" }
  }
  if ($left -le 0) {
    if ($warned -ne "expired:$expires") {
      $global:__awsmfaWarned = "expired:$expires"
      [Console]::Error.WriteLine("awsmfa: the AWS session for $shownName has expired; ``awsmfa $quoted`` gets a new one.")
    }
  } elseif ($left -le 600 -and $warned -ne "soon:$expires") {
    $global:__awsmfaWarned = "soon:$expires"
    $when = if ($left -ge 60) { "$([math]::Floor($left / 60))m" } else { "${left}s" }
    [Console]::Error.WriteLine("awsmfa: the AWS session for $shownName expires in $when; ``awsmfa $quoted`` gets a new one.")
  }
}
if (-not (Test-Path Function:global:__awsmfaUserPrompt)) {
  if (Test-Path Function:prompt) {
    ${function:global:__awsmfaUserPrompt} = ${function:prompt}
  } else {
    function global:__awsmfaUserPrompt { "PS $($executionContext.SessionState.Path.CurrentLocation)> " }
  }
  function global:prompt {
    $awsmfaPromptText = __awsmfaUserPrompt
    __awsmfaPromptHook
    $awsmfaPromptText
  }
}
