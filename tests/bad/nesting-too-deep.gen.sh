# 100,000 nested anonymous structs: the scanner stops at the first brace past
# the limit (the 65th), before the parser's stack could grow.
# expect: nesting-too-deep 2:592
printf 'include "arch.inc";\nstruct s guest { '
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "struct { "; printf "\n" }'
