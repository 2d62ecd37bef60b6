# A constant of 200,000 terms on one line: a left-deep tree as deep as a
# nested one. The parser stops it at the 257th operator, before any walker
# over expressions could exhaust the stack.
# expect: nesting-too-deep 2:1041
printf 'include "arch.inc";\nconst A xen = 1'
awk 'BEGIN { for (i = 0; i < 200000; i++) printf " + 1"; printf ";\n" }'
