#!/bin/sh
# Installs awsmfa, a single binary, and its shell integration:
#
#   curl -fsSL https://github.com/awsmfa/awsmfa/releases/latest/download/install.sh | sh
#   wget -qO- https://github.com/awsmfa/awsmfa/releases/latest/download/install.sh | sh
#
# Options go after `sh -s --`, e.g. `... | sh -s -- --yes`. Run with --help for all of them.
# POSIX sh: runs under dash, bash, zsh and busybox sh. Needs uname, curl or wget, sha256sum or
# shasum, tar with gzip, and the usual mkdir, cp, chmod, mv, rm, awk, tail.
#
# It downloads awsmfa-<os>-<arch>.tar.gz (about half the size of the bare binary), checks it
# against SHA256SUMS, unpacks it, checks that the binary runs, and only then puts it in place.
# Next to the binary it leaves .awsmfa-install, which records where the release came from:
# `awsmfa upgrade` downloads from the same place.
#
# The whole script is one { } block, so a download cut off halfway is a syntax error and runs
# nothing.
{
set -eu

AWSMFA_RELEASES="https://github.com/awsmfa/awsmfa/releases"
# The block the installer adds to a start-up file. A note on the first line says what else it
# did, so that --uninstall can undo exactly that: remove a file it created, or the line break
# it added after a last line that had none.
BEGIN_MARK="# >>> awsmfa shell integration >>>"
CREATED_NOTE=" (file created by the awsmfa installer)"
JOINED_NOTE=" (a line break was added before this block)"
END_MARK="# <<< awsmfa shell integration <<<"

usage() {
  cat <<'USAGE'
Usage: install.sh [options]        (through a pipe: curl -fsSL URL | sh -s -- [options])

Installs awsmfa into ~/.local/bin and loads its shell integration from your shell's start-up
file (~/.bashrc, ~/.zshrc, ~/.config/fish/conf.d/awsmfa.fish), asking first.

  --version vX.Y.Z   install this release instead of the latest   [env: AWSMFA_INSTALL_VERSION]
  --base-url URL     download from this folder (a mirror) instead  [env: AWSMFA_INSTALL_BASE_URL]
                     of GitHub releases; it must hold awsmfa-<os>-<arch>.tar.gz and
                     SHA256SUMS
  --prefix DIR       install into DIR/bin instead of ~/.local/bin
                     (AWSMFA_INSTALL_DIR names the folder itself: AWSMFA_INSTALL_DIR=~/bin)
  -y, --yes          change the start-up file without asking
  --no-modify-rc     never change start-up files; print the line to add instead
  --uninstall        remove awsmfa, its shell integration, its install record and its cache
  -h, --help         show this help
USAGE
}

say() { printf '%s\n' "$*"; }
warn() { printf 'awsmfa install: warning: %s\n' "$*" >&2; }
die() {
  printf 'awsmfa install: %s\n' "$*" >&2
  exit 1
}

# --- options --------------------------------------------------------------------------------

base_url="${AWSMFA_INSTALL_BASE_URL-}"
version="${AWSMFA_INSTALL_VERSION-}"
install_dir="${AWSMFA_INSTALL_DIR-}"
modify_rc=ask
action=install

need_value() {
  [ "$2" -ge 2 ] || die "$1 needs a value (see --help)."
}

while [ $# -gt 0 ]; do
  case "$1" in
    --version) need_value "$1" $#; version=$2; shift 2 ;;
    --version=*) version=${1#*=}; shift ;;
    --base-url) need_value "$1" $#; base_url=$2; shift 2 ;;
    --base-url=*) base_url=${1#*=}; shift ;;
    --prefix) need_value "$1" $#; install_dir="$2/bin"; shift 2 ;;
    --prefix=*) install_dir="${1#*=}/bin"; shift ;;
    -y | --yes) [ "$modify_rc" = no ] || modify_rc=yes; shift ;;
    --no-modify-rc) modify_rc=no; shift ;;
    --uninstall) action=uninstall; shift ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown option '$1' (see --help)." ;;
  esac
done

[ -n "${HOME-}" ] || die "HOME is not set."
[ -n "$install_dir" ] || install_dir="$HOME/.local/bin"
case "$install_dir" in
  /*) ;;
  *) install_dir="$(pwd)/$install_dir" ;;
esac
# The folder goes into start-up files inside single quotes; keep that quoting trivial.
case "$install_dir" in
  *"'"* | *'\'* | *'
'*) die "the install folder '$install_dir' contains a quote, backslash or line break; choose another." ;;
esac
binary="$install_dir/awsmfa"
# Where the release came from, for `awsmfa upgrade` (see the comment at the top).
record="$install_dir/.awsmfa-install"

# --- where things are -----------------------------------------------------------------------

user_shell="${SHELL-}"
user_shell="${user_shell##*/}"
system=$(uname -s)

# The start-up file the integration line goes into, or nothing for shells without one.
rc_file_for() {
  case "$1" in
    bash)
      # macOS terminals start login shells, which read ~/.bash_profile and not ~/.bashrc.
      if [ "$system" = Darwin ]; then printf '%s' "$HOME/.bash_profile"; else printf '%s' "$HOME/.bashrc"; fi ;;
    zsh) printf '%s' "${ZDOTDIR:-$HOME}/.zshrc" ;;
    fish) printf '%s' "${XDG_CONFIG_HOME:-$HOME/.config}/fish/conf.d/awsmfa.fish" ;;
    sh | dash | ksh | mksh | ash) printf '%s' "${ENV-}" ;;
  esac
}

# The line that loads the integration; it does nothing once the binary is gone.
rc_line_for() {
  case "$1" in
    fish) printf '%s' "if status is-interactive; and test -x '$binary'; '$binary' shell-init fish | source; end" ;;
    bash | zsh) printf '%s' "if [ -x '$binary' ]; then eval \"\$('$binary' shell-init $1)\"; fi" ;;
    *) printf '%s' "if [ -x '$binary' ]; then eval \"\$('$binary' shell-init sh)\"; fi" ;;
  esac
}

cache_dir() {
  if [ -n "${AWSMFA_CACHE_DIR-}" ]; then printf '%s' "$AWSMFA_CACHE_DIR"
  elif [ -n "${XDG_CACHE_HOME-}" ]; then printf '%s' "$XDG_CACHE_HOME/awsmfa"
  elif [ "$system" = Darwin ]; then printf '%s' "$HOME/Library/Caches/awsmfa"
  else printf '%s' "$HOME/.cache/awsmfa"; fi
}

# --- start-up files -------------------------------------------------------------------------

# Prints the file as it was before the block was added.
without_block() {
  B="$BEGIN_MARK" E="$END_MARK" J="$JOINED_NOTE" awk '
    index($0, ENVIRON["B"]) == 1 { skip = 1; joined = index($0, ENVIRON["J"]) > 0; at = n; next }
    skip && $0 == ENVIRON["E"] { skip = 0; next }
    !skip { lines[++n] = $0 }
    END { for (i = 1; i <= n; i++) printf "%s%s", lines[i], (i == n && joined && at == n) ? "" : "\n" }
  ' "$1"
}

# Prints the file with the line inside the block replaced by `line`.
with_line() {
  B="$BEGIN_MARK" E="$END_MARK" L="$2" awk '
    index($0, ENVIRON["B"]) == 1 { print; print ENVIRON["L"]; skip = 1; next }
    skip && $0 == ENVIRON["E"] { skip = 0 }
    !skip { print }
  ' "$1"
}

has_block() {
  [ -f "$1" ] && grep -qF "$BEGIN_MARK" "$1"
}

# A new, empty file next to `1` that nobody else can have planted (a predictable name could be
# a symlink pointing anywhere); its name goes into the variable `2`, which cleanup removes.
temp_next_to() {
  t=$(mktemp "$1.awsmfa-install.XXXXXX" 2> /dev/null) \
    || die "cannot create a file next to $1 (is the disk full or the folder read-only?); nothing was changed."
  eval "$2=\$t"
}

# Refuses a start-up file that is there but is not a file (a folder, a dangling link).
check_rc_file() {
  if { [ -e "$1" ] || [ -L "$1" ]; } && [ ! -f "$1" ]; then
    die "$1 is not a regular file; move it away or run again with --no-modify-rc. $2"
  fi
}

# Replaces the file's contents (read from stdin) in place: a symlink stays a symlink, the mode
# stays the mode. The new text is written whole first and the old kept, so a full disk or a
# read-only file leaves the file as it was.
rewrite() {
  temp_next_to "$1" new_tmp
  temp_next_to "$1" old_tmp
  # This runs at the end of a pipe, in a subshell without the EXIT trap: it cleans up itself.
  if ! cat > "$new_tmp" 2> /dev/null || ! cat "$1" > "$old_tmp" 2> /dev/null; then
    rm -f "$new_tmp" "$old_tmp"
    die "could not write next to $1 (is the disk full?); $1 was left as it was. Free some space and run again."
  fi
  if ! (cat "$new_tmp" > "$1") 2> /dev/null; then
    (cat "$old_tmp" > "$1") 2> /dev/null || true
    rm -f "$new_tmp" "$old_tmp"
    die "could not change $1 (read-only, or the disk is full); it was left as it was. Make it writable, or edit it by hand, and run again."
  fi
  rm -f "$new_tmp" "$old_tmp"
  new_tmp= old_tmp=
}

# Adds (or updates) the block in `file`; prints what happened.
add_block() {
  file=$1
  line=$2
  if has_block "$file"; then
    if grep -qxF "$line" "$file"; then
      say "The shell integration is already in $file."
      return 0
    fi
    with_line "$file" "$line" | rewrite "$file"
    say "Updated the shell integration in $file."
    return 0
  fi
  if [ -f "$file" ] && grep -Eq 'awsmfa.*shell-init|shell-init.*awsmfa' "$file"; then
    say "$file already loads awsmfa (a line of your own); left it as it is."
    return 0
  fi
  if [ -f "$file" ]; then
    note=
    # A last line without a line break gets one, and the block says so.
    joint=
    if [ -s "$file" ] && [ -n "$(tail -c 1 "$file")" ]; then
      joint='\n'
      note=$JOINED_NOTE
    fi
    # Written as one whole new text, so a failure cannot leave half a block.
    { cat "$file"; printf "$joint%s\n%s\n%s\n" "$BEGIN_MARK$note" "$line" "$END_MARK"; } | rewrite "$file"
  else
    mkdir -p "$(dirname "$file")" 2> /dev/null \
      || die "cannot create the folder of $file; add this line to it yourself: $line"
    temp_next_to "$file" new_rc
    printf '%s\n%s\n%s\n' "$BEGIN_MARK$CREATED_NOTE" "$line" "$END_MARK" > "$new_rc" 2> /dev/null \
      || die "could not write $file (is the disk full?); add this line to it yourself: $line"
    chmod 0644 "$new_rc"
    mv -f "$new_rc" "$file" || die "could not create $file; add this line to it yourself: $line"
    new_rc=
  fi
  say "Added the shell integration to $file."
}

remove_block() {
  file=$1
  has_block "$file" || return 0
  created=no
  if grep -qxF "$BEGIN_MARK$CREATED_NOTE" "$file"; then created=yes; fi
  without_block "$file" | rewrite "$file"
  if [ "$created" = yes ] && [ ! -s "$file" ]; then
    rm -f "$file"
    say "Removed $file."
  else
    say "Removed the shell integration from $file."
  fi
}

# Before anything is installed: a start-up file the installer may change but cannot (read-only,
# or in a folder it cannot write its temp file in) stops the install, instead of failing after
# the binary is in place. Root may write read-only files, so `-w` asks the system, not the mode.
check_rc_writable() {
  [ "$modify_rc" = no ] && return 0
  rc=$(rc_file_for "$user_shell")
  [ -n "$rc" ] || return 0
  fix="make it writable, or run again with --no-modify-rc (and add the line yourself). Nothing was installed."
  check_rc_file "$rc" "$fix"
  if [ -f "$rc" ] && [ ! -w "$rc" ]; then
    die "cannot change $rc (it is read-only for you): $fix"
  fi
  folder=$(dirname "$rc")
  if [ -d "$folder" ] && [ ! -w "$folder" ]; then
    die "cannot write in $folder, the folder of $rc: $fix"
  fi
}

can_ask() {
  (: < /dev/tty) 2> /dev/null && [ -w /dev/tty ]
}

# How long a question waits for its answer: AWSMFA_QUESTION_TIMEOUT, as awsmfa reads it
# (seconds, or a number with s, m or h); default 5 minutes.
question_seconds() {
  t=${AWSMFA_QUESTION_TIMEOUT:-5m}
  case "$t" in
    *[!0-9smh]* | [smh]* | *[smh]?*) ;;
    *s) echo "${t%s}"; return ;;
    *m) echo "$((${t%m} * 60))"; return ;;
    *h) echo "$((${t%h} * 3600))"; return ;;
    *) echo "$t"; return ;;
  esac
  warn "AWSMFA_QUESTION_TIMEOUT \"$t\" is not a duration (e.g. 90s, 15m); waiting 5 minutes."
  echo 300
}

# Every wait has a deadline. Asks a [Y/n] question on the terminal and waits at most $1
# seconds: status 0 for yes (Enter, y, yes), 1 for anything else or end of input, 2 when no
# answer came in time. The deadline is a `sleep` that the reader (a subshell) ends when it has
# its answer, so nothing is left running either way.
asked_sleep=
asked_reader=
ask_yes() {
  sleep "$1" &
  asked_sleep=$!
  (
    answer=
    read -r answer < /dev/tty || answer=n
    kill "$asked_sleep" 2> /dev/null
    case "$answer" in
      '' | [Yy] | [Yy][Ee][Ss]) exit 0 ;;
      *) exit 1 ;;
    esac
  ) &
  asked_reader=$!
  if wait "$asked_sleep"; then
    # The sleep ran out: nobody answered.
    kill "$asked_reader" 2> /dev/null || :
    wait "$asked_reader" 2> /dev/null || :
    asked_sleep=
    asked_reader=
    printf '\n' > /dev/tty
    return 2
  fi
  asked_sleep=
  status=0
  wait "$asked_reader" || status=$?
  asked_reader=
  return "$status"
}

set_up_shell() {
  rc=$(rc_file_for "$user_shell")
  line=$(rc_line_for "$user_shell")
  if [ -z "$rc" ]; then
    say "To load the awsmfa function, add this line to your shell's start-up file:"
    say "  $line"
    return 0
  fi
  decision=$modify_rc
  if [ "$decision" = ask ]; then
    if can_ask; then
      printf 'Load the awsmfa shell integration from %s? [Y/n] ' "$rc" > /dev/tty
      seconds=$(question_seconds)
      asked=0
      ask_yes "$seconds" || asked=$?
      case "$asked" in
        0) decision=yes ;;
        2)
          say "No answer within $seconds s: $rc was left as it is."
          decision=no
          ;;
        *) decision=no ;;
      esac
    else
      decision=no
    fi
  fi
  if [ "$decision" = yes ]; then
    check_rc_file "$rc" "To load awsmfa, add this line to your start-up file: $line"
    add_block "$rc" "$line"
  else
    say "To load the awsmfa shell function, add this line to $rc (or run again with --yes):"
    say "  $line"
  fi
}

# --- downloading ----------------------------------------------------------------------------

detect_target() {
  os=$system
  arch=$(uname -m)
  case "$os" in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    MINGW* | MSYS* | CYGWIN* | Windows_NT)
      die "on Windows, use install.ps1 (irm https://github.com/awsmfa/awsmfa/releases/latest/download/install.ps1 | iex), or download awsmfa-windows-x64.zip from $AWSMFA_RELEASES." ;;
    *) die "there is no awsmfa build for $os. Download one by hand from $AWSMFA_RELEASES, or build it from source." ;;
  esac
  case "$arch" in
    x86_64 | amd64) arch=x64 ;;
    arm64 | aarch64) arch=arm64 ;;
    *) die "there is no awsmfa build for the $arch processor (only x86_64 and arm64); see $AWSMFA_RELEASES." ;;
  esac
  # An x86_64 shell under Rosetta on Apple silicon: the native build is the better one.
  if [ "$os" = darwin ] && [ "$arch" = x64 ] && [ "$(sysctl -n sysctl.proc_translated 2> /dev/null || true)" = 1 ]; then
    arch=arm64
  fi
  asset="awsmfa-$os-$arch.tar.gz"
}

choose_base_url() {
  if [ -n "$version" ]; then
    case "$version" in v*) ;; *) version="v$version" ;; esac
    printf '%s\n' "$version" | grep -Eq '^v[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]+)?$' \
      || die "--version '$version' is not a version such as v1.2.3."
  fi
  custom_base=$base_url
  if [ -z "$base_url" ]; then
    if [ -n "$version" ]; then base_url="$AWSMFA_RELEASES/download/$version"
    else base_url="$AWSMFA_RELEASES/latest/download"; fi
  fi
  base_url=${base_url%/}
  # The checksums come from the same place as the binary: over plain http both could be forged.
  case "$base_url" in
    https://*) ;;
    http://127.0.0.1[:/]* | http://localhost[:/]* | http://\[::1\][:/]*) ;;
    *) die "--base-url '$base_url' must start with https:// (plain http only for localhost)." ;;
  esac
}

# The programs used to download and to check the download, chosen before anything is fetched.
choose_tools() {
  if command -v curl > /dev/null 2>&1; then downloader=curl
  elif command -v wget > /dev/null 2>&1; then downloader=wget
  else die "needs curl or wget to download awsmfa; install one of them."; fi
  if command -v sha256sum > /dev/null 2>&1; then hasher=sha256sum
  elif command -v shasum > /dev/null 2>&1; then hasher=shasum
  else die "needs sha256sum or shasum to check the download; install one of them."; fi
  command -v tar > /dev/null 2>&1 || die "needs tar to unpack the download; install it."
  command -v gzip > /dev/null 2>&1 || die "needs gzip to unpack the download; install it."
}

download() {
  if [ "$downloader" = curl ]; then
    curl -fsSL --retry 2 -o "$2" "$1" || die "could not download $1 (curl failed)."
  else
    wget -q -O "$2" "$1" || die "could not download $1 (wget failed)."
  fi
}

sha256_of() {
  if [ "$hasher" = sha256sum ]; then sha256sum "$1" | cut -d ' ' -f 1
  else shasum -a 256 "$1" | cut -d ' ' -f 1; fi
}

expected_sum() {
  while read -r sum name || [ -n "${sum-}" ]; do
    if [ "${name#\*}" = "$asset" ]; then
      printf '%s' "$sum"
      return 0
    fi
  done < "$1"
}

# The binary's place must be a file or nothing: `mv` would put the binary inside a folder, or
# the install would report success through a link.
check_target() {
  if [ -L "$binary" ] || { [ -e "$binary" ] && [ ! -f "$binary" ]; }; then
    die "$binary is not a regular file (a folder or a link); remove it or choose another folder with --prefix. Nothing was installed."
  fi
}

install_binary() {
  check_target
  check_rc_writable
  detect_target
  choose_base_url
  choose_tools
  work=$(mktemp -d 2> /dev/null || mktemp -d -t awsmfa)
  say "Downloading $asset from $base_url"
  download "$base_url/$asset" "$work/$asset"
  download "$base_url/SHA256SUMS" "$work/SHA256SUMS"
  # Hex digits in either case: some tools write checksums in upper case.
  expected=$(expected_sum "$work/SHA256SUMS" | awk '{ print tolower($0) }')
  case "$expected" in
    '' | *[!0-9a-f]*) die "SHA256SUMS from $base_url has no checksum for $asset; nothing was installed." ;;
  esac
  actual=$(sha256_of "$work/$asset")
  if [ "$actual" != "$expected" ]; then
    die "the download of $asset does not match its checksum (expected $expected, got $actual); nothing was installed."
  fi
  if [ ! -d "$install_dir" ]; then
    # The topmost folder mkdir -p creates: removed again if the install does not complete.
    created_dir=$install_dir
    while [ ! -d "$(dirname "$created_dir")" ]; do created_dir=$(dirname "$created_dir"); done
  fi
  mkdir -p "$work/unpacked"
  # gzip -dc | tar: busybox and BSD tar both read an archive from stdin this way.
  gzip -dc "$work/$asset" | (cd "$work/unpacked" && tar -xf -) \
    || die "could not unpack $asset; nothing was installed."
  [ -f "$work/unpacked/awsmfa" ] || die "$asset holds no awsmfa binary; nothing was installed."
  mkdir -p "$install_dir" || die "cannot create $install_dir; choose another folder with --prefix."
  check_target
  # Copied next to its final place, then renamed over it: never a half-written awsmfa. mktemp,
  # not a predictable name, which could be a symlink planted to make us write elsewhere.
  staged=$(mktemp "$install_dir/.awsmfa.install.XXXXXX" 2> /dev/null) \
    || die "cannot write to $install_dir; choose another folder with --prefix. Nothing was installed."
  { cp "$work/unpacked/awsmfa" "$staged" && chmod 0755 "$staged"; } 2> /dev/null \
    || die "could not write the binary to $install_dir (is the disk full?); nothing was installed. Free some space and run again."
  if ! installed_version=$("$staged" --version 2> /dev/null); then
    die "the downloaded awsmfa does not run on this system (Alpine and other musl-based Linux are not supported); nothing was installed."
  fi
  case "$version" in
    '') ;;
    *) case "$installed_version" in
         "awsmfa ${version#v} "*) ;;
         *) die "$base_url served '$installed_version', not $version; nothing was installed." ;;
       esac ;;
  esac
  check_target
  mv -f "$staged" "$binary" || die "could not move awsmfa into place at $binary; nothing was installed."
  staged=
  created_dir=
  write_record
  say "Installed $installed_version to $binary"
  case ":${PATH-}:" in
    *":$install_dir:"*) ;;
    *) warn "$install_dir is not on your PATH. The shell function works without it; for other programs (starship, scripts), add it to PATH in your shell's start-up file." ;;
  esac
  set_up_shell
  say ""
  say "Next: open a new terminal, then run: awsmfa doctor"
}

# The install record: the GitHub-style releases folder (which has latest/ and download/vX.Y.Z/)
# or, for --base-url, the mirror folder itself. Written whole, then renamed into place.
write_record() {
  if [ -n "$custom_base" ]; then source_line="mirror=$base_url"
  else source_line="releases=$AWSMFA_RELEASES"; fi
  if [ -L "$record" ] || { [ -e "$record" ] && [ ! -f "$record" ]; }; then
    warn "$record is not a regular file; left it alone. awsmfa upgrade will not know where to download from."
    return 0
  fi
  if record_tmp=$(mktemp "$record.XXXXXX" 2> /dev/null) \
    && printf '%s\n%s\n' "# Written by the awsmfa installer: awsmfa upgrade downloads from here." \
      "$source_line" > "$record_tmp" 2> /dev/null && chmod 0644 "$record_tmp" \
    && mv -f "$record_tmp" "$record"; then record_tmp=
  else
    warn "could not write $record; awsmfa upgrade will not know where to download from."
  fi
}

uninstall() {
  # Start-up files first: if one cannot be changed, the binary its line loads is still there.
  for shell in bash zsh fish; do
    remove_block "$(rc_file_for "$shell")"
  done
  # The other start-up files the installer may have used, whatever the shell is now.
  remove_block "$HOME/.bashrc"
  remove_block "$HOME/.bash_profile"
  if [ -n "${ENV-}" ]; then remove_block "$ENV"; fi
  if [ -f "$record" ] && [ ! -L "$record" ]; then rm -f "$record"; fi
  if [ -L "$binary" ] || { [ -e "$binary" ] && [ ! -f "$binary" ]; }; then
    warn "$binary is not a regular file (a folder or a link); left it alone."
  elif [ -e "$binary" ]; then
    rm -f "$binary"
    say "Removed $binary"
  else
    say "No awsmfa at $binary"
  fi
  cache=$(cache_dir)
  if [ -d "$cache" ]; then
    rm -rf "$cache"
    say "Removed $cache (cached sessions)"
  fi
  # Folders the installer may have created, if nothing else is in them.
  config="${XDG_CONFIG_HOME:-$HOME/.config}"
  for folder in "$install_dir" "$HOME/.local" "$config/fish/conf.d" "$config/fish" "$config" \
    "${XDG_CACHE_HOME:-$HOME/.cache}"; do
    rmdir "$folder" 2> /dev/null || true
  done
  say "Your AWS config and credentials (~/.aws) were left as they are."
}

work=
staged=
created_dir=
new_tmp=
old_tmp=
new_rc=
record_tmp=
cleanup() {
  # A question still waiting (Ctrl-C, SIGTERM): its reader and its deadline end too.
  for p in "$asked_reader" "$asked_sleep"; do
    if [ -n "$p" ]; then kill "$p" 2> /dev/null || :; fi
  done
  for t in "$staged" "$new_tmp" "$old_tmp" "$new_rc" "$record_tmp"; do
    if [ -n "$t" ]; then rm -f "$t"; fi
  done
  if [ -n "$work" ]; then rm -rf "$work"; fi
  # Folders created for an install that did not complete, innermost first, if still empty.
  if [ -n "$created_dir" ]; then
    folder=$install_dir
    while rmdir "$folder" 2> /dev/null && [ "$folder" != "$created_dir" ]; do
      folder=$(dirname "$folder")
    done
  fi
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM

case "$action" in
  install) install_binary ;;
  uninstall) uninstall ;;
esac
}
