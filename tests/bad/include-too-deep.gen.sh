# A chain of 40 includes, written next to the spec.
# expect: include-too-deep deep-31.inc:1:9
printf 'include "deep-1.inc";\n'
i=1
while [ $i -le 40 ]; do
    printf 'include "deep-%d.inc";\n' $((i + 1)) >"deep-$i.inc"
    i=$((i + 1))
done
: >deep-41.inc
