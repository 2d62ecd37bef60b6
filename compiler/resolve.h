/* SPDX-License-Identifier: MIT */
/*
 * Linking: after parsing, before the checks (resolve.c).
 */
#ifndef REGC_RESOLVE_H
#define REGC_RESOLVE_H

#include "ast.h"

/* Fills the spec's symbol tables and points every reference at what it
 * names; what it cannot link it leaves NULL, silently, for the checks. */
void resolve_spec(struct spec *spec);

#endif
