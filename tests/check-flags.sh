#!/bin/sh
# SPDX-License-Identifier: MIT
# Every C file the build compiles, for the host or for the build machine
# (templates/embed.c is native), gets the project's warnings: -std=c11
# -Wall -Wextra -Werror -Wformat=2 (a test may use -std=gnu11 instead).
# Read from meson's compile_commands.json.
# usage: check-flags.sh BUILD-ROOT
set -u
db=$1/compile_commands.json
[ -f "$db" ] || { echo "no $db"; exit 1; }
total=0
bad=0
for flag in -std=c11 -Wall -Wextra -Werror -Wformat=2; do
    missing=$(grep '"command"' "$db" | grep -v -e " $flag " | sed -n 's/.* -c \([^ ]*\)",$/\1/p')
    for f in $missing; do
        # Tests that run generated headers the way Xen builds them use GNU C
        # (their aliases need anonymous unions); regc itself is C11.
        case $flag:$f in
        -std=c11:*tests/*) grep '"command"' "$db" | grep -F -e "-c $f\"" | grep -q ' -std=gnu11 ' && continue ;;
        esac
        echo "$f is compiled without $flag"
        bad=$((bad + 1))
    done
done
total=$(grep -c '"command"' "$db")
echo "$total compile commands, $bad missing flags"
[ "$total" -gt 0 ] && [ "$bad" = 0 ]
