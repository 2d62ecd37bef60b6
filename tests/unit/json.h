/* SPDX-License-Identifier: MIT */
/*
 * A small JSON reader for tests only: it turns the Mustache specification's
 * fixtures into the engine's values. Numbers become strings, printed as the
 * specification expects them ("85", "1.21").
 */
#ifndef REGC_TEST_JSON_H
#define REGC_TEST_JSON_H

#include "mustache.h"

/* Returns NULL on malformed input, with a message in err (128 bytes). */
struct mu_value *json_parse(struct arena *a, const char *text, size_t len, char *err);
/* The file's contents, malloc'd, or NULL. */
char *json_read_file(const char *path, size_t *len);

#endif
