#!/bin/sh
# SPDX-License-Identifier: MIT
#
# `meson install` of the build into a temporary DESTDIR: the binary, the
# manual page and the templates are where they belong; the installed regc
# runs, from anywhere, and makes the golden files with its built-in
# templates and with the installed copies (which are the built-in ones);
# and the manual page and `regc --help` name the same options and outputs.
# TAP output; KEEP=1 keeps its work directory.
#
# usage: check-install.sh MESON BUILD-ROOT PREFIX BINDIR MANDIR DATADIR SOURCE-ROOT
set -u
. "$(dirname "$0")/../tap.sh"
meson=$1
build=$2
prefix=$3
bindir=$4
mandir=$5
datadir=$6
root=$(cd "$7" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/regc-install-XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT INT TERM

# meson's options may be absolute or relative to the prefix
under_prefix() { case $1 in /*) echo "$work/dest$1" ;; *) echo "$work/dest$prefix/$1" ;; esac; }
regc=$(under_prefix "$bindir")/regc
man=$(under_prefix "$mandir")/man1/regc.1
templates=$(under_prefix "$datadir")/regc/templates

tap_check_log "meson install --destdir succeeds" "$work/install.log" \
    "$meson" install -C "$build" --no-rebuild --quiet --destdir "$work/dest"
tap_check "regc is installed in BINDIR, executable" test -x "$regc"
tap_check "regc.1 is installed in MANDIR/man1" test -s "$man"

same_templates() {
    (cd "$root/templates" && ls ./*.mustache) >"$work/want" &&
    (cd "$templates" && ls ./*.mustache) >"$work/got" &&
    cmp -s "$work/want" "$work/got" || { diff "$work/want" "$work/got" | tap_diag; return 1; }
    for t in "$root"/templates/*.mustache; do
        cmp -s "$t" "$templates/$(basename "$t")" || return 1
    done
}
tap_check "every template is installed in DATADIR/regc/templates, as it is in templates/" same_templates

# Run from / with a bare environment, so nothing of the build or the
# source tree is in reach.
installed() { (cd / && env -i PATH=/usr/bin:/bin "$regc" "$@"); }
tap_check "the installed regc says the build's version" \
    test "$(installed --version)" = "$("$build/compiler/regc" --version)"
installed --help >"$work/help"
tap_check "the installed regc prints its help" test $? = 0 -a -s "$work/help"

# The golden files, from the installed binary; --templates naming the
# installed copies must change nothing.
golden_from() { # DIR [regc options]
    out=$1
    shift
    for dir in "$root"/tests/golden/*/; do
        mkdir -p "$out/$(basename "$dir")"
        installed "$@" -o "$out/$(basename "$dir")" "$(ls "$dir"*.reg)" 2>/dev/null || return 1
        for f in "$dir"*; do
            case $f in *.reg) continue ;; esac
            cmp -s "$f" "$out/$(basename "$dir")/$(basename "$f")" || { echo "# $f differs"; return 1; }
        done
    done
}
tap_check "the installed regc makes the golden files" golden_from "$work/builtin"
tap_check "... and the same with --templates naming the installed templates" \
    golden_from "$work/copies" --templates "$templates"

# The manual page as text, without man(1): requests that set words in
# fonts lose their dots and, for the alternating ones (.BI, .IR ...), the
# spaces between their arguments; escapes lose their fonts. .TP's tag
# lines are marked "TAG ", section headings "SH ".
man_text() {
    awk '
    function args(s,   out, q, c, i, cur, n) {
        n = 0; cur = ""; q = 0
        for (i = 1; i <= length(s); i++) {
            c = substr(s, i, 1)
            if (c == "\"") { q = !q; continue }
            if (c == " " && !q) { if (cur != "") a[++n] = cur; cur = ""; continue }
            cur = cur c
        }
        if (cur != "") a[++n] = cur
        return n
    }
    /^\.\\"/ { next }
    /^\.TP/ { tag = 1; next }
    /^\.SH / { sub(/^\.SH /, ""); gsub(/"/, ""); print "SH " $0; next }
    /^\.(B|I|BI|BR|IB|IR|RB|RI) / {
        m = $1; sub(/^\.[A-Z]+ /, "")
        n = args($0); line = ""
        for (k = 1; k <= n; k++) line = line (m == ".B" || m == ".I" ? (k > 1 ? " " : "") : "") a[k]
        $0 = line
    }
    /^\./ { next }
    { if (tag) { tag = 0; print "TAG " $0 } else print }
    ' "$man" | sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/\\&//g' -e 's/\\(dq/"/g'
}
man_text >"$work/man.txt"

# The options: help lines "  -o DIR   ...", "  -M FILE, -MF FILE  ...",
# against the manual's tags in OPTIONS, as words with their =VALUE
# parts ("-fmax-errors=N", "-Werror=ID", "-WID").
help_section() { # HEADING: the help's lines under it
    awk -v h="$1" '$0 == h { on = 1; next } /^[^ ]/ { on = 0 } on && NF' "$work/help"
}
man_section() { # HEADING: the manual's tags under it
    awk -v h="SH $1" '/^SH / { on = ($0 == h); next } on && /^TAG / { sub(/^TAG /, ""); print }' "$work/man.txt"
}
option_words() { # the words that start with "-", up to the first that is not a VALUE
    awk '/^ *-/ { for (i = 1; i <= NF; i++) { w = $i; sub(/,$/, "", w)
                      if (w ~ /^-/) print w; else if (w !~ /^[A-Z]+$/) break } }' | sort -u
}
help_section "Options:" | option_words >"$work/help-options"
man_section OPTIONS | option_words >"$work/man-options"
same_lists() { # WHAT A B
    if [ -s "$2" ] && cmp -s "$2" "$3"; then return 0; fi
    diff "$2" "$3" | sed -n 's/^[<>] //p' | tr '\n' ' ' | sed "s/^/#   $1 in one only: /"
    echo
    return 1
}
tap_check "the manual names every option regc --help prints ($(wc -l <"$work/help-options") options), and no other" \
    same_lists options "$work/help-options" "$work/man-options"

help_section "Outputs (--emit):" | awk '{ print $1 }' | sort -u >"$work/help-outputs"
man_section OUTPUTS | awk '{ print $1 }' | sort -u >"$work/man-outputs"
tap_check "the manual names every output regc --help prints, and no other" \
    same_lists outputs "$work/help-outputs" "$work/man-outputs"

for status in 0 1 2; do
    man_section "EXIT STATUS" | grep -qx "$status" || echo "$status" >>"$work/statuses"
done
tap_check "the manual gives the exit statuses 0, 1 and 2" test ! -e "$work/statuses"
tap_check "the manual's title names the installed version" \
    grep -q "^\.TH REGC 1 \"\" \"$(installed --version)\"" "$man"
tap_check "the manual names where the templates are installed" grep -qF "${templates#"$work/dest"}" "$man"

tap_done
