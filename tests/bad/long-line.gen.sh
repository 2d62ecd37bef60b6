# A 1 MB line of valid constants, then a mistake at its far end.
# expect: const-overflow 3:1048591
printf 'include "arch.inc";\nconst A xen = 1;\n'
awk 'BEGIN { for (i = 0; i < 65536; i++) printf "                "; printf "const B xen = 0x100000000;\n" }'
