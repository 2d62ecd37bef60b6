# 100,000 structs that contain each other in one cycle.
# expect: recursive-type 100001:24
printf 'include "arch.inc";\n'
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "struct st%d guest { st%d x; }\n", i, (i + 1) % 100000 }'
