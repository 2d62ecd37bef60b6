# Runs of NULs, 1 MiB each, in code and in both kinds of comment: one
# error per run, at its first byte, and none for what follows the run.
# (Scanned one NUL at a time: before, each run took time in the square of
# its length, hours for these.)
# expect: nul-byte 2:18
# expect: nul-byte 3:4
# expect: nul-byte 4:4
nuls() { head -c 1048576 /dev/zero; }
printf 'include "arch.inc";\n'
printf 'const A xen = 1; '; nuls; printf ' const B xen = 2;\n'
printf '/* '; nuls; printf ' */ const C xen = 3;\n'
printf '// '; nuls; printf '\nconst D xen = 4;\n'
