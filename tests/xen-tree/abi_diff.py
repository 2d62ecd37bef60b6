#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The ABI of one Xen tree's public headers against another's.

Usage: abi_diff.py [--table [--reasons README] | --check README] [--full]
                   [--arch A,B] [--view V,W] PRISTINE_XEN OTHER_XEN

For each arch (arm32, arm64, x86_32, x86_64) and view (guest,
guest-ansi, tools, tools-ansi, xen, asm, c++: see VIEWS; x86_32 has no
xen view, see NOT_COMPARED), one translation unit includes every public
header of the tree that compiles in that view (xen.h first; the arch-*.h
files are reached through it, as in Xen's own header checks), and clang
--target= measures:

  header    NAME   whether it is in the tree and compiles in the view
  macro     NAME   every macro the headers define: an integer constant
                   expression's value and C type (asm: its value in #if,
                   and whether it is spelt with a C suffix, U or L),
                   any other object-like macro's full expansion, a
                   function-like macro's full expansion applied to its
                   own parameter names
  enumerator NAME  value and C type
  record    TAG    every struct and union tag: size and alignment
  member    TAG.M  every member (of anonymous members too): offset (bit
                   range for bit-fields), canonical type, size
  typedef   NAME   canonical type, size and alignment; the members of
                   an anonymous struct or union it names

and prints each difference as 'ARCH VIEW KIND NAME: PRISTINE -> OTHER',
and on stderr how many items of each kind it compared per arch and view.
Exit status 0 when there is no difference, 1 when there are, 2 on errors.
The units run ABI_DIFF_JOBS at a time (default: one per CPU).

--full shows long expansions in full, not as their definition and a
digest. --table prints the differences as rows of the README's table,
grouped over arches and views, with an empty reason column or, with
--reasons README, the reason of README's rows that list the same.
--check README compares the differences with that table (the one after
"### Differences from Xen 4.22.0's ABI"): it fails (1) on a difference
the table does not list and on a row that no longer occurs.
"""
import bisect
import concurrent.futures
import hashlib
import os
import re
import subprocess
import sys
import tempfile

ARCHES = {
    "arm32": "armv7a-none-eabi",
    "arm64": "aarch64-none-elf",
    "x86_32": "i386-none-elf",
    "x86_64": "x86_64-none-elf",
}
# view -> (language, flags). guest-ansi is Xen's headers.chk, c++ its
# headers++.chk; asm is what the hypervisor's .S files see
# (assembler-with-cpp defines __ASSEMBLER__, which the headers test).
VIEWS = {
    "guest": ("c", ["-std=gnu11"]),
    "guest-ansi": ("c", ["-ansi"]),
    "tools": ("c", ["-std=gnu11", "-D__XEN_TOOLS__"]),
    "tools-ansi": ("c", ["-ansi", "-D__XEN_TOOLS__"]),
    "xen": ("c", ["-std=gnu11", "-D__XEN__"]),
    "asm": ("asm", ["-D__XEN__"]),
    "c++": ("c++", ["-std=gnu++98", "-D__XEN_TOOLS__"]),
}
# The hypervisor is 64-bit only: under __XEN__ with an i386 target, the
# x86 headers emit markers for Xen's compat-header generator, not C.
NOT_COMPARED = {("x86_32", "xen")}
LANG_FLAGS = {
    "c": ["-x", "c"],
    "c++": ["-x", "c++"],
    "asm": ["-x", "assembler-with-cpp"],
}
KINDS = ["header", "macro", "enumerator", "record", "member", "typedef"]
TABLE_HEAD = "| arch | view | kind | name | Xen 4.22.0 | regc | reason |"
ABSENT = "(absent)"


class Failure(Exception):
    def __str__(self):
        lines = Exception.__str__(self).splitlines()
        return "\n".join(lines[:30] + (["..."] if len(lines) > 30 else []))


def run(lang, cmd, src):
    """Runs cmd on the text src, a file of language lang; returns
    (status, stdout, stderr), where the file is named 'probe'."""
    with tempfile.TemporaryDirectory(prefix="abi-diff-") as d:
        path = os.path.join(d, "probe." + {"c": "c", "c++": "cc", "asm": "S"}[lang])
        with open(path, "w") as f:
            f.write(src)
        p = subprocess.run(cmd + [path], capture_output=True, text=True)
        return p.returncode, p.stdout, p.stderr.replace(path, "probe")


TOKEN = re.compile(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'|[A-Za-z_]\w*|\.?[0-9](?:[eEpP][-+]|[\w.])*|'
                   r'->|<<=|>>=|\.\.\.|<<|>>|<=|>=|==|!=|&&|\|\||\+\+|--|##|[-+*/%&|^]=|\S')
C_SUFFIX = re.compile(r"^(?:0[xX][0-9a-fA-F]+|[0-9]+)[uUlL]+$")
FULL = False  # --full: expansions are never cut short
ANON = re.compile(r"\((?:unnamed|anonymous)(?: (?:struct|union|enum))? at [^)]*\)")
HEX = re.compile(r"^0[xX]0*([0-9a-fA-F]+?)([uUlL]*)$")


def normalize(text):
    """Tokens separated by one space; a hexadecimal literal without its
    leading zeros, in lower case, with its suffix in upper case (the
    same value and type)."""
    out = []
    for tok in TOKEN.findall(text):
        m = HEX.match(tok)
        if m:
            tok = "0x" + m.group(1).lower() + m.group(2).upper()
        out.append(tok)
    return " ".join(out)


def shorten(expansion, written):
    """An expansion as it is shown: itself when short, else the macro's
    definition as written, cut short, and a digest of the expansion."""
    if len(expansion) <= 72 or FULL:
        return expansion
    written = normalize(written)
    if len(written) > 48:
        written = written[:48] + " ..."
    return "%s [expansion %s]" % (written, hashlib.sha1(expansion.encode()).hexdigest()[:10])


class Unit:
    """One tree's translation unit in one arch and view."""

    def __init__(self, tree, arch, view, headers):
        self.tree = tree
        self.arch = arch
        self.view = view
        self.lang, defs = VIEWS[view]
        self.headers = headers
        self.base = ["clang", "--target=" + ARCHES[arch],
                     "-ffreestanding", "-w"] + LANG_FLAGS[self.lang] + defs + [
                     "-I", os.path.join(tree, "xen", "include")]
        if self.lang != "asm":
            self.base += ["-include", "stdint.h"]

    def source(self, headers=None, tail=""):
        hs = self.headers if headers is None else headers
        return "".join('#include "%s"\n' % h for h in hs) + tail

    def clang(self, flags, src):
        return run(self.lang, self.base + flags, src)


# --- which headers compile --------------------------------------------------

def public_headers(tree, arch):
    """Every public header of tree, for arch, as Xen's header checks list
    them: the arch-*.h files are reached through xen.h only."""
    root = os.path.join(tree, "xen", "include")
    pub = os.path.join(root, "public")
    other = "arch-x86" if arch.startswith("arm") else "arch-arm"
    found = []
    for d, dirs, files in os.walk(pub):
        dirs.sort()
        rel = os.path.relpath(d, root)
        for f in sorted(files):
            if not f.endswith(".h"):
                continue
            r = os.path.join(rel, f)
            parts = r.split(os.sep)
            if len(parts) == 2 and f.startswith("arch-"):
                continue
            if parts[1] in ("arch-ppc", "arch-riscv", other):
                continue
            if parts[1] == "arch-x86" and len(parts) == 3 and f.startswith("xen"):
                continue  # arch-x86/xen*.h: through xen.h
            found.append(r)
    found.sort(key=lambda r: (r != "public/xen.h", r))
    return found


INCLUDED_FROM = re.compile(r"^In file included from probe:(\d+):")
PROBE_LINE = re.compile(r"^probe:(\d+):\d+: (error|note|warning)")


def error_lines(stderr):
    """The probe's lines that clang's errors name: where an error is,
    where the macro it is in was expanded, or where the header it is in
    was included. Raises when an error names no line of the probe."""
    groups = []
    pending = []
    last_stack = []  # clang prints a header's stack once for a run of errors in it
    for line in stderr.splitlines():
        if line.startswith("In file included from"):
            pending.append(line)
        elif re.search(r": (fatal )?error: ", line):
            if pending:
                last_stack = pending
            elif not PROBE_LINE.match(line):
                pending = last_stack
            groups.append(pending + [line])
            pending = []
        elif groups:
            groups[-1].append(line)
    result = set()
    for g in groups:
        # the error's own line, else the include, else a note's line
        found = set()
        for pattern in (PROBE_LINE, INCLUDED_FROM):
            for x in g:
                m = pattern.match(x) if re.search(r"error: |^In file", x) else None
                if m:
                    found.add(int(m.group(1)))
            if found:
                break
        for x in g if not found else []:
            m = PROBE_LINE.match(x)
            if m:
                found.add(int(m.group(1)))
        if not found:
            raise Failure("an error names no line of the probe:\n" + "\n".join(g))
        result |= found
    return result


def compiling_headers(unit, candidates):
    """The candidates that compile together in unit (those whose own
    errors are left out, the rest kept in order), and those left out."""
    kept = list(candidates)
    dropped = []
    flag = ["-E"] if unit.lang == "asm" else ["-fsyntax-only"]
    for _ in range(len(candidates) + 1):
        status, _, err = unit.clang(flag + ["-ferror-limit=0"], unit.source(kept))
        if status == 0:
            return kept, dropped
        bad = {kept[n - 1] for n in error_lines(err) if 0 < n <= len(kept)}
        if not bad:
            raise Failure("%s %s: clang fails:\n%s" % (unit.arch, unit.view, err))
        dropped += [h for h in kept if h in bad]
        kept = [h for h in kept if h not in bad]
    raise Failure("no set of headers compiles")


# --- what a unit defines ----------------------------------------------------

DEFINE = re.compile(r"^#define ([A-Za-z_]\w*)(\([^)]*\))? ?(.*)$")


def macro_defs(unit, headers=None):
    status, out, err = unit.clang(["-E", "-dM"], unit.source(headers))
    if status:
        raise Failure("%s %s: -dM fails:\n%s" % (unit.arch, unit.view, err))
    defs = {}
    for line in out.splitlines():
        m = DEFINE.match(line)
        if m:
            defs[m.group(1)] = (m.group(2), m.group(3))
    return defs


def expansions(unit, macros):
    """name -> normalized full expansion (function-like: applied to its
    parameter names)."""
    tail = []
    for i, (name, (params, _)) in enumerate(macros):
        if params is None:
            tail.append('"abi:%d" %s\n' % (i, name))
        else:
            args = [p.strip() for p in params[1:-1].split(",") if p.strip()]
            args = ["va_args" if a == "..." else a for a in args]
            tail.append('"abi:%d" %s(%s)\n' % (i, name, ", ".join(args)))
    status, out, err = unit.clang(["-E", "-P"], unit.source(tail="".join(tail)))
    if status:
        raise Failure("%s %s: expanding macros fails:\n%s" % (unit.arch, unit.view, err))
    result = {}
    for line in out.splitlines():
        m = re.match(r'^"abi:(\d+)" ?(.*)$', line)
        if m:
            name, (params, _) = macros[int(m.group(1))]
            text = shorten(normalize(m.group(2)), macros[int(m.group(1))][1][1])
            result[name] = ("%s = %s" % (params, text)) if params else ("= " + text if text else "(empty)")
    return result


C_TYPES = ["char", "signed char", "unsigned char", "short", "unsigned short", "int",
           "unsigned int", "long", "unsigned long", "long long", "unsigned long long"]
TYPES = {"c": ["_Bool"] + C_TYPES, "c++": ["bool", "wchar_t"] + C_TYPES}


def type_probe(lang):
    return ("#define ABI_T(x) _Generic((x), %s, default: 0)\n"
            % ", ".join("%s: %d" % (t, i + 1) for i, t in enumerate(TYPES[lang])))


IR_CONST = re.compile(r"^@(?:_ZL\d+)?abi_v(\d+) = internal constant \[3 x i64\] (zeroinitializer|\[(.*)\])")


def constants(unit, prelude, exprs):
    """Evaluates, after the headers and prelude (one line each), the
    triples of integer constant expressions exprs[key]; returns key ->
    (a, b, c) for those that compile (a in 0..2**64-1)."""
    todo = list(exprs)
    first = len(unit.headers) + prelude.count("\n") + 1
    for _ in range(20):
        tail = prelude + "".join(
            "__attribute__((used)) static const unsigned long long abi_v%d[3] = {%s};\n"
            % (i, ", ".join(exprs[k])) for i, k in enumerate(todo))
        status, out, err = unit.clang(["-S", "-emit-llvm", "-o", "-", "-ferror-limit=0"],
                                      unit.source(tail=tail))
        if status == 0:
            break
        bad = {n - first for n in error_lines(err)}
        if not bad or min(bad) < 0:
            raise Failure("%s %s: a probe fails:\n%s" % (unit.arch, unit.view, err))
        todo = [k for i, k in enumerate(todo) if i not in bad]
    else:
        raise Failure("%s %s: probes do not converge" % (unit.arch, unit.view))
    result = {}
    for line in out.splitlines():
        m = IR_CONST.match(line)
        if m:
            vals = (0, 0, 0) if m.group(2) == "zeroinitializer" else \
                tuple(int(x.split()[1]) & ((1 << 64) - 1) for x in m.group(3).split(","))
            result[todo[int(m.group(1))]] = vals
    return result


def integer_values(unit, names, other=None):
    """name -> 'VALUE TYPE' for the names that are integer constant
    expressions (C and C++); those of another type (not an integer: an
    enum in C++) have the type other, or are left out."""
    probes = {n: ("(unsigned long long)(%s)" % n, "ABI_T(%s)" % n, "(%s) < 0" % n) for n in names}
    got = constants(unit, type_probe(unit.lang), probes)
    result = {}
    for n, (v, t, neg) in got.items():
        if t or other:
            result[n] = "%s %s" % (str(v - (1 << 64)) if neg else hex(v),
                                   TYPES[unit.lang][t - 1] if t else other)
    return result


def asm_values(unit, names, exps):
    """name -> 'VALUE' for the names whose expansion #if evaluates, bit
    by bit."""
    chunks = []
    for i, n in enumerate(names):
        chunk = "#if 1 + (%s)\n#endif\n#if ((%s) + 0) < 0\nabi_neg %d\n#endif\n" % (n, n, i)
        chunk += "".join("#if ((((%s) + 0u) >> %d) & 1)\nabi_bit %d %d\n#endif\n" % (n, b, i, b)
                         for b in range(64))
        chunks.append(chunk)
    starts = []
    line = len(unit.headers) + 1
    for c in chunks:
        starts.append(line)
        line += c.count("\n")
    # a macro #if cannot evaluate fails in every line of its chunk
    _, out, err = unit.clang(["-E", "-P", "-ferror-limit=0"], unit.source(tail="".join(chunks)))
    bad = set()
    for n in error_lines(err):
        k = bisect.bisect_right(starts, n) - 1
        if k < 0:
            raise Failure("%s %s: %s" % (unit.arch, unit.view, err))
        bad.add(names[k])
    bits = {}
    neg = set()
    for line in out.splitlines():
        p = line.split()
        if len(p) == 3 and p[0] == "abi_bit":
            i, b = int(p[1]), int(p[2])
            bits[names[i]] = bits.get(names[i], 0) | (1 << b)
        elif len(p) == 2 and p[0] == "abi_neg":
            neg.add(names[int(p[1])])
    result = {}
    for n in names:
        if n in bad:
            continue
        v = bits.get(n, 0)
        result[n] = str(v - (1 << 64)) if n in neg else hex(v)
        if any(C_SUFFIX.match(t) for t in TOKEN.findall(exps[n])):
            result[n] += ", with a C suffix"  # which GNU as does not read
    return result


def is_pp_number_expr(text):
    """True when an expansion has no identifiers (so #if does not read
    one as 0) and no string: an expression of numbers."""
    for tok in TOKEN.findall(text):
        if tok[0] in "\"'" or (tok[0].isalpha() or tok[0] == "_"):
            return False
    return True


TYPEDEF = re.compile(r"^[|`]-TypedefDecl 0x[0-9a-f]+ ([^']*)'")
ENUMERATOR = re.compile(r"^[| `]*-EnumConstantDecl 0x[0-9a-f]+ ([^']*)'")


def declarations(unit, headers=None):
    status, out, err = unit.clang(["-fsyntax-only", "-Xclang", "-ast-dump"], unit.source(headers))
    if status:
        raise Failure("%s %s: -ast-dump fails:\n%s" % (unit.arch, unit.view, err))
    typedefs, enumerators = [], []
    for line in out.splitlines():
        m = TYPEDEF.match(line)
        if m and " implicit " not in m.group(1):
            typedefs.append(m.group(1).split()[-1])
        m = ENUMERATOR.match(line)
        if m:
            enumerators.append(m.group(1).split()[-1])
    return typedefs, enumerators


LAYOUT_LINE = re.compile(r"^ *(\d+)(:\d+-\d+)? \| +(.*)$")


def layouts(unit, typedefs, base_records=frozenset()):
    """key -> value of records, members and typedefs (see the module's
    docstring), and the probes of member sizes."""
    todo = list(typedefs)
    first = len(unit.headers) + 1
    for _ in range(20):
        tail = "".join("struct abi_typedef_%s { %s m; };\n" % (t, t) for t in todo)
        status, out, err = unit.clang(
            ["-fsyntax-only", "-ferror-limit=0", "-Xclang", "-fdump-record-layouts-complete",
             "-Xclang", "-fdump-record-layouts-canonical"], unit.source(tail=tail))
        if status == 0:
            break
        bad = {n - first for n in error_lines(err)}
        if not bad or min(bad) < 0:
            raise Failure("%s %s: layouts fail:\n%s" % (unit.arch, unit.view, err))
        todo = [t for i, t in enumerate(todo) if i not in bad]
    else:
        raise Failure("%s %s: layouts do not converge" % (unit.arch, unit.view))
    result = {}
    access = {}  # member key -> C expression for its sizeof
    for dump in out.split("*** Dumping AST Record Layout")[1:]:
        lines = dump.strip("\n").splitlines()
        m = LAYOUT_LINE.match(lines[0])
        head = ANON.sub("(anonymous)", m.group(3).strip())
        if head.endswith(" (empty)"):  # C++'s note on a class with no data
            head = head[:-len(" (empty)")]
        kind, _, tag = head.partition(" ")
        if "(anonymous)" in tag or head in base_records:
            continue  # inside its parent or typedef; or the compiler's
        tail_text = " ".join(lines)
        size = re.search(r"sizeof=(\d+)", tail_text).group(1)
        align = re.search(r"\balign=(\d+)", tail_text).group(1)
        if tag.startswith("abi_typedef_"):
            name = tag[len("abi_typedef_"):]
            key = ("typedef", name)
            base = "((struct abi_typedef_%s *)0)->" % name
        else:
            key = ("record", head)
            base = "((%s *)0)->" % head
        if key in result and key[0] == "record":
            continue
        members = []
        stack = []  # (depth, path, C access) of the enclosing members
        anon_count = {}
        skip_below = None
        for line in lines[1:]:
            m = LAYOUT_LINE.match(line)
            if not m:
                continue
            after = line.split("|", 1)[1]
            depth = (len(after) - len(after.lstrip(" ")) - 1) // 2
            if skip_below is not None and depth > skip_below:
                continue
            skip_below = None
            text = ANON.sub("(anonymous)", m.group(3).strip())
            if text.endswith(" (empty)"):
                text = text[:-len(" (empty)")]
            if text.endswith(")") or " " not in text:
                mtype, mname = text, ""
            else:
                mtype, mname = text.rsplit(" ", 1)
            while stack and stack[-1][0] >= depth:
                stack.pop()
            parent_path = stack[-1][1] if stack else ""
            parent_access = stack[-1][2] if stack else ""
            if mname:
                path = parent_path + ("." if parent_path else "") + mname
                acc = parent_access + ("." if parent_access else "") + mname
            else:
                n = anon_count.get(parent_path, 0) + 1
                anon_count[parent_path] = n
                path = parent_path + ("." if parent_path else "") + "(anonymous %d)" % n
                acc = parent_access
            stack.append((depth, path, acc))
            offset = m.group(1) + (m.group(2) or "")
            members.append((path, offset, mtype, acc if (mname and not m.group(2)) else None))
            if mtype.startswith(("struct ", "union ")) and "(anonymous)" not in mtype:
                skip_below = depth  # a named record, compared as itself
        if key[0] == "typedef":
            result[key] = "%s, size %s, align %s" % (members[0][2] if members else "?", size, align)
            members = members[1:]
            prefix = "m."
        else:
            result[key] = "size %s, align %s" % (size, align)
            prefix = ""
        for path, offset, mtype, acc in members:
            if prefix and path.startswith(prefix):
                path = path[len(prefix):]
            mkey = ("member", "%s.%s" % (key[1], path))
            result[mkey] = "offset %s, %s" % (offset, mtype)
            if acc and not mtype.endswith("[]"):  # a flexible array has no size
                access[mkey] = "sizeof(%s%s)" % (base, acc)
    return result, access, tail


def member_sizes(unit, access, result, wrappers):
    got = constants(unit, wrappers, {k: (e, "0", "0") for k, e in access.items()})
    for k, (v, _, _) in got.items():
        result[k] += ", size %d" % v


def measure(unit, baseline):
    """(kind, name) -> value for everything unit's headers declare beyond
    the baseline (the compiler's and stdint.h's own)."""
    base_macros, base_typedefs, base_enums, base_records = baseline
    result = {}
    defs = macro_defs(unit)
    macros = sorted((n, d) for n, d in defs.items()
                    if n not in base_macros or base_macros[n] != d)
    exp = expansions(unit, macros)
    objs = [n for n, (p, body) in macros if p is None and body.strip()]
    if unit.lang == "asm":
        values = asm_values(unit, [n for n in objs if is_pp_number_expr(exp[n][2:])], exp)
    else:
        values = integer_values(unit, objs)
    for n, _ in macros:
        result[("macro", n)] = values.get(n, exp.get(n, "?"))
    if unit.lang == "asm":
        return result
    typedefs, enums = declarations(unit)
    enums = [e for e in enums if e not in base_enums]
    for n, v in integer_values(unit, enums, "enum").items():
        result[("enumerator", n)] = v
    lay, access, wrappers = layouts(unit, [t for t in dict.fromkeys(typedefs) if t not in base_typedefs],
                                    base_records)
    member_sizes(unit, access, lay, wrappers)
    result.update(lay)
    return result


def baseline_of(tree, arch, view):
    unit = Unit(tree, arch, view, [])
    macros = macro_defs(unit)
    if unit.lang == "asm":
        return macros, set(), set(), set()
    t, e = declarations(unit)
    records = {k[1] for k in layouts(unit, [])[0] if k[0] == "record"}
    return macros, set(t), set(e), records


def compare(pristine, other, arch, view):
    """The differences in one arch and view: (kind, name, pristine, other)."""
    baseline = baseline_of(pristine, arch, view)
    units = {}
    diffs = []
    cands = {t: public_headers(t, arch) for t in (pristine, other)}
    ok = {}
    for t in (pristine, other):
        ok[t], _ = compiling_headers(Unit(t, arch, view, []), cands[t])
    both = [h for h in ok[pristine] if h in ok[other]]
    for h in sorted(set(cands[pristine]) | set(cands[other])):
        state = [("compiles" if h in ok[t] else "fails") if h in cands[t] else ABSENT
                 for t in (pristine, other)]
        if state[0] != state[1]:
            diffs.append(("header", h, state[0], state[1]))
    # the headers both compile, then those only one tree has
    for t in (pristine, other):
        hs = both + [h for h in ok[t] if h not in cands[pristine if t == other else other]]
        hs, dropped = compiling_headers(Unit(t, arch, view, []), hs)
        if dropped:
            raise Failure("%s %s: %s do not compile together in %s" % (arch, view, dropped, t))
        units[t] = Unit(t, arch, view, hs)
    got = {t: measure(units[t], baseline) for t in (pristine, other)}
    # A header only the other tree has is one difference, its header row:
    # what it alone adds (a new interface, such as arm-regs.h's register
    # fields) is not listed item by item, but counted in the summary.
    new_only = [h for h in units[other].headers if h not in cands[pristine]]
    added = 0
    if new_only:
        rest = [h for h in units[other].headers if h not in new_only]
        without = measure(Unit(other, arch, view, rest), baseline)
        for key in [k for k in got[other] if k not in got[pristine] and k not in without]:
            del got[other][key]
            added += 1
    keys = set(got[pristine]) | set(got[other])
    for key in sorted(keys):
        a = got[pristine].get(key, ABSENT)
        b = got[other].get(key, ABSENT)
        if a != b:
            diffs.append((key[0], key[1], a, b))
    counts = {"header": len(set(units[pristine].headers) | set(units[other].headers))}
    if added:
        counts["added"] = added
    for kind, _ in keys:
        counts[kind] = counts.get(kind, 0) + 1
    return diffs, counts


# --- the README's table -----------------------------------------------------

def cell(text):
    return "`%s`" % text.replace("|", "\\|")


def uncell(text):
    text = text.strip()
    if len(text) >= 2 and text[0] == "`" and text[-1] == "`":
        text = text[1:-1]
    return text.replace("\\|", "|")


def split_row(line):
    cells = re.split(r"(?<!\\)\|", line.strip())
    if cells and cells[0] == "":
        cells = cells[1:]
    if cells and cells[-1] == "":
        cells = cells[:-1]
    return [c.strip() for c in cells]


def table_rows(diffs):
    """Rows (arches, views, kind, name, a, b): a difference seen in every
    arch and view of a group is one row."""
    groups = {}
    for arch, view, kind, name, a, b in diffs:
        groups.setdefault((kind, name, a, b), set()).add((arch, view))
    rows = []
    for (kind, name, a, b), where in groups.items():
        # per arch, its views; arches with the same views share a row,
        # a view an arch does not have (NOT_COMPARED) matching any
        by_arch = {}
        for arch, view in where:
            by_arch.setdefault(arch, set()).add(view)
        shared = []  # [arches, views]
        for arch in sorted(by_arch, key=list(ARCHES).index):
            vs = by_arch[arch]
            for group in shared:
                if all((v in vs) == (v in group[1]) for v in VIEWS
                       if (arch, v) not in NOT_COMPARED and
                       any((other, v) not in NOT_COMPARED for other in group[0])):
                    group[0].append(arch)
                    group[1] |= vs
                    break
            else:
                shared.append([[arch], set(vs)])
        for ars, vs in shared:
            rows.append((ars, sorted(vs, key=list(VIEWS).index), kind, name, a, b))
    rows.sort(key=lambda r: (r[2], r[3], list(ARCHES).index(r[0][0]), r[4], r[5]))
    return rows


def format_row(r, reason=""):
    ars, vs, kind, name, a, b = r
    return "| %s | %s | %s | %s | %s | %s | %s |" % (
        ", ".join(ars), ", ".join(vs), kind, cell(name), cell(a), cell(b), reason)


def read_table(readme):
    """The table after '### Differences from Xen 4.22.0's ABI': the set
    of (arch, view, kind, name, a, b) it lists, and its rows."""
    with open(readme) as f:
        text = f.read()
    start = text.find("\n### Differences from Xen 4.22.0's ABI\n")
    if start < 0:
        raise Failure("%s has no section \"### Differences from Xen 4.22.0's ABI\"" % readme)
    lines = text[start:].splitlines()[2:]
    listed = {}
    in_table = False
    for n, line in enumerate(lines):
        if line.startswith("#"):
            break
        if line.strip() == TABLE_HEAD:
            in_table = True
            continue
        if not in_table:
            continue
        if not line.startswith("|"):
            break
        cells = split_row(line)
        if set("".join(cells)) <= set("-: "):
            continue
        if len(cells) != 7:
            raise Failure("%s: a row of the table has %d cells, not 7: %s" % (readme, len(cells), line))
        ars, vs, kind, name, a, b, reason = cells
        if not reason:
            raise Failure("%s: a row gives no reason: %s" % (readme, line))
        for arch in ars.split(","):
            for view in vs.split(","):
                if (arch.strip(), view.strip()) in NOT_COMPARED:
                    continue
                listed[(arch.strip(), view.strip(), kind, uncell(name), uncell(a), uncell(b))] = line
    if not in_table:
        raise Failure("%s: the section has no table headed %s" % (readme, TABLE_HEAD))
    return listed


def main(argv):
    global FULL
    mode = "list"
    readme = None
    arches = list(ARCHES)
    views = list(VIEWS)
    args = []
    it = iter(argv)
    for a in it:
        if a == "--table":
            mode = "table"
        elif a == "--check":
            mode = "check"
            readme = next(it, None)
        elif a == "--reasons":
            readme = next(it, None)
        elif a == "--full":
            FULL = True
        elif a == "--arch":
            arches = next(it, "").split(",")
        elif a == "--view":
            views = next(it, "").split(",")
        elif a in ("-h", "--help"):
            print(__doc__)
            return 0
        else:
            args.append(a)
    if len(args) != 2 or (mode == "check" and not readme) or \
            not set(arches) <= set(ARCHES) or not set(views) <= set(VIEWS):
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    pristine, other = args
    jobs = [(a, v) for a in arches for v in views if (a, v) not in NOT_COMPARED]
    diffs = []
    try:
        listed = read_table(readme) if readme else {}
        compared = 0
        workers = int(os.environ.get("ABI_DIFF_JOBS", os.cpu_count() or 1))
        with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
            results = pool.map(lambda j: compare(pristine, other, *j), jobs)
            for (arch, view), (ds, counts) in zip(jobs, results):
                diffs += [(arch, view) + d for d in ds]
                added = counts.pop("added", 0)
                compared += sum(counts.values())
                print("# %s %s: %s compared, %d differ%s" % (arch, view, ", ".join(
                    "%d %s%s" % (counts[k], k, "s" if counts[k] != 1 else "")
                    for k in KINDS if k in counts), len(ds),
                    "; %d item%s of headers only the second tree has, counted in their"
                    " header's row" % (added, "s" if added != 1 else "") if added else ""),
                    file=sys.stderr)
    except Failure as e:
        print("abi_diff: error: %s" % e, file=sys.stderr)
        return 2
    if mode == "table":
        print(TABLE_HEAD)
        print("|---|---|---|---|---|---|---|")
        for r in table_rows(diffs):
            # the reason of the README's rows that list all of this one
            reasons = {split_row(listed[(a, v) + r[2:]])[6] if (a, v) + r[2:] in listed else ""
                       for a in r[0] for v in r[1]}
            print(format_row(r, reasons.pop() if len(reasons) == 1 else ""))
        return 1 if diffs else 0
    if mode == "list":
        for d in diffs:
            print("%s %s %s %s: %s -> %s" % d)
        print("abi_diff: %d arch-view pairs, %d items compared, %d differences"
              % (len(jobs), compared, len(diffs)), file=sys.stderr)
        return 1 if diffs else 0
    unlisted = [d for d in diffs if d not in listed]
    seen = set(diffs)
    stale = {}
    for key, line in listed.items():
        if key[0] in arches and key[1] in views and key not in seen:
            stale.setdefault(line, []).append("%s %s" % key[:2])
    for d in unlisted:
        print("not in the README's table: %s %s %s %s: %s -> %s" % d)
    for line, where in sorted(stale.items()):
        covers = sum(1 for key, row in listed.items()
                     if row == line and key[0] in arches and key[1] in views)
        print("listed but not seen%s: %s" % (
            "" if len(where) == covers else " in " + ", ".join(where), line))
    print("abi_diff: %d arch-view pairs, %d items compared, %d differences, %d unlisted, %d stale rows"
          % (len(jobs), compared, len(diffs), len(unlisted), len(stale)))
    return 1 if unlisted or stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
