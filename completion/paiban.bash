# bash completion for paiban: commands, each command's options (read from
# `paiban help COMMAND`, so they are the program's own), option values and
# paths.  Needs bash alone (not the bash-completion package).  Installed by
# `make install` as $(PREFIX)/share/bash-completion/completions/paiban.

# The options a command takes, asked of the program once per shell.
_paiban_options()
{
    local var="_paiban_opts_$1"
    if [[ -z ${!var-} ]]; then
        printf -v "$var" '%s' "$("$2" help "$1" 2>/dev/null |
            grep -oE -- '^  (-[a-zA-Z], )?--[a-z][a-z-]*' | tr -d ',' | tr '\n' ' ')"
    fi
    printf '%s' "${!var}"
}

# Paths: folders only, or files too (those ending in $2 when given).
_paiban_paths()
{
    local IFS=$'\n' cur=$1 ext=$2
    COMPREPLY=($(compgen -d -S / -- "$cur"))
    if [[ $ext != dirs ]]; then
        local f
        for f in $(compgen -f -X "!*$ext" -- "$cur"); do
            [[ -d $f ]] || COMPREPLY+=("$f")
        done
    fi
    compopt -o nospace -o filenames 2>/dev/null
}

_paiban()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    local commands="build proof diff watch text archive help"
    # --name=value arrives as three words: --name, =, value.
    if [[ $cur == = ]]; then
        prev=${COMP_WORDS[COMP_CWORD - 1]}
        cur=
    elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    fi
    COMPREPLY=()
    if ((COMP_CWORD == 1)); then
        COMPREPLY=($(compgen -W "$commands -h --help -V --version" -- "$cur"))
        return
    fi
    local cmd=${COMP_WORDS[1]}
    case $cmd in
    build | proof | diff | watch | text | archive) ;;
    help)
        ((COMP_CWORD == 2)) && COMPREPLY=($(compgen -W "$commands" -- "$cur"))
        return
        ;;
    *) return ;;
    esac
    case $prev in
    -o | --output)
        [[ $cmd == archive ]] && _paiban_paths "$cur" dirs || _paiban_paths "$cur" .pdf
        return
        ;;
    --dump | --report) _paiban_paths "$cur" .json; return ;;
    --fonts) _paiban_paths "$cur" .yaml; return ;;
    --png | --layout) _paiban_paths "$cur" dirs; return ;;
    --color) COMPREPLY=($(compgen -W "auto never always" -- "$cur")); return ;;
    --rev)
        COMPREPLY=($(compgen -W "HEAD HEAD~1 $(git for-each-ref --format='%(refname:short)' \
            2>/dev/null)" -- "$cur"))
        return
        ;;
    --png-dpi | --builds | -j | --jobs) return ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_paiban_options "$cmd" "${COMP_WORDS[0]}")" -- "$cur"))
        return
    fi
    # Editions and years are folders.
    _paiban_paths "$cur" dirs
}
complete -F _paiban paiban
