# Anonymous structs nested 62 deep in s (63 braces; the limit is 64), with
# a hole in the innermost: one warning (an error with -Werror), reported
# for s at the offset from its start, not a stack overflow.
# args: -Werror
# expect: implicit-hole 2:586
printf 'include "arch.inc";\nstruct s guest { '
awk 'BEGIN { for (i = 0; i < 62; i++) printf "struct { "; printf "u8 a; u32 b;"; for (i = 0; i < 62; i++) printf " };"; printf " }\n" }'
