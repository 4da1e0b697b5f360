# bash completion for budgetlint (installed by make install)
_budgetlint() {
    local cur prev words cword
    _init_completion 2>/dev/null || { cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD-1]}; }
    local cmds="check extract numbers merge report rules explain"
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "$cmds --help --version" -- "$cur"))
        return
    fi
    case $prev in
        --format) COMPREPLY=($(compgen -W "text json jsonl sarif github gitlab" -- "$cur")); return ;;
        --fail-on) COMPREPLY=($(compgen -W "error warning info none" -- "$cur")); return ;;
        --profile) COMPREPLY=($(compgen -W "national sichuan guizhou chongqing guangzhou" -- "$cur")); return ;;
        --color|--ocr) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
        --annotate) COMPREPLY=($(compgen -d -- "$cur")); return ;;
        -o|--output|--config|--db|--baseline|--write-baseline|--files-from|--password-file|--xlsx|--csv|--html)
            COMPREPLY=($(compgen -f -- "$cur")); return ;;
    esac
    if [ "${COMP_WORDS[1]}" = explain ]; then
        COMPREPLY=($(compgen -W "$(budgetlint rules 2>/dev/null | awk '{print $1}')" -- "$cur"))
        return
    fi
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "--format --output --write-baseline --baseline --color --fail-on --profile --config
            --password-file --encoding --ocr --jobs --timeout --max-memory --annotate --files-from --db --force --shard
            --progress --quiet --stats --tables" -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -f -- "$cur"))
}
complete -F _budgetlint budgetlint
