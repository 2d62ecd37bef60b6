/* SPDX-License-Identifier: MIT */
#include "emit.h"

#include <stdlib.h>
#include <string.h>

static const struct emitter emitters[] = {
    {NULL, NULL, NULL},
};

size_t emitter_count(void)
{
    size_t n = 0;
    while (n < ARRAY_SIZE(emitters) && emitters[n].name)
        n++;
    return n;
}

const struct emitter *emitter_at(size_t i)
{
    return i < emitter_count() ? &emitters[i] : NULL;
}

const struct emitter *emitter_lookup(const char *name)
{
    for (size_t i = 0; i < emitter_count(); i++)
        if (strcmp(emitters[i].name, name) == 0)
            return &emitters[i];
    return NULL;
}

const char *spec_stem(struct spec *spec)
{
    const char *base = strrchr(spec->path, '/');
    base = base ? base + 1 : spec->path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    return arena_strndup(&spec->arena, base, n);
}

void emit_output(struct emit_ctx *ec, const char *name, char *data, size_t len)
{
    struct buf p = {0};
    buf_printf(&p, "%s/%s", ec->out_dir, name);
    outputs_add(ec->outputs, buf_steal(&p, NULL), data, len);
}
