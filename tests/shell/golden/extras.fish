# Tab completion: commands, flags, and profile names (read by `awsmfa _profiles`).
function __awsmfa_profiles
    command '/opt/Jane\'s tools/bin/awsmfa' _profiles 2>/dev/null
end
function __awsmfa_valued --argument-names command
    switch $command
        case 'login'
            printf '%s\n' -- -p --profile --format --otp
        case 'keys move'
            printf '%s\n' -- --to
    end
end
# Prints the command being completed (empty when none yet) and how many arguments follow it.
function __awsmfa_parse
    set -l tokens (commandline -opc)
    set -l command ''
    set -l positionals 0
    set -l skip 0
    for token in $tokens[2..-1]
        if test $skip -eq 1
            set skip 0
            continue
        end
        switch $token
            case '--*=*'
            case '-*'
                set -l current $command
                test -n "$current"; or set current login
                if contains -- $token (__awsmfa_valued $current)
                    set skip 1
                end
            case '*'
                if test -n "$command"
                    if test $positionals -eq 0; and contains -- "$command $token" 'keys move' 'keys mv'
                        set command "$command $token"
                        continue
                    end
                    set positionals (math $positionals + 1)
                    continue
                end
                switch $token
                    case login in
                        set command login
                    case whoami
                        set command whoami
                    case init
                        set command init
                    case keys
                        set command keys
                    case '*'
                        set command login
                        set positionals 1
                end
        end
    end
    printf '%s\n' "$command" $positionals
end
function __awsmfa_first
    test -z (__awsmfa_parse)[1]
end
function __awsmfa_in --argument-names name
    test (__awsmfa_parse)[1] = $name
end
# True when the command is `name` and none of its arguments has been typed yet.
function __awsmfa_wants_argument --argument-names name
    set -l state (__awsmfa_parse)
    test "$state[1]" = $name -a "$state[2]" = 0
end
complete -c awsmfa -e
complete -c awsmfa -f
complete -c awsmfa -n __awsmfa_first -a login -d 'get a session [the default] for `prod`: it\'s quick'
complete -c awsmfa -n __awsmfa_first -a whoami -d 'who am I'
complete -c awsmfa -n __awsmfa_first -a init -d 'print the shell function'
complete -c awsmfa -n __awsmfa_first -a keys -d 'long-term keys'
complete -c awsmfa -n __awsmfa_first -a '(__awsmfa_profiles)' -d profile
complete -c awsmfa -n __awsmfa_first -s V -l version -d 'print the version'
complete -c awsmfa -n __awsmfa_first -s h -l help -d 'show help'
complete -c awsmfa -n __awsmfa_first -s p -l profile -x -a '(__awsmfa_profiles)' -d 'profile'
complete -c awsmfa -n __awsmfa_first -l format -x -a 'sh fish json' -d 'output format'
complete -c awsmfa -n __awsmfa_first -l otp -x -d 'the code'
complete -c awsmfa -n __awsmfa_first -s f -l force -d 'a new session\\even if cached'
complete -c awsmfa -n '__awsmfa_in \'login\'' -s p -l profile -x -a '(__awsmfa_profiles)' -d 'profile'
complete -c awsmfa -n '__awsmfa_in \'login\'' -l format -x -a 'sh fish json' -d 'output format'
complete -c awsmfa -n '__awsmfa_in \'login\'' -l otp -x -d 'the code'
complete -c awsmfa -n '__awsmfa_in \'login\'' -s f -l force -d 'a new session\\even if cached'
complete -c awsmfa -n '__awsmfa_in \'login\'' -s V -l version -d 'print the version'
complete -c awsmfa -n '__awsmfa_in \'login\'' -s h -l help -d 'show help'
complete -c awsmfa -n '__awsmfa_wants_argument \'login\'' -a '(__awsmfa_profiles)' -d profile
complete -c awsmfa -n '__awsmfa_in \'whoami\'' -l json -d 'print JSON'
complete -c awsmfa -n '__awsmfa_in \'whoami\'' -s V -l version -d 'print the version'
complete -c awsmfa -n '__awsmfa_in \'whoami\'' -s h -l help -d 'show help'
complete -c awsmfa -n '__awsmfa_in \'init\'' -s V -l version -d 'print the version'
complete -c awsmfa -n '__awsmfa_in \'init\'' -s h -l help -d 'show help'
complete -c awsmfa -n '__awsmfa_wants_argument \'init\'' -a 'bash fish'
complete -c awsmfa -n '__awsmfa_in \'keys\'' -s V -l version -d 'print the version'
complete -c awsmfa -n '__awsmfa_in \'keys\'' -s h -l help -d 'show help'
complete -c awsmfa -n '__awsmfa_wants_argument \'keys\'' -a move -d 'move a profile\'s keys'
complete -c awsmfa -n '__awsmfa_in \'keys move\'' -l to -x -a 'keychain pass' -d 'the key store'
complete -c awsmfa -n '__awsmfa_in \'keys move\'' -s V -l version -d 'print the version'
complete -c awsmfa -n '__awsmfa_in \'keys move\'' -s h -l help -d 'show help'
complete -c awsmfa -n '__awsmfa_wants_argument \'keys move\'' -a '(__awsmfa_profiles)' -d profile

# Expiry warnings: at each prompt, builtins only on AWSMFA_EXPIRES (set by `awsmfa login`),
# no process started. One line at 10 minutes or less, one when expired, once per session.
if builtin -q path 2>/dev/null
    function __awsmfa_prompt_hook --on-event fish_prompt
        string match -qr '^[1-9][0-9]{0,11}$' -- "$AWSMFA_EXPIRES"; or return
        set -l left (math $AWSMFA_EXPIRES - (path mtime /) - (path mtime --relative /))
        set -l profile $AWS_PROFILE
        test -n "$profile"; or set profile default
        # The suggested command is pasted: the profile quoted by fish itself (a builtin).
        set -l quoted (string escape -- $profile)
        # Shown as it is, unless a control character (a line break, an escape) is in it: then
        # quoted as above, so the warning stays one line and nothing acts on the terminal.
        set -l shown $profile
        string match -q -r '[[:cntrl:]]' -- $profile; and set shown $quoted
        # A name like an option (-rf) goes after `login --`, or it would be read as flags.
        string match -q -- '-*' $profile; and set quoted "login -- $quoted"
        if test $left -le 0
            if test "$__awsmfa_warned" != "expired:$AWSMFA_EXPIRES"
                set -g __awsmfa_warned "expired:$AWSMFA_EXPIRES"
                printf 'awsmfa: the AWS session for %s has expired; `awsmfa %s` gets a new one.\\n' $shown $quoted >&2
            end
        else if test $left -le 600; and test "$__awsmfa_warned" != "soon:$AWSMFA_EXPIRES"
            set -g __awsmfa_warned "soon:$AWSMFA_EXPIRES"
            set -l when (math -s0 $left / 60)m
            test $left -ge 60; or set when {$left}s
            printf 'awsmfa: the AWS session for %s expires in %s; `awsmfa %s` gets a new one.\\n' $shown $when $quoted >&2
        end
    end
end
