# Tab completion: commands, flags, and profile names (read by `awsmfa _profiles`).
__awsmfa_add_words() {
  local IFS=$' \t\n' __awsmfa_word
  for __awsmfa_word in $1; do
    case "$__awsmfa_word" in "$cur"*) COMPREPLY+=("$__awsmfa_word") ;; esac
  done
}
__awsmfa_add_profiles() {
  local __awsmfa_name __awsmfa_quoted
  while IFS= read -r __awsmfa_name; do
    case "$__awsmfa_name" in
      "$cur"*) printf -v __awsmfa_quoted '%q' "$__awsmfa_name"; COMPREPLY+=("$__awsmfa_quoted") ;;
    esac
  done < <(command '/opt/Jane'\''s tools/bin/awsmfa' _profiles 2>/dev/null)
}
__awsmfa_flags() {
  case "$1" in
    'login') __awsmfa_all='-p --profile --format --otp -f --force -V --version -h --help'; __awsmfa_valued=' -p --profile --format --otp ' ;;
    'whoami') __awsmfa_all='--json -V --version -h --help'; __awsmfa_valued='  ' ;;
    'init') __awsmfa_all='-V --version -h --help'; __awsmfa_valued='  ' ;;
    'keys') __awsmfa_all='-V --version -h --help'; __awsmfa_valued='  ' ;;
    'keys move') __awsmfa_all='--to -V --version -h --help'; __awsmfa_valued=' --to ' ;;
    *) __awsmfa_all=''; __awsmfa_valued=' ' ;;
  esac
}
__awsmfa_values() {
  case "$1 $2" in
    'login -p'|'login --profile') __awsmfa_add_profiles ;;
    'login --format') __awsmfa_add_words 'sh fish json' ;;
    'keys move --to') __awsmfa_add_words 'keychain pass' ;;
  esac
}
_awsmfa_complete() {
  local cur="${COMP_WORDS[COMP_CWORD]-}" prev="" command="" positionals=0 i=1 word
  local __awsmfa_all __awsmfa_valued
  COMPREPLY=()
  while [ "$i" -lt "$COMP_CWORD" ]; do
    word="${COMP_WORDS[i]}"
    case "$word" in
      --) return 0 ;;
      -*)
        __awsmfa_flags "${command:-login}"
        if [ "${COMP_WORDS[i+1]-}" = "=" ]; then
          i=$((i + 2))
        else
          case "$__awsmfa_valued" in *" $word "*) i=$((i + 1)) ;; esac
        fi
        ;;
      *)
        if [ -n "$command" ]; then
          case "$positionals:$command $word" in
            '0:keys move'|'0:keys mv') command='keys move' ;;
            *) positionals=$((positionals + 1)) ;;
          esac
        else
          case "$word" in
          login|in) command=login ;;
          whoami) command=whoami ;;
          init) command=init ;;
          keys) command=keys ;;
          *) command=login; positionals=1 ;;
          esac
        fi
        ;;
    esac
    i=$((i + 1))
  done
  __awsmfa_flags "${command:-login}"
  [ "$COMP_CWORD" -gt 0 ] && prev="${COMP_WORDS[COMP_CWORD-1]-}"
  # --flag=value: bash splits at the = sign (COMP_WORDBREAKS).
  if [ "$cur" = "=" ]; then
    cur=""
  elif [ "$prev" = "=" ] && [ "$COMP_CWORD" -gt 1 ]; then
    prev="${COMP_WORDS[COMP_CWORD-2]}"
  fi
  case "$prev" in
    -*)
      case "$__awsmfa_valued" in
        *" $prev "*) __awsmfa_values "${command:-login}" "$prev"; return 0 ;;
      esac
      ;;
  esac
  case "$cur" in
    -*)
      __awsmfa_add_words "$__awsmfa_all"
      ;;
    *)
      if [ -z "$command" ]; then
        __awsmfa_add_words 'login whoami init keys'
        __awsmfa_add_profiles
      elif [ "$positionals" -eq 0 ]; then
        case "$command" in 'login'|'keys move') __awsmfa_add_profiles ;; esac
        case "$command" in
          'init') __awsmfa_add_words 'bash fish' ;;
          'keys') __awsmfa_add_words 'move' ;;
        esac
      fi
      ;;
  esac
  return 0
}
complete -F _awsmfa_complete awsmfa

# Expiry warnings: at each prompt, shell arithmetic on AWSMFA_EXPIRES (set by `awsmfa login`),
# no process started. One line at 10 minutes or less, one when expired, once per session.
__awsmfa_prompt_hook() {
  local __awsmfa_status=$?
  local __awsmfa_now __awsmfa_left __awsmfa_when __awsmfa_q __awsmfa_shown
  case "${AWSMFA_EXPIRES-}" in
    '' | 0* | *[!0-9]* | ?????????????*) return "$__awsmfa_status" ;;
  esac
  printf -v __awsmfa_now '%(%s)T' -1 2>/dev/null || return "$__awsmfa_status"
  __awsmfa_left=$((AWSMFA_EXPIRES - __awsmfa_now))
  if [ "$__awsmfa_left" -le 0 ]; then
    if [ "${__awsmfa_warned-}" != "expired:$AWSMFA_EXPIRES" ]; then
      __awsmfa_warned="expired:$AWSMFA_EXPIRES"
      printf -v __awsmfa_q '%q' "${AWS_PROFILE:-default}"; __awsmfa_shown="${AWS_PROFILE:-default}"; case "${AWS_PROFILE:-default}" in *[[:cntrl:]]*) __awsmfa_shown=$__awsmfa_q ;; esac; case "${AWS_PROFILE:-default}" in -*) __awsmfa_q="login -- $__awsmfa_q" ;; esac
      printf 'awsmfa: the AWS session for %s has expired; `awsmfa %s` gets a new one.\n' "$__awsmfa_shown" "$__awsmfa_q" >&2
    fi
  elif [ "$__awsmfa_left" -le 600 ] && [ "${__awsmfa_warned-}" != "soon:$AWSMFA_EXPIRES" ]; then
    __awsmfa_warned="soon:$AWSMFA_EXPIRES"
    if [ "$__awsmfa_left" -ge 60 ]; then
      __awsmfa_when="$((__awsmfa_left / 60))m"
    else
      __awsmfa_when="${__awsmfa_left}s"
    fi
    printf -v __awsmfa_q '%q' "${AWS_PROFILE:-default}"; __awsmfa_shown="${AWS_PROFILE:-default}"; case "${AWS_PROFILE:-default}" in *[[:cntrl:]]*) __awsmfa_shown=$__awsmfa_q ;; esac; case "${AWS_PROFILE:-default}" in -*) __awsmfa_q="login -- $__awsmfa_q" ;; esac
    printf 'awsmfa: the AWS session for %s expires in %s; `awsmfa %s` gets a new one.\n' "$__awsmfa_shown" "$__awsmfa_when" "$__awsmfa_q" >&2
  fi
  return "$__awsmfa_status"
}
# Appended on a line of its own, after whatever PROMPT_COMMAND already runs; only once.
case "${PROMPT_COMMAND-}" in
  *__awsmfa_prompt_hook*) ;;
  *) PROMPT_COMMAND="${PROMPT_COMMAND:+$PROMPT_COMMAND
}__awsmfa_prompt_hook" ;;
esac
