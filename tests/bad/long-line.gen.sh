# A 1 MiB line of valid constants (47,663 of 22 bytes each), then a
# mistake at its far end: the column is counted right, and the excerpt is
# cut around it.
# expect: const-overflow 2:1048601
printf 'include "arch.inc";\n'
awk 'BEGIN { for (i = 0; i < 47663; i++) printf "const A%05d xen = 1; ", i; printf "const B xen = 0x100000000;\n" }'
