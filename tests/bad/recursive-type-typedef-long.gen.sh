# 100,000 typedefs that name each other in one cycle, and a struct that
# uses one: the cycle is one error, and the struct is not laid out.
# expect: recursive-type 100001:9
printf 'include "arch.inc";\n'
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "typedef t%d t%d guest;\n", (i + 1) % 100000, i;
             printf "struct s guest { t0 x; }\n" }'
