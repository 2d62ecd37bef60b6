# Translations and struct checks inline every struct a struct holds by
# value, so that goes 32 deep at most: of a chain of 34 structs, the two
# deepest are refused, and the chain costs nothing else.
# expect: nesting-too-deep 34:8
# expect: nesting-too-deep 35:8
printf 'include "arch.inc";\nstruct st33 guest { u32 x; }\n'
awk 'BEGIN { for (i = 32; i >= 0; i--) printf "struct st%d guest { st%d x; }\n", i, i + 1 }'
