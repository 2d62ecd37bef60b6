# Raw bytes that are no text at all: one error per run of bad bytes, no crash.
# expect: invalid-char 1:1
# expect: nul-byte 1:3
# expect: invalid-char 1:5
printf '\377\376\000\000\001\002\n'
