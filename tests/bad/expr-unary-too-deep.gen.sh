# 200,000 unary minus signs: the parser's own stack runs out first (at
# 10,000), and says so instead of crashing.
# expect: nesting-too-deep 2:19997
printf 'include "arch.inc";\nconst A xen = '
awk 'BEGIN { for (i = 0; i < 200000; i++) printf "- "; printf "1;\n" }'
