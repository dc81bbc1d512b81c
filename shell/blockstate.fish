# blockstate helpers for fish.
#
#   blockstate init fish | source         # or: source /path/to/shell/blockstate.fish
#   blockstate_begin "implement auth"     # load the workflow's state into this shell
#   blockstate_begin --capture "implement auth"   # ... and store this block's exports at exit
#   blockstate_set API_URL "$url"         # store one variable and export it here too
#   blockstate_end                        # delete the workflow's state now
#   blockstate_end --on-exit              # ... or when this shell exits (last block only)
#
# The helpers run `blockstate` from PATH. They keep their own values in
# variables whose names start with __blockstate_.

function blockstate_begin --description "Load a blockstate workflow's state into this shell"
    # --capture: also store this block's exports when fish exits.
    set -l capture
    if test "$argv[1]" = --capture
        set capture --capture
        set -e argv[1]
    end
    if test (count $argv) -ne 1; or test -z "$argv[1]"
        echo 'blockstate_begin: usage: blockstate_begin [--capture] DESCRIPTION (one non-empty argument; quote it)' >&2
        return 2
    end
    # `load` prints a complete script or, on failure, `false`; a load that
    # printed nothing at all (blockstate missing) is caught by $pipestatus.
    # Status 1 of `--existing` means nothing is stored yet: said out loud,
    # since a typo in the description lands there too. Any other failure is
    # reported by the plain `load` that follows.
    command blockstate load --existing --shell fish $capture -d $argv[1] 2>/dev/null | source
    set -l st $pipestatus
    if test $st[1] -ne 0
        if test $st[1] -eq 1
            printf 'blockstate_begin: nothing is stored for "%s" yet: starting a new workflow\n' $argv[1] >&2
        end
        command blockstate load --shell fish $capture -d $argv[1] | source
        set st $pipestatus
    end
    if test $st[1] -ne 0; or test $st[2] -ne 0
        printf 'blockstate_begin: could not load the state of "%s" (see the error above); nothing was loaded, so stop this block\n' $argv[1] >&2
        return 1
    end
    set -g __blockstate_description $argv[1]
    set -g __blockstate_workflow $BLOCKSTATE_WORKFLOW
end

function blockstate_set --description 'Store one variable in the blockstate workflow and export it here'
    if test (count $argv) -ne 2
        echo 'blockstate_set: usage: blockstate_set KEY VALUE' >&2
        return 2
    end
    # The value goes through a pipe, not the argument list: other users can
    # read argument lists in `ps`, and they are limited in size.
    if set -q __blockstate_description; and test "$BLOCKSTATE_WORKFLOW" = "$__blockstate_workflow"
        printf '%s' $argv[2] | command blockstate set -d $__blockstate_description --stdin $argv[1]
    else
        printf '%s' $argv[2] | command blockstate set --stdin $argv[1]
    end
    or return
    set -gx -- $argv[1] $argv[2]
end

function blockstate_end --description "Delete the blockstate workflow's state, now or when fish exits"
    if test (count $argv) -gt 1; or begin
            test (count $argv) -eq 1; and test "$argv[1]" != --on-exit
        end
        echo 'blockstate_end: usage: blockstate_end [--on-exit]' >&2
        return 2
    end
    if test -z "$BLOCKSTATE_WORKFLOW"
        echo 'blockstate_end: no workflow is loaded (BLOCKSTATE_WORKFLOW is empty); run blockstate_begin DESCRIPTION first' >&2
        return 2
    end
    if test (count $argv) -eq 0
        command blockstate gc -w $BLOCKSTATE_WORKFLOW
        return
    end
    # fish runs every fish_exit handler, so this one never replaces another.
    if not contains -- $BLOCKSTATE_WORKFLOW $__blockstate_exit_workflows
        set -g __blockstate_exit_workflows $__blockstate_exit_workflows $BLOCKSTATE_WORKFLOW
    end
end

function __blockstate_on_exit --on-event fish_exit
    for wf in $__blockstate_exit_workflows
        command blockstate gc -w $wf
    end
    set -e __blockstate_exit_workflows
end
