/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the Mustache engine. The input is a template; it is
 * rendered against a small view model with strings, a boolean, a list and
 * nested maps, and every partial, parent or dynamic name resolves to the
 * input itself, so recursion and inheritance are exercised up to the
 * engine's limits.
 */
#include <stdint.h>
#include <string.h>

#include "mustache.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct input {
    const char *text;
    size_t len;
};

static const char *self(void *ctx, const char *name, size_t *len)
{
    const struct input *in = ctx;
    (void)name;
    *len = in->len;
    return in->text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a = {0};
    struct input in = {(const char *)data, size};
    struct mu_value *root = mu_map(&a);
    mu_map_str(&a, root, "name", "regc <&> \"x\"");
    mu_map_bool(&a, root, "yes", true);
    mu_map_bool(&a, root, "no", false);
    struct mu_value *list = mu_list(&a);
    for (int i = 0; i < 3; i++) {
        struct mu_value *item = mu_map(&a);
        mu_map_strf(&a, item, "i", "%d", i);
        mu_map_set(&a, item, "inner", root);
        mu_list_push(&a, list, item);
    }
    mu_map_set(&a, root, "items", list);
    mu_map_str(&a, root, "dyn", "name");

    struct mu_error err;
    struct mu_template *t = mu_compile(&a, "fuzz", in.text, in.len, &err);
    if (t) {
        for (int strict = 0; strict < 2; strict++) {
            struct buf out = {0};
            /* budgets far below the defaults: a runaway template is
             * stopped as surely, in milliseconds rather than seconds */
            struct mu_render_opts opts = {strict ? MU_ESCAPE_NONE : MU_ESCAPE_HTML, self, &in, strict != 0,
                                          {1ul << 12, 1ul << 14, (size_t)1 << 22}};
            mu_render(t, root, &opts, &out, &err);
            buf_free(&out);
        }
    }
    arena_free(&a);
    return 0;
}
