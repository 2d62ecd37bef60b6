# 100,000 features that require each other in one cycle: the cycle check
# keeps its path off the C stack, and the note shows the cycle's ends.
# expect: feature-cycle 100001:25
printf 'include "arch.inc";\n'
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "feature F%d requires F%d;\n", i, (i + 1) % 100000 }'
