/* SPDX-License-Identifier: MIT */
/*
 * The data a template is rendered with: strings, lists (built eagerly or
 * on demand), maps with an index for lookups, and what counts as true.
 */
#include "mustache.h"

#include <string.h>

/* ---- values --------------------------------------------------------- */

static struct mu_value *mu_new(struct arena *a, enum mu_kind kind)
{
    struct mu_value *v = ARENA_NEW(a, struct mu_value);
    v->kind = kind;
    return v;
}

struct mu_value *mu_null(struct arena *a)
{
    return mu_new(a, MU_NULL);
}

struct mu_value *mu_bool(struct arena *a, bool b)
{
    struct mu_value *v = mu_new(a, MU_BOOL);
    v->b = b;
    return v;
}

struct mu_value *mu_strn(struct arena *a, const char *s, size_t len)
{
    struct mu_value *v = mu_new(a, MU_STRING);
    v->str = arena_strndup(a, s, len);
    v->len = len;
    return v;
}

struct mu_value *mu_str(struct arena *a, const char *s)
{
    return mu_strn(a, s, strlen(s));
}

struct mu_value *mu_str_ref(struct arena *a, const char *s)
{
    struct mu_value *v = mu_new(a, MU_STRING);
    v->str = s;
    v->len = strlen(s);
    return v;
}

struct mu_value *mu_strf(struct arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return mu_str_ref(a, s);
}

struct mu_value *mu_list(struct arena *a)
{
    return mu_new(a, MU_LIST);
}

struct mu_value *mu_lazy_list(struct arena *a, size_t n, mu_item_fn fn, void *ctx)
{
    struct mu_value *v = mu_new(a, MU_LIST);
    struct mu_lazy *gen = ARENA_NEW(a, struct mu_lazy);
    gen->fn = fn;
    gen->ctx = ctx;
    v->lazy = true;
    v->gen = gen;
    v->n = n;
    return v;
}

void mu_list_push(struct arena *a, struct mu_value *list, struct mu_value *v)
{
    if (list->n == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 4;
        struct mu_value **items = ARENA_ARRAY(a, struct mu_value *, cap);
        if (list->n)
            memcpy(items, list->items, list->n * sizeof(*items));
        list->items = items;
        list->cap = cap;
    }
    list->items[list->n++] = v;
}

struct mu_value *mu_map(struct arena *a)
{
    return mu_new(a, MU_MAP);
}

/*
 * Maps are scanned linearly while small, which is what view models have.
 * From MAP_INDEXED pairs of capacity on, a hash index of twice the
 * capacity (uint32 slots holding pair index + 1, linear probing) lives in
 * the same allocation right after the pairs, so that a map keyed by, say,
 * every register name does not make building and lookups quadratic.
 */
enum { MAP_INDEXED = 32 };

static uint32_t *map_index(const struct mu_value *map)
{
    return map->cap >= MAP_INDEXED ? (uint32_t *)(void *)(map->pairs + map->cap) : NULL;
}

static size_t map_find(const struct mu_value *map, const char *key, size_t keylen)
{
    const uint32_t *index = map_index(map);
    if (!index) {
        for (size_t i = 0; i < map->n; i++) {
            const struct mu_pair *p = &map->pairs[i];
            if (p->keylen == keylen && memcmp(p->key, key, keylen) == 0)
                return i;
        }
        return SIZE_MAX;
    }
    size_t mask = map->cap * 2 - 1;
    for (size_t slot = (size_t)hash_bytes(key, keylen) & mask; index[slot]; slot = (slot + 1) & mask) {
        const struct mu_pair *p = &map->pairs[index[slot] - 1];
        if (p->keylen == keylen && memcmp(p->key, key, keylen) == 0)
            return index[slot] - 1;
    }
    return SIZE_MAX;
}

static void map_index_add(struct mu_value *map, size_t i)
{
    uint32_t *index = map_index(map);
    if (!index)
        return;
    size_t mask = map->cap * 2 - 1;
    size_t slot = (size_t)hash_bytes(map->pairs[i].key, map->pairs[i].keylen) & mask;
    while (index[slot])
        slot = (slot + 1) & mask;
    index[slot] = (uint32_t)(i + 1);
}

const struct mu_value *mu_map_get(const struct mu_value *map, const char *key, size_t keylen)
{
    if (!map || map->kind != MU_MAP)
        return NULL;
    size_t i = map_find(map, key, keylen);
    return i == SIZE_MAX ? NULL : map->pairs[i].value;
}

void mu_map_set(struct arena *a, struct mu_value *map, const char *key, struct mu_value *v)
{
    size_t keylen = strlen(key);
    size_t found = map_find(map, key, keylen);
    if (found != SIZE_MAX) {
        map->pairs[found].value = v;
        return;
    }
    if (map->n == map->cap) {
        size_t cap = map->cap ? map->cap * 2 : 8;
        if (cap > UINT32_MAX / 2)
            die_oom();
        size_t bytes = cap * sizeof(struct mu_pair);
        if (cap >= MAP_INDEXED)
            bytes += cap * 2 * sizeof(uint32_t);
        struct mu_pair *pairs = arena_alloc(a, bytes); /* zeroed: an empty index */
        if (map->n)
            memcpy(pairs, map->pairs, map->n * sizeof(*pairs));
        map->pairs = pairs;
        map->cap = cap;
        for (size_t i = 0; i < map->n; i++)
            map_index_add(map, i);
    }
    map->pairs[map->n] = (struct mu_pair){key, keylen, v};
    map_index_add(map, map->n);
    map->n++;
}

void mu_map_str(struct arena *a, struct mu_value *map, const char *key, const char *s)
{
    mu_map_set(a, map, key, mu_str_ref(a, s));
}

void mu_map_strf(struct arena *a, struct mu_value *map, const char *key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = arena_vprintf(a, fmt, ap);
    va_end(ap);
    mu_map_set(a, map, key, mu_str_ref(a, s));
}

void mu_map_bool(struct arena *a, struct mu_value *map, const char *key, bool b)
{
    mu_map_set(a, map, key, mu_bool(a, b));
}

bool mu_truthy(const struct mu_value *v)
{
    if (!v)
        return false;
    switch (v->kind) {
    case MU_NULL: return false;
    case MU_BOOL: return v->b;
    case MU_STRING: return v->len > 0;
    case MU_LIST: return v->n > 0;
    case MU_MAP: return true;
    }
    return false;
}

