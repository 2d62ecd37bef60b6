/* SPDX-License-Identifier: MIT */
#include "compile.h"

#include "check.h"
#include "derive.h"
#include "layout.h"
#include "resolve.h"

struct spec *compile_spec(const struct compile_input *in, struct diags *diags, bool *syntax_ok)
{
    struct spec *spec = in->text ? spec_from_memory(in->path, in->text, in->len, in->load, diags, syntax_ok)
                                 : spec_from_file(in->path, in->load, diags, syntax_ok);
    if (!spec || !*syntax_ok)
        return spec;
    spec->reserved_macros = in->reserved_macros;
    resolve_spec(spec);
    derive_spec(spec);
    check_spec(spec, diags, STAGE_MODEL);
    layout_spec(spec);
    check_spec(spec, diags, STAGE_LAYOUT);
    return spec;
}
