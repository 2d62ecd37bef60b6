/* SPDX-License-Identifier: MIT */
/*
 * Validates regc's --abi-report: well-formed JSON, of the documented
 * shape, and consistent with itself (breaks counts the "break" verdicts;
 * every rule is a diagnostic id regc has).
 * usage: check-report REPORT.json
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "json.h"

static int fail(const char *why)
{
    fprintf(stderr, "%s\n", why);
    return 1;
}

static const struct mu_value *get(const struct mu_value *map, const char *key, enum mu_kind kind)
{
    const struct mu_value *v = mu_map_get(map, key, strlen(key));
    return v && v->kind == kind ? v : NULL;
}

int main(int argc, char **argv)
{
    if (argc != 2)
        return fail("usage: check-report REPORT.json");
    size_t len;
    char *text = json_read_file(argv[1], &len);
    if (!text)
        return fail("cannot read the report");
    struct arena a = {0};
    char err[128];
    struct mu_value *root = json_parse(&a, text, len, err);
    int rc = 0;
    if (!root || root->kind != MU_MAP) {
        rc = fail(root ? "the report is not an object" : err);
        goto out;
    }
    const struct mu_value *breaks = get(root, "breaks", MU_STRING);
    const struct mu_value *diffs = get(root, "differences", MU_LIST);
    if (!get(root, "spec", MU_STRING) || !get(root, "lock", MU_BOOL) || !breaks || !diffs) {
        rc = fail("the report needs spec, lock, breaks and differences");
        goto out;
    }
    unsigned nbreaks = 0;
    for (size_t i = 0; i < diffs->n && !rc; i++) {
        const struct mu_value *d = diffs->items[i];
        static const char *const keys[] = {"rule", "verdict", "item", "what", "old", "new", "message"};
        if (d->kind != MU_MAP) {
            rc = fail("a difference is not an object");
            break;
        }
        for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
            if (!get(d, keys[k], MU_STRING))
                rc = fail("a difference lacks a string member");
        if (rc)
            break;
        const char *rule = get(d, "rule", MU_STRING)->str, *verdict = get(d, "verdict", MU_STRING)->str;
        if (diag_id_lookup(rule) == DIAG_COUNT || strncmp(rule, "abi-", 4) != 0)
            rc = fail("a rule is not one of regc's abi-* ids");
        else if (strcmp(verdict, "break") == 0)
            nbreaks++;
        else if (strcmp(verdict, "allowed") != 0)
            rc = fail("a verdict is neither break nor allowed");
        else if (strcmp(rule, "abi-change") != 0)
            rc = fail("an allowed difference has a break's rule");
    }
    if (!rc && (unsigned)atoi(breaks->str) != nbreaks)
        rc = fail("breaks does not count the break verdicts");
    if (!rc)
        printf("report: %zu differences, %u breaks\n", diffs->n, nbreaks);
out:
    arena_free(&a);
    free(text);
    return rc;
}
