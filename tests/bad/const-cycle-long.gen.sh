# 100,000 constants defined in terms of each other in one cycle.
# expect: const-cycle 100001:20
printf 'include "arch.inc";\n'
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "const C%d xen = C%d;\n", i, (i + 1) % 100000 }'
