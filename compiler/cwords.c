/* SPDX-License-Identifier: MIT */
#include "cwords.h"

#include <stdlib.h>
#include <string.h>

/*
 * Sorted by strcmp() (a unit test holds it so), for bsearch(). The C23 and
 * C++11 words that both languages took (bool, alignas, ...) are listed as
 * C's. Words that begin with '__' and an uppercase letter, or begin and end
 * with '__', need no entry: the reserved-identifier rule refuses them in
 * every scope. Those listed give a better message.
 */
static const struct cword words[] = {
    {"DEFINE_XEN_GUEST_HANDLE", CW_XEN, "xen.h"},
    {"EINVAL", CW_LIBRARY, "<errno.h>"},
    {"ERANGE", CW_LIBRARY, "<errno.h>"},
    {"NULL", CW_LIBRARY, "<stddef.h>"},
    {"XEN_GUEST_HANDLE", CW_XEN, "xen.h"},
    {"XEN_GUEST_HANDLE_64", CW_XEN, "xen.h"},
    {"_Alignas", CW_C, "C11"},
    {"_Alignof", CW_C, "C11"},
    {"_Atomic", CW_C, "C11"},
    {"_BitInt", CW_C, "C23"},
    {"_Bool", CW_C, "C99"},
    {"_Complex", CW_C, "C99"},
    {"_Decimal128", CW_C, "C23"},
    {"_Decimal32", CW_C, "C23"},
    {"_Decimal64", CW_C, "C23"},
    {"_Generic", CW_C, "C11"},
    {"_Imaginary", CW_C, "C99"},
    {"_Noreturn", CW_C, "C11"},
    {"_Pragma", CW_PP, "C99"},
    {"_Static_assert", CW_C, "C11"},
    {"_Thread_local", CW_C, "C11"},
    {"__VA_ARGS__", CW_PP, "C99"},
    {"__VA_OPT__", CW_PP, "C23"},
    {"__alignof", CW_GNU, "GNU C"},
    {"__alignof__", CW_GNU, "GNU C"},
    {"__always_inline", CW_KERNEL, "Linux's"},
    {"__amd64", CW_PREDEF, "GCC and Clang on x86"},
    {"__asm", CW_GNU, "GNU C"},
    {"__asm__", CW_GNU, "GNU C"},
    {"__attribute", CW_GNU, "GNU C"},
    {"__attribute__", CW_GNU, "GNU C"},
    {"__auto_type", CW_GNU, "GNU C"},
    {"__bf16", CW_GNU, "GNU C"},
    {"__bitwise", CW_KERNEL, "Linux's"},
    {"__cacheline_aligned", CW_KERNEL, "Xen's and Linux's"},
    {"__cold", CW_KERNEL, "Linux's"},
    {"__complex", CW_GNU, "GNU C"},
    {"__complex__", CW_GNU, "GNU C"},
    {"__const", CW_GNU, "GNU C"},
    {"__const__", CW_GNU, "GNU C"},
    {"__constructor", CW_KERNEL, "Xen's"},
    {"__cplusplus", CW_PREDEF, "every C++ compiler"},
    {"__dead2", CW_KERNEL, "FreeBSD's"},
    {"__exit", CW_KERNEL, "Xen's and Linux's"},
    {"__extension__", CW_GNU, "GNU C"},
    {"__float128", CW_GNU, "GNU C"},
    {"__force", CW_KERNEL, "Xen's and Linux's"},
    {"__fp16", CW_GNU, "GNU C"},
    {"__gnu_linux__", CW_PREDEF, "GCC and Clang on Linux"},
    {"__has_c_attribute", CW_PP, "C23"},
    {"__has_cpp_attribute", CW_PP, "C++20"},
    {"__has_embed", CW_PP, "C23"},
    {"__has_include", CW_PP, "C23"},
    {"__hot", CW_KERNEL, "Linux's"},
    {"__i386", CW_PREDEF, "GCC and Clang on x86"},
    {"__imag", CW_GNU, "GNU C"},
    {"__imag__", CW_GNU, "GNU C"},
    {"__init", CW_KERNEL, "Xen's and Linux's"},
    {"__initconst", CW_KERNEL, "Xen's and Linux's"},
    {"__initdata", CW_KERNEL, "Xen's and Linux's"},
    {"__inline", CW_GNU, "GNU C"},
    {"__inline__", CW_GNU, "GNU C"},
    {"__int128", CW_GNU, "GNU C"},
    {"__iomem", CW_KERNEL, "Xen's and Linux's"},
    {"__label__", CW_GNU, "GNU C"},
    {"__linux", CW_PREDEF, "GCC and Clang on Linux"},
    {"__maybe_unused", CW_KERNEL, "Xen's and Linux's"},
    {"__must_check", CW_KERNEL, "Xen's and Linux's"},
    {"__noreturn", CW_KERNEL, "Linux's"},
    {"__null", CW_GNU, "GNU C++"},
    {"__packed", CW_KERNEL, "Xen's and Linux's"},
    {"__percpu", CW_KERNEL, "Linux's"},
    {"__pure", CW_KERNEL, "Xen's and Linux's"},
    {"__pure2", CW_KERNEL, "FreeBSD's"},
    {"__rcu", CW_KERNEL, "Linux's"},
    {"__read_mostly", CW_KERNEL, "Xen's and Linux's"},
    {"__real", CW_GNU, "GNU C"},
    {"__real__", CW_GNU, "GNU C"},
    {"__restrict", CW_GNU, "GNU C"},
    {"__restrict__", CW_GNU, "GNU C"},
    {"__ro_after_init", CW_KERNEL, "Xen's and Linux's"},
    {"__seg_fs", CW_GNU, "GNU C"},
    {"__seg_gs", CW_GNU, "GNU C"},
    {"__signed", CW_GNU, "GNU C"},
    {"__signed__", CW_GNU, "GNU C"},
    {"__thread", CW_GNU, "GNU C"},
    {"__typeof", CW_GNU, "GNU C"},
    {"__typeof__", CW_GNU, "GNU C"},
    {"__unix", CW_PREDEF, "GCC and Clang on Linux"},
    {"__unused", CW_KERNEL, "FreeBSD's"},
    {"__used", CW_KERNEL, "Xen's and Linux's"},
    {"__user", CW_KERNEL, "Xen's and Linux's"},
    {"__visible", CW_KERNEL, "Linux's"},
    {"__volatile", CW_GNU, "GNU C"},
    {"__volatile__", CW_GNU, "GNU C"},
    {"__weak", CW_KERNEL, "Xen's and Linux's"},
    {"__x86_64", CW_PREDEF, "GCC and Clang on x86"},
    {"alignas", CW_C, "C23"},
    {"alignof", CW_C, "C23"},
    {"always_inline", CW_KERNEL, "Xen's"},
    {"and", CW_ALT, "&&"},
    {"and_eq", CW_ALT, "&="},
    {"asm", CW_CXX, "C++98"},
    {"asmlinkage", CW_KERNEL, "Xen's and Linux's"},
    {"attr_const", CW_KERNEL, "Xen's"},
    {"auto", CW_C, "C89"},
    {"bitand", CW_ALT, "&"},
    {"bitor", CW_ALT, "|"},
    {"bool", CW_C, "C23"},
    {"break", CW_C, "C89"},
    {"case", CW_C, "C89"},
    {"catch", CW_CXX, "C++98"},
    {"char", CW_C, "C89"},
    {"char16_t", CW_CXX, "C++11"},
    {"char32_t", CW_CXX, "C++11"},
    {"char8_t", CW_CXX, "C++20"},
    {"class", CW_CXX, "C++98"},
    {"co_await", CW_CXX, "C++20"},
    {"co_return", CW_CXX, "C++20"},
    {"co_yield", CW_CXX, "C++20"},
    {"compl", CW_ALT, "~"},
    {"concept", CW_CXX, "C++20"},
    {"const", CW_C, "C89"},
    {"const_cast", CW_CXX, "C++98"},
    {"consteval", CW_CXX, "C++20"},
    {"constexpr", CW_C, "C23"},
    {"constinit", CW_CXX, "C++20"},
    {"continue", CW_C, "C89"},
    {"decltype", CW_CXX, "C++11"},
    {"default", CW_C, "C89"},
    {"defined", CW_PP, "C89"},
    {"delete", CW_CXX, "C++98"},
    {"do", CW_C, "C89"},
    {"double", CW_C, "C89"},
    {"dynamic_cast", CW_CXX, "C++98"},
    {"else", CW_C, "C89"},
    {"enum", CW_C, "C89"},
    {"errno", CW_LIBRARY, "<errno.h>"},
    {"explicit", CW_CXX, "C++98"},
    {"export", CW_CXX, "C++98"},
    {"extern", CW_C, "C89"},
    {"fallthrough", CW_KERNEL, "Xen's and Linux's"},
    {"false", CW_C, "C23"},
    {"float", CW_C, "C89"},
    {"for", CW_C, "C89"},
    {"friend", CW_CXX, "C++98"},
    {"gnu_inline", CW_KERNEL, "Xen's"},
    {"goto", CW_C, "C89"},
    {"i386", CW_PREDEF, "GCC and Clang on x86-32, in GNU C modes"},
    {"if", CW_C, "C89"},
    {"inline", CW_C, "C99"},
    {"int", CW_C, "C89"},
    {"int16_t", CW_LIBRARY, "<stdint.h>"},
    {"int32_t", CW_LIBRARY, "<stdint.h>"},
    {"int64_t", CW_LIBRARY, "<stdint.h>"},
    {"int8_t", CW_LIBRARY, "<stdint.h>"},
    {"intmax_t", CW_LIBRARY, "<stdint.h>"},
    {"intptr_t", CW_LIBRARY, "<stdint.h>"},
    {"linux", CW_PREDEF, "GCC and Clang on Linux, in GNU C modes"},
    {"long", CW_C, "C89"},
    {"mutable", CW_CXX, "C++98"},
    {"namespace", CW_CXX, "C++98"},
    {"new", CW_CXX, "C++98"},
    {"noexcept", CW_CXX, "C++11"},
    {"noinline", CW_KERNEL, "Xen's and Linux's"},
    {"noreturn", CW_KERNEL, "Xen's"},
    {"not", CW_ALT, "!"},
    {"not_eq", CW_ALT, "!="},
    {"notrace", CW_KERNEL, "Linux's"},
    {"nullptr", CW_C, "C23"},
    {"offsetof", CW_LIBRARY, "<stddef.h>"},
    {"operator", CW_CXX, "C++98"},
    {"or", CW_ALT, "||"},
    {"or_eq", CW_ALT, "|="},
    {"private", CW_CXX, "C++98"},
    {"protected", CW_CXX, "C++98"},
    {"ptrdiff_t", CW_LIBRARY, "<stddef.h>"},
    {"public", CW_CXX, "C++98"},
    {"register", CW_C, "C89"},
    {"reinterpret_cast", CW_CXX, "C++98"},
    {"requires", CW_CXX, "C++20"},
    {"restrict", CW_C, "C99"},
    {"return", CW_C, "C89"},
    {"short", CW_C, "C89"},
    {"signed", CW_C, "C89"},
    {"size_t", CW_LIBRARY, "<stddef.h>"},
    {"sizeof", CW_C, "C89"},
    {"static", CW_C, "C89"},
    {"static_assert", CW_C, "C23"},
    {"static_cast", CW_CXX, "C++98"},
    {"struct", CW_C, "C89"},
    {"switch", CW_C, "C89"},
    {"template", CW_CXX, "C++98"},
    {"this", CW_CXX, "C++98"},
    {"thread_local", CW_C, "C23"},
    {"throw", CW_CXX, "C++98"},
    {"true", CW_C, "C23"},
    {"try", CW_CXX, "C++98"},
    {"typedef", CW_C, "C89"},
    {"typeid", CW_CXX, "C++98"},
    {"typename", CW_CXX, "C++98"},
    {"typeof", CW_C, "C23"},
    {"typeof_unqual", CW_C, "C23"},
    {"uint16_t", CW_LIBRARY, "<stdint.h>"},
    {"uint32_t", CW_LIBRARY, "<stdint.h>"},
    {"uint64_t", CW_LIBRARY, "<stdint.h>"},
    {"uint8_t", CW_LIBRARY, "<stdint.h>"},
    {"uintmax_t", CW_LIBRARY, "<stdint.h>"},
    {"uintptr_t", CW_LIBRARY, "<stdint.h>"},
    {"union", CW_C, "C89"},
    {"unix", CW_PREDEF, "GCC and Clang on Linux, in GNU C modes"},
    {"unsigned", CW_C, "C89"},
    {"using", CW_CXX, "C++98"},
    {"virtual", CW_CXX, "C++98"},
    {"void", CW_C, "C89"},
    {"volatile", CW_C, "C89"},
    {"wchar_t", CW_CXX, "C++98"},
    {"while", CW_C, "C89"},
    {"xen_mk_uint", CW_XEN, "xen.h"},
    {"xen_mk_ullong", CW_XEN, "xen.h"},
    {"xen_mk_ulong", CW_XEN, "xen.h"},
    {"xor", CW_ALT, "^"},
    {"xor_eq", CW_ALT, "^="},
};

static int cword_compare(const void *key, const void *elem)
{
    return strcmp(key, ((const struct cword *)elem)->word);
}

const struct cword *cword_lookup(const char *name)
{
    return bsearch(name, words, ARRAY_SIZE(words), sizeof(words[0]), cword_compare);
}

const struct cword *cword_at(size_t i)
{
    return i < ARRAY_SIZE(words) ? &words[i] : NULL;
}

size_t cword_count(void)
{
    return ARRAY_SIZE(words);
}

static bool is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static bool has_prefix(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/*
 * C11 7.1.3 reserves every name that begins with '__' or with '_' and an
 * uppercase letter, for any use, and at file scope every name that begins
 * with '_'. Members get one exception, because Xen's own arm header has a
 * member __unused_sp_hyp: what breaks a member is a macro or a compiler
 * keyword of its name, and those are spelt in uppercase after the '__'
 * (__STDC__, __XEN__), end in '__' (__i386__, __attribute__), begin with
 * one of the compilers' families of builtins (__builtin_, __is_) or are
 * listed in the table (__cplusplus, __int128). A member may begin with
 * '__' and a lowercase letter otherwise.
 */
static const char *reserved_problem(const char *name, enum c_scope scope)
{
    if (name[0] != '_')
        return NULL;
    if (name[1] == '_') {
        if (scope != C_SCOPE_MEMBER)
            return "begins with '__', which C reserves to the implementation (C11 7.1.3)";
        static const char *const families[] = {"__builtin_", "__is_", "__has_", "__sync_", "__atomic_"};
        bool compilers = !(name[2] >= 'a' && name[2] <= 'z');
        size_t n = strlen(name);
        compilers = compilers || (n >= 4 && name[n - 1] == '_' && name[n - 2] == '_');
        for (size_t i = 0; !compilers && i < ARRAY_SIZE(families); i++)
            compilers = has_prefix(name, families[i]);
        if (compilers)
            return "begins with '__', which C reserves to the implementation (C11 7.1.3), and is "
                   "spelt like the compilers' own words; a member may begin with '__' only in "
                   "lowercase, as Xen's __unused_sp_hyp does";
        return NULL;
    }
    if (is_upper(name[1]))
        return "begins with '_' and an uppercase letter, which C reserves to the implementation (C11 7.1.3)";
    if (scope == C_SCOPE_FILE || scope == C_SCOPE_PREFIX)
        return "begins with '_', which C reserves for names at file scope (C11 7.1.3)";
    return NULL;
}

static const char *word_problem(struct arena *a, const struct cword *w)
{
    switch (w->kind) {
    case CW_C:
        return arena_printf(a, "is a keyword of C since %s", w->detail);
    case CW_CXX:
        return arena_printf(a, "is a keyword of C++ since %s, and the headers are compiled as C++ too",
                            w->detail);
    case CW_ALT:
        return arena_printf(a, "is C++'s alternative spelling of '%s', and the headers are compiled as C++ too",
                            w->detail);
    case CW_PP:
        return arena_printf(a, "is a word of the preprocessor since %s", w->detail);
    case CW_GNU:
        return arena_printf(a, "is a keyword of %s", w->detail);
    case CW_PREDEF:
        return arena_printf(a, "is a macro that %s", w->detail);
    case CW_LIBRARY:
        return arena_printf(a, "is a name of %s, which the generated headers rely on", w->detail);
    case CW_XEN:
        return arena_printf(a, "is a macro of Xen's %s that the generated headers use", w->detail);
    case CW_KERNEL:
        return arena_printf(a, "is a macro of %s own headers, which the generated headers are included beside",
                            w->detail);
    }
    return NULL;
}

static const char *problem_of(struct arena *a, const char *name, enum c_scope scope, const struct cword **w)
{
    *w = NULL;
    const char *why = reserved_problem(name, scope);
    if (why)
        return why;
    /* regc's outputs name their own helpers so (REGC_LAYOUT_CHECK,
     * regc_compat_ulong_t): a file-scope name of the spec's could be one */
    if (scope == C_SCOPE_FILE || scope == C_SCOPE_PREFIX) {
        if (has_prefix(name, "REGC_"))
            return "begins with 'REGC_', which regc keeps for its outputs' own macros";
        if (has_prefix(name, "regc_"))
            return "begins with 'regc_', which regc keeps for its outputs' own names";
    }
    /* a leading part is never a whole name: int_get_a() is fine */
    if (scope == C_SCOPE_PREFIX)
        return NULL;
    *w = cword_lookup(name);
    return *w ? word_problem(a, *w) : NULL;
}

const char *c_name_problem(struct arena *a, const char *name, enum c_scope scope, const char **suggest)
{
    *suggest = NULL;
    const struct cword *w;
    const char *why = problem_of(a, name, scope, &w);
    if (!why || (w && (w->kind == CW_LIBRARY || w->kind == CW_XEN)) || has_prefix(name, "REGC_") ||
        has_prefix(name, "regc_"))
        return why; /* a library's or regc's name suggests nothing: the author's own will do */
    /* __XEN_TOOLS__ as XEN_TOOLS, _Bool as Bool, int as int_ */
    const char *s = name + strspn(name, "_");
    size_t n = strlen(s);
    if (s != name)
        while (n && s[n - 1] == '_')
            n--;
    if (!n)
        return why;
    const struct cword *w2;
    const char *candidate = arena_printf(a, "%.*s", (int)n, s);
    if (problem_of(a, candidate, scope, &w2))
        candidate = arena_printf(a, "%s_", candidate);
    if (!problem_of(a, candidate, scope, &w2))
        *suggest = candidate;
    return why;
}
