# SPDX-License-Identifier: MIT
#
# TAP for the shell tests, sourced by each (". "$(dirname "$0")/../tap.sh"").
# Tests are numbered as they run, and the plan comes last (tap_done),
# unless a script that knows its count says it first (tap_plan). A script
# ends with tap_done, whose status is 1 when any test failed.
#
# tap_ok NAME             "ok N - NAME"
# tap_not_ok NAME         "not ok N - NAME", and the script fails; then
#                         whatever the script's tap_explain prints, if it
#                         has one (the stderr of what failed, say)
# tap_check NAME CMD...   ok when CMD succeeds (its output is its own)
# tap_check_log NAME LOG CMD...  the same, CMD's output going to LOG, which
#                         is shown (30 lines) when it fails
# tap_skip NAME REASON    "ok N - NAME # SKIP REASON"
# tap_todo NAME REASON    "not ok N - NAME # TODO REASON": a known failure,
#                         which does not fail the script
# tap_diag [PREFIX]       stdin as "#"-comments: "#PREFIX" before each line
#                         (default "   ")
# tap_bail REASON         "Bail out! REASON", exit 1: nothing else can run
# tap_skip_all REASON     the whole script skipped: "1..0 # SKIP REASON", exit 0
# tap_plan N              "1..N" first, for a script that knows its count
# tap_done                "1..N" unless planned; exits, 1 if anything failed

tap_n=0
tap_failed=0

# tap_line STATUS TEXT: the next test's line
tap_line() {
    tap_n=$((tap_n + 1))
    echo "$1 $tap_n - $2"
}

tap_ok() {
    tap_line ok "$1"
}

tap_not_ok() {
    tap_line "not ok" "$1"
    tap_failed=1
    if command -v tap_explain >/dev/null 2>&1; then tap_explain; fi
}

tap_check() {
    tap_name=$1
    shift
    if "$@"; then tap_ok "$tap_name"; else tap_not_ok "$tap_name"; fi
}

tap_check_log() {
    tap_name=$1 tap_log=$2
    shift 2
    if "$@" >"$tap_log" 2>&1; then
        tap_ok "$tap_name"
    else
        tap_not_ok "$tap_name"
        tap_diag "   | " <"$tap_log" | head -30
    fi
}

tap_skip() {
    tap_line ok "$1 # SKIP $2"
}

tap_todo() {
    tap_line "not ok" "$1 # TODO $2"
}

tap_diag() {
    awk -v p="${1-   }" '{ print "#" p $0 }'
}

tap_bail() {
    echo "Bail out! $1"
    exit 1
}

tap_skip_all() {
    echo "1..0 # SKIP $1"
    exit 0
}

tap_plan() {
    echo "1..$1"
    tap_planned=1
}

tap_done() {
    [ -n "${tap_planned:-}" ] || echo "1..$tap_n"
    exit "$tap_failed"
}
