# Tab completion: commands, flags, and profile names (read by `awsmfa _profiles`).
__awsmfa_profiles() {
  local -a profiles expl
  profiles=(${(f)"$(command '/opt/Jane'\''s tools/bin/awsmfa' _profiles 2>/dev/null)"})
  _wanted profiles expl 'profile' compadd -a profiles
}
__awsmfa_first() {
  local -a commands
  local ret=1
  commands=(
    'login:get a session [the default] for `prod`: it'\''s quick'
    'whoami:who am I'
    'init:print the shell function'
    'keys:long-term keys'
  )
  _describe -t commands 'command' commands && ret=0
  __awsmfa_profiles && ret=0
  return ret
}
_awsmfa() {
  local curcontext="$curcontext" state state_descr line ret=1
  typeset -A opt_args
  _arguments -C -s -S \
    '(-V --version)-V[print the version]' \
    '(-V --version)--version[print the version]' \
    '(-h --help)-h[show help]' \
    '(-h --help)--help[show help]' \
    '(-p --profile)-p[profile]:profile:__awsmfa_profiles' \
    '(-p --profile)--profile=[profile]:profile:__awsmfa_profiles' \
    '--format=[output format]:value:(sh fish json)' \
    '--otp=[the code]:code: ' \
    '(-f --force)-f[a new session/even if cached]' \
    '(-f --force)--force[a new session/even if cached]' \
    '1: :->first' \
    '*:: :->rest' && ret=0
  case $state in
    first) __awsmfa_first && ret=0 ;;
    rest)
      case $words[1] in
        login|in)
          _arguments -s -S \
            '(-p --profile)-p[profile]:profile:__awsmfa_profiles' \
            '(-p --profile)--profile=[profile]:profile:__awsmfa_profiles' \
            '--format=[output format]:value:(sh fish json)' \
            '--otp=[the code]:code: ' \
            '(-f --force)-f[a new session/even if cached]' \
            '(-f --force)--force[a new session/even if cached]' \
            '(-V --version)-V[print the version]' \
            '(-V --version)--version[print the version]' \
            '(-h --help)-h[show help]' \
            '(-h --help)--help[show help]' \
            '1:profile:__awsmfa_profiles' \
            && ret=0
          ;;
        whoami)
          _arguments -s -S \
            '--json[print JSON]' \
            '(-V --version)-V[print the version]' \
            '(-V --version)--version[print the version]' \
            '(-h --help)-h[show help]' \
            '(-h --help)--help[show help]' \
            && ret=0
          ;;
        init)
          _arguments -s -S \
            '(-V --version)-V[print the version]' \
            '(-V --version)--version[print the version]' \
            '(-h --help)-h[show help]' \
            '(-h --help)--help[show help]' \
            '1:value:(bash fish)' \
            && ret=0
          ;;
        keys)
          _arguments -C -s -S \
            '(-V --version)-V[print the version]' \
            '(-V --version)--version[print the version]' \
            '(-h --help)-h[show help]' \
            '(-h --help)--help[show help]' \
            '1: :->subcommand' \
            '*:: :->subrest' \
            && ret=0
          case $state in
            subcommand)
              local -a subcommands
              subcommands=(
                'move:move a profile'\''s keys'
              )
              _describe -t commands 'subcommand' subcommands && ret=0
              ;;
            subrest)
              case $words[1] in
                move|mv)
                  _arguments -s -S \
                    '--to=[the key store]:value:(keychain pass)' \
                    '(-V --version)-V[print the version]' \
                    '(-V --version)--version[print the version]' \
                    '(-h --help)-h[show help]' \
                    '(-h --help)--help[show help]' \
                    '1:profile:__awsmfa_profiles' \
                    && ret=0
                  ;;
              esac
              ;;
          esac
          ;;
        *)
          _arguments -s -S \
            '(-p --profile)-p[profile]:profile:__awsmfa_profiles' \
            '(-p --profile)--profile=[profile]:profile:__awsmfa_profiles' \
            '--format=[output format]:value:(sh fish json)' \
            '--otp=[the code]:code: ' \
            '(-f --force)-f[a new session/even if cached]' \
            '(-f --force)--force[a new session/even if cached]' \
            '(-V --version)-V[print the version]' \
            '(-V --version)--version[print the version]' \
            '(-h --help)-h[show help]' \
            '(-h --help)--help[show help]' \
            && ret=0
          ;;
      esac
      ;;
  esac
  return ret
}
if (( $+functions[compdef] )); then
  compdef _awsmfa awsmfa
else
  __awsmfa_compdef_later() {
    precmd_functions=(${precmd_functions:#__awsmfa_compdef_later})
    if (( $+functions[compdef] )); then compdef _awsmfa awsmfa; fi
    unfunction __awsmfa_compdef_later
  }
  typeset -ga precmd_functions
  if (( ! ${precmd_functions[(Ie)__awsmfa_compdef_later]} )); then
    precmd_functions+=(__awsmfa_compdef_later)
  fi
fi

# Expiry warnings: at each prompt, shell arithmetic on AWSMFA_EXPIRES (set by `awsmfa login`),
# no process started. One line at 10 minutes or less, one when expired, once per session.
zmodload zsh/datetime 2>/dev/null
__awsmfa_precmd() {
  local __awsmfa_status=$?
  emulate -L zsh
  local __awsmfa_now __awsmfa_left __awsmfa_when __awsmfa_q __awsmfa_shown
  case "${AWSMFA_EXPIRES-}" in
    '' | 0* | *[!0-9]* | ?????????????*) return "$__awsmfa_status" ;;
  esac
  __awsmfa_now="${EPOCHSECONDS-}"
  [ -n "$__awsmfa_now" ] || return "$__awsmfa_status"
  __awsmfa_left=$((AWSMFA_EXPIRES - __awsmfa_now))
  if [ "$__awsmfa_left" -le 0 ]; then
    if [ "${__awsmfa_warned-}" != "expired:$AWSMFA_EXPIRES" ]; then
      __awsmfa_warned="expired:$AWSMFA_EXPIRES"
      __awsmfa_q=${(q+)${AWS_PROFILE:-default}}; __awsmfa_shown="${AWS_PROFILE:-default}"; case "${AWS_PROFILE:-default}" in *[[:cntrl:]]*) __awsmfa_shown=$__awsmfa_q ;; esac; case "${AWS_PROFILE:-default}" in -*) __awsmfa_q="login -- $__awsmfa_q" ;; esac
      printf 'awsmfa: the AWS session for %s has expired; `awsmfa %s` gets a new one.\n' "$__awsmfa_shown" "$__awsmfa_q" >&2
    fi
  elif [ "$__awsmfa_left" -le 600 ] && [ "${__awsmfa_warned-}" != "soon:$AWSMFA_EXPIRES" ]; then
    __awsmfa_warned="soon:$AWSMFA_EXPIRES"
    if [ "$__awsmfa_left" -ge 60 ]; then
      __awsmfa_when="$((__awsmfa_left / 60))m"
    else
      __awsmfa_when="${__awsmfa_left}s"
    fi
    __awsmfa_q=${(q+)${AWS_PROFILE:-default}}; __awsmfa_shown="${AWS_PROFILE:-default}"; case "${AWS_PROFILE:-default}" in *[[:cntrl:]]*) __awsmfa_shown=$__awsmfa_q ;; esac; case "${AWS_PROFILE:-default}" in -*) __awsmfa_q="login -- $__awsmfa_q" ;; esac
    printf 'awsmfa: the AWS session for %s expires in %s; `awsmfa %s` gets a new one.\n' "$__awsmfa_shown" "$__awsmfa_when" "$__awsmfa_q" >&2
  fi
  return "$__awsmfa_status"
}
typeset -ga precmd_functions
if (( ! ${precmd_functions[(Ie)__awsmfa_precmd]} )); then
  precmd_functions+=(__awsmfa_precmd)
fi
