/* SPDX-License-Identifier: MIT */
/*
 * String-keyed hash map (open addressing). Keys are not copied: they point
 * into the spec's arena and live as long as the table's users.
 */
#ifndef REGC_SYMTAB_H
#define REGC_SYMTAB_H

#include <stddef.h>

struct symtab;

struct symtab *symtab_new(void);
void symtab_free(struct symtab *t);
void *symtab_get(const struct symtab *t, const char *key);
/* Stores value under key unless the key is present; returns the value
 * already stored, or NULL when value was stored. */
void *symtab_put(struct symtab *t, const char *key, void *value);
/* Replaces or adds. */
void symtab_set(struct symtab *t, const char *key, void *value);
size_t symtab_count(const struct symtab *t);
/* Iteration in unspecified order: call with *pos = 0 until it returns 0. */
int symtab_next(const struct symtab *t, size_t *pos, const char **key, void **value);
/* Nearest name in a table, for "did you mean" notes; NULL when none is close. */
const char *symtab_nearest(const struct symtab *t, const char *name);

#endif
